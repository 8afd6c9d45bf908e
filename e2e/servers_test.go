package e2e

import (
	"crypto/hmac"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"
)

// TestServersSpeak proves, with the standard library only, that the real
// servers answer as the suite expects: a message sent through submission
// with AUTH LOGIN arrives in the Maildir byte for byte and is fetched and
// deleted over POP3; APOP, POP3S, STLS and STARTTLS work.
func TestServersSpeak(t *testing.T) {
	s := needServers(t)
	token := newToken(t)
	rcpt := s.user + "@example.test"
	msg := testMessage(token, rcpt, rcpt)

	if !t.Run("submission AUTH LOGIN and send", func(t *testing.T) {
		c := dialWire(t, hostPort(t, s.submission), "")
		c.smtp(220, "")
		ehlo := c.smtp(250, "EHLO e2e.example.test")
		for _, ext := range []string{"STARTTLS", "AUTH PLAIN LOGIN CRAM-MD5", "SIZE 10485760"} {
			if !containsLine(ehlo, ext) {
				t.Errorf("EHLO reply does not offer %q:\n%s", ext, ehlo)
			}
		}
		if got := decodeB64(t, c.smtp(334, "AUTH LOGIN")); got != "Username:" {
			t.Errorf("AUTH LOGIN challenge decodes to %q, want Username:", got)
		}
		c.smtp(334, b64(s.user))
		c.smtp(235, b64(s.pass))
		c.smtp(250, "MAIL FROM:<"+rcpt+">")
		c.smtp(250, "RCPT TO:<"+rcpt+">")
		c.smtpData(msg)
		c.smtp(221, "QUIT")
	}) {
		return
	}

	path, data := waitForMessage(t, s.maildir, token)
	removeAfter(t, path)
	requireDelivered(t, data, msg, rcpt)

	t.Run("POP3 USER PASS RETR DELE", func(t *testing.T) {
		c := dialWire(t, hostPort(t, s.pop3), "")
		c.pop3("")
		c.pop3("USER " + s.user)
		c.pop3("PASS " + s.pass)
		n := c.findByToken(token)
		if n == 0 {
			t.Fatalf("no message with %s in the POP3 mailbox", token)
		}
		got := c.pop3Lines("RETR " + strconv.Itoa(n))
		if len(got) < len(msg) || strings.Join(got[len(got)-len(msg):], "\n") != strings.Join(msg, "\n") {
			t.Errorf("RETR does not end with the message as sent:\n%s",
				firstDifference(msg, got[max(0, len(got)-len(msg)):]))
		}
		c.pop3("DELE " + strconv.Itoa(n))
		c.pop3("QUIT")
		requireGone(t, s.maildir, token)
	})

	t.Run("APOP", func(t *testing.T) {
		c := dialWire(t, hostPort(t, s.pop3), "")
		stamp := apopTimestamp(c.pop3(""))
		if stamp == "" {
			t.Fatal("the POP3 greeting has no <timestamp>: APOP is not offered")
		}
		if line := c.pop3Any("APOP " + s.user + " " + apopDigest(stamp, s.pass+"x")); !strings.HasPrefix(line, "-ERR") {
			t.Errorf("APOP with a wrong password: got %q, want -ERR", line)
		}
		c.pop3("APOP " + s.user + " " + apopDigest(stamp, s.pass))
		c.pop3("STAT")
		c.pop3("QUIT")
	})

	t.Run("POP3S", func(t *testing.T) {
		c := dialWire(t, hostPort(t, s.pop3s), s.ca)
		c.pop3("")
		c.pop3("USER " + s.user + "@example.test") // the login with the domain works too
		c.pop3("PASS " + s.pass)
		c.pop3("QUIT")
	})

	t.Run("POP3 STLS", func(t *testing.T) {
		c := dialWire(t, hostPort(t, s.pop3), "")
		c.pop3("")
		if capa := c.pop3Lines("CAPA"); !containsLine(strings.Join(capa, "\n"), "STLS") {
			t.Errorf("CAPA does not list STLS: %q", capa)
		}
		c.pop3("STLS")
		c.startTLS(s.ca)
		c.pop3("USER " + s.user)
		c.pop3("PASS " + s.pass)
		c.pop3("QUIT")
	})

	t.Run("submission STARTTLS and AUTH", func(t *testing.T) {
		for _, mech := range []string{"PLAIN", "CRAM-MD5"} {
			c := dialWire(t, hostPort(t, s.submission), "")
			c.smtp(220, "")
			c.smtp(250, "EHLO e2e.example.test")
			c.smtp(220, "STARTTLS")
			c.startTLS(s.ca)
			c.smtp(250, "EHLO e2e.example.test")
			if mech == "PLAIN" {
				c.smtp(235, "AUTH PLAIN "+b64("\x00"+s.user+"\x00"+s.pass))
			} else {
				challenge := decodeB64(t, c.smtp(334, "AUTH CRAM-MD5"))
				c.smtp(235, b64(s.user+" "+cramMD5(s.pass, challenge)))
			}
			c.smtp(221, "QUIT")
		}
	})
}

