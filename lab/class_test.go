package lab

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestClassUsers(t *testing.T) {
	tests := []struct {
		n           int
		first, last string
	}{
		{1, "student01", "student01"},
		{5, "student01", "student05"},
		{99, "student01", "student99"},
		{120, "student001", "student120"},
	}
	for _, tt := range tests {
		got := ClassUsers(tt.n)
		if len(got) != tt.n || got[0] != tt.first || got[len(got)-1] != tt.last {
			t.Errorf("ClassUsers(%d) = %v…%v", tt.n, got[0], got[len(got)-1])
		}
	}
}

func TestClassPasswordIsReadable(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		p, err := ClassPassword()
		if err != nil {
			t.Fatal(err)
		}
		if len(p) != classPasswordLen || strings.ContainsAny(p, "0O1lIo") {
			t.Fatalf("password %q", p)
		}
		if seen[p] {
			t.Fatalf("password %q twice", p)
		}
		seen[p] = true
	}
}

func TestClassAccountsKeptAndNeverOverwritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "class-accounts.txt")
	users, made, err := ClassAccounts(path, 5)
	if err != nil || !made || len(users) != 5 {
		t.Fatalf("first: %v %v %v", users, made, err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("mode: %v %v", info, err)
	}
	again, made, err := ClassAccounts(path, 5)
	if err != nil || made || again["student03"] != users["student03"] {
		t.Fatalf("again: %v %v %v", again, made, err)
	}
	if loaded, err := LoadUsers(path); err != nil || loaded["student05"] != users["student05"] {
		t.Fatalf("LoadUsers: %v %v", loaded, err)
	}
	before, _ := os.ReadFile(path)
	if _, _, err := ClassAccounts(path, 6); err == nil {
		t.Fatal("a class of 6 reused the file of a class of 5")
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("the class file changed")
	}
	for _, n := range []int{0, -1, MaxClass + 1} {
		if _, _, err := ClassAccounts(filepath.Join(t.TempDir(), "x"), n); err == nil {
			t.Errorf("class of %d accepted", n)
		}
	}
}
