package export

import (
	"strings"
)

// mdPieces writes a client line as a code span, its hidden secrets as
// italic marks between the spans.
func mdPieces(ps []piece) string {
	var parts []string
	for _, p := range ps {
		switch {
		case p.Hidden != "":
			parts = append(parts, "***"+mdText("["+p.Hidden+"]")+"***")
		case p.Text == "":
			parts = append(parts, "*(empty line)*")
		default:
			parts = append(parts, mdCode(p.Text))
		}
	}
	return strings.Join(parts, " ")
}

// mdCode writes s as a code span (CommonMark 6.1): the backtick string is
// longer than any run of backticks inside, and a space pads text that starts
// or ends with a backtick or a space (one is stripped again on each side).
// Nothing else is escaped: inside a code span a backslash is literal, so
// pipes and the like stay as they are (the page has no tables).
func mdCode(s string) string {
	if s == "" {
		return "*(empty)*"
	}
	ticks := strings.Repeat("`", longestRun(s, '`')+1)
	if pad(s[0]) || pad(s[len(s)-1]) {
		s = " " + s + " "
	}
	return ticks + s + ticks
}

func pad(c byte) bool { return c == '`' || c == ' ' }

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// mdSpecial are the characters escaped anywhere in Markdown text: they
// start emphasis, links, code, raw HTML, entities, tables, strike-through
// or (at either end of a heading) a heading mark.
const mdSpecial = "\\`*_[]<>&|~#"

// mdText escapes text inside a line for Markdown: every special character
// gets a backslash (CommonMark 2.4 allows one before any ASCII punctuation).
func mdText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(mdSpecial, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// mdRich escapes one of protocol's explanations, whose `quoted` parts are
// things to type: those become code spans.
func mdRich(s string) string {
	var b strings.Builder
	for _, seg := range codeSegments(s) {
		if seg.Code {
			b.WriteString(mdCode(seg.Text))
		} else {
			b.WriteString(mdText(seg.Text))
		}
	}
	return b.String()
}

// escapeLineStart escapes a first character that would make a block of
// its own: "#", "-", "+", "=", or the "." or ")" after a number ("1.").
func escapeLineStart(s string) string {
	t := strings.TrimLeft(s, " ")
	lead := s[:len(s)-len(t)]
	if t == "" {
		return s
	}
	if strings.IndexByte("#-+=", t[0]) >= 0 {
		return lead + `\` + t
	}
	digits := len(t) - len(strings.TrimLeft(t, "0123456789"))
	if digits > 0 && digits < len(t) && (t[digits] == '.' || t[digits] == ')') {
		return lead + t[:digits] + `\` + t[digits:]
	}
	return s
}

// mdProse writes text that may hold line breaks: its first line after
// label, each later one on a line of its own (a hard break) after prefix,
// every line escaped, including a start that would begin a block.
func mdProse(prefix, label, text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = mdText(l)
		if i > 0 {
			lines[i] = escapeLineStart(lines[i])
		}
	}
	return prefix + label + strings.Join(lines, "  \n"+prefix)
}
