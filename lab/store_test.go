package lab

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestStoreConcurrentDelivery(t *testing.T) {
	for _, onDisk := range []bool{false, true} {
		t.Run(fmt.Sprintf("disk=%v", onDisk), func(t *testing.T) {
			dir := ""
			if onDisk {
				dir = t.TempDir()
			}
			s, err := newStore(dir)
			if err != nil {
				t.Fatal(err)
			}
			const n = 30
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					data := []byte(fmt.Sprintf("Subject: %d\r\n\r\nbody\r\n", i))
					if _, err := s.deliver([]string{"student", "teacher", "student"}, data); err != nil {
						t.Error(err)
					}
					s.messages("student") // reads race with writes
				})
			}
			wg.Wait()
			for _, user := range []string{"student", "teacher"} {
				box := s.messages(user)
				if len(box) != n {
					t.Fatalf("%s: %d messages, want %d", user, len(box), n)
				}
				for i := 1; i < len(box); i++ {
					if box[i-1].UID >= box[i].UID {
						t.Errorf("%s: UIDs out of order: %s then %s", user, box[i-1].UID, box[i].UID)
					}
				}
			}
			if onDisk {
				leftovers, _ := filepath.Glob(filepath.Join(dir, "*", ".tmp-*"))
				if len(leftovers) != 0 {
					t.Errorf("temporary files left: %v", leftovers)
				}
				reloaded, err := newStore(dir)
				if err != nil {
					t.Fatal(err)
				}
				if a, b := reloaded.messages("teacher"), s.messages("teacher"); fmt.Sprint(a) != fmt.Sprint(b) {
					t.Error("reloaded mailbox differs")
				}
			}
		})
	}
}

func TestStoreIgnoresForeignFiles(t *testing.T) {
	dir := t.TempDir()
	box := filepath.Join(dir, "student")
	if err := os.MkdirAll(box, 0o700); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"notes.txt": "x", ".tmp-0000000000000001-123": "partial", "nothex.eml": "x",
		"00000000000000FF.eml": "Subject: kept\r\n\r\n", "../student.eml": "x",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(box, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, ".hidden"), 0o700); err != nil {
		t.Fatal(err)
	}
	s, err := newStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := s.messages("student")
	if len(got) != 1 || got[0].UID != "00000000000000FF" {
		t.Fatalf("loaded %+v, want only 00000000000000FF", got)
	}
	id, err := s.deliver([]string{"student"}, []byte("new\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if id <= got[0].UID {
		t.Errorf("new ID %s does not sort after the loaded %s", id, got[0].UID)
	}
}

func TestStoreRemoveAndLock(t *testing.T) {
	dir := t.TempDir()
	s, err := newStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range 3 {
		id, err := s.deliver([]string{"student"}, []byte(strings.Repeat("x", i+1)))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := s.remove("student", []string{ids[0], ids[2], "NOSUCHUID"}); err != nil {
		t.Fatal(err)
	}
	box := s.messages("student")
	if len(box) != 1 || box[0].UID != ids[1] || !bytes.Equal(box[0].Data, []byte("xx")) {
		t.Fatalf("after remove: %+v", box)
	}
	if _, err := os.Stat(filepath.Join(dir, "student", ids[0]+".eml")); !os.IsNotExist(err) {
		t.Errorf("removed file still there: %v", err)
	}

	if !s.lock("student") || s.lock("student") {
		t.Fatal("lock: first must succeed, second must fail")
	}
	if !s.lock("teacher") {
		t.Error("locking one mailbox locked another")
	}
	s.unlock("student")
	if !s.lock("student") {
		t.Error("unlock did not release")
	}
}

func TestStoreSnapshotIsACopy(t *testing.T) {
	s, _ := newStore("")
	data := []byte("original\r\n")
	if _, err := s.deliver([]string{"student"}, data); err != nil {
		t.Fatal(err)
	}
	data[0] = 'X'
	snap := s.messages("student")
	snap[0].Data[1] = 'Y'
	if got := s.messages("student")[0].Data; string(got) != "original\r\n" {
		t.Errorf("stored data changed through a caller's slice: %q", got)
	}
}
