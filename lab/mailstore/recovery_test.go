package mailstore

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// write makes a file with content.
func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// exists reports whether path is there.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// TestStaleFilesCleanedAtOpen: a kill -9 can leave a delivery's temporary
// file, an index's temporary file, a message file its index never recorded
// (delivered: adopted) and one its index no longer records (expunged:
// removed). Open mends all four and leaves foreign files alone.
func TestStaleFilesCleanedAtOpen(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	deliver(t, s, "Subject: kept\r\n\r\n", "student")
	deliver(t, s, "Subject: expunged\r\n\r\n", "student")
	if _, err := s.Expunge("student", Inbox, []uint32{2}); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	inbox := filepath.Join(dir, "student", "INBOX")
	stale := []string{filepath.Join(dir, ".tmp", "msg-123"), filepath.Join(inbox, ".index.tmp-99")}
	for _, p := range stale {
		write(t, p, "half")
	}
	write(t, filepath.Join(inbox, "2.eml"), "Subject: expunged\r\n\r\n")  // below UIDNEXT: expunged
	write(t, filepath.Join(inbox, "3.eml"), "Subject: delivered\r\n\r\n") // at UIDNEXT: delivered
	foreign := []string{filepath.Join(inbox, "notes.txt"), filepath.Join(inbox, "007.eml"),
		filepath.Join(dir, "student", "junk", "1.eml"), filepath.Join(dir, ".hidden", "x")}
	for _, p := range foreign {
		write(t, p, "not the store's")
	}

	r := open(t, dir)
	for _, p := range append(stale, filepath.Join(inbox, "2.eml")) {
		if exists(p) {
			t.Errorf("%s is still there", p)
		}
	}
	for _, p := range foreign {
		if !exists(p) {
			t.Errorf("a file the store did not write went: %s", p)
		}
	}
	msgs := list(t, r, "student", Inbox)
	if got := uids(msgs); !slices.Equal(got, []uint32{1, 3}) {
		t.Errorf("UIDs after mending: %v, want [1 3]", got)
	}
	if st := status(t, r, "student", Inbox); st.UIDNext != 4 {
		t.Errorf("UIDNEXT %d, want 4", st.UIDNext)
	}
	if got := names(t, r, "student"); slices.Contains(got, "junk") {
		t.Errorf("a directory without an index became a folder: %v", got)
	}
	if _, err := r.Mailboxes(".hidden"); err == nil {
		t.Error("a hidden directory is a user")
	}
}

// TestLegacyLayoutAdopted: the lab's first store kept <user>/<queue ID>.eml;
// those messages move into INBOX with their queue IDs (POP3 UIDL stays).
func TestLegacyLayoutAdopted(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "student", "18EB64AE29C96DD0.eml"), "Subject: second\r\n\r\n")
	write(t, filepath.Join(dir, "student", "18EB64AE29B6703F.eml"), "Subject: first\r\n\r\n")
	write(t, filepath.Join(dir, "student", ".tmp-18EB64AE29B6703F-123"), "half")
	write(t, filepath.Join(dir, "student", "nothex.eml"), "foreign")
	s := open(t, dir)
	msgs := list(t, s, "student", Inbox)
	if len(msgs) != 2 || msgs[0].ID != "18EB64AE29B6703F" || msgs[1].ID != "18EB64AE29C96DD0" {
		t.Fatalf("adopted: %+v", msgs)
	}
	if got := body(t, s, "student", Inbox, 1); got != "Subject: first\r\n\r\n" {
		t.Errorf("first message: %q", got)
	}
	if exists(filepath.Join(dir, "student", ".tmp-18EB64AE29B6703F-123")) {
		t.Error("the old layout's unfinished delivery is still there")
	}
	if !exists(filepath.Join(dir, "student", "nothex.eml")) {
		t.Error("a foreign file went")
	}
	if got := names(t, s, "student"); len(got) != 4 {
		t.Errorf("folders: %v, want INBOX, Drafts, Sent, Trash", got)
	}
	if id := deliver(t, s, "x", "student"); id <= "18EB64AE29C96DD0" {
		t.Errorf("new queue ID %s does not sort after the adopted ones", id)
	}
}
