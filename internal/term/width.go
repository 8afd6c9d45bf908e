package term

import "github.com/chzyer/readline"

// Width is the number of terminal columns s takes: two for each East Asian
// wide or full-width character, none for a combining mark, one for the
// rest. readline's table knows the ideographs and kana; the CJK
// punctuation and the full-width forms (、。：（）) are added here.
func Width(s string) int {
	n := 0
	for _, r := range s {
		n += RuneWidth(r)
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
