package session

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/protocol"
)

func TestGreetingProtocol(t *testing.T) {
	tests := map[string]protocol.Protocol{
		"220 mail.example.test ESMTP": protocol.SMTP,
		"220-first line":              protocol.SMTP,
		"554":                         protocol.SMTP,
		"+OK Dovecot ready.":          protocol.POP3,
		"-ERR busy":                   protocol.POP3,
		"* OK IMAP4rev1":              protocol.IMAP,
		"* PREAUTH ready":             protocol.IMAP,
		"SSH-2.0-OpenSSH_9.6":         "",
		"HTTP/1.1 400 Bad Request":    "",
		"+ go ahead":                  "",
	}
	for line, want := range tests {
		if got := greetingProtocol(line); got != want {
			t.Errorf("greetingProtocol(%q) = %q, want %q", line, got, want)
		}
	}
}

func TestImplicitTLSHint(t *testing.T) {
	tests := []struct {
		url, want string
	}{
		{"smtp://mail.example.test:465", "port 465 is where SMTPS usually listens"},
		{"submission://mail.example.test:465", "try smtps://mail.example.test:465"},
		{"imap://mail.example.test:993", "try imaps://mail.example.test:993"},
		{"pop3://mail.example.test:995", "try pop3s://mail.example.test:995"},
		{"pop3://mail.example.test:2110", "if this port is one, try pop3s://mail.example.test:2110"},
		{"smtps://mail.example.test:465", ""},
	}
	for _, tt := range tests {
		target, err := ParseURL(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		got := implicitTLSHint(target, protocol.English)
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("implicitTLSHint(%s) = %q, want %q", tt.url, got, tt.want)
		}
		if zh := implicitTLSHint(target, protocol.Chinese); tt.want != "" && !strings.Contains(zh, "试试") {
			t.Errorf("Chinese hint for %s: %q", tt.url, zh)
		}
	}
}
