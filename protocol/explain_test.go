package protocol

import (
	"errors"
	"strings"
	"testing"
)

// requiredSMTPCodes lists every reply code the RFCs define, with the
// command it answers where the meaning depends on it.
var requiredSMTPCodes = []struct {
	source  string
	command string
	codes   []int
}{
	{"RFC 5321 4.2.3", "NOOP", []int{211, 214, 220, 221, 250, 251, 252, 354, 421, 450, 451, 452, 455, 500, 501, 502, 503, 504, 550, 551, 552, 553, 554, 555}},
	{"RFC 4954 6", "AUTH LOGIN", []int{235, 334, 432, 454, 500, 530, 534, 535, 538}},
	{"RFC 3207 4", "STARTTLS", []int{220, 454, 501, 530}},
	{"RFC 7504", "", []int{521, 556}},
}

// smtpReply builds a well-formed SMTP reply by framing it.
func smtpReply(t *testing.T, command, wire string) *Reply {
	t.Helper()
	var expects []string
	if command != "" {
		expects = []string{command}
	}
	return oneReply(t, SMTP, expects, wire)
}

func TestExplainCoversEveryRequiredSMTPCode(t *testing.T) {
	for _, group := range requiredSMTPCodes {
		for _, code := range group.codes {
			r := &Reply{Protocol: SMTP, Command: group.command, Code: code, Class: Class(code/100) - 1}
			ex := Explain(r)
			if ex.Meaning == "" || strings.Contains(ex.Meaning, "not a standard reply code") {
				t.Errorf("%s: %d to %q has no meaning of its own: %q", group.source, code, group.command, ex.Meaning)
			}
			if !strings.HasPrefix(ex.Class, r.Class.String()+":") {
				t.Errorf("%s: %d: Class = %q", group.source, code, ex.Class)
			}
			if !strings.HasPrefix(ex.RFC, "RFC ") {
				t.Errorf("%s: %d: RFC = %q", group.source, code, ex.RFC)
			}
		}
	}
}

func TestExplainMeaningDependsOnCommand(t *testing.T) {
	tests := []struct {
		command, wire, fragment, rfc string
	}{
		{"", "220 mail.example.test ESMTP\r\n", "greeting", "RFC 5321 4.2.3, 3.1"},
		{"STARTTLS", "220 Ready to start TLS\r\n", "ready to start TLS", "RFC 3207 4"},
		{"QUIT", "221 2.0.0 Bye\r\n", "goodbye", "RFC 5321 4.2.3, RFC 3463 3.1"},
		{"DATA", "354 End data with <CR><LF>.<CR><LF>\r\n", "type the message", "RFC 5321 4.1.1.4"},
		{"AUTH LOGIN", "334 VXNlcm5hbWU6\r\n", "SASL challenge", "RFC 4954 4"},
		{".", "250 2.0.0 Ok: queued as 4F2A1\r\n", "accepted for delivery", "RFC 5321 4.2.3, RFC 3463 3.1"},
		{"RCPT TO:<x@elsewhere.test>", "554 5.7.1 <x@elsewhere.test>: Relay access denied\r\n", "relay", "RFC 5321 4.2.3, RFC 3463 3.8"},
	}
	for _, tt := range tests {
		ex := Explain(smtpReply(t, tt.command, tt.wire))
		if !strings.Contains(ex.Meaning, tt.fragment) || ex.RFC != tt.rfc {
			t.Errorf("%q to %q: meaning %q rfc %q; want %q and %q", tt.wire, tt.command, ex.Meaning, ex.RFC, tt.fragment, tt.rfc)
		}
	}
}

