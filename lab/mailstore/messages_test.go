package mailstore

import (
	"errors"
	"io"
	"maps"
	"slices"
	"testing"
	"time"
)

func TestFlagsPersist(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	for range 3 {
		deliver(t, s, "Subject: x\r\n\r\n", "student")
	}
	steps := []struct {
		uids  []uint32
		op    FlagOp
		flags []string
		want  map[uint32][]string
	}{
		{[]uint32{1, 2}, FlagsAdd, []string{`\SEEN`, "$Label1", `\Recent`, `\Bogus`},
			map[uint32][]string{1: {`\Seen`, "$Label1"}, 2: {`\Seen`, "$Label1"}}},
		{[]uint32{2, 99}, FlagsAdd, []string{`\Flagged`, "$label1"},
			map[uint32][]string{2: {`\Seen`, `\Flagged`, "$Label1"}}},
		{[]uint32{1}, FlagsRemove, []string{"$LABEL1"}, map[uint32][]string{1: {`\Seen`}}},
		{[]uint32{3}, FlagsSet, []string{`\Deleted`, `\Answered`}, map[uint32][]string{3: {`\Answered`, `\Deleted`}}},
	}
	for i, step := range steps {
		got, err := s.SetFlags("student", Inbox, step.uids, step.op, step.flags)
		if err != nil {
			t.Fatal(err)
		}
		if !equalFlags(got, step.want) {
			t.Errorf("step %d: %v, want %v", i+1, got, step.want)
		}
	}
	if st := status(t, s, "student", Inbox); st.Unseen != 1 || st.Recent != 3 {
		t.Errorf("status %+v, want 1 unseen and 3 recent", st)
	}
	_ = s.Close()
	r := open(t, dir)
	want := [][]string{{`\Seen`}, {`\Seen`, `\Flagged`, "$Label1"}, {`\Answered`, `\Deleted`}}
	for i, m := range list(t, r, "student", Inbox) {
		if !slices.Equal(m.Flags, want[i]) {
			t.Errorf("UID %d after reopen: %v, want %v", m.UID, m.Flags, want[i])
		}
	}
	recent, err := r.ClaimRecent("student", "inbox")
	if err != nil || !slices.Equal(recent, []uint32{1, 2, 3}) {
		t.Errorf("ClaimRecent = %v, %v", recent, err)
	}
	if again, _ := r.ClaimRecent("student", Inbox); again != nil {
		t.Errorf("a second ClaimRecent gave %v", again)
	}
}

// equalFlags compares SetFlags results.
func equalFlags(a, b map[uint32][]string) bool {
	return len(a) == len(b) && !slices.ContainsFunc(slices.Collect(maps.Keys(a)), func(k uint32) bool {
		return !slices.Equal(a[k], b[k])
	})
}

func TestAppendCopyMoveExpunge(t *testing.T) {
	s := open(t, "")
	date := time.Date(2026, 3, 1, 9, 30, 0, 0, time.FixedZone("", 8*3600))
	id := deliver(t, s, "Subject: delivered\r\n\r\n", "student")
	uid, err := s.Append("student", "Drafts", stringReader("Subject: draft\r\n\r\n"), []string{`\Draft`}, date)
	if err != nil || uid != 1 {
		t.Fatalf("Append = %d, %v", uid, err)
	}
	if _, err := s.Append("student", "Nope", stringReader("x"), nil, date); !errors.Is(err, ErrNoMailbox) {
		t.Errorf("Append to a missing folder: %v, want ErrNoMailbox ([TRYCREATE])", err)
	}
	drafts := list(t, s, "student", "Drafts")
	if !drafts[0].Date.Equal(date) || drafts[0].ID != "" || drafts[0].Size != 18 {
		t.Errorf("appended: %+v", drafts[0])
	}

	validity, copied, err := s.Copy("student", Inbox, []uint32{1, 42}, "Drafts")
	if err != nil || validity != status(t, s, "student", "Drafts").UIDValidity || !slices.Equal(copied, []uint32{2, 0}) {
		t.Fatalf("Copy = %d %v %v", validity, copied, err)
	}
	if got := list(t, s, "student", "Drafts")[1]; got.ID != "" || body(t, s, "student", "Drafts", 2) != "Subject: delivered\r\n\r\n" {
		t.Errorf("copy: %+v", got)
	}
	if _, _, err := s.Copy("student", Inbox, []uint32{1}, "Nope"); !errors.Is(err, ErrNoMailbox) {
		t.Errorf("Copy to a missing folder: %v", err)
	}

	_, moved, err := s.Move("student", "Drafts", []uint32{1}, "Trash")
	if err != nil || !slices.Equal(moved, []uint32{1}) {
		t.Fatalf("Move = %v %v", moved, err)
	}
	if got := uids(list(t, s, "student", "Drafts")); !slices.Equal(got, []uint32{2}) {
		t.Errorf("Drafts after the move: %v", got)
	}
	if trash := list(t, s, "student", "Trash"); len(trash) != 1 || !slices.Equal(trash[0].Flags, []string{`\Draft`}) || !trash[0].Date.Equal(date) {
		t.Errorf("moved keeps flags and date: %+v", trash)
	}

	// The original survives the removal of its copy (hard links).
	if _, err := s.SetFlags("student", "Drafts", []uint32{2}, FlagsAdd, []string{`\Deleted`}); err != nil {
		t.Fatal(err)
	}
	gone, err := s.Expunge("student", "Drafts", nil)
	if err != nil || !slices.Equal(gone, []uint32{2}) {
		t.Fatalf("Expunge(nil) = %v %v", gone, err)
	}
	if got := body(t, s, "student", Inbox, 1); got != "Subject: delivered\r\n\r\n" {
		t.Errorf("original after its copy was expunged: %q", got)
	}
	if msgs := list(t, s, "student", Inbox); msgs[0].ID != id {
		t.Errorf("queue ID %q, want %q", msgs[0].ID, id)
	}
	gone, err = s.Expunge("student", Inbox, []uint32{1, 7})
	if err != nil || !slices.Equal(gone, []uint32{1}) {
		t.Errorf("Expunge(uids) = %v %v", gone, err)
	}
	if _, err := s.OpenMessage("student", Inbox, 1); !errors.Is(err, ErrNoMessage) {
		t.Errorf("OpenMessage of an expunged message: %v", err)
	}
}

func TestOpenMessageStreams(t *testing.T) {
	s := open(t, "")
	const text = "Subject: partial\r\n\r\n0123456789\r\n"
	deliver(t, s, text, "student")
	c, err := s.OpenMessage("student", Inbox, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	part := make([]byte, 4)
	if n, err := c.ReadAt(part, 20); n != 4 || err != nil || string(part) != "0123" {
		t.Errorf("ReadAt = %d %v %q", n, err, part)
	}
	// An expunge while it is open does not cut the reader short.
	if _, err := s.Expunge("student", Inbox, []uint32{1}); err != nil {
		t.Fatal(err)
	}
	if all, err := io.ReadAll(c); err != nil || string(all) != text {
		t.Errorf("read after expunge: %q %v", all, err)
	}
}
