package export

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

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
	d, err := build(t)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := page().Execute(&buf, htmlPage{document: d, CSS: template.CSS(pageCSS)}); err != nil {
		return fmt.Errorf("lay out html export: %w", err)
	}
	return writeAll(w, buf.String(), FormatHTML)
}

// htmlPage is what the template sees.
type htmlPage struct {
	document
	CSS template.CSS // the constant style sheet, trusted
}
