package export

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestVisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"EHLO x", "EHLO x"},
		{"你好", "你好"},
		{"a\tb", "a\tb"},
		{"NOOP\rRSET", `NOOP\rRSET`},
		{"a\nb", `a\nb`},
		{"A\x00B\x7f", `A\x00B\x7f`},
		{"HELO \xff\xfe", `HELO \xff\xfe`},
		{"abc\u202edcba", `abc\u{202E}dcba`},
		{"\u2066x\u2069", `\u{2066}x\u{2069}`},
		{"👩\u200d💻", "👩\u200d💻"}, // joiners are not reordering controls
	}
	for _, tt := range tests {
		got := visible(tt.in)
		if got != tt.want || !utf8.ValidString(got) {
			t.Errorf("visible(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBodyLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"\n", []string{""}},
		{"a\n\nb\n", []string{"a", "", "b"}},
		{"x\r\n", []string{`x\r`}},
	}
	for _, tt := range tests {
		if got := bodyLines(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("bodyLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCodeSegments(t *testing.T) {
	tests := []struct {
		in   string
		want []segment
	}{
		{"plain", []segment{{Text: "plain"}}},
		{"type `:b64 name` now", []segment{{Text: "type "}, {Text: ":b64 name", Code: true}, {Text: " now"}}},
		{"`a` and `b`", []segment{{Text: "a", Code: true}, {Text: " and "}, {Text: "b", Code: true}}},
		{"one ` only", []segment{{Text: "one ` only"}}},
		{"empty `` pair", []segment{{Text: "empty `` pair"}}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := codeSegments(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("codeSegments(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}
