package term

import (
	"strings"
	"testing"
)

func TestWidth(t *testing.T) {
	for s, want := range map[string]int{
		"steps": 5, "步": 2, "进行到 7/34": 11, "✓ 已完成": 8,
		"读懂回复：状态码": 16, "LOGIN、PLAIN": 12, "（编号）": 8, "e\u0301": 1, "": 0,
	} {
		if got := Width(s); got != want {
			t.Errorf("Width(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestColorAllowed(t *testing.T) {
	tests := []struct {
		name    string
		noColor bool
		env     map[string]string
		want    bool
	}{
		{"default", false, nil, true},
		{"--no-color", true, nil, false},
		{"NO_COLOR", false, map[string]string{"NO_COLOR": "1"}, false},
		{"NO_COLOR empty", false, map[string]string{"NO_COLOR": ""}, true},
		{"TERM=dumb", false, map[string]string{"TERM": "DUMB"}, false},
		{"TERM=xterm", false, map[string]string{"TERM": "xterm-256color"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			if got := colorAllowed(tt.noColor, getenv); got != tt.want {
				t.Errorf("colorAllowed = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBrush(t *testing.T) {
	tests := []struct {
		on   bool
		s    Style
		want string
	}{
		{false, Style{Color: Red, Bold: true}, "x 1"},
		{true, Style{Color: Red, Bold: true}, "\x1b[31;1mx 1\x1b[0;22m"},
		{true, Style{Color: Cyan}, "\x1b[36mx 1\x1b[0m"},
		{true, Style{Faint: true}, "\x1b[2mx 1\x1b[22m"},
	}
	for _, tt := range tests {
		if got := Brush(tt.on, tt.s)("x ", 1); got != tt.want {
			t.Errorf("Brush(%v, %+v) = %q, want %q", tt.on, tt.s, got, tt.want)
		}
	}
	if got := Paint(false, Style{Color: Green}, "ok"); got != "ok" {
		t.Errorf("Paint off = %q", got)
	}
}

func TestMaskPainter(t *testing.T) {
	tests := []struct {
		line  string
		shown int
		want  string
	}{
		{"PASS hunter2", 5, "PASS *******"},
		{"PASS hunter2\n", 5, "PASS *******\n"},
		{"PASS", 5, "PASS"},
		{"abc", 10, "abc"},
		{"abc", -1, "***"},
		{"密码", 0, "****"},
		{"éa", 1, "é*"}, // inside a character: the character shows
		{"e\u0301x", 0, "**"},
		{"a\tb", 0, "*\t*"},
	}
	for _, tt := range tests {
		p := maskPainter(func(string) int { return tt.shown })
		if got := string(p.Paint([]rune(tt.line), 0)); got != tt.want {
			t.Errorf("Paint(%q) showing %d = %q, want %q", tt.line, tt.shown, got, tt.want)
		}
	}
	if got := strings.Count(string(maskPainter(func(string) int { return 0 }).Paint([]rune("x"), 0)), "*"); got != 1 {
		t.Errorf("one column, %d masks", got)
	}
}
