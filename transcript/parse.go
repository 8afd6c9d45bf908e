package transcript

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// LoadError is a transcript that cannot be loaded, with the line (1-based;
// 0 when unknown) where the problem is.
type LoadError struct {
	File string
	Line int
	Msg  string
}

// Error formats the error as "file:line: message".
func (e *LoadError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// parseComplete is the whole-file loader: data parsed as one YAML
// document, then decoded. It is what Parse and Load give for every file;
// they stream the file instead wherever its layout allows, and fall back
// on this where it does not (see read).
//
// The one thing forgiven is a last step cut short while it was being
// written (a killed recorder, a full disk): a last step that is broken and
// either has no "at" or is not followed by a newline is dropped, and a
// warning says so. A broken step anywhere else is an error.
func parseComplete(data []byte, name string) (*Transcript, []string, error) {
	t, err := parseWhole(data, name)
	if err == nil {
		return t, nil, nil
	}
	start, ok := cutTail(data)
	if !ok {
		return nil, nil, err
	}
	t, prefixErr := parseWhole(data[:start], name)
	if prefixErr != nil {
		return nil, nil, prefixErr
	}
	line := bytes.Count(data[:start], []byte("\n")) + 1
	warning := fmt.Sprintf("%s:%d: the last step is incomplete (the recording stopped while writing it); it was dropped", name, line)
	return t, []string{warning}, nil
}

// parseWhole parses data as one complete transcript.
func parseWhole(data []byte, name string) (t *Transcript, err error) {
	defer func() {
		if p := recover(); p != nil { // a parser bug must not take the program down
			t, err = nil, &LoadError{File: name, Msg: fmt.Sprintf("invalid YAML: %v", p)}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &LoadError{File: name, Msg: "empty file: not a mailtutor transcript"}
		}
		return nil, syntaxError(name, data, err)
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		return nil, &LoadError{File: name, Line: extra.Line, Msg: "a second YAML document: a transcript is one document"}
	case !errors.Is(err, io.EOF):
		return nil, syntaxError(name, data, err)
	}
	t, err = decodeDocument(&doc)
	if err != nil {
		var fe *fieldError
		if errors.As(err, &fe) {
			return nil, &LoadError{File: name, Line: fe.line, Msg: fe.msg}
		}
		return nil, &LoadError{File: name, Msg: err.Error()}
	}
	return t, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError turns a YAML parser error into a LoadError, with a hint when
// the line is indented with a tab.
func syntaxError(name string, data []byte, err error) *LoadError {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	msg = "invalid YAML: " + msg
	if line > 0 && tabIndented(data, line) {
		msg += " (indent with spaces: YAML does not allow tabs there)"
	}
	return &LoadError{File: name, Line: line, Msg: msg}
}

func tabIndented(data []byte, line int) bool {
	lines := bytes.Split(data, []byte("\n"))
	if line > len(lines) {
		return false
	}
	l := lines[line-1]
	indent := l[:len(l)-len(bytes.TrimLeft(l, " \t"))]
	return bytes.IndexByte(indent, '\t') >= 0
}

// cutTail finds a last step that looks cut short by an interrupted write and
// returns the offset where it starts. The step must be the end of the file
// and either not end with a newline or have no "at" (the recorder writes
// "at" as the last line of every step).
func cutTail(data []byte) (int, bool) {
	start, ok := lastStepStart(data)
	if !ok {
		return 0, false
	}
	tail := data[start:]
	if !bytes.HasSuffix(tail, []byte("\n")) {
		return start, true
	}
	return start, !hasAt(tail)
}

// hasAt reports whether a step item (as raw text) has an "at" field.
func hasAt(item []byte) bool {
	var node yaml.Node
	if err := yaml.Unmarshal(item, &node); err == nil && len(node.Content) == 1 {
		seq := node.Content[0]
		if seq.Kind == yaml.SequenceNode && len(seq.Content) == 1 && seq.Content[0].Kind == yaml.MappingNode {
			m := seq.Content[0]
			for i := 0; i+1 < len(m.Content); i += 2 {
				if m.Content[i].Value == "at" {
					return true
				}
			}
			return false
		}
	}
	return atKey.Match(item)
}

var atKey = regexp.MustCompile(`(?m)(^|[\s{,-])at\s*:`)

// lastStepStart finds, in the raw text, the start of the last item of the
// block sequence under the top-level "steps:" key, when that sequence runs
// to the end of the file.
func lastStepStart(data []byte) (int, bool) {
	offset, inSteps, indent, last := 0, false, -1, -1
	for len(data[offset:]) > 0 {
		line := data[offset:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1]
		}
		text := strings.TrimRight(string(line), "\r\n")
		trimmed := strings.TrimLeft(text, " ")
		col := len(text) - len(trimmed)
		switch {
		case !inSteps:
			inSteps = isStepsKey(text)
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case indent < 0 && isItem(trimmed):
			indent, last = col, offset
		case indent < 0:
			return 0, false
		case col == indent && isItem(trimmed):
			last = offset
		case col <= indent:
			return 0, false // something follows the steps
		}
		offset += len(line)
	}
	return last, last >= 0
}

// isStepsKey reports whether a line is the top-level "steps:" key with no
// value on the line (a comment may follow).
func isStepsKey(line string) bool {
	rest, ok := strings.CutPrefix(line, "steps:")
	rest = strings.TrimLeft(rest, " \t")
	return ok && (rest == "" || strings.HasPrefix(rest, "#"))
}

func isItem(s string) bool {
	return s == "-" || strings.HasPrefix(s, "- ")
}
