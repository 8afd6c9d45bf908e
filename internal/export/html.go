package export

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/transcript"
)

// page is the HTML handout. html/template escapes every value taken from
// the transcript for the context it lands in. It is parsed on first use,
// not at start-up: parsing was the largest part of `mailtutor --version`.
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{
		"split": func(text string) []string { return strings.Split(text, "\n") },
		"rich":  codeSegments,
	}).Parse(pageTemplate))
})

// HTML writes t as one self-contained HTML page (UTF-8, inline CSS, no
// scripts, fonts or images from elsewhere): the header, then the dialogue
// with client lines on the left and server replies with their explanations
// on the right. It prints well too: a step is never split across pages.
func HTML(w io.Writer, t *transcript.Transcript) error {
	return HTMLFrom(w, t.Source())
}

// HTMLFrom is HTML for a transcript read step by step: the page is
// written one step at a time.
func HTMLFrom(w io.Writer, src transcript.Source) error {
	return htmlIn(w, src, protocol.English)
}

// htmlIn is HTMLFrom in lang.
func htmlIn(w io.Writer, src transcript.Source, lang protocol.Lang) error {
	return stream(w, src, FormatHTML, lang, func(out *bufio.Writer, d document, steps func(func(entry) error) error) error {
		tmpl := page()
		if err := tmpl.ExecuteTemplate(out, "head", htmlPage{document: d, CSS: template.CSS(pageCSS)}); err != nil {
			return fmt.Errorf("lay out html export: %w", err)
		}
		err := steps(func(e entry) error {
			if err := tmpl.ExecuteTemplate(out, "step", e); err != nil {
				return fmt.Errorf("lay out html export: %w", err)
			}
			return nil
		})
		if err != nil {
			return err
		}
		return tmpl.ExecuteTemplate(out, "foot", d)
	})
}

// htmlPage is what the head of the template sees.
type htmlPage struct {
	document
	CSS template.CSS // the constant style sheet, trusted
}
