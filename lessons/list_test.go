package lessons

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/term"
	"github.com/mailtutor/mailtutor/protocol"
)

// TestListColumnsLineUp: in both languages, with every kind of progress,
// each column of `lesson list` starts at the same screen column on every
// line: padding counts display columns, not bytes.
func TestListColumnsLineUp(t *testing.T) {
	p := &Progress{Lessons: map[string]*LessonProgress{
		"first-message": {Finished: true, Total: 20},
		"pop3":          {Done: 7, Total: mustBuiltin(t, "pop3").StepCount()},
	}}
	all, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Langs {
		list, err := List(p, lang)
		if err != nil {
			t.Fatal(err)
		}
		titleCol, progressCol := -1, -1
		for _, l := range all {
			line := lineOf(t, list, l)
			at := strings.Index(line, l.TitleIn(lang))
			if at < 0 {
				t.Fatalf("%s: line %q lacks the title %q", lang, line, l.TitleIn(lang))
			}
			col := term.Width(line[:at])
			if titleCol < 0 {
				titleCol = col
			}
			if col != titleCol {
				t.Errorf("%s: the title of %q starts at column %d, that of lesson 1 at %d:\n%s", lang, l.Name, col, titleCol, list)
			}
			word := progressWord(p.Of(l.Name), l.StepCount(), lang)
			from := strings.Index(line, l.Name) + len(l.Name)
			col = term.Width(line[:from+strings.Index(line[from:], word)])
			if progressCol < 0 {
				progressCol = col
			}
			if col != progressCol {
				t.Errorf("%s: the progress of %q starts at column %d, that of lesson 1 at %d:\n%s", lang, l.Name, col, progressCol, list)
			}
		}
		if !strings.Contains(list, msg(lang, "listFooter")) {
			t.Errorf("%s: the last line is missing:\n%s", lang, list)
		}
	}
}

// lineOf is the line of `lesson list` that shows lesson l: its number,
// then its name.
func lineOf(t *testing.T, list string, l *Lesson) string {
	t.Helper()
	for _, line := range strings.Split(list, "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == strconv.Itoa(l.Number) && f[1] == l.Name {
			return line
		}
	}
	t.Fatalf("no line for lesson %d %s in:\n%s", l.Number, l.Name, list)
	return ""
}

// TestListGroupsByProtocol: `lesson list` shows the SMTP lessons, then the
// POP3 ones, then the IMAP ones, each group under its heading in the
// student's language, every lesson once with the number it is run by.
func TestListGroupsByProtocol(t *testing.T) {
	all, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Langs {
		list, err := List(&Progress{}, lang)
		if err != nil {
			t.Fatal(err)
		}
		group, seen := "", map[string]bool{}
		headings := map[string]protocol.Protocol{msg(lang, "groupSMTP"): protocol.SMTP, msg(lang, "groupPOP3"): protocol.POP3, msg(lang, "groupIMAP"): protocol.IMAP}
		var order []protocol.Protocol
		for _, line := range strings.Split(list, "\n") {
			if proto, ok := headings[line]; ok {
				group, order = string(proto), append(order, proto)
				continue
			}
			f := strings.Fields(line)
			if len(f) < 2 || group == "" {
				continue
			}
			n, err := strconv.Atoi(f[0])
			if err != nil || n < 1 || n > len(all) {
				continue
			}
			l := all[n-1]
			if l.Name != f[1] || seen[l.Name] {
				t.Errorf("%s: line %q: lesson %d is %s, shown once", lang, line, n, l.Name)
			}
			seen[l.Name] = true
			if got := string(l.Protocols()[0]); got != group {
				t.Errorf("%s: %s (%s) is listed under %s", lang, l.Name, got, group)
			}
		}
		if want := []protocol.Protocol{protocol.SMTP, protocol.POP3, protocol.IMAP}; !slices.Equal(order, want) {
			t.Errorf("%s: groups %v, want %v:\n%s", lang, order, want, list)
		}
		if len(seen) != len(all) {
			t.Errorf("%s: %d lessons listed, want %d:\n%s", lang, len(seen), len(all), list)
		}
	}
}
