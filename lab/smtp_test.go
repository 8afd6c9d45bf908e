package lab

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestSMTPGreetingAndEHLO(t *testing.T) {
	l, _ := startLab(t, nil)
	tests := []struct {
		service string
		tls     bool
		want    []string
	}{
		{"smtp", false, []string{"250-mail.example.test", "250-PIPELINING", "250-SIZE 10485760", "250-VRFY",
			"250-STARTTLS", "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250 SMTPUTF8"}},
		{"submission", false, []string{"250-mail.example.test", "250-PIPELINING", "250-SIZE 10485760", "250-VRFY",
			"250-STARTTLS", "250-AUTH PLAIN LOGIN CRAM-MD5", "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250 SMTPUTF8"}},
		{"smtps", true, []string{"250-mail.example.test", "250-PIPELINING", "250-SIZE 10485760", "250-VRFY",
			"250-AUTH PLAIN LOGIN CRAM-MD5", "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250 SMTPUTF8"}},
	}
	for _, tt := range tests {
		t.Run(tt.service, func(t *testing.T) {
			c := dialRaw(t, addr(t, l, tt.service), nil)
			if tt.tls {
				c = dialRaw(t, addr(t, l, tt.service), clientTLS(t, l))
			}
			c.expect("220 mail.example.test ESMTP mailtutor lab")
			c.send("EHLO client.example")
			if got := c.smtpReply(); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("EHLO reply:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			c.cmd("HELO client.example", "250 mail.example.test")
			c.cmd("QUIT", "221 2.0.0 Bye")
			c.expectClosed()
		})
	}
}

// step is one command of a scripted session and the last line of its reply.
type step struct{ send, want string }

// runSteps plays a script; a multi-line reply is compared on its last line.
func runSteps(t *testing.T, c *rawClient, steps []step) {
	t.Helper()
	for _, s := range steps {
		c.send(s.send)
		reply := c.smtpReply()
		if got := reply[len(reply)-1]; got != s.want {
			t.Fatalf("%q: got %q, want %q", s.send, got, s.want)
		}
	}
}

func TestSMTPReplies(t *testing.T) {
	l, _ := startLab(t, nil)
	const ehlo, ehloOK = "EHLO client.example", "250 SMTPUTF8"
	tests := []struct {
		name    string
		service string
		steps   []step
	}{
		{"MAIL before EHLO", "smtp", []step{{"MAIL FROM:<a@b.test>", "503 5.5.1 Error: send HELO/EHLO first"}}},
		{"RCPT before MAIL", "smtp", []step{{ehlo, ehloOK}, {"RCPT TO:<student@example.test>", "503 5.5.1 Error: need MAIL command"}}},
		{"DATA before MAIL", "smtp", []step{{ehlo, ehloOK}, {"DATA", "503 5.5.1 Error: need RCPT command"}}},
		{"DATA before RCPT", "smtp", []step{{ehlo, ehloOK}, {"MAIL FROM:<a@b.test>", "250 2.1.0 Ok"}, {"DATA", "503 5.5.1 Error: need RCPT command"}}},
		{"DATA with only rejected RCPT", "smtp", []step{{ehlo, ehloOK}, {"MAIL FROM:<a@b.test>", "250 2.1.0 Ok"},
			{"RCPT TO:<nobody@example.test>", "550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown in local recipient table"},
			{"DATA", "554 5.5.1 Error: no valid recipients"}}},
		{"nested MAIL", "smtp", []step{{ehlo, ehloOK}, {"MAIL FROM:<a@b.test>", "250 2.1.0 Ok"}, {"MAIL FROM:<a@b.test>", "503 5.5.1 Error: nested MAIL command"}}},
		{"relay denied", "smtp", []step{{ehlo, ehloOK}, {"MAIL FROM:<a@b.test>", "250 2.1.0 Ok"},
			{"RCPT TO:<x@other.test>", "554 5.7.1 <x@other.test>: Relay access denied"}}},
		{"local recipient accepted", "smtp", []step{{ehlo, ehloOK}, {"mail from: <a@b.test>", "250 2.1.0 Ok"},
			{"RCPT TO:<Student@Example.Test>", "250 2.1.5 Ok"}, {"RCPT TO:teacher", "250 2.1.5 Ok"}, {"RSET", "250 2.0.0 Ok"},
			{"RCPT TO:<student@example.test>", "503 5.5.1 Error: need MAIL command"}}},
		{"HELO resets the transaction", "smtp", []step{{ehlo, ehloOK}, {"MAIL FROM:<>", "250 2.1.0 Ok"}, {"HELO again", "250 mail.example.test"},
			{"RCPT TO:<student@example.test>", "503 5.5.1 Error: need MAIL command"}}},
		{"submission wants AUTH", "submission", []step{{ehlo, ehloOK}, {"MAIL FROM:<student@example.test>", "530 5.7.0 Authentication required"}}},
		{"unknown command", "smtp", []step{{"FOO bar", "500 5.5.2 Error: command not recognized"}, {"", "500 5.5.2 Error: command not recognized"}}},
		{"syntax errors", "smtp", []step{{"EHLO", "501 5.5.4 Syntax: EHLO hostname"}, {"HELO", "501 5.5.4 Syntax: HELO hostname"},
			{ehlo, ehloOK}, {"MAIL TO:<a@b.test>", "501 5.5.4 Syntax: MAIL FROM:<address>"},
			{"MAIL FROM:<a b@c.test>", "501 5.1.7 Bad sender address syntax"}, {"MAIL FROM:<a@b.test", "501 5.1.7 Bad sender address syntax"},
			{"MAIL FROM:<a@b.test>", "250 2.1.0 Ok"}, {"RCPT FROM:<student@example.test>", "501 5.5.4 Syntax: RCPT TO:<address>"},
			{"RCPT TO:<>", "501 5.1.3 Bad recipient address syntax"}}},
		{"more syntax errors", "smtp", []step{{ehlo, ehloOK}, {"MAIL FROM:<a@b.test>", "250 2.1.0 Ok"}, {"DATA now", "501 5.5.4 Syntax: DATA"},
			{"RSET x", "501 5.5.4 Syntax: RSET"}, {"VRFY", "501 5.5.4 Syntax: VRFY address"}, {"STARTTLS x", "501 5.5.4 Syntax: STARTTLS"}}},
		{"MAIL parameters", "smtp", []step{{ehlo, ehloOK},
			{"MAIL FROM:<a@b.test> SIZE=10485761", "552 5.3.4 Message size exceeds fixed limit"},
			{"MAIL FROM:<a@b.test> SIZE=big", "501 5.5.4 Bad message size syntax"},
			{"MAIL FROM:<a@b.test> BODY=BINARYMIME", "501 5.5.4 Bad BODY keyword value"},
			{"MAIL FROM:<a@b.test> FOO=1", "555 5.5.4 Unsupported option: FOO=1"},
			{"MAIL FROM:<学生@b.test>", "553 5.6.7 Must declare SMTPUTF8 to send unicode address"},
			{"MAIL FROM:<学生@b.test> SMTPUTF8 BODY=8BITMIME SIZE=100", "250 2.1.0 Ok"},
			{"RCPT TO:<student@example.test> NOTIFY=NEVER", "555 5.5.4 Unsupported option: NOTIFY=NEVER"}}},
		{"VRFY", "smtp", []step{{"VRFY student", "252 2.0.0 student"}, {"VRFY <teacher@example.test>", "252 2.0.0 teacher@example.test"},
			{"VRFY nobody", "550 5.1.1 <nobody>: Recipient address rejected: User unknown in local recipient table"},
			{"VRFY x@other.test", "252 2.0.0 x@other.test"}}},
		{"NOOP", "smtp", []step{{"NOOP", "250 2.0.0 Ok"}}},
		{"AUTH on the MX", "smtp", []step{{ehlo, ehloOK}, {"AUTH PLAIN", "503 5.5.1 Error: authentication not enabled"}}},
		{"AUTH misuse", "submission", []step{{"AUTH PLAIN", "503 5.5.1 Error: send HELO/EHLO first"}, {ehlo, ehloOK},
			{"AUTH", "501 5.5.4 Syntax: AUTH mechanism"}, {"AUTH GSSAPI", "504 5.5.4 Unrecognized authentication type"},
			{"AUTH PLAIN !!!", "501 5.5.2 Cannot decode response"}, {"AUTH PLAIN AHN0dWRlbnQAd3Jvbmc=", "535 5.7.8 Error: authentication failed: authentication failure"},
			{"AUTH PLAIN AHN0dWRlbnQAc2VjcmV0MTIz", "235 2.7.0 Authentication successful"},
			{"AUTH PLAIN AHN0dWRlbnQAc2VjcmV0MTIz", "503 5.5.1 Error: already authenticated"}}},
		{"AUTH inside a transaction", "submission", []step{{ehlo, ehloOK}, {"AUTH PLAIN AHRlYWNoZXIAdGVhY2g0NTY=", "235 2.7.0 Authentication successful"},
			{"MAIL FROM:<teacher@example.test>", "250 2.1.0 Ok"}, {"AUTH LOGIN", "503 5.5.1 Error: already authenticated"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dialRaw(t, addr(t, l, tt.service), nil)
			c.expect("220 mail.example.test ESMTP mailtutor lab")
			runSteps(t, c, tt.steps)
			c.cmd("QUIT", "221 2.0.0 Bye")
		})
	}
}

func TestSMTPTooManyErrors(t *testing.T) {
	tests := []struct {
		name      string
		maxErrors int
		errorCmd  string
		errorWant string
	}{
		{"default limit, unknown commands", 0, "XYZZY", "500 5.5.2 Error: command not recognized"},
		{"limit 3, sequence errors", 3, "RCPT TO:<student@example.test>", "503 5.5.1 Error: need MAIL command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, logs := startLab(t, func(cfg *Config) { cfg.SMTPHardErrors = tt.maxErrors })
			limit := l.cfg.SMTPHardErrors
			c := dialRaw(t, addr(t, l, "smtp"), nil)
			c.expect("220 mail.example.test ESMTP mailtutor lab")
			for range limit - 1 {
				c.cmd(tt.errorCmd, tt.errorWant)
			}
			c.cmd("NOOP", "250 2.0.0 Ok") // one error short of the limit, still served
			c.cmd(tt.errorCmd, tt.errorWant)
			c.expect("421 4.7.0 mail.example.test Error: too many errors")
			c.expectClosed()
			if !strings.Contains(logs.text(), "too many errors") {
				t.Errorf("log does not mention the disconnection:\n%s", logs.text())
			}
		})
	}
}

func TestSMTPDeliveryWithGoSMTPClient(t *testing.T) {
	l, logs := startLab(t, nil)
	c := smtpClient(t, addr(t, l, "smtp"), nil)
	if err := c.Hello("client.example"); err != nil {
		t.Fatal(err)
	}
	body := []byte("From: a@b.test\r\nTo: student@example.test\r\nSubject: hi\r\n\r\nHello.\r\n")
	if err := c.Mail("a@b.test", nil); err != nil {
		t.Fatal(err)
	}
	// The same mailbox twice, and in another spelling: delivered once.
	for _, rcpt := range []string{"student@example.test", "teacher@example.test", "STUDENT@example.test"} {
		if err := c.Rcpt(rcpt, nil); err != nil {
			t.Fatalf("RCPT %s: %v", rcpt, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(body); err != nil {
		t.Fatal(err)
	}
	resp, err := w.CloseWithResponse()
	if err != nil {
		t.Fatal(err)
	}
	for _, user := range []string{"student", "teacher@example.test"} {
		box := l.Mailbox(user)
		if len(box) != 1 {
			t.Fatalf("%s has %d messages, want 1", user, len(box))
		}
		if withoutTrace(box[0].Data) != string(body) {
			t.Errorf("%s got %q, want %q", user, box[0].Data, body)
		}
		if want := "2.0.0 Ok: queued as " + box[0].ID; resp.StatusText != want {
			t.Errorf("DATA reply %q, want %q", resp.StatusText, want)
		}
	}
	if err := c.Quit(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.text(), "message accepted") {
		t.Errorf("delivery not logged:\n%s", logs.text())
	}
}

func TestSMTPRejectionsWithGoSMTPClient(t *testing.T) {
	l, _ := startLab(t, func(cfg *Config) { cfg.MaxMessageBytes = 1000 })
	c := smtpClient(t, addr(t, l, "smtp"), nil)
	tests := []struct {
		name string
		to   string
		body []byte
		want string
	}{
		{"unknown local user", "nobody@example.test", nil, "550 5.1.1"},
		{"relay", "someone@other.test", nil, "554 5.7.1"},
		{"message too big", "student@example.test", bytes.Repeat([]byte("0123456789\r\n"), 100), "552 5.3.4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := sendMail(c, "a@b.test", []string{tt.to}, tt.body)
			if got := smtpCode(t, err); got != tt.want {
				t.Errorf("got %s (%v), want %s", got, err, tt.want)
			}
			if err := c.Reset(); err != nil {
				t.Fatal(err)
			}
		})
	}
	// The session goes on: a message under the limit passes.
	small := []byte("Subject: small\r\n\r\nfits\r\n")
	if err := sendMail(c, "a@b.test", []string{"student@example.test"}, small); err != nil {
		t.Fatalf("small message: %v", err)
	}
	if box := l.Mailbox("student"); len(box) != 1 || withoutTrace(box[0].Data) != string(small) {
		t.Errorf("mailbox %v, want only the small message", box)
	}
}

func TestSMTPIdleTimeout(t *testing.T) {
	l, _ := startLab(t, func(cfg *Config) { cfg.IdleTimeout = 300 * time.Millisecond })
	c := dialRaw(t, addr(t, l, "smtp"), nil)
	c.expect("220 mail.example.test ESMTP mailtutor lab")
	start := time.Now()
	c.expect("421 4.4.2 mail.example.test Error: timeout exceeded")
	c.expectClosed()
	if waited := time.Since(start); waited < 200*time.Millisecond {
		t.Errorf("closed after %v, before the idle timeout", waited)
	}
}

func TestSMTPLongCommandLine(t *testing.T) {
	l, _ := startLab(t, nil)
	c := dialRaw(t, addr(t, l, "smtp"), nil)
	c.expect("220 mail.example.test ESMTP mailtutor lab")
	c.cmd("NOOP "+strings.Repeat("x", maxCommandLine), "500 5.5.2 Error: line too long")
	c.cmd("NOOP", "250 2.0.0 Ok")
	c.cmd(fmt.Sprintf("HELO %s", strings.Repeat("h", 100)), "250 mail.example.test")
}
