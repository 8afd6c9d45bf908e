package e2e

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/lab"
)

// TestLabForAClass runs "mailtutor lab --class 3 --record-dir DIR" as an
// instructor would: one student sends a message with a Subject by
// submission, the other fetches it by POP3 and by IMAP, each with the
// mailtutor prompt. Each session is recorded under its student's name,
// without the password; one plays back with "replay"; "lab report" lists
// both students, as a table and as CSV, the third one too with --accounts.
func TestLabForAClass(t *testing.T) {
	needServers(t)
	tmp := t.TempDir()
	classFile, recDir := filepath.Join(tmp, "class.txt"), filepath.Join(tmp, "rec")
	l := startLabBinary(t, "--class", "3", "--class-file", classFile, "--record-dir", recDir, "--dir", filepath.Join(tmp, "mail"))
	users, err := lab.LoadUsers(classFile)
	if err != nil {
		t.Fatalf("the class file: %v", err)
	}
	if info, err := os.Stat(classFile); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the class file's mode: %v %v", info, err)
	}
	pw1, pw2 := users["student01"], users["student02"]
	connect := func(url, script string) {
		t.Helper()
		if res := runMailtutor(t, script, "connect", "--no-color", "--history", "", "--timeout", "10s", url); res.code != 0 {
			t.Fatalf("connect %s: exit status %d", url, res.code)
		}
	}
	connect(l.submission, scriptOf("EHLO pc07.example.test", "AUTH LOGIN", ":b64 student01", ":b64 "+pw1,
		"MAIL FROM:<student01@example.test>", "RCPT TO:<student02@example.test>", "DATA",
		"Subject: homework", "", "Done.", ".", "QUIT"))
	connect(l.pop3, scriptOf("USER student02", "PASS "+pw2, "RETR 1", "QUIT"))
	connect(l.imap, scriptOf("a LOGIN student02 "+pw2, "b SELECT INBOX", "c FETCH 1 BODY.PEEK[]", "d LOGOUT"))

	want := map[string][]string{"student01": {"submission-"}, "student02": {"imap-", "pop3-"}}
	for user, prefixes := range want {
		files := waitRecorded(t, filepath.Join(recDir, user), len(prefixes))
		for i, f := range files {
			if !strings.HasPrefix(filepath.Base(f), prefixes[i]) {
				t.Errorf("%s: recording %s, want %s*", user, f, prefixes[i])
			}
			if info, _ := os.Stat(f); info.Mode().Perm() != 0o600 {
				t.Errorf("%s: mode %v", f, info.Mode().Perm())
			}
			requireFileHasNoSecret(t, f, pw1, pw2)
			loadTranscript(t, f)
		}
	}
	sent := waitRecorded(t, filepath.Join(recDir, "student01"), 1)[0]
	res := runMailtutor(t, "", "replay", "--no-wait", "--no-color", sent)
	if res.code != 0 || !strings.Contains(res.stdout, "235 2.7.0 Authentication successful") {
		t.Fatalf("replay of %s: exit status %d", sent, res.code)
	}
	for _, f := range waitRecorded(t, filepath.Join(recDir, "student02"), 2) {
		playBack(t, f)
	}

	res = runMailtutor(t, "", "lab", "report", recDir, "--lang", "en")
	lines := strings.Split(strings.TrimSpace(res.stdout), "\n")
	if res.code != 0 || len(lines) != 4 || !strings.HasPrefix(lines[1], "student01") || !strings.HasPrefix(lines[2], "student02") {
		t.Fatalf("lab report: exit status %d:\n%s", res.code, res.stdout)
	}
	res = runMailtutor(t, "", "lab", "report", "--csv", "--accounts", classFile, recDir)
	rows, err := csv.NewReader(strings.NewReader(res.stdout)).ReadAll()
	if err != nil || len(rows) != 4 {
		t.Fatalf("lab report --csv: %v\n%s", err, res.stdout)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	checks := []struct {
		row          int
		column, want string
	}{
		{1, "student", "student01"}, {1, "login_smtp", "yes"}, {1, "sent", "1"}, {1, "sent_with_subject", "1"},
		{1, "login_pop3", "no"}, {2, "student", "student02"}, {2, "sessions", "2"}, {2, "login_pop3", "yes"},
		{2, "login_imap", "yes"}, {2, "pop3_fetched", "1"}, {2, "imap_fetched", "1"}, {2, "sent", "0"},
		{3, "student", "student03"}, {3, "sessions", "0"}, {3, "first", ""},
	}
	for _, c := range checks {
		if got := rows[c.row][col[c.column]]; got != c.want {
			t.Errorf("CSV row %d %s = %q, want %q", c.row, c.column, got, c.want)
		}
	}
}

// waitRecorded waits until dir holds n recordings of finished sessions
// (the lab writes the last step once the client has gone) and returns
// them sorted.
func waitRecorded(t *testing.T, dir string, n int) []string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		done := len(files) == n
		for _, f := range files {
			data, _ := os.ReadFile(f)
			done = done && strings.Contains(string(data), "- closed:")
		}
		if done {
			return files
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d finished recordings, want %d: %v", dir, len(files), n, files)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
