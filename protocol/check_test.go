package protocol

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	cmd := State{Input: InputCommand}
	tests := []struct {
		name  string
		proto Protocol
		line  string
		st    State
		want  [][]string // fragments of each warning, in order; nil for none
	}{
		{"MAIL FROM without brackets", SMTP, "MAIL FROM: student@example.test", cmd,
			[][]string{{"angle brackets", "MAIL FROM:<student@example.test>", "RFC 5321 4.1.2"}}},
		{"lower case, with a parameter", SMTP, "mail from:a@example.test SIZE=100", cmd,
			[][]string{{"MAIL FROM:<a@example.test> SIZE=100"}}},
		{"RCPT TO without brackets", SMTP, "RCPT TO:bob@example.test", cmd,
			[][]string{{"RCPT TO:<bob@example.test>"}}},
		{"MAIL FROM right", SMTP, "MAIL FROM:<student@example.test>", cmd, nil},
		{"a space before the bracket is tolerated", SMTP, "MAIL FROM: <student@example.test>", cmd, nil},
		{"the null sender", SMTP, "MAIL FROM:<>", cmd, nil},
		{"MAIL without FROM:", SMTP, "MAIL student@example.test", cmd, [][]string{{"the syntax is MAIL FROM:<address>"}}},
		{"RCPT with nothing after TO:", SMTP, "RCPT TO:", cmd, [][]string{{"RCPT TO:<address>"}}},
		{"a line of 512 octets", SMTP, "NOOP " + strings.Repeat("x", 505), cmd, nil},
		{"a line of 513 octets", SMTP, "NOOP " + strings.Repeat("x", 506), cmd,
			[][]string{{"513 octets", "limit of 512", "RFC 5321 4.5.3.1.4"}}},
		{"too long and no brackets", SMTP, "MAIL FROM:" + strings.Repeat("a", 600), cmd,
			[][]string{{"612 octets"}, {"angle brackets"}}},
		{"a header as a command", SMTP, "Subject: hello", cmd, [][]string{{"Subject:", "message header", "after DATA"}}},
		{"a SASL answer is not checked", SMTP, "MAIL FROM: a@b", State{Input: InputSASL}, nil},
		{"EHLO", SMTP, "EHLO client.example.test", cmd, nil},
		{"a POP3 line of 255 octets", POP3, "NOOP " + strings.Repeat("x", 248), cmd, nil},
		{"a POP3 line of 256 octets", POP3, "NOOP " + strings.Repeat("x", 249), cmd,
			[][]string{{"256 octets", "limit of 255", "RFC 2449 4"}}},
		{"TOP without its line count", POP3, "TOP 1", cmd, [][]string{{"TOP needs more arguments", "TOP <msg> <n>"}}},
		{"RETR without a number", POP3, "retr", cmd, [][]string{{"RETR needs more arguments"}}},
		{"TOP right", POP3, "TOP 1 0", cmd, nil},
		{"LIST alone", POP3, "LIST", cmd, nil},
		{"a header in POP3 is just an unknown command", POP3, "Subject: hello", cmd, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := Lookup(tt.proto)
			got := d.Check(tt.line, tt.st, English)
			if len(got) != len(tt.want) {
				t.Fatalf("Check(%q) = %q, want %d warnings", tt.line, got, len(tt.want))
			}
			for i, frags := range tt.want {
				for _, f := range frags {
					if !strings.Contains(got[i], f) {
						t.Errorf("warning %d = %q, want it to mention %q", i, got[i], f)
					}
				}
			}
			zh := d.Check(tt.line, tt.st, Chinese)
			if len(zh) != len(got) {
				t.Fatalf("Chinese %q, English %q", zh, got)
			}
			for _, w := range zh {
				if !hasHan(w) {
					t.Errorf("Chinese warning %q", w)
				}
			}
		})
	}
}

func TestCheckUnsupportedLanguage(t *testing.T) {
	d, _ := Lookup(SMTP)
	if got := d.Check("MAIL FROM: a@b", State{}, Lang("xx")); got != nil {
		t.Errorf("Check in xx = %q", got)
	}
}

func FuzzCheck(f *testing.F) {
	f.Add("MAIL FROM: a@b", false)
	f.Add("TOP 1", true)
	f.Add("maıl from:x", false)
	f.Add("Subject: x", false)
	f.Fuzz(func(t *testing.T, line string, pop3 bool) {
		p := SMTP
		if pop3 {
			p = POP3
		}
		d, _ := Lookup(p)
		for _, lang := range Langs() {
			for _, w := range d.Check(line, State{}, lang) {
				if w == "" {
					t.Fatalf("an empty warning for %q", line)
				}
			}
		}
	})
}
