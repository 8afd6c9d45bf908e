package export

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// visible returns s with everything that would not show, or would show
// misleadingly, written as an escape: CR as \r, LF as \n, other control
// characters and each byte of invalid UTF-8 as \xNN, and the bidirectional
// controls that can reorder text on screen as \u{NNNN}. Tabs and all other
// text (any script) are kept. The result is always valid UTF-8.
func visible(s string) string {
	if plain(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteByte('\t')
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case bidiControl(r):
			fmt.Fprintf(&b, `\u{%04X}`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// plain reports whether visible would return s unchanged.
func plain(s string) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || (r < 0x20 && r != '\t') || r == 0x7f || bidiControl(r) {
			return false
		}
		i += n
	}
	return true
}

// bidiControl reports the invisible characters that change the display
// order of text (the "Trojan Source" characters).
func bidiControl(r rune) bool {
	return r == 0x200E || r == 0x200F || r == 0x061C || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// visibleEach applies visible to every line.
func visibleEach(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = visible(l)
	}
	return out
}

// bodyLines splits a stored DATA body ("" or ending with LF) into its
// lines, each made visible; "" has none, "\n" has one empty line.
func bodyLines(body string) []string {
	if body == "" {
		return nil
	}
	return visibleEach(strings.Split(strings.TrimSuffix(body, "\n"), "\n"))
}

// visibleText makes prose visible but keeps its line breaks.
func visibleText(text string) string {
	return strings.Join(visibleEach(strings.Split(text, "\n")), "\n")
}

// segment is part of an explanation: plain text, or something to type.
type segment struct {
	Text string
	Code bool // to be shown as code
}

// codeSegments cuts an explanation from protocol at its backtick pairs:
// "type `:b64 name` now" is text, code, text. An unpaired backtick stays
// text.
func codeSegments(s string) []segment {
	var out []segment
	for {
		open := strings.IndexByte(s, '`')
		if open < 0 {
			break
		}
		end := strings.IndexByte(s[open+1:], '`')
		if end < 1 { // unpaired, or an empty pair
			break
		}
		if open > 0 {
			out = append(out, segment{Text: s[:open]})
		}
		out = append(out, segment{Text: s[open+1 : open+1+end], Code: true})
		s = s[open+2+end:]
	}
	if s != "" {
		out = append(out, segment{Text: s})
	}
	return out
}
