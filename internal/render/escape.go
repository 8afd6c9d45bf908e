package render

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape shows bytes as they crossed the wire: CR as \r, LF as \n, other
// control bytes and invalid UTF-8 as \xNN; printable text as is.
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
