package term

import (
	"os"
	"strings"
	"testing"
)

func TestWidthCounts(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"EHLO", 4},
		{"下一步：", 8},            // ideographs and a full-width colon
		{"（RFC 5321）。", 14},    // full-width brackets and full stop
		{"、“引号”", 8},           // the curly quotes take one column, as terminals draw them
		{"e\u0301te\u0301", 3}, // combining acute accents take none
		{"\x1b[1;31merror: \x1b[0mx", 8},
		{"\x1b[2m（RFC）\x1b[0m", 7},
		{"\x1b]8;;http://x\x07link\x1b]8;;\x07", 4}, // an OSC hyperlink
		{"ＡＢ", 4},                                   // full-width Latin
	}
	for _, tt := range tests {
		if got := Width(tt.s); got != tt.want {
			t.Errorf("Width(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

// TestWrapKeepsColours: a painted line is wrapped as if unpainted, and
// no escape sequence is cut or lost.
func TestWrapKeepsColours(t *testing.T) {
	red, dim, end := "\x1b[1;31m", "\x1b[2m", "\x1b[0m"
	line := "   " + red + "next: " + end + "type AUTH LOGIN and answer with :b64" + dim + " (RFC 4954 4)" + end
	got := Wrap(line, 30, "         ")
	if StripANSI(got) != Wrap(StripANSI(line), 30, "         ") {
		t.Errorf("painted and plain differ:\n%q\n%q", StripANSI(got), Wrap(StripANSI(line), 30, "         "))
	}
	for _, seq := range []string{red, dim, end} {
		if strings.Count(got, seq) != strings.Count(line, seq) {
			t.Errorf("%q: %d times, want %d: %q", seq, strings.Count(got, seq), strings.Count(line, seq), got)
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if Width(l) > 30 {
			t.Errorf("a line of %d columns: %q", Width(l), l)
		}
	}
}

func TestHang(t *testing.T) {
	tests := []struct{ line, want string }{
		{"   next: say EHLO", "         "},
		{"   下一步：发 EHLO", "           "},
		{"   \x1b[36mnext: \x1b[0msay EHLO", "         "},
		{"   ! a problem", "     "},
		{"  EHLO      Extended hello", "            "},
		{"  :append MAILBOX FILE  IMAP APPEND", "                        "},
		{"  syntax:  AUTH <mechanism>", "           "},
		{"扩展：  PIPELINING", "        "},
		{"connection lost: reset by peer", strings.Repeat(" ", 17)},
		{"   the server is ready", "   "},
		{"   authentication credentials invalid: wrong", "   "}, // a sentence, not a label
		{"服务器发来 SASL 质询：等你", ""},
		{"   登录失败：用户名或密码错误", "   "}, // "login failed: " does not hang either
		{"   待应答：0 条", "           "},
	}
	for _, tt := range tests {
		if got := Hang(tt.line, "connection lost: "); got != tt.want {
			t.Errorf("Hang(%q) = %d spaces, want %d", tt.line, len(got), len(tt.want))
		}
	}
}

func TestFit(t *testing.T) {
	tests := []struct {
		name, text string
		width      int
		want       string
	}{
		{"notice hangs under its label", "   next: type AUTH LOGIN and then :b64", 24,
			"   next: type AUTH LOGIN\n         and then :b64"},
		{"the wire stays whole", "S: 250-mail.example.test says hello to you\n   ok", 20,
			"S: 250-mail.example.test says hello to you\n   ok"},
		{"painted wire stays whole", "\x1b[32mS:\x1b[0m 250 a long line of the server", 10,
			"\x1b[32mS:\x1b[0m 250 a long line of the server"},
		{"no width", "   next: type AUTH LOGIN and then :b64", 0, "   next: type AUTH LOGIN and then :b64"},
		{"a token longer than a line is cut at the width", "   decoded: c3R1ZGVudEBleGFtcGxlLnRlc3Q=", 24,
			"   decoded: c3R1ZGVudEBl\n            eGFtcGxlLnRl\n            c3Q="},
		{"a label too wide to hang under", "   protocol problem: the server sent a bare LF", 20,
			"   protocol problem:\n   the server sent a\n   bare LF"},
		{"Chinese", "   下一步：检查用户名和密码，并确认它们做了 base64 编码", 30,
			"   下一步：检查用户名和密码，\n           并确认它们做了\n           base64 编码"},
	}
	for _, tt := range tests {
		if got := Fit(tt.text, tt.width, "protocol problem: "); got != tt.want {
			t.Errorf("%s: Fit =\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}

// TestColumnsOffATerminal: with standard output not a terminal (go test
// pipes it), COLUMNS decides, and without it nothing is wrapped.
func TestColumnsOffATerminal(t *testing.T) {
	if IsTerminal(os.Stdout) {
		t.Skip("standard output is a terminal")
	}
	for env, want := range map[string]int{"72": 72, "": 0, "wide": 0, "-3": 0} {
		t.Setenv("COLUMNS", env)
		if got := Columns(); got != want {
			t.Errorf("COLUMNS=%q: Columns() = %d, want %d", env, got, want)
		}
	}
}

func TestWire(t *testing.T) {
	for line, want := range map[string]bool{
		"S: 250 ok": true, "C: EHLO me": true, "S:": true,
		"\x1b[32;1mS:\x1b[0;22m 250 ok": true,
		"   next: S: lines":             false, "S:x": false, "Server: x": false, "  S: 250": false,
	} {
		if got := Wire(line); got != want {
			t.Errorf("Wire(%q) = %v, want %v", line, got, want)
		}
	}
}
