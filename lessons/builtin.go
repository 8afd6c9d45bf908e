package lessons

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/mailtutor/mailtutor/internal/term"
	"github.com/mailtutor/mailtutor/protocol"
)

//go:embed *.yaml
var builtinFiles embed.FS

// Builtin returns the built-in course in order. A broken built-in lesson is
// a bug of the binary, reported as an error.
func Builtin() ([]*Lesson, error) {
	names, err := fs.Glob(builtinFiles, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("built-in lessons: %w", err)
	}
	sort.Strings(names)
	out := make([]*Lesson, 0, len(names))
	for _, n := range names {
		data, err := builtinFiles.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("built-in lesson %s: %w", n, err)
		}
		l, err := Parse(data, "lessons/"+n)
		if err != nil {
			return nil, fmt.Errorf("built-in lesson: %w", err)
		}
		l.Number = len(out) + 1
		out = append(out, l)
	}
	return out, nil
}

// Find returns the built-in lesson called name (its name, its number "1",
// or its file name), or else loads name as a lesson file.
func Find(name string) (*Lesson, error) {
	all, err := Builtin()
	if err != nil {
		return nil, err
	}
	n, numErr := strconv.Atoi(name)
	for i, l := range all {
		if l.Name == name || numErr == nil && n == i+1 || strings.TrimPrefix(l.File, "lessons/") == name {
			return l, nil
		}
	}
	if _, err := os.Stat(name); err == nil {
		return Load(name)
	}
	names := make([]string, len(all))
	for i, l := range all {
		names[i] = l.Name
	}
	return nil, &UnknownLessonError{Name: name, Names: names}
}

// List formats the built-in course grouped by protocol (SMTP, POP3, IMAP:
// the protocol of a lesson's first part; a lesson that also uses another
// says so after its title), with each lesson's number, name, length and
// the student's progress, in columns that line up on a terminal in either
// language (padding counts display columns, see term.Width), and a last
// line that says how to run one. Numbers and names stay those of the
// course's order, which progress and `mailtutor lesson N` use.
func List(p *Progress, lang Lang) (string, error) {
	all, err := Builtin()
	if err != nil {
		return "", err
	}
	rows := make([][]string, len(all))
	widths := make([]int, 5)
	for i, l := range all {
		title := l.TitleIn(lang)
		if also := l.Protocols()[1:]; len(also) > 0 {
			title += "  [+" + strings.ToUpper(joinProtocols(also)) + "]"
		}
		rows[i] = []string{fmt.Sprintf("%3d", l.Number), l.Name, fmt.Sprintf("%3d %s", l.StepCount(), msg(lang, "steps")),
			progressWord(p.Of(l.Name), l.StepCount(), lang), title}
		for c, cell := range rows[i] {
			widths[c] = max(widths[c], term.Width(cell))
		}
	}
	var b strings.Builder
	for _, g := range listGroups(all) {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(msg(lang, g.heading) + "\n")
		for _, i := range g.lessons {
			row := rows[i]
			for c, cell := range row[:len(row)-1] {
				b.WriteString(cell + strings.Repeat(" ", widths[c]-term.Width(cell)+2))
			}
			b.WriteString(row[len(row)-1] + "\n")
		}
	}
	b.WriteString("\n" + msg(lang, "listFooter") + "\n")
	return b.String(), nil
}

// listGroup is one protocol's lessons in `lesson list`: the key of its
// heading and the indexes of its lessons, in course order.
type listGroup struct {
	heading string
	lessons []int
}

// listGroups groups lessons by the protocol of their first part: SMTP,
// POP3, IMAP, then any other.
func listGroups(all []*Lesson) []listGroup {
	order := []protocol.Protocol{protocol.SMTP, protocol.POP3, protocol.IMAP}
	headings := map[protocol.Protocol]string{protocol.SMTP: "groupSMTP", protocol.POP3: "groupPOP3", protocol.IMAP: "groupIMAP"}
	byProto := map[protocol.Protocol][]int{}
	var other []int
	for i, l := range all {
		proto := l.Protocols()[0]
		if _, known := headings[proto]; !known {
			other = append(other, i)
			continue
		}
		byProto[proto] = append(byProto[proto], i)
	}
	var out []listGroup
	for _, proto := range order {
		if len(byProto[proto]) > 0 {
			out = append(out, listGroup{headings[proto], byProto[proto]})
		}
	}
	if len(other) > 0 {
		out = append(out, listGroup{"groupOther", other})
	}
	return out
}

func joinProtocols(ps []protocol.Protocol) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = string(p)
	}
	return strings.Join(names, ", ")
}

func progressWord(lp LessonProgress, total int, lang Lang) string {
	switch {
	case lp.InProgress(total) && lp.Finished:
		return msg(lang, "doneAtStep", lp.Done+1, total)
	case lp.InProgress(total):
		return msg(lang, "atStep", lp.Done+1, total)
	case lp.Finished:
		return msg(lang, "done")
	}
	return msg(lang, "new")
}
