package mailstore

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestDefaultFolders(t *testing.T) {
	s := open(t, "")
	boxes, err := s.Mailboxes("student")
	if err != nil {
		t.Fatal(err)
	}
	want := []MailboxInfo{{Inbox, "", true}, {"Drafts", `\Drafts`, true}, {"Sent", `\Sent`, true}, {"Trash", `\Trash`, true}}
	if !slices.Equal(boxes, want) {
		t.Errorf("first login folders:\n%+v\nwant\n%+v", boxes, want)
	}
	if err := s.Delete("student", "Drafts"); err != nil {
		t.Fatal(err)
	}
	if got := names(t, s, "student"); slices.Contains(got, "Drafts") {
		t.Errorf("Drafts came back after its deletion: %v", got)
	}
}

func TestCreateDeleteErrors(t *testing.T) {
	s := open(t, "")
	tests := []struct {
		name string
		op   func() error
		want error
	}{
		{"create existing", func() error { return s.Create("student", "Sent") }, ErrExists},
		{"create inbox any case", func() error { return s.Create("student", "iNbOx") }, ErrExists},
		{"create wildcard", func() error { return s.Create("student", "a*b") }, ErrBadName},
		{"create empty level", func() error { return s.Create("student", "a//b") }, ErrBadName},
		{"create control char", func() error { return s.Create("student", "a\x01") }, ErrBadName},
		{"delete inbox", func() error { return s.Delete("student", "inbox") }, ErrInbox},
		{"delete missing", func() error { return s.Delete("student", "Nope") }, ErrNoMailbox},
		{"rename missing", func() error { return s.Rename("student", "Nope", "X") }, ErrNoMailbox},
		{"rename onto existing", func() error { return s.Rename("student", "Sent", "Trash") }, ErrExists},
		{"rename into itself", func() error { return s.Rename("student", "Sent", "Sent/x") }, ErrBadName},
		{"status missing", func() error { _, err := s.Status("student", "Nope"); return err }, ErrNoMailbox},
		{"subscribe missing", func() error { return s.Subscribe("student", "Nope", true) }, ErrNoMailbox},
		{"bad user", func() error { _, err := s.Mailboxes(".hidden"); return err }, ErrBadName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.op(); !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestCreateRenameSubscribe(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	if err := s.Create("student", "Work/2026/"); err != nil { // trailing "/": a parent to be
		t.Fatal(err)
	}
	if err := s.Subscribe("student", "Work/2026", true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append("student", "Work/2026", stringReader("Subject: a\r\n\r\n"), nil, timeZero); err != nil {
		t.Fatal(err)
	}
	before := status(t, s, "student", "Work/2026")
	if err := s.Rename("student", "Work", "Archive/Old"); err != nil {
		t.Fatal(err)
	}
	want := []string{Inbox, "Archive", "Archive/Old", "Archive/Old/2026", "Drafts", "Sent", "Trash"}
	if got := names(t, s, "student"); !slices.Equal(got, want) {
		t.Errorf("after rename: %v, want %v", got, want)
	}
	if after := status(t, s, "student", "Archive/Old/2026"); after != before {
		t.Errorf("a renamed folder's status changed: %+v, was %+v", after, before)
	}
	boxes, _ := s.Mailboxes("student")
	for _, b := range boxes {
		if wantSub := b.Name == "Archive/Old/2026" || b.SpecialUse != "" || b.Name == Inbox; b.Subscribed != wantSub {
			t.Errorf("%s subscribed = %v, want %v", b.Name, b.Subscribed, wantSub)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r := open(t, dir)
	if got := names(t, r, "student"); !slices.Equal(got, want) {
		t.Errorf("after reopen: %v, want %v", got, want)
	}
	if got := body(t, r, "student", "Archive/Old/2026", 1); got != "Subject: a\r\n\r\n" {
		t.Errorf("renamed message: %q", got)
	}
}

func TestValidityChangesWhenRecreated(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	if err := s.Create("student", "Box"); err != nil {
		t.Fatal(err)
	}
	first := status(t, s, "student", "Box").UIDValidity
	if err := s.Delete("student", "Box"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r := open(t, dir) // the deleted folder is forgotten; the store is not
	if err := r.Create("student", "Box"); err != nil {
		t.Fatal(err)
	}
	if second := status(t, r, "student", "Box").UIDValidity; second <= first {
		t.Errorf("UIDVALIDITY %d after re-creation, was %d: must change (and grow)", second, first)
	}
}

func TestRenameInbox(t *testing.T) {
	s := open(t, "")
	id := deliver(t, s, "Subject: one\r\n\r\n1\r\n", "student")
	deliver(t, s, "Subject: two\r\n\r\n2\r\n", "student")
	validity := status(t, s, "student", Inbox).UIDValidity
	if err := s.Rename("student", "INBOX", "Old mail"); err != nil {
		t.Fatal(err)
	}
	if st := status(t, s, "student", Inbox); st.Messages != 0 || st.UIDNext != 3 || st.UIDValidity != validity {
		t.Errorf("INBOX after RENAME INBOX: %+v, want empty, UIDNEXT 3, same UIDVALIDITY", st)
	}
	moved := list(t, s, "student", "Old mail")
	if len(moved) != 2 || moved[0].ID != id || body(t, s, "student", "Old mail", moved[1].UID) != "Subject: two\r\n\r\n2\r\n" {
		t.Errorf("moved messages: %+v", moved)
	}
	deliver(t, s, "Subject: three\r\n\r\n3\r\n", "student")
	if got := uids(list(t, s, "student", Inbox)); !slices.Equal(got, []uint32{3}) {
		t.Errorf("new mail in INBOX has UIDs %v, want [3]", got)
	}
}

func TestChineseFolderRoundTrips(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	const name = "工作/报告 2026"
	if err := s.Create("student", name); err != nil {
		t.Fatal(err)
	}
	uid, err := s.Append("student", name, stringReader("Subject: 你好\r\n\r\n"), []string{`\seen`}, timeZero)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "student", "工作%2F报告%202026", "1.eml")); err != nil {
		t.Errorf("on disk: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r := open(t, dir)
	if got := names(t, r, "student"); !slices.Contains(got, name) || !slices.Contains(got, "工作") {
		t.Errorf("after reopen: %q", got)
	}
	if msgs := list(t, r, "student", name); len(msgs) != 1 || msgs[0].UID != uid || !slices.Equal(msgs[0].Flags, []string{`\Seen`}) {
		t.Errorf("messages: %+v", msgs)
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"INBOX", "INBOX"}, {"a/b", "a%2Fb"}, {".hidden", "%2Ehidden"}, {"a.b", "a.b"},
		{"100%", "100%25"}, {"草稿", "草稿"}, {`x\y:z`, "x%5Cy%3Az"}, {"a b", "a%20b"},
	}
	for _, tt := range tests {
		if got := escape(tt.in); got != tt.want {
			t.Errorf("escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