// TestServersRefuse checks the servers' policy: an MX that relays nothing
// and wants HELO first, and a submission port that wants AUTH.
func TestServersRefuse(t *testing.T) {
	s := needServers(t)
	type step struct {
		cmd  string
		want int
	}
	tests := []struct {
		name  string
		url   string
		steps []step
	}{
		{"relay to another domain is denied", s.smtp, []step{
			{"EHLO e2e.example.test", 250}, {"MAIL FROM:<someone@other.test>", 250},
			{"RCPT TO:<someone@other.test>", 554}}},
		{"mail for example.test is accepted", s.smtp, []step{
			{"EHLO e2e.example.test", 250}, {"MAIL FROM:<someone@other.test>", 250},
			{"RCPT TO:<" + s.user + "@example.test>", 250}, {"RSET", 250}}},
		{"an unknown user is refused", s.smtp, []step{
			{"EHLO e2e.example.test", 250}, {"MAIL FROM:<someone@other.test>", 250},
			{"RCPT TO:<nobody-e2e@example.test>", 550}}},
		{"MAIL before HELO is refused", s.smtp, []step{{"MAIL FROM:<someone@other.test>", 503}}},
		{"the MX offers no AUTH", s.smtp, []step{{"EHLO e2e.example.test", 250}, {"AUTH LOGIN", 503}}},
		{"submission wants AUTH before RCPT", s.submission, []step{
			{"EHLO e2e.example.test", 250}, {"MAIL FROM:<" + s.user + "@example.test>", 250},
			{"RCPT TO:<" + s.user + "@example.test>", 554}}},
		{"submission refuses a wrong password", s.submission, []step{
			{"EHLO e2e.example.test", 250}, {"AUTH PLAIN " + b64("\x00"+s.user+"\x00wrong"), 535}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dialWire(t, hostPort(t, tt.url), "")
			c.smtp(220, "")
			for _, st := range tt.steps {
				c.smtp(st.want, st.cmd)
			}
			c.smtp(221, "QUIT")
		})
	}
}

// containsLine reports whether one line of a multi-line reply is want.
func containsLine(reply, want string) bool {
	for _, line := range strings.Split(reply, "\n") {
		if strings.TrimSpace(line) == want {
			return true
		}
	}
	return false
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// decodeB64 decodes a SASL challenge.
func decodeB64(t *testing.T, s string) string {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatalf("challenge %q is not base64: %v", s, err)
	}
	return string(b)
}

// cramMD5 is the RFC 2195 response digest: HMAC-MD5 of the challenge
// keyed with the password, in lower-case hex.
func cramMD5(password, challenge string) string {
	mac := hmac.New(md5.New, []byte(password))
	mac.Write([]byte(challenge))
	return hex.EncodeToString(mac.Sum(nil))
}
