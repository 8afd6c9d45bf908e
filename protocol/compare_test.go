package protocol

import (
	"errors"
	"strings"
	"testing"
)

// replyTo frames the lines of one reply to command with a fresh framer.
func replyTo(t *testing.T, p Protocol, command string, lines ...string) *Reply {
	t.Helper()
	f := NewFramer(p)
	if command != "" {
		f.Expect(command)
	}
	for i, l := range lines {
		if r := f.Feed(l, CRLF); r != nil {
			if i != len(lines)-1 {
				t.Fatalf("%q: a reply ends at line %d", lines, i+1)
			}
			return r
		}
	}
	t.Fatalf("%q is not a complete %s reply", lines, p)
	return nil
}

func TestStatusWord(t *testing.T) {
	tests := []struct {
		p     Protocol
		lines []string
		want  string
	}{
		{SMTP, []string{"250-mail.example.test", "250 8BITMIME"}, "250"},
		{SMTP, []string{"hello"}, ""},
		{POP3, []string{"+OK 2 messages"}, "+OK"},
		{POP3, []string{"-ERR no"}, "-ERR"},
		{POP3, []string{"what"}, ""},
	}
	for _, tt := range tests {
		if got := replyTo(t, tt.p, "NOOP", tt.lines...).StatusWord(); got != tt.want {
			t.Errorf("%q: %q, want %q", tt.lines, got, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		p              Protocol
		command        string
		recorded, live []string
		want           Comparison
	}{
		{SMTP, "NOOP", []string{"250 2.0.0 Ok"}, []string{"250 2.0.0 Ok"}, Comparison{Sameness: Same}},
		{SMTP, ".", []string{"250 2.0.0 Ok: queued as 1A2B"}, []string{"250 2.0.0 Ok: queued as 9F8E"}, Comparison{Sameness: TextDiffers}},
		{SMTP, "MAIL FROM:<a@b>", []string{"250 2.1.0 Ok"}, []string{"530 5.7.0 Authentication required"}, Comparison{Sameness: Different}},
		{SMTP, "RCPT TO:<a@b>", []string{"550 5.1.1 no"}, []string{"554 5.7.1 no"}, Comparison{Sameness: Different}},
		{SMTP, "DATA", []string{"354 go ahead"}, []string{"503 5.5.1 need RCPT"}, Comparison{Sameness: Different, Diverges: true}},
		{SMTP, "NOOP", []string{"250 Ok"}, []string{"334 VXNlcm5hbWU6"}, Comparison{Sameness: Different, Diverges: true}},
		{SMTP, "NOOP", []string{"250 Ok"}, []string{"hello"}, Comparison{Sameness: Different}},
		{POP3, "STAT", []string{"+OK 1 120"}, []string{"+OK 3 999"}, Comparison{Sameness: TextDiffers}},
		{POP3, "USER x", []string{"+OK"}, []string{"-ERR no"}, Comparison{Sameness: Different}},
		{POP3, "AUTH PLAIN", []string{"+ "}, []string{"-ERR no"}, Comparison{Sameness: Different, Diverges: true}},
	}
	for _, tt := range tests {
		rec, live := replyTo(t, tt.p, tt.command, tt.recorded...), replyTo(t, tt.p, tt.command, tt.live...)
		if got := Compare(rec, live); got != tt.want {
			t.Errorf("Compare(%q, %q) = %+v, want %+v", tt.recorded, tt.live, got, tt.want)
		}
	}
	// A reply made by hand, with its class only, compares by that class.
	byHand := &Reply{Protocol: SMTP, Code: 250, Class: ClassPositive, Lines: []string{"250 Ok"}}
	if got := Compare(byHand, replyTo(t, SMTP, "NOOP", "250 Ok")); got.Sameness != Same {
		t.Errorf("a reply made by hand: %+v", got)
	}
}

func TestStatusPattern(t *testing.T) {
	tests := []struct {
		p       Protocol
		pattern string
		tone    Tone
		class   string
		err     string
		matches []string // status lines it names
		misses  []string
	}{
		{p: SMTP, pattern: "250", tone: TonePositive, class: "2xx", matches: []string{"250 Ok"}, misses: []string{"251 Ok", "550 no"}},
		{p: SMTP, pattern: "5xx", tone: TonePermanent, class: "5xx", matches: []string{"550 no", "554 no"}, misses: []string{"450 later"}},
		{p: SMTP, pattern: " 55X ", tone: TonePermanent, class: "5xx", matches: []string{"554 no"}, misses: []string{"530 no"}},
		{p: SMTP, pattern: "354", tone: ToneIntermediate, class: "3xx", matches: []string{"354 go"}},
		{p: SMTP, pattern: "+OK", err: "want a reply code such as 250"},
		{p: SMTP, pattern: "5x0", err: "want a reply code"},
		{p: SMTP, pattern: "650", err: "want a reply code"},
		{p: POP3, pattern: "-err", tone: TonePermanent, class: "-ERR", matches: []string{"-ERR no"}, misses: []string{"+OK"}},
		{p: POP3, pattern: "+", tone: ToneIntermediate, class: "+", misses: []string{"+OK"}},
		{p: POP3, pattern: "250", err: "want +OK, -ERR or +"},
	}
	for _, tt := range tests {
		sp, err := ParseStatusPattern(tt.p, tt.pattern)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s %q: err %v, want %q", tt.p, tt.pattern, err, tt.err)
			}
			continue
		}
		if err != nil || sp.Tone != tt.tone || sp.Class != tt.class {
			t.Errorf("%s %q: %+v, %v; want tone %v class %q", tt.p, tt.pattern, sp, err, tt.tone, tt.class)
			continue
		}
		for _, line := range tt.matches {
			if !sp.Matches(replyTo(t, tt.p, "NOOP", line)) {
				t.Errorf("%q does not match %q", tt.pattern, line)
			}
		}
		for _, line := range tt.misses {
			if sp.Matches(replyTo(t, tt.p, "NOOP", line)) {
				t.Errorf("%q matches %q", tt.pattern, line)
			}
		}
	}
	if _, err := ParseStatusPattern("gopher", "250"); !errors.Is(err, ErrNoStatusPatterns) {
		t.Errorf("an unknown protocol: %v", err)
	}
}

func TestReplyKind(t *testing.T) {
	for _, c := range []struct {
		command, line, want string
	}{
		{"a1 SELECT INBOX", "* 3 EXISTS", "EXISTS"},
		{"a1 SELECT INBOX", "* OK [UIDVALIDITY 1700000000] UIDs valid", "OK [UIDVALIDITY]"},
		{"a1 SELECT INBOX", "* OK [uidnext 4] Predicted next UID", "OK [UIDNEXT]"},
		{"a1 SELECT INBOX", "a1 NO [NONEXISTENT] Mailbox doesn't exist", "NO [NONEXISTENT]"},
		{"a1 LOGIN a b", "a1 OK Logged in", "OK"},
		{"a1 APPEND INBOX {5}", "+ OK", "+"},
	} {
		if got := replyTo(t, IMAP, c.command, c.line).Kind(); got != c.want {
			t.Errorf("%q: kind %q, want %q", c.line, got, c.want)
		}
	}
}
