package mailstore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestConcurrentDeliveries(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	const n = 30
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			text := fmt.Sprintf("Subject: %d\r\n\r\nbody\r\n", i)
			id, err := s.Deliver([]string{"student", "teacher", "student"}, strings.NewReader(text))
			if err != nil {
				t.Error(err)
			}
			ids[i] = id
			if _, err := s.List("student", "inbox"); err != nil { // reads race with writes
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for _, user := range []string{"student", "teacher"} {
		msgs := list(t, s, user, Inbox)
		if len(msgs) != n {
			t.Fatalf("%s: %d messages, want %d", user, len(msgs), n)
		}
		if !strictlyIncreasing(uids(msgs)) {
			t.Errorf("%s: UIDs not strictly increasing: %v", user, uids(msgs))
		}
		var got []string
		for _, m := range msgs {
			got = append(got, m.ID)
			if !strings.HasPrefix(body(t, s, user, Inbox, m.UID), "Subject: ") {
				t.Errorf("UID %d: wrong content", m.UID)
			}
		}
		// The queue ID is given when a delivery starts (the Received:
		// header written first names it), so concurrent deliveries may be
		// filed in another order: unique, and each the one Deliver said.
		if len(slices.Compact(slices.Sorted(slices.Values(ids)))) != n || !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(ids))) {
			t.Errorf("%s: queue IDs not unique or not the ones given: %v", user, got)
		}
	}
	if left, _ := os.ReadDir(filepath.Join(dir, ".tmp")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	// One file, linked into both mailboxes.
	a, _ := os.Stat(filepath.Join(dir, "student", "INBOX", "1.eml"))
	if a == nil || !hasLinks(a, 2) {
		t.Errorf("a delivery to two users is not one file with two links")
	}
}

func TestReopenKeepsUIDsAndValidity(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	first := deliver(t, s, "Subject: 1\r\n\r\none\r\n", "student")
	deliver(t, s, "Subject: 2\r\n\r\ntwo\r\n", "student")
	if _, err := s.Expunge("student", Inbox, []uint32{2}); err != nil {
		t.Fatal(err)
	}
	before := status(t, s, "student", Inbox)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	r := open(t, dir)
	after := status(t, r, "student", Inbox)
	if after != before {
		t.Fatalf("status changed across reopen: %+v, was %+v", after, before)
	}
	if after.UIDNext != 3 || after.Messages != 1 {
		t.Errorf("status %+v, want UIDNext 3 and 1 message", after)
	}
	next := deliver(t, r, "Subject: 3\r\n\r\nthree\r\n", "student")
	if next <= first {
		t.Errorf("queue ID %s after reopen does not sort after %s", next, first)
	}
	msgs := list(t, r, "student", Inbox)
	if got := uids(msgs); !slices.Equal(got, []uint32{1, 3}) {
		t.Errorf("UIDs after reopen and a delivery: %v, want [1 3] (2 is never given again)", got)
	}
	if msgs[0].ID != first {
		t.Errorf("queue ID %q lost across reopen, want %q", msgs[0].ID, first)
	}
}

func TestDeliveryAbortsOnReadError(t *testing.T) {
	s := open(t, "")
	broken := errors.New("connection lost")
	_, err := s.Deliver([]string{"student"}, &failingReader{data: "Subject: half", err: broken})
	if !errors.Is(err, broken) {
		t.Fatalf("Deliver = %v, want the read error", err)
	}
	if msgs := list(t, s, "student", Inbox); len(msgs) != 0 {
		t.Errorf("a failed delivery left %d messages", len(msgs))
	}
	if left, _ := os.ReadDir(filepath.Join(s.Dir(), ".tmp")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if _, err := s.Deliver(nil, strings.NewReader("x")); err == nil {
		t.Error("a delivery to nobody succeeded")
	}
	if _, err := s.Deliver([]string{"../evil"}, strings.NewReader("x")); !errors.Is(err, ErrBadName) {
		t.Errorf("a bad user name gave %v, want ErrBadName", err)
	}
}

// failingReader returns data, then err.
type failingReader struct {
	data string
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if r.data == "" {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestTemporaryStoreRemovedByClose(t *testing.T) {
	s, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	deliver(t, s, "Subject: x\r\n\r\n", "student")
	dir := s.Dir()
	if _, err := os.Stat(filepath.Join(dir, "student", "INBOX", "1.eml")); err != nil {
		t.Fatalf("the temporary store is not on disk: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("Close left %s (%v)", dir, err)
	}
	kept := t.TempDir()
	s2, err := Open(kept)
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("Close removed a directory it was given: %v", err)
	}
}

func TestLock(t *testing.T) {
	s := open(t, "")
	if !s.Lock("student") || s.Lock("student") {
		t.Fatal("lock: first must succeed, second must fail")
	}
	if !s.Lock("teacher") {
		t.Error("locking one user locked another")
	}
	s.Unlock("student")
	if !s.Lock("student") {
		t.Error("Unlock did not release")
	}
}
