package lessons

import (
	"strings"
	"unicode"

	"github.com/mailtutor/mailtutor/internal/term"
)

// Text, Info and Notice show the runner's lines wrapped to the terminal's
// width (see screen.fit); events are the renderer's.
func (s *screen) Text(t string)   { s.Output.Text(s.fit(t)) }
func (s *screen) Info(t string)   { s.Output.Info(s.fit(t)) }
func (s *screen) Notice(t string) { s.Output.Notice(s.fit(t)) }

// fit lays text out to the terminal's width by the rule every notice of
// mailtutor follows (term.Fit): words kept whole, Chinese by its own line
// breaking rules, the lines a wrap adds hanging under the text after the
// line's label or, without one, under its own indentation. Without a
// width it changes nothing.
func (s *screen) fit(text string) string { return term.Fit(text, s.Width) }

// hang puts text after prefix, its lines (and those a wrap adds) indented
// to line up under the first one.
func (s *screen) hang(prefix, text string) string {
	pad := strings.Repeat(" ", term.Width(prefix))
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		own := l[:len(l)-len(strings.TrimLeft(l, " "))]
		if i == 0 {
			l = prefix + l
		} else {
			l = pad + l
		}
		if s.Width > 0 {
			l = term.Wrap(l, s.Width, pad+own)
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

// reflow joins the lines of each paragraph of a lesson's note, which the
// file breaks where its author's editor did, so that the terminal's width
// decides: English lines are joined with a space, Chinese ones without.
// A blank line ends a paragraph; a line that starts with a space (a table,
// an example) is kept as it is, on a line of its own.
func reflow(text string) string {
	lines := strings.Split(text, "\n")
	var b strings.Builder
	prose := false // the last line written is prose: the next one may join it
	for i, l := range lines {
		kept := l == "" || l[0] == ' ' || l[0] == '\t' || strings.HasPrefix(l, "- ")
		switch {
		case i == 0:
		case prose && !kept:
			b.WriteString(joiner(lines[i-1], l))
		default:
			b.WriteString("\n")
		}
		b.WriteString(l)
		prose = !kept
	}
	return b.String()
}

// joiner is what goes between two joined lines: nothing between Chinese
// characters or next to full-width punctuation, a space otherwise (also
// between Chinese and a Latin word, as the lessons write them).
func joiner(before, after string) string {
	b, a := []rune(strings.TrimRight(before, " ")), []rune(after)
	if len(b) == 0 || len(a) == 0 {
		return " "
	}
	last, first := b[len(b)-1], a[0]
	switch {
	case fullWidthPunct(last) || fullWidthPunct(first):
		return ""
	case unicode.Is(unicode.Han, last) && unicode.Is(unicode.Han, first):
		return ""
	}
	return " "
}

// fullWidthPunct reports CJK punctuation and full-width forms (。，（）).
func fullWidthPunct(r rune) bool {
	return r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFF60 || r == '“' || r == '”'
}
