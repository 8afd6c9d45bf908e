package lab

import (
	"os"
	"path/filepath"
	"testing"
)

// TestStaleTempFilesCleanedAtStart: a delivery cut by kill -9 between the
// temporary file and its rename leaves a .tmp-* file; the next start
// removes it and loads the messages around it.
func TestStaleTempFilesCleanedAtStart(t *testing.T) {
	dir := t.TempDir()
	s, err := newStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.deliver([]string{"student"}, []byte("Subject: kept\r\n\r\nbody\r\n")); err != nil {
		t.Fatal(err)
	}
	box := filepath.Join(dir, "student")
	stale := filepath.Join(box, ".tmp-18EB64AE29B6703F-123456")
	if err := os.WriteFile(stale, []byte("Subject: half"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(box, "notes.txt") // not the lab's: left alone
	if err := os.WriteFile(other, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	reloaded, err := newStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the stale temporary file is still there (%v)", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("a file the lab did not write was removed: %v", err)
	}
	if n := len(reloaded.messages("student")); n != 1 {
		t.Errorf("%d messages after the restart, want 1", n)
	}
}
