package term

import (
	"os"
	"strconv"
	"strings"

	"github.com/chzyer/readline"
)

// Columns is the width of the screen that standard output shows, asked
// anew at each call so that a terminal resized while mailtutor runs
// (SIGWINCH) is laid out at its new width from the next notice on. When
// standard output is not a terminal (a pipe, a file), it is the COLUMNS
// environment variable if that holds a positive number, else 0: text
// written for a program or a file is not wrapped, its lines stay whole
// for grep and for a pager that wraps them itself.
func Columns() int {
	if IsTerminal(os.Stdout) {
		if w := readline.GetScreenWidth(); w > 0 {
			return w
		}
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 0
}

// Fit lays out a block of notices (annotations under a reply, hints,
// warnings, errors, help and status pages) for a screen width columns
// wide. Each line wider than that is wrapped (see [Wrap]) with its
// continuation lines hanging under the text after its label (see
// [Hang]); labels names the multi-word labels the caller prints (e.g.
// "connection lost: "). A line of the wire, one that starts with "S: " or
// "C: " (what the server or the user sent), is left whole. A width of 0
// or less changes nothing.
func Fit(text string, width int, labels ...string) string {
	if width <= 0 {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if Wire(l) || Width(l) <= width {
			continue
		}
		hang := Hang(l, labels...)
		if len(hang) > width/2 { // a label too long to hang under: keep the line's own indent
			plain := StripANSI(l)
			hang = hang[:len(plain)-len(strings.TrimLeft(plain, " "))]
		}
		lines[i] = Wrap(l, width, hang)
	}
	return strings.Join(lines, "\n")
}

// Wire reports whether line, colours aside, is a line that crossed the
// wire as the renderer shows it: "S: " or "C: " at its start.
func Wire(line string) bool {
	p := skipEscapes(line)
	if !strings.HasPrefix(p, "S:") && !strings.HasPrefix(p, "C:") {
		return false
	}
	p = skipEscapes(p[2:])
	return p == "" || p[0] == ' '
}

// skipEscapes is s after the ANSI escape sequences it starts with.
func skipEscapes(s string) string {
	for {
		n := escapeLen(s)
		if n == 0 {
			return s
		}
		s = s[n:]
	}
}

// Hang is the hanging indent of line: the spaces that make the lines a
// wrap adds start under the text after the line's label, the one rule
// for every notice. The label is, after the line's own leading spaces,
// one of labels, a marker ("! ", "- ", "* "), one word ending with a
// colon and a space ("next: ", "hint: ") or up to three characters and a
// full-width colon ("下一步：", "注意："), with the spaces after it, or the first column of
// a table (text followed by two or more spaces, as in a help page). A line without a label hangs
// under its own first character.
func Hang(line string, labels ...string) string {
	plain := StripANSI(line)
	body := strings.TrimLeft(plain, " ")
	return strings.Repeat(" ", len(plain)-len(body)+Width(label(body, labels)))
}

// maxLabel is the widest a label may be, in columns, to be hung under;
// maxWordLabel the widest a Chinese one before its "：" (three characters,
// as "下一步", "待应答": a longer one is a sentence's subject, like
// "登录失败", which English says in words and does not hang either).
const (
	maxLabel     = 24
	maxWordLabel = 6
)

// label is the label body starts with, or "" (see Hang).
func label(body string, labels []string) string {
	for _, l := range labels {
		if l != "" && strings.HasPrefix(body, l) && strings.TrimSpace(body[len(l):]) != "" {
			return l
		}
	}
	for _, m := range []string{"! ", "- ", "* "} {
		if strings.HasPrefix(body, m) {
			return m
		}
	}
	word, rest, spaced := strings.Cut(body, " ")
	if j := strings.Index(word, "："); j > 0 && Width(word[:j]) <= maxWordLabel {
		if end := j + len("："); end < len(word) || !spaced {
			return word[:end]
		}
		return body[:len(body)-len(strings.TrimLeft(rest, " "))] // and the spaces after it
	}
	if !spaced || strings.TrimSpace(rest) == "" {
		return ""
	}
	gap := 1 + len(rest) - len(strings.TrimLeft(rest, " ")) // the spaces after word
	if strings.HasSuffix(word, ":") && Width(word) <= maxLabel {
		return body[:len(word)+gap]
	}
	// a table's first column: text, then two or more spaces
	if i := strings.Index(body, "  "); i > 0 && Width(body[:i]) <= maxLabel {
		return body[:len(body)-len(strings.TrimLeft(body[i:], " "))]
	}
	return ""
}
