package transcript

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	"go.yaml.in/yaml/v3"
)

// streamDecoder decodes a transcript one step at a time from the parts a
// scanner splits it into: the header text is parsed as a small YAML
// document, each step on its own (by fastStep, or as a YAML document of
// one item), and the steps' "at" checked in order. The errors are the
// whole-file decoder's, with the file's line numbers.
type streamDecoder struct {
	name     string
	sc       *scanner
	header   *Transcript
	root     *yaml.Node      // the header mapping, for messages
	seen     map[string]bool // the header fields seen
	last     time.Duration   // the "at" of the last step
	warnings []string
}

// start reads and decodes the header before the steps.
func (d *streamDecoder) start() error {
	if err := d.sc.header(); err != nil {
		return err
	}
	return d.decodeHeader(d.sc.before, 0)
}

// decodeHeader decodes header text whose lines past the first cut are
// numbered stepLines further in the file (the steps sit in between).
func (d *streamDecoder) decodeHeader(text []byte, stepLines int) (err error) {
	cut := bytes.Count(d.sc.before, []byte("\n"))
	doc, err := yamlDocument(text, func(line int) int {
		if line > cut {
			return line + stepLines
		}
		return line
	})
	if err != nil {
		return err
	}
	if !hasVersionKey(doc.Content[0]) {
		return errNotStreamable // it may come after the steps: the whole file decides
	}
	t, seen, err := decodeHeader(doc)
	if err != nil {
		return d.loadError(err)
	}
	d.header, d.root, d.seen = t, doc.Content[0], seen
	return nil
}

// hasVersionKey reports whether a header mapping has the "mailtutor" key.
func hasVersionKey(root *yaml.Node) bool {
	if root.Kind != yaml.MappingNode {
		return true // decodeHeader says what is wrong
	}
	for i := 0; i < len(root.Content); i += 2 {
		if root.Content[i].Value == "mailtutor" {
			return true
		}
	}
	return false
}

// next decodes the next step; ok is false after the last one. A last
// step cut short by an interrupted write is dropped with a warning, by
// the rule Parse describes.
func (d *streamDecoder) next() (Step, bool, error) {
	it, ok, err := d.sc.next()
	if err != nil || !ok {
		return Step{}, false, err
	}
	if it.last && len(it.text) > streamedTailMin && streamedTail(it.text) {
		d.warnings = append(d.warnings, fmt.Sprintf("%s:%d: the last step is incomplete (the recording stopped while writing it); it was dropped", d.name, it.line))
		return Step{}, false, nil
	}
	s, line, err := d.decodeItem(it)
	if err == nil && s.At < d.last {
		err = &LoadError{File: d.name, Line: line,
			Msg: fmt.Sprintf("at %s is before the previous step's %s: steps are in time order", formatAt(s.At), formatAt(d.last))}
	}
	if err != nil {
		if it.last && (!bytes.HasSuffix(it.text, []byte("\n")) || !hasAt(it.text)) {
			d.warnings = append(d.warnings, fmt.Sprintf("%s:%d: the last step is incomplete (the recording stopped while writing it); it was dropped", d.name, it.line))
			return Step{}, false, nil
		}
		return Step{}, false, err
	}
	d.last = s.At
	return s, true, nil
}

// decodeItem decodes one item and says on which line its mapping starts.
func (d *streamDecoder) decodeItem(it item) (Step, int, error) {
	if d.sc.indent == 0 {
		if s, ok := fastStep(it.text, d.header.Version); ok {
			return s, it.line, nil
		}
	}
	s, line, err := yamlStep(it, d.header.Version)
	return s, line, d.loadError(err)
}

// yamlStep decodes one item of a file of schema version as a YAML document
// holding a list of one step.
func yamlStep(it item, version int) (Step, int, error) {
	doc, err := yamlDocument(it.text, func(line int) int { return line + it.line - 1 })
	if err != nil {
		return Step{}, 0, err
	}
	seq := doc.Content[0]
	if seq.Kind != yaml.SequenceNode || len(seq.Content) != 1 {
		return Step{}, 0, errNotStreamable
	}
	s, err := decodeStep(seq.Content[0], version)
	return s, seq.Content[0].Line, err
}

