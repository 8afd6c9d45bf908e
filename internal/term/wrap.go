package term

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// closing are the characters that may not start a line (a full stop, a
// comma, a closing bracket or quote, the ">" of "<摘要>"): they stay with
// what precedes them.
const closing = "。，、；：！？）」』】》〉”’．,.;:!?)]}…>"

// opening are the characters that may not end a line: they go down with
// what follows them.
const opening = "（「『【《〈“‘([{<"

// Wrap lays out text in lines of at most width display columns (see
// [Width]): English breaks between words, Chinese between any two
// characters, except that no line starts with closing punctuation
// (。，、；：）」) nor ends with an opening one (（「“). Each line of
// text is wrapped on its own (its line breaks are kept); the lines a
// wrap adds start with indent, a hanging indent. A word longer than a
// whole line (a base64 string, a URL) is cut at the width, starting on
// the line where it is and going on at the indent; a cut never splits a
// character, a character from its combining marks, nor an ANSI escape
// sequence, which takes no room (colours survive a wrap). A width of 0 or
// less, or one that leaves no room after indent, returns text unchanged.
func Wrap(text string, width int, indent string) string {
	if width <= Width(indent) {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = wrapLine(l, width, indent)
	}
	return strings.Join(lines, "\n")
}

// wrapLine wraps one line of text.
func wrapLine(line string, width int, indent string) string {
	if Width(line) <= width {
		return line
	}
	var b strings.Builder
	iw := Width(indent)
	col, pending := 0, "" // columns used on the current line; spaces not yet written
	lead := true          // at the start of the first line: its spaces are kept
	newLine := func() {
		b.WriteString("\n" + indent)
		col, pending = iw, ""
	}
	for _, tok := range glue(tokens(line)) {
		if strings.TrimLeft(tok, " \t") == "" {
			if lead {
				b.WriteString(tok)
				col += Width(tok)
			} else {
				pending += tok
			}
			continue
		}
		lead = false
		if col > iw && col+Width(pending)+Width(tok) > width {
			newLine()
		}
		b.WriteString(pending)
		col += Width(pending)
		pending = ""
		for col+Width(tok) > width { // longer than a line: cut
			head := cut(tok, width-col)
			if head == "" {
				if col > iw {
					newLine()
					continue
				}
				_, n := utf8.DecodeRuneInString(tok)
				head = tok[:n]
			}
			b.WriteString(head)
			newLine()
			tok = tok[len(head):]
		}
		b.WriteString(tok)
		col += Width(tok)
	}
	return b.String()
}

// cut is the longest start of tok that fits in room columns.
func cut(tok string, room int) string {
	w := 0
	for i := 0; i < len(tok); {
		if k := escapeLen(tok[i:]); k > 0 {
			i += k
			continue
		}
		r, size := utf8.DecodeRuneInString(tok[i:])
		if w+RuneWidth(r) > room {
			return tok[:i]
		}
		w += RuneWidth(r)
		i += size
	}
	return tok
}

// tokens splits a line into the pieces a wrap never breaks: runs of
// spaces, words, and single wide characters, each with the closing
// punctuation after it and the opening punctuation before it. An ANSI
// escape sequence (a colour) takes no room: it stays with the word before
// it, or, after a space, goes with the word after it.
func tokens(line string) []string {
	var out []string
	var cur strings.Builder
	glue := false // cur ends with opening punctuation: the next piece joins it
	kind := 0     // of cur: 0 nothing, 1 spaces, 2 a word, 3 a wide character
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
		kind, glue = 0, false
	}
	for i := 0; i < len(line); {
		if k := escapeLen(line[i:]); k > 0 {
			if kind < 2 {
				if kind == 1 {
					flush()
				}
				glue = true
			}
			cur.WriteString(line[i : i+k])
			i += k
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		i += size
		switch {
		case r == ' ' || r == '\t':
			if kind != 1 {
				flush()
			}
			kind = 1
		case strings.ContainsRune(closing, r) && kind >= 2:
			// stays with what precedes it
		case strings.ContainsRune(opening, r) && !(RuneWidth(r) == 1 && kind == 2 && !lastWide(cur.String())):
			if !glue {
				flush()
			}
			cur.WriteRune(r)
			kind, glue = 2, true
			continue
		case RuneWidth(r) == 2:
			if !glue {
				flush()
			}
			kind = 3
		default:
			if (kind != 2 || cur.Len() > 0 && lastWide(cur.String())) && !glue {
				flush()
			}
			kind = 2
		}
		cur.WriteRune(r)
		glue = false
	}
	flush()
	return out
}

// lastWide reports whether s ends with a wide character.
func lastWide(s string) bool {
	r := []rune(StripANSI(s))
	return len(r) > 0 && RuneWidth(r[len(r)-1]) == 2
}

// unbroken are the ends of a token after which a space does not break
// when the next token starts with a digit: a reference ("RFC 5321 4.2.3",
// "第 4.2.3 节" stay on one line) and the dot before a response time
// ("· 95 µs").
var unbroken = regexp.MustCompile(`(^|[^A-Za-z])RFC( [0-9]+)?$|^·$|第$`)

// units follow a number without a break ("95 µs", "第 4 节").
var units = map[string]bool{"µs": true, "ms": true, "s": true, "节": true}

// glue joins the tokens a line should not be broken between (see
// unbroken, units): the space between them is kept.
func glue(toks []string) []string {
	out := toks[:0:0]
	for i := 0; i < len(toks); i++ {
		if n := len(out); n > 0 && i+1 < len(toks) && toks[i] == " " {
			prev, next := StripANSI(out[n-1]), StripANSI(toks[i+1])
			digit := next != "" && next[0] >= '0' && next[0] <= '9'
			unit := next
			if strings.HasPrefix(next, "节") { // 节 and the punctuation after it
				unit = "节"
			}
			if digit && unbroken.MatchString(prev) || units[unit] && prev != "" && prev[len(prev)-1] >= '0' && prev[len(prev)-1] <= '9' {
				out[n-1] += " " + toks[i+1]
				i++
				continue
			}
		}
		out = append(out, toks[i])
	}
	return out
}
