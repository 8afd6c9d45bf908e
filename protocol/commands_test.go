package protocol

import (
	"strings"
	"testing"
)

func TestCommandsCatalog(t *testing.T) {
	tests := []struct {
		proto    Protocol
		required []string
		obsolete []string
	}{
		{SMTP, []string{"EHLO", "HELO", "MAIL", "RCPT", "DATA", "RSET", "VRFY", "EXPN", "HELP", "NOOP", "QUIT",
			"SEND", "SOML", "SAML", "TURN", "AUTH", "STARTTLS", "BDAT"}, []string{"SEND", "SOML", "SAML", "TURN"}},
		{POP3, []string{"USER", "PASS", "APOP", "STAT", "UIDL", "LIST", "RETR", "DELE", "RSET", "TOP", "NOOP", "QUIT",
			"CAPA", "STLS", "AUTH"}, nil},
	}
	for _, tt := range tests {
		cmds := Commands(tt.proto)
		byName := map[string]CommandInfo{}
		for _, c := range cmds {
			if _, dup := byName[c.Name]; dup {
				t.Errorf("%s: %s listed twice", tt.proto, c.Name)
			}
			byName[c.Name] = c
			if c.Protocol != tt.proto || c.Meaning == "" || c.State == "" || !strings.HasPrefix(c.RFC, "RFC ") {
				t.Errorf("%s %s is incomplete: %+v", tt.proto, c.Name, c)
			}
			if !strings.HasPrefix(c.Syntax, c.Name) {
				t.Errorf("%s %s: syntax %q does not start with the command", tt.proto, c.Name, c.Syntax)
			}
		}
		for _, name := range tt.required {
			if _, ok := byName[name]; !ok {
				t.Errorf("%s: %s missing from the catalog", tt.proto, name)
			}
		}
		for name, c := range byName {
			want := false
			for _, o := range tt.obsolete {
				want = want || o == name
			}
			if c.Obsolete != want {
				t.Errorf("%s %s: Obsolete = %v, want %v", tt.proto, name, c.Obsolete, want)
			}
		}
		if len(cmds) != len(tt.required) {
			t.Errorf("%s: %d commands, want %d", tt.proto, len(cmds), len(tt.required))
		}
	}
	if Commands("jmap") != nil {
		t.Error("Commands of an unknown protocol is not nil")
	}
}

func TestCommandsTeachingOrder(t *testing.T) {
	order := func(p Protocol, names ...string) {
		t.Helper()
		pos := map[string]int{}
		for i, c := range Commands(p) {
			pos[c.Name] = i
		}
		for i := 1; i < len(names); i++ {
			if pos[names[i-1]] > pos[names[i]] {
				t.Errorf("%s: %s comes after %s", p, names[i-1], names[i])
			}
		}
	}
	order(SMTP, "EHLO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "QUIT", "SEND")
	order(POP3, "USER", "PASS", "STAT", "LIST", "RETR", "DELE", "QUIT")
}

func TestCommandsSyntaxAndSections(t *testing.T) {
	tests := []struct {
		proto       Protocol
		name        string
		syntax, rfc string
	}{
		{SMTP, "MAIL", "MAIL FROM:<reverse-path> [SP <mail-parameters>]", "RFC 5321 4.1.1.2"},
		{SMTP, "RCPT", "RCPT TO:<forward-path> [SP <rcpt-parameters>]", "RFC 5321 4.1.1.3"},
		{SMTP, "QUIT", "QUIT", "RFC 5321 4.1.1.10"},
		{SMTP, "STARTTLS", "STARTTLS", "RFC 3207 4"},
		{SMTP, "BDAT", "BDAT <chunk-size> [SP LAST]", "RFC 3030 2"},
		{POP3, "TOP", "TOP <msg> <n>", "RFC 1939 7"},
		{POP3, "RETR", "RETR <msg>", "RFC 1939 5"},
		{POP3, "CAPA", "CAPA", "RFC 2449 5"},
		{POP3, "STLS", "STLS", "RFC 2595 4"},
		{POP3, "AUTH", "AUTH [<mechanism> [SP <initial-response>]]", "RFC 5034 4"},
	}
	for _, tt := range tests {
		c, ok := LookupCommand(tt.proto, tt.name)
		if !ok || c.Syntax != tt.syntax || c.RFC != tt.rfc {
			t.Errorf("%s %s: %+v, want syntax %q rfc %q", tt.proto, tt.name, c, tt.syntax, tt.rfc)
		}
	}
}

func TestLookupCommand(t *testing.T) {
	tests := []struct {
		proto Protocol
		name  string
		found bool
	}{
		{SMTP, "mail", true},
		{SMTP, " Ehlo ", true},
		{SMTP, "RETR", false},
		{POP3, "retr", true},
		{POP3, "EHLO", false},
		{SMTP, "", false},
		{"jmap", "LOGIN", false},
		{IMAP, "login", true},
		{IMAP, "RETR", false},
	}
	for _, tt := range tests {
		c, ok := LookupCommand(tt.proto, tt.name)
		if ok != tt.found || (ok && !strings.EqualFold(c.Name, strings.TrimSpace(tt.name))) {
			t.Errorf("LookupCommand(%s, %q) = %q, %v; want found %v", tt.proto, tt.name, c.Name, ok, tt.found)
		}
	}
}

// TestCommandTextsMatchCatalog keeps the language tables and the catalog
// in step: no command without words, no words without a command.
func TestCommandTextsMatchCatalog(t *testing.T) {
	for lang, tx := range languages {
		for _, p := range []Protocol{SMTP, POP3} {
			specs := specsFor(p)
			if len(tx.commands[p]) != len(specs) {
				t.Errorf("%s %s: %d texts for %d commands", lang, p, len(tx.commands[p]), len(specs))
			}
			for _, s := range specs {
				if txt := tx.commands[p][s.name]; txt.Meaning == "" || txt.State == "" {
					t.Errorf("%s %s %s has no text", lang, p, s.name)
				}
			}
		}
	}
}
