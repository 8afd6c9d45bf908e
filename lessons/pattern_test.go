package lessons

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/codec"
)

func TestPatterns(t *testing.T) {
	acct := Account{User: "student", Password: "secret123", Domain: "example.test"}
	tests := []struct {
		pattern string
		line    string
		want    bool
	}{
		{"EHLO {host}", "EHLO student.example", true},
		{"EHLO {host}", "ehlo   laptop", true},
		{"EHLO {host}", "EHLO [127.0.0.1]", true},
		{"EHLO {host}", "HELO student.example", false},
		{"EHLO {host}", "EHLO", false},
		{"MAIL FROM:<{addr}>", "mail from:<a@b.example>", true},
		{"MAIL FROM:<{addr}>", "MAIL FROM: <a@b.example>", true},
		{"MAIL FROM:<{addr}>", "MAIL FROM:<>", false},
		{"MAIL FROM:<{addr}>", "MAIL FROM:<a@b.example> SIZE=10", false},
		{"RCPT TO:<{local}@{domain}>", "RCPT TO:<nobody@EXAMPLE.test>", true},
		{"RCPT TO:<{local}@{domain}>", "RCPT TO:<nobody@other.test>", false},
		{"RCPT TO:<{me}>", "rcpt to:<Student@example.test>", true},
		{"{b64:user}", codec.B64("student"), true},
		{"{b64:user}", codec.B64("student@example.test"), true},
		{"{b64:user}", strings.ToLower(codec.B64("student")), false},
		{"{b64:pass}", codec.B64("secret123"), true},
		{"{b64:pass}", codec.B64("secret124"), false},
		{"AUTH PLAIN {plain}", "AUTH PLAIN AHN0dWRlbnQAc2VjcmV0MTIz", true}, // RFC 4616 form of \0student\0secret123
		{"AUTH PLAIN {plain}", "AUTH PLAIN " + codec.B64("\x00student\x00wrong"), false},
		{"PASS {pass}", "pass secret123", true},
		{"PASS {pass}", "PASS SECRET123", false},
		{"TOP {n} {n}", "TOP 2 0", true},
		{"TOP {n} {n}", "TOP two 0", false},
		{"Subject: {any}", "Subject:", true},
		{"Subject: =?UTF-8?B?{b64}?=", "Subject: =?UTF-8?B?56ys5LiA?=", true},
		{"Subject: =?UTF-8?B?{b64}?=", "Subject: 第一封", false},
		{"re:(?i)noop|rset", "RSET", true},
		{"re:(?i)noop|rset", "QUIT", false},
	}
	for _, tt := range tests {
		p, err := Compile(tt.pattern, acct)
		if err != nil {
			t.Fatalf("Compile(%q): %v", tt.pattern, err)
		}
		if got := p.Match(tt.line); got != tt.want {
			t.Errorf("%q matching %q = %v, want %v", tt.pattern, tt.line, got, tt.want)
		}
	}
}

func TestPatternErrors(t *testing.T) {
	for _, bad := range []string{"EHLO {nosuch}", "EHLO {host", "re:(", "{b64:other}"} {
		if _, err := Compile(bad, Account{User: "u", Password: "p", Domain: "d"}); err == nil {
			t.Errorf("Compile(%q) accepted a broken pattern", bad)
		}
	}
}

// TestSameCommand: a typed line equal to the model answer passes, the verb
// in any case; a credential must be exact.
func TestSameCommand(t *testing.T) {
	tests := []struct {
		got, want string
		secret    bool
		ok        bool
	}{
		{"quit", "QUIT", false, true},
		{"Mail  From:<a@b>", "MAIL FROM:<a@b>", false, true},
		{"RCPT TO:<a@b>", "MAIL FROM:<a@b>", false, false},
		{"apop student abc", "APOP student abc", true, true},
		{"APOP student ABC", "APOP student abc", true, false},
		{"c3R1ZGVudA==", "c3R1ZGVudA==", true, true},
		{"C3R1ZGVudA==", "c3R1ZGVudA==", true, false},
	}
	for _, tt := range tests {
		if got := sameCommand(tt.got, tt.want, tt.secret); got != tt.ok {
			t.Errorf("sameCommand(%q, %q, %v) = %v, want %v", tt.got, tt.want, tt.secret, got, tt.ok)
		}
	}
}