// finish reads the rest of the file, decodes the header fields after the
// steps, if any, and checks that the required ones are there.
func (d *streamDecoder) finish() error {
	if err := d.sc.rest(); err != nil {
		return err
	}
	if len(d.sc.after) > 0 {
		text := append(d.sc.before, d.sc.after...)
		if err := d.decodeHeader(text, d.sc.stepLines); err != nil {
			return err
		}
	}
	return d.loadError(checkRequired(d.root, d.seen))
}

// loadError names the file in a decoding error.
func (d *streamDecoder) loadError(err error) error {
	var fe *fieldError
	switch {
	case err == nil, errors.Is(err, errNotStreamable):
		return err
	case errors.As(err, &fe):
		return &LoadError{File: d.name, Line: fe.line, Msg: fe.msg}
	}
	return &LoadError{File: d.name, Msg: err.Error()}
}

// yamlDocument parses text as exactly one YAML document whose lines are
// renumbered by lineOf. Anything that is not YAML on its own (a syntax
// error, a second document, a line break other than LF or CRLF, a parser
// panic) is errNotStreamable: the part may not mean on its own what it
// means in the file, so the whole file decides.
func yamlDocument(text []byte, lineOf func(int) int) (doc *yaml.Node, err error) {
	defer func() {
		if recover() != nil {
			doc, err = nil, errNotStreamable
		}
	}()
	if oddBreaks(text) {
		return nil, errNotStreamable
	}
	dec := yaml.NewDecoder(bytes.NewReader(text))
	doc = &yaml.Node{}
	if err := dec.Decode(doc); err != nil || len(doc.Content) != 1 {
		return nil, errNotStreamable
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, errNotStreamable
	}
	renumber(doc, lineOf)
	return doc, nil
}

// oddBreaks reports a line break YAML knows and the scanner does not: a CR
// alone, NEL, LS or PS.
func oddBreaks(text []byte) bool {
	for i := bytes.IndexByte(text, '\r'); i >= 0; {
		if i+1 >= len(text) || text[i+1] != '\n' {
			return true
		}
		j := bytes.IndexByte(text[i+1:], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return bytes.Contains(text, []byte("\u0085")) || bytes.Contains(text, []byte("\u2028")) || bytes.Contains(text, []byte("\u2029"))
}

// renumber sets the line of every node to lineOf(its line).
func renumber(n *yaml.Node, lineOf func(int) int) {
	n.Line = lineOf(n.Line)
	for _, c := range n.Content {
		renumber(c, lineOf)
	}
}

// streamedTailMin is the size from which a last step is looked at for
// what a recording killed while it spooled a text in place leaves
// (streamedTail) before it is parsed, which for a long text would take
// many times its size.
const streamedTailMin = 64 << 10

// streamedTail reports whether a last step is the start of a text a
// recorder spooled in place (Recorder.StreamSpool) and nothing else: its
// "- server: |" or "- data: |" line, then lines of the block, each empty
// or indented by 4 and printable, the first that is not empty not
// starting with white space. Such a step is valid YAML without "at", or
// lacks its final newline: the loader drops it as cut short, which this
// says without parsing it.
func streamedTail(text []byte) bool {
	first, rest, ok := bytes.Cut(text, []byte("\n"))
	if !ok || string(first) != "- server: |" && string(first) != "- data: |" {
		return false
	}
	started := false
	for len(rest) > 0 {
		line, after, whole := bytes.Cut(rest, []byte("\n"))
		rest = after
		if !whole { // cut inside its last line: it cannot be a field at column 2
			return started && len(bytes.TrimLeft(line, " ")) == 0 || len(line) > 4 && string(line[:4]) == "    "
		}
		if len(line) == 0 {
			continue
		}
		if len(line) <= 4 || string(line[:4]) != "    " || !printableText(line[4:]) ||
			!started && (line[4] == ' ' || line[4] == '\t') {
			return false
		}
		started = true
	}
	return started
}
