package term

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/chzyer/readline"
)

// maskPainter draws the line being typed with its secret part masked:
// readline asks it for what to show at every keystroke and refresh.
type maskPainter func(line string) (shown int)

// Paint implements readline.Painter. What it returns takes as many
// columns as the line, as readline counts them, so the cursor stays put.
func (m maskPainter) Paint(line []rune, _ int) []rune {
	text, end := line, []rune(nil)
	if n := len(text); n > 0 && text[n-1] == '\n' { // Enter was pressed
		text, end = text[:n-1], text[n-1:]
	}
	s := string(text)
	shown := min(max(m(s), 0), len(s))
	for shown < len(s) && !utf8.RuneStart(s[shown]) {
		shown++
	}
	keep := utf8.RuneCountInString(s[:shown])
	if keep == len(text) {
		return line
	}
	out := make([]rune, 0, len(line)+4)
	out = append(out, text[:keep]...)
	for _, r := range text[keep:] {
		out = append(out, maskOf(r)...)
	}
	return append(out, end...)
}

// maskOf is what a masked rune is drawn as: one MaskRune per column.
func maskOf(r rune) []rune {
	if r == '\t' {
		return []rune{r}
	}
	switch (readline.Runes{}).Width(r) {
	case 0:
		return nil
	case 2:
		return []rune{MaskRune, MaskRune}
	}
	return []rune{MaskRune}
}

// Conceal wipes the line just read in clear from the screen and shows it
// masked: it held a credential after all.
func (e *Editor) Conceal() {
	if e.rl == nil || e.lastLine == "" {
		return
	}
	rows := 1
	if w := e.width(); w > 0 {
		rows = max((Width(e.lastPrompt+e.lastLine)+w-1)/w, 1)
	}
	fmt.Fprintf(e.out, "\x1b[%dA\r\x1b[J%s%s\n", rows, e.lastPrompt, strings.Repeat(string(MaskRune), 8))
	e.lastPrompt, e.lastLine = "", ""
}

// completeFunc is an Options.Complete as a readline.AutoCompleter.
type completeFunc func(line []rune, pos int) ([][]rune, int)

// Do implements readline.AutoCompleter.
func (f completeFunc) Do(line []rune, pos int) ([][]rune, int) { return f(line, pos) }
