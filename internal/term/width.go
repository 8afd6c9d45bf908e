package term

import (
	"unicode/utf8"

	"github.com/chzyer/readline"
)

// Width is the number of terminal columns s takes: two for each East Asian
// wide or full-width character, none for a combining mark, one for the
// rest, and none for an ANSI escape sequence (a colour). readline's table knows the ideographs and kana; the CJK
// punctuation and the full-width forms (、。：（）) are added here.
func Width(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f { // printable ASCII, the usual case
			n++
			i++
			continue
		}
		if k := escapeLen(s[i:]); k > 0 {
			i += k
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += RuneWidth(r)
		i += size
	}
	return n
}

// RuneWidth is the number of terminal columns r takes (see [Width]).
func RuneWidth(r rune) int {
	switch {
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6:
		return 2
	}
	return readline.Runes{}.Width(r)
}
