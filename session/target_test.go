package session

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/protocol"
)

func TestParseURL(t *testing.T) {
	for _, tc := range []struct {
		in       string
		addr     string
		proto    protocol.Protocol
		implicit bool
	}{
		{"smtp://mail.example.test", "mail.example.test:25", protocol.SMTP, false},
		{"submission://mail.example.test", "mail.example.test:587", protocol.SMTP, false},
		{"smtps://mail.example.test", "mail.example.test:465", protocol.SMTP, true},
		{"pop3://10.0.0.1", "10.0.0.1:110", protocol.POP3, false},
		{"pop3s://[::1]", "[::1]:995", protocol.POP3, true},
		{"pop3://[::1]:1110", "[::1]:1110", protocol.POP3, false},
		{"imap://mail.example.test", "mail.example.test:143", protocol.IMAP, false},
		{"imaps://mail.example.test", "mail.example.test:993", protocol.IMAP, true},
		{"SMTP://Mail.Example.Test:2525/", "Mail.Example.Test:2525", protocol.SMTP, false},
		{"127.0.0.1:1025", "127.0.0.1:1025", protocol.SMTP, false},
	} {
		got, err := ParseURL(tc.in)
		if err != nil {
			t.Errorf("ParseURL(%q): %v", tc.in, err)
			continue
		}
		if got.Addr() != tc.addr || got.Protocol != tc.proto || got.ImplicitTLS != tc.implicit {
			t.Errorf("ParseURL(%q) = %+v (addr %s)", tc.in, got, got.Addr())
		}
	}
}

func TestParseURLErrors(t *testing.T) {
	for in, want := range map[string]string{
		"jmap://host":         "unknown scheme",
		"smtp://":             "no host",
		"smtp://host:0":       "bad port",
		"smtp://host:70000":   "bad port",
		"smtp://host:25/path": "only scheme://host[:port]",
		"smtp://user@host":    "only scheme://host[:port]",
		"pop3://host:x":       "bad",
	} {
		_, err := ParseURL(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseURL(%q) error = %v, want it to say %q", in, err, want)
		}
	}
}
