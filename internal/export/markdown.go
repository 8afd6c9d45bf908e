package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/transcript"
)

// Markdown writes t as GitHub-flavoured Markdown: a header list, then the
// dialogue with client lines as paragraphs at the margin and every server
// reply as a blockquote holding the reply and its explanation.
func Markdown(w io.Writer, t *transcript.Transcript) error {
	return MarkdownFrom(w, t.Source())
}

// MarkdownFrom is Markdown for a transcript read step by step: the page
// is written one step at a time.
func MarkdownFrom(w io.Writer, src transcript.Source) error {
	return markdownIn(w, src, protocol.English)
}

// markdownIn is MarkdownFrom in lang.
func markdownIn(w io.Writer, src transcript.Source, lang protocol.Lang) error {
	return stream(w, src, FormatMarkdown, lang, func(out *bufio.Writer, d document, steps func(func(entry) error) error) error {
		m := mdWriter{out}
		m.header(d)
		return steps(func(e entry) error {
			m.entry(e)
			return nil
		})
	})
}

// mdWriter writes a Markdown page.
type mdWriter struct{ *bufio.Writer }

func (m *mdWriter) line(format string, args ...any) {
	fmt.Fprintf(m, format, args...)
	m.WriteByte('\n')
}

func (m *mdWriter) header(d document) {
	m.line("# %s\n", mdText(d.Title))
	w := d.W
	m.line("- **%s%s** %s", w.Protocol, w.Colon, mdText(d.Protocol))
	m.line("- **%s%s** %s — %s", w.Server, w.Colon, mdCode(d.Server), mdText(d.Security))
	if d.Recorded != "" {
		m.line("- **%s%s** %s", w.Recorded, w.Colon, d.Recorded)
	}
	m.line("- **%s%s** %d%s", w.Steps, w.Colon, d.Count, mdIf(d.Duration != "", w.In+d.Duration))
	if d.Tool != "" {
		m.line("- **%s%s** %s", w.RecordedWith, w.Colon, mdText(d.Tool))
	}
	m.line("\n%s\n\n---\n", w.LegendMD)
}

func (m *mdWriter) entry(e entry) {
	if e.Lesson != nil && e.Lesson.Explain != "" {
		m.line("%s\n", mdProse("", "**"+e.W.Lesson+e.W.Colon+"** ", e.Lesson.Explain))
	}
	label := fmt.Sprintf("**%d · %s**", e.Number, stepLabel(e.Kind, e.W))
	at := "<sub>" + e.At + "</sub>"
	switch e.Kind {
	case transcript.KindClient:
		m.line("%s %s %s", label, mdPieces(e.Client), at)
	case transcript.KindData:
		m.line("%s %s\n", label, at)
		m.fence("", e.Body, e.W.EmptyBody)
		m.line("<sub>%s</sub>", e.W.DataNote)
	case transcript.KindServer:
		m.replies(label, at, e.Replies, e.W)
	case transcript.KindTLS:
		m.tls(label, at, e.TLS)
	case transcript.KindClosed:
		m.line("%s %s %s", label, mdText(e.Closed), at)
	}
	m.notes(e)
	m.WriteByte('\n')
}

// stepLabel is the short name of a kind of step.
func stepLabel(k transcript.Kind, w *words) string {
	switch k {
	case transcript.KindClient:
		return "C:"
	case transcript.KindServer:
		return "S:"
	case transcript.KindData:
		return "C: " + w.DataLabel
	case transcript.KindTLS:
		return w.TLSLabel + w.Colon
	}
	return w.ClosedLabel + w.Colon
}

func (m *mdWriter) replies(label, at string, replies []reply, w *words) {
	for i, r := range replies {
		if i > 0 {
			m.line(">")
		}
		if len(r.Lines) == 1 {
			m.line("> %s %s %s", label, mdCode(r.Lines[0]), at)
		} else {
			m.line("> %s %s\n>", label, at)
			m.fence("> ", r.Lines, "")
		}
		m.line(">")
		m.explanation(r, w)
		label, at = "**S:**", "" // a pipelined reply in the same step
	}
}

func (m *mdWriter) explanation(r reply, w *words) {
	lines := []string{"**" + mdText(r.Head) + "**"}
	if r.Rest != "" {
		lines[0] = "**" + mdText(r.Head) + ":** " + mdRich(r.Rest)
	}
	if r.Meaning != "" {
		lines = append(lines, mdRich(r.Meaning)+mdIf(r.RFC != "", " *("+mdText(r.RFC)+")*"))
	}
	if r.Enhanced != "" {
		lines = append(lines, w.EnhancedCode+" "+mdCode(r.Enhanced)+mdIf(r.EnhancedText != "", w.Colon+" "+mdRich(r.EnhancedText)))
	}
	if r.Decoded != "" {
		lines = append(lines, w.Decodes+" "+mdCode(r.Decoded))
	}
	for _, p := range r.Problems {
		lines = append(lines, "**"+w.ProtocolProblem+w.Colon+"** "+mdRich(p))
	}
	if r.Next != "" {
		lines = append(lines, "**"+w.Next+w.Colon+"** "+mdRich(r.Next))
	}
	m.line("> %s", strings.Join(lines, "  \n> "))
}

func (m *mdWriter) tls(label, at string, t *tlsView) {
	m.line("%s %s %s\n", label, mdText(t.Summary), at)
	for _, kv := range t.Details {
		m.line("- %s: %s", kv[0], mdText(kv[1]))
	}
	mark := "**" + mdText(t.Verdict) + "**"
	if !t.Verified {
		mark = "**⚠ " + mdText(t.Verdict) + "**"
	}
	m.line("- %s", mark)
}

func (m *mdWriter) notes(e entry) {
	var lines []string
	if e.Note != "" {
		lines = append(lines, mdProse("", "*"+e.W.Note+e.W.Colon+"* ", e.Note))
	}
	if l := e.Lesson; l != nil {
		if l.Expect != "" {
			lines = append(lines, "*"+e.W.Type+e.W.Colon+"* "+mdCode(l.Expect))
		}
		if l.Hint != "" {
			lines = append(lines, mdProse("", "*"+e.W.Hint+e.W.Colon+"* ", l.Hint))
		}
		if l.Notice != "" {
			lines = append(lines, mdProse("", "*"+e.W.Notice+e.W.Colon+"* ", l.Notice))
		}
	}
	if len(lines) > 0 {
		m.line("\n%s", strings.Join(lines, "  \n"))
	}
}

// fence writes lines as a fenced code block, every line after prefix ("> "
// inside a blockquote). The fence is longer than any run of backticks in the
// lines, so no line can close it.
func (m *mdWriter) fence(prefix string, lines []string, empty string) {
	if len(lines) == 0 && empty != "" {
		m.line("%s*%s*", prefix, mdText(empty))
		return
	}
	ticks := strings.Repeat("`", max(3, longestRun(strings.Join(lines, "\n"), '`')+1))
	m.line("%s%stext", prefix, ticks)
	for _, l := range lines {
		m.line("%s%s", prefix, l)
	}
	m.line("%s%s", prefix, ticks)
}

func mdIf(cond bool, s string) string {
	if cond {
		return s
	}
	return ""
}
