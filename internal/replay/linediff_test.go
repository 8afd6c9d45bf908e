package replay

import (
	"strings"
	"testing"
)

// differences counts the "+" and "-" lines of a step's diff.
func differences(row Row) (minus, plus []string) {
	var b strings.Builder
	writeLines(&b, row)
	for _, l := range strings.Split(b.String(), "\n") {
		switch {
		case strings.HasPrefix(l, "  - "):
			minus = append(minus, l[4:])
		case strings.HasPrefix(l, "  + "):
			plus = append(plus, l[4:])
		}
	}
	return minus, plus
}

// TestEHLOComparedByKeyword: one extension more in the live EHLO reply
// is one difference, not one per line after it (issue 14 bug 10); a
// changed parameter is the keyword before and after; the order of the
// keywords does not matter.
func TestEHLOComparedByKeyword(t *testing.T) {
	rec := []string{"250-mail.example.test", "250-PIPELINING", "250-SIZE 10240000", "250-VRFY",
		"250-STARTTLS", "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250 SMTPUTF8"}
	tests := []struct {
		name        string
		live        []string
		minus, plus string
	}{
		{"one more", []string{"250-mail.example.test", "250-PIPELINING", "250-SIZE 10240000", "250-VRFY", "250-ETRN",
			"250-STARTTLS", "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250 SMTPUTF8"}, "", "ETRN"},
		{"one gone, last line", []string{"250-mail.example.test", "250-PIPELINING", "250-SIZE 10240000", "250-VRFY",
			"250-STARTTLS", "250-ENHANCEDSTATUSCODES", "250 8BITMIME"}, "SMTPUTF8", ""},
		{"a parameter", []string{"250-mail.example.test", "250-PIPELINING", "250-SIZE 10485760", "250-VRFY",
			"250-STARTTLS", "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250 SMTPUTF8"}, "SIZE 10240000", "SIZE 10485760"},
		{"another order", []string{"250-mail.example.test", "250-SMTPUTF8", "250-PIPELINING", "250-SIZE 10240000", "250-VRFY",
			"250-STARTTLS", "250-ENHANCEDSTATUSCODES", "250 8BITMIME"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			minus, plus := differences(Row{Sent: "EHLO me.example", Recorded: rec, Live: tt.live})
			if strings.Join(minus, "|") != tt.minus || strings.Join(plus, "|") != tt.plus {
				t.Errorf("- %q + %q, want - %q + %q", minus, plus, tt.minus, tt.plus)
			}
		})
	}
}

// TestLinesLinedUp: any other reply is lined up by its common lines: a
// line inserted is one "+".
func TestLinesLinedUp(t *testing.T) {
	rec := []string{"+OK 2 messages", "1 120", "2 200", "."}
	live := []string{"+OK 3 messages", "1 120", "2 200", "3 80", "."}
	minus, plus := differences(Row{Sent: "LIST", Recorded: rec, Live: live})
	if strings.Join(minus, "|") != "+OK 2 messages" || strings.Join(plus, "|") != "+OK 3 messages|3 80" {
		t.Errorf("- %q + %q", minus, plus)
	}
}