func TestExplainNextSteps(t *testing.T) {
	ehlo := "250-mail.example.test\r\n250-PIPELINING\r\n250-STARTTLS\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"
	cram := "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+" // RFC 2195 2
	tests := []struct {
		name, command, wire string
		next                []string
		decoded             string
	}{
		{"greeting", "", "220 mail.example.test ESMTP\r\n", []string{"EHLO yourname"}, ""},
		{"EHLO", "EHLO c", ehlo, []string{"STARTTLS", "AUTH", "PLAIN LOGIN", "MAIL FROM:<you@example.test>"}, ""},
		{"HELO", "HELO c", "250 mail.example.test\r\n", []string{"MAIL FROM:<you@example.test>", "EHLO"}, ""},
		{"username", "AUTH LOGIN", "334 VXNlcm5hbWU6\r\n", []string{"`:b64 yourname`"}, "Username:"},
		{"password", "AUTH LOGIN", "334 UGFzc3dvcmQ6\r\n", []string{"`:b64 yourpassword`"}, "Password:"},
		{"CRAM-MD5", "AUTH CRAM-MD5", "334 " + cram + "\r\n", []string{"`:cram USER PASS`"}, "<1896.697170952@postoffice.reston.mci.net>"},
		{"PLAIN without initial response", "AUTH PLAIN", "334 \r\n", []string{"{plain:USER PASS}"}, ""},
		{"DATA", "DATA", "354 End data with <CR><LF>.<CR><LF>\r\n", []string{"end it with a line holding only ."}, ""},
		{"STARTTLS", "STARTTLS", "220 2.0.0 Ready to start TLS\r\n", []string{"the TLS handshake follows; once it succeeds (the TLS details below), send EHLO again"}, ""},
		{"logged in", "AUTH PLAIN AHN0dWRlbnQAc2VjcmV0", "235 2.7.0 Authentication successful\r\n", []string{"MAIL FROM:<"}, ""},
		{"closing", "MAIL FROM:<a@b>", "421 4.4.2 mail.example.test Error: timeout exceeded\r\n", []string{"reconnect later"}, ""},
		{"bad sequence", "RCPT TO:<a@b>", "503 5.5.1 Error: need MAIL command\r\n", []string{"MAIL FROM", "RCPT TO", "DATA", "order"}, ""},
		{"auth required", "MAIL FROM:<a@b>", "530 5.7.0 Must issue a STARTTLS command first\r\n", []string{"AUTH", "STARTTLS"}, ""},
		{"bad credentials", "AUTH PLAIN AHN0dWRlbnQAd3Jvbmc=", "535 5.7.8 Error: authentication failed: authentication failure\r\n", []string{"user name and password", "base64"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := Explain(smtpReply(t, tt.command, tt.wire))
			for _, f := range tt.next {
				if !strings.Contains(ex.Next, f) {
					t.Errorf("Next = %q, want it to mention %q", ex.Next, f)
				}
			}
			if ex.Decoded != tt.decoded {
				t.Errorf("Decoded = %q, want %q", ex.Decoded, tt.decoded)
			}
		})
	}
}

func TestExplainEHLOAfterLoginDropsAuth(t *testing.T) {
	f, _ := converse(t, SMTP, []string{"AUTH PLAIN AHN0dWRlbnQAc2VjcmV0"}, "235 2.7.0 ok\r\n")
	f.Expect("EHLO c")
	r := feedWire(t, f, "250-mail.example.test\r\n250 AUTH PLAIN\r\n")
	if next := Explain(r[0]).Next; strings.Contains(next, "AUTH") || !strings.Contains(next, "MAIL FROM") {
		t.Errorf("Next after login = %q", next)
	}
}

func TestExplainEnhancedAndRFC(t *testing.T) {
	ex := Explain(smtpReply(t, "AUTH PLAIN AHN0dWRlbnQAd3Jvbmc=", "535 5.7.8 Error: authentication failed: authentication failure\r\n"))
	if !strings.HasPrefix(ex.Enhanced, "5.7.8 authentication credentials invalid") {
		t.Errorf("Enhanced = %q", ex.Enhanced)
	}
	if ex.RFC != "RFC 4954 6" { // the reply and the enhanced code are both defined there
		t.Errorf("RFC = %q", ex.RFC)
	}
	ex = Explain(smtpReply(t, "RCPT TO:<nobody@example.test>", "550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown\r\n"))
	if ex.Enhanced != "5.1.1 bad destination mailbox address" || ex.RFC != "RFC 5321 4.2.3, RFC 3463 3.2" {
		t.Errorf("Enhanced = %q, RFC = %q", ex.Enhanced, ex.RFC)
	}
}

func TestExplainUnknownAndMalformed(t *testing.T) {
	ex := Explain(smtpReply(t, "NOOP", "259 strange\r\n"))
	if !strings.Contains(ex.Meaning, "not a standard reply code") || !strings.Contains(ex.Meaning, "the mail system") {
		t.Errorf("unknown code: %q", ex.Meaning)
	}
	ex = Explain(smtpReply(t, "NOOP", "hello\r\n"))
	if !strings.HasPrefix(ex.Class, "malformed") || !strings.Contains(ex.Meaning, "three-digit code") || ex.RFC != "RFC 5321 4.2" {
		t.Errorf("malformed SMTP: %+v", ex)
	}
	ex = Explain(oneReply(t, POP3, nil, "hello\r\n"))
	if !strings.Contains(ex.Meaning, "+OK or -ERR") || ex.RFC != "RFC 1939 3" {
		t.Errorf("malformed POP3: %+v", ex)
	}
	if ex := Explain(nil); ex != (Explanation{}) {
		t.Errorf("Explain(nil) = %+v", ex)
	}
}

func TestExplainInUnsupportedLanguage(t *testing.T) {
	_, err := ExplainIn(&Reply{Protocol: SMTP, Code: 250, Class: ClassPositive}, Lang("xx"))
	if !errors.Is(err, ErrUnsupportedLang) {
		t.Fatalf("err = %v, want ErrUnsupportedLang", err)
	}
	if _, err := ExplainIn(&Reply{}, English); err != nil {
		t.Fatalf("English: %v", err)
	}
}

func TestExplainUnknownCodeWithOddSecondDigit(t *testing.T) {
	ex := Explain(smtpReply(t, "NOOP", "299 strange\r\n"))
	if !strings.Contains(ex.Meaning, "not a standard reply code") || !strings.Contains(ex.Meaning, "does not define") {
		t.Errorf("Meaning = %q", ex.Meaning)
	}
}
