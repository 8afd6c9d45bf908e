package export

import (
	"fmt"
	"io"
	"strings"

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
	switch f {
	case FormatMarkdown:
		return Markdown(w, t)
	case FormatHTML:
		return HTML(w, t)
	}
	return fmt.Errorf("unknown export format %q: use md or html", string(f))
}

// writeAll writes the finished page in one call, naming the format on error.
func writeAll(w io.Writer, page string, f Format) error {
	if _, err := io.WriteString(w, page); err != nil {
		return fmt.Errorf("write %s export: %w", f, err)
	}
	return nil
}
