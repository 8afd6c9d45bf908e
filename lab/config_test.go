package lab

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"testing"
)

func TestLoadUsers(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		want    map[string]string
		wantErr bool
	}{
		{"flow map", "users: {alice: pw1, bob: pw2}\n", map[string]string{"alice": "pw1", "bob": "pw2"}, false},
		{"block map", "users:\n  carol: \"with space\"\n  dave.x: '42'\n", map[string]string{"carol": "with space", "dave.x": "42"}, false},
		{"unknown key", "users: {alice: pw1}\nadmins: [alice]\n", nil, true},
		{"bad name", "users: {\"a b\": pw}\n", nil, true},
		{"path in name", "users: {\"../etc\": pw}\n", nil, true},
		{"empty password", "users: {alice: \"\"}\n", nil, true},
		{"no users", "users: {}\n", nil, true},
		{"empty file", "", nil, true},
		{"not yaml", "users: [unclosed\n", nil, true},
		{"duplicate key", "users: {alice: a, alice: b}\n", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "users.yaml")
			if err := os.WriteFile(path, []byte(tt.yaml), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := LoadUsers(path)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("no error, got %v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := LoadUsers(filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Error("missing file: no error")
	}
}

func TestLoadedUsersCanLogIn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users.yaml")
	if err := os.WriteFile(path, []byte("users: {Alice: wonder land}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	users, err := LoadUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	maps.Copy(users, DefaultUsers())
	l, _ := startLab(t, func(cfg *Config) { cfg.Users = users })
	msg := "Subject: for alice\r\n\r\nhi\r\n"
	seed(t, l, "alice", msg)
	// PASS takes the rest of the line: the password has a space.
	c := pop3Login(t, l, "ALICE@example.test", "wonder land")
	runPOP3(t, c, []pop3Step{{"STAT", fmt.Sprintf("+OK 1 %d", boxSize(t, l, "alice")), nil}})
	pop3Login(t, l, "student", "secret123")
}
