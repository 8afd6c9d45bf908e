package lessons

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/term"
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
		lines := strings.Split(list, "\n")
		titleCol, progressCol := -1, -1
		for i, l := range all {
			line := lines[i]
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
