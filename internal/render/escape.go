package render

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape shows bytes as they crossed the wire: CR as \r, LF as \n, other
// control bytes and invalid UTF-8 as \xNN, C1 and bidi controls as
// \uXXXX (see [hidden]); printable text as is.
func Escape(b []byte) string {
	var s strings.Builder
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == '\r':
			s.WriteString(`\r`)
		case r == '\n':
			s.WriteString(`\n`)
		case r == '\t':
			s.WriteString(`\t`)
		case r == '\\':
			s.WriteString(`\\`)
		case r == utf8.RuneError && n == 1, r < 0x20, r == 0x7f:
			fmt.Fprintf(&s, `\x%02x`, b[0])
		case hidden(r):
			fmt.Fprintf(&s, `\u%04x`, r)
		default:
			s.Write(b[:n])
		}
		b = b[n:]
	}
	return s.String()
}

// splitRaw cuts raw bytes after each LF, keeping the endings.
func splitRaw(raw []byte) [][]byte {
	var out [][]byte
	for len(raw) > 0 {
		i := 0
		for i < len(raw) && raw[i] != '\n' {
			i++
		}
		if i < len(raw) {
			i++
		}
		out = append(out, raw[:i])
		raw = raw[i:]
	}
	return out
}

// hidden reports whether r must not reach a terminal as it is, although
// it is valid UTF-8: a C1 control (U+0080-U+009F; CSI U+009B and OSC
// U+009D start escape sequences on terminals that take 8-bit controls) or
// a bidi control (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C),
// which reorders what is shown around it (Trojan Source, CVE-2021-42574).
func hidden(r rune) bool {
	switch {
	case r >= 0x80 && r < 0xa0, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return r == 0x200e || r == 0x200f || r == 0x061c
}

// Sanitize makes a server's text safe for a terminal: control bytes
// (escape sequences, BEL, NUL) and invalid UTF-8 are shown as \xNN, C1
// and bidi controls as \uXXXX, so a server cannot retitle, clear or
// otherwise drive the screen, nor reorder what it shows. Tabs and
// printable text, backslashes included, stay as they are.
func Sanitize(text string) string {
	i := 0
	for i < len(text) { // fast path: printable ASCII, the usual body line
		if c := text[i]; c < 0x20 && c != '\t' || c >= 0x7f {
			break
		}
		i++
	}
	if i == len(text) {
		return text
	}
	clean := true
	for _, r := range text[i:] {
		if r == utf8.RuneError || r < 0x20 && r != '\t' || r == 0x7f || hidden(r) {
			clean = false
			break
		}
	}
	if clean {
		return text
	}
	var s strings.Builder
	b := []byte(text)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&s, `\x%02x`, b[0])
		case r < 0x20 && r != '\t', r == 0x7f:
			fmt.Fprintf(&s, `\x%02x`, r)
		case hidden(r):
			fmt.Fprintf(&s, `\u%04x`, r)
		default:
			s.Write(b[:n])
		}
		b = b[n:]
	}
	return s.String()
}
