package render

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// terminalControls are code points that must never reach a terminal as
// they are: C1 controls (CSI and OSC start escape sequences on terminals
// that take 8-bit controls) and the bidi controls of Trojan Source
// (CVE-2021-42574), which reorder what is shown.
var terminalControls = []struct {
	name string
	in   string
	want string // the escape shown in its place
}{
	{"C1 CSI", "\u009b", `\u009b`},
	{"C1 OSC", "\u009d", `\u009d`},
	{"C1 first", "\u0080", `\u0080`},
	{"C1 last", "\u009f", `\u009f`},
	{"LRE", "\u202a", `\u202a`},
	{"RLE", "\u202b", `\u202b`},
	{"PDF", "\u202c", `\u202c`},
	{"LRO", "\u202d", `\u202d`},
	{"RLO", "\u202e", `\u202e`},
	{"LRI", "\u2066", `\u2066`},
	{"RLI", "\u2067", `\u2067`},
	{"FSI", "\u2068", `\u2068`},
	{"PDI", "\u2069", `\u2069`},
	{"LRM", "\u200e", `\u200e`},
	{"RLM", "\u200f", `\u200f`},
	{"ALM", "\u061c", `\u061c`},
}

// TestEscapeAndSanitizeStopTerminalControls: in --raw mode (Escape) and
// in the usual one (Sanitize) alike, a C1 or bidi control is shown as
// \uXXXX, the text around it untouched.
func TestEscapeAndSanitizeStopTerminalControls(t *testing.T) {
	for _, tc := range terminalControls {
		t.Run(tc.name, func(t *testing.T) {
			in := "250 a" + tc.in + "b 中文"
			want := "250 a" + tc.want + "b 中文"
			if got := Sanitize(in); got != want {
				t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
			}
			if got := Escape([]byte(in + "\r\n")); got != want+`\r\n` {
				t.Errorf("Escape(%q) = %q, want %q", in, got, want+`\r\n`)
			}
		})
	}
}

// TestEscapeAndSanitizeKeepNeighbours: the code points next to the ranges
// escaped, and ordinary non-ASCII text, pass as they are.
func TestEscapeAndSanitizeKeepNeighbours(t *testing.T) {
	for _, in := range []string{"\u007e", "\u00a0", "é", "\u2029", "\u2065", "\u206a", "\u200d", "\u061b", "中文", "\u2070"} {
		if got := Sanitize(in); got != in {
			t.Errorf("Sanitize(%q) = %q, want it unchanged", in, got)
		}
		if got := Escape([]byte(in)); got != in {
			t.Errorf("Escape(%q) = %q, want it unchanged", in, got)
		}
	}
}

// TestRawReplyHoldsNoTerminalControl: a reply rendered with --raw carries
// none of the controls to the screen.
func TestRawReplyHoldsNoTerminalControl(t *testing.T) {
	var raw strings.Builder
	for _, tc := range terminalControls {
		raw.WriteString(tc.in)
	}
	line := "250 " + raw.String()
	for _, rawMode := range []bool{false, true} {
		w := &countingWriter{}
		rep := frame(t, protocol.SMTP, "NOOP", line)
		New(w, false, rawMode).Event(session.Event{Kind: session.Received, Reply: rep, Raw: []byte(line + "\r\n")})
		for _, tc := range terminalControls {
			if strings.Contains(w.b.String(), tc.in) {
				t.Errorf("raw=%v: %s reached the output: %q", rawMode, tc.name, w.b.String())
			}
		}
	}
}
