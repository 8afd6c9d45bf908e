package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/transcript"
)

// Format is an output format of the export.
type Format string

// The formats Write knows.
const (
	FormatMarkdown Format = "md"   // GitHub-flavoured Markdown
	FormatHTML     Format = "html" // one self-contained HTML file
)

// ParseFormat reads a format name as given on the command line: "md" (or
// "markdown") and "html", in any case.
func ParseFormat(name string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "md", "markdown":
		return FormatMarkdown, nil
	case "html", "htm":
		return FormatHTML, nil
	}
	return "", fmt.Errorf("unknown export format %q: use md or html", name)
}

// Write writes t to w in format f.
func Write(w io.Writer, t *transcript.Transcript, f Format) error {
	return WriteFrom(w, t.Source(), f)
}

// WriteFrom writes a transcript read step by step (a transcript.File) to w
// in format f, one step at a time: a transcript of any length is exported
// in bounded memory.
func WriteFrom(w io.Writer, src transcript.Source, f Format) error {
	return WriteIn(w, src, f, protocol.English)
}

// WriteIn is WriteFrom with the handout in lang: its labels and the
// explanations of the replies (English for a language it does not speak).
func WriteIn(w io.Writer, src transcript.Source, f Format, lang protocol.Lang) error {
	switch f {
	case FormatMarkdown:
		return markdownIn(w, src, lang)
	case FormatHTML:
		return htmlIn(w, src, lang)
	}
	return fmt.Errorf("unknown export format %q: use md or html", string(f))
}

// stream lays out src and hands its document (without steps) to write,
// with a function that lays out every step in turn and passes it on.
// Output goes through a buffer, flushed at the end.
func stream(w io.Writer, src transcript.Source, f Format, lang protocol.Lang,
	write func(out *bufio.Writer, d document, steps func(func(entry) error) error) error) error {
	d, g, err := begin(src, lang)
	if err != nil {
		return err
	}
	steps := func(each func(entry) error) error {
		n := 0
		for s, err := range src.Steps() {
			if err != nil {
				return err
			}
			n++
			if err := each(g.entry(n, s)); err != nil {
				return err
			}
		}
		return nil
	}
	out := bufio.NewWriterSize(w, 64<<10)
	if err := write(out, d, steps); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("write %s export: %w", f, err)
	}
	return nil
}
