package prompt

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/term"
	"github.com/mailtutor/mailtutor/lab/labtest"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// TestHistoryHoldsNoSecret: at any prompt, the lines that hold a secret
// (IMAP's LOGIN typed at the wrong prompt, PASS, :unb64 of a password)
// reach neither the history file nor the transcript, and the history
// file is private (0600) in a private directory.
func TestHistoryHoldsNoSecret(t *testing.T) {
	for _, service := range []string{"submission", "pop3"} {
		t.Run(service, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "mailtutor")
			history := filepath.Join(dir, "history")
			tm := startTerminal(t, service, history)
			tm.wait("> ")
			for _, line := range []string{":unb64 c2VjcmV0MTIz", "a1 LOGIN student secret123", "NOOP"} {
				tm.keys(line + "\r")
			}
			tm.wait("secret123") // :unb64 shows it, once
			tm.keys("QUIT\r")
			tm.wait("(press Enter to leave)")
			tm.keys("\r")
			tm.end()
			h, err := os.ReadFile(history)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(h), "secret123") || strings.Contains(string(h), "c2VjcmV0MTIz") || !strings.Contains(string(h), "NOOP") {
				t.Errorf("history file: %q", h)
			}
			for path, want := range map[string]os.FileMode{history: 0o600, dir: 0o700} {
				info, err := os.Stat(path)
				if err != nil {
					t.Fatal(err)
				}
				if perm := info.Mode().Perm(); perm != want {
					t.Errorf("%s is %o, want %o", path, perm, want)
				}
			}
		})
	}
}

// TestHistoryFileMadePrivate: a history file an older version left
// readable by all is made private when the prompt opens it.
func TestHistoryFileMadePrivate(t *testing.T) {
	history := filepath.Join(t.TempDir(), "history")
	if err := os.WriteFile(history, []byte("NOOP\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(history, 0o644) // whatever the umask
	ed, err := term.NewEditor(term.Options{Stdin: nopCloser{strings.NewReader("")}, Stdout: &strings.Builder{}, Width: 80, HistoryFile: history})
	if err != nil {
		t.Fatal(err)
	}
	// Read to the end of the input first, as the prompt does: closing a
	// readline instance the instant it was made races with the goroutine
	// it starts (inside chzyer/readline v1.5.1), which no prompt does.
	_, _ = ed.Read()
	ed.Close()
	info, err := os.Stat(history)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("the history file is %o, want 0600", perm)
	}
}

type nopCloser struct{ *strings.Reader }

func (nopCloser) Close() error { return nil }

// TestTranscriptHoldsNoTypedLogin: IMAP's LOGIN typed at an SMTP or POP3
// prompt is redacted in the transcript.
func TestTranscriptHoldsNoTypedLogin(t *testing.T) {
	for _, service := range []string{"submission", "pop3"} {
		l := labtest.Start(t)
		r, _ := runner(t, l, service)
		path := filepath.Join(t.TempDir(), "s.yaml")
		rec := session.NewRecording(r.Session.Target(), r.Session.Started(), "test", false)
		if err := rec.SaveTo(path, false); err != nil {
			t.Fatal(err)
		}
		r.Observers = []Observer{rec}
		r.RunScript(strings.NewReader("a1 LOGIN student secret123\nQUIT\n"))
		rec.Close()
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(raw), "secret123") || !strings.Contains(string(raw), transcript.RedactedPlaceholder) {
			t.Errorf("%s: the transcript:\n%s", service, raw)
		}
	}
}
