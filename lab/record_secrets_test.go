package lab

import (
	"encoding/base64"
	"os"
	"strings"
	"testing"
)

// TestRecordRedactsEveryCredential logs in by every way the lab offers and
// checks that no recording holds the password, its base64, a SASL
// response or an APOP digest, while the commands themselves are there.
func TestRecordRedactsEveryCredential(t *testing.T) {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	plain := b64("\x00student\x00secret123")
	l, dir := recordedLab(t)
	var digest string
	sessions := []struct {
		service string
		run     func(c *rawClient)
	}{
		{"submission", func(c *rawClient) {
			c.line()
			c.send("EHLO me")
			c.smtpReply()
			c.cmd("AUTH LOGIN", "334 VXNlcm5hbWU6")
			c.cmd(b64("student"), "334 UGFzc3dvcmQ6")
			c.cmd(b64("secret123"), "235 2.7.0 Authentication successful")
		}},
		{"submission", func(c *rawClient) {
			c.line()
			c.send("EHLO me")
			c.smtpReply()
			c.cmd("AUTH PLAIN", "334 ")
			c.cmd(plain, "235 2.7.0 Authentication successful")
		}},
		{"pop3", func(c *rawClient) {
			digest = md5Hex(greetingTimestamp(t, c.line()) + "secret123")
			c.cmd("APOP student "+digest, "+OK Logged in.")
		}},
		{"pop3", func(c *rawClient) {
			c.line()
			c.cmd("AUTH PLAIN "+plain, "+OK Logged in.")
		}},
		{"imap", func(c *rawClient) {
			c.line()
			c.cmd("a LOGIN student {9}", "+ Ready for literal data")
			c.send("secret123")
			if got := c.line(); !strings.HasPrefix(got, "a OK") {
				t.Fatalf("LOGIN with a literal: %q", got)
			}
		}},
		{"imap", func(c *rawClient) {
			c.line()
			c.send("b AUTHENTICATE PLAIN " + plain)
			if got := c.line(); !strings.HasPrefix(got, "b OK") {
				t.Fatalf("AUTHENTICATE: %q", got)
			}
		}},
	}
	for _, s := range sessions {
		c := dialRaw(t, addr(t, l, s.service), nil)
		s.run(c)
		_ = c.conn.Close()
	}
	l.Close()
	paths := recordings(t, dir, "student")
	if len(paths) != len(sessions) {
		t.Fatalf("recordings of student: %d, want %d: %v", len(paths), len(sessions), paths)
	}
	var all strings.Builder
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(data)
	}
	for _, secret := range []string{"secret123", b64("secret123"), plain, digest, b64("student")} {
		if strings.Contains(all.String(), secret) {
			t.Errorf("a recording holds %q:\n%s", secret, all.String())
		}
	}
	for _, cmd := range []string{"AUTH LOGIN", "AUTH PLAIN", "APOP student", "a LOGIN student", "b AUTHENTICATE PLAIN"} {
		if !strings.Contains(all.String(), cmd) {
			t.Errorf("no recording holds the command %q", cmd)
		}
	}
}
