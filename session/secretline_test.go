package session_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/lab/labtest"
	"github.com/mailtutor/mailtutor/session"
)

// A learner who types IMAP's "a1 LOGIN user pass" (or another credential
// form) at an SMTP or POP3 prompt still typed a password: the session
// calls the line secret (so the prompt keeps it out of its history), and
// the recorded transcript never holds it, whatever the server answers.
func TestTypedCredentialsNeverReachTheTranscript(t *testing.T) {
	const pass = "Hunter2-unique"
	lines := []string{
		"a1 LOGIN student " + pass,
		"A1   login   student   " + pass,
		"a1 AUTHENTICATE PLAIN " + pass,
		"PASS " + pass,
		"pass  " + pass,
		"APOP student " + pass,
		"auth plain " + pass,
	}
	l := labtest.Start(t)
	for _, service := range []string{"submission", "pop3"} {
		t.Run(service, func(t *testing.T) {
			svc, _ := l.Service(service)
			c := dial(t, svc.URL, session.Options{CAPEM: l.CertPEM()})
			rec := session.NewRecording(c.s.Target(), c.s.Started(), "mailtutor test", false)
			path := filepath.Join(t.TempDir(), "s.yaml")
			if err := rec.SaveTo(path, false); err != nil {
				t.Fatal(err)
			}
			for _, line := range lines {
				if !c.s.Secret(line) {
					t.Errorf("Secret(%q) = false: the prompt would keep it in its history", line)
				}
				c.do(line, 0)
				if s := c.lastSent(); s.Secret == "" || strings.Contains(s.Redacted, pass) || strings.Contains(s.Display, pass) {
					t.Errorf("%q sent as %+v", line, s)
				}
			}
			c.do("QUIT", 0)
			c.events = append(c.events, waitClosed(t, c.s))
			for _, e := range c.events {
				rec.Observe(e)
			}
			if err := rec.Close(); err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(raw), pass) {
				t.Fatalf("the transcript holds the password:\n%s", raw)
			}
			if n := strings.Count(string(raw), "<redacted>"); n < len(lines) {
				t.Errorf("%d redaction marks for %d secret lines:\n%s", n, len(lines), raw)
			}
		})
	}
}
