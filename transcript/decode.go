package transcript

import (
	"fmt"
	"strconv"
	"time"

	"go.yaml.in/yaml/v3"
)

// fieldError is a problem at a line of the file.
type fieldError struct {
	line int
	msg  string
}

func (e *fieldError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

func errAt(n *yaml.Node, format string, args ...any) error {
	return &fieldError{line: n.Line, msg: fmt.Sprintf(format, args...)}
}

// field is one key and its value in a mapping.
type field struct {
	key   string
	keyAt *yaml.Node
	value *yaml.Node
}

// fields lists the fields of a mapping, refusing non-text keys, repeated
// keys and aliases. where names the mapping in messages ("step").
func fields(m *yaml.Node, where string) ([]field, error) {
	if m.Kind != yaml.MappingNode {
		return nil, errAt(m, "%s must be a mapping of fields, got %s", where, describe(m))
	}
	seen := map[string]int{}
	out := make([]field, 0, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag != "!!str" {
			return nil, errAt(k, "field names in %s must be plain words", where)
		}
		if first, dup := seen[k.Value]; dup {
			return nil, errAt(k, "field %q appears twice in %s (first on line %d)", k.Value, where, first)
		}
		seen[k.Value] = k.Line
		if v.Kind == yaml.AliasNode {
			return nil, errAt(v, "%q: aliases (*name) are not supported", k.Value)
		}
		out = append(out, field{key: k.Value, keyAt: k, value: v})
	}
	return out, nil
}

func unknown(f field, where string) error {
	return errAt(f.keyAt, "unknown field %q in %s", f.key, where)
}

func missing(m *yaml.Node, key, where string) error {
	return errAt(m, "missing required field %q in %s", key, where)
}

// decodeDocument checks the schema version first, so that a newer file says
// so rather than tripping over fields this version does not know.
func decodeDocument(doc *yaml.Node) (*Transcript, error) {
	t, seen, err := decodeHeader(doc)
	if err != nil {
		return nil, err
	}
	if err := checkRequired(doc.Content[0], seen); err != nil {
		return nil, err
	}
	return t, nil
}

// decodeHeader decodes every field of the top-level mapping, the version
// first, and says which it saw. The stream decoder calls it on the header
// text alone, where "steps:" has no value.
func decodeHeader(doc *yaml.Node) (*Transcript, map[string]bool, error) {
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nil, errAt(root, "not a mailtutor transcript: the top level must be a mapping that starts with \"mailtutor: %d\"", Version)
	}
	list, err := fields(root, "the header")
	if err != nil {
		return nil, nil, err
	}
	t := &Transcript{}
	if t.Version, err = decodeVersion(root, list); err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	for _, f := range list {
		seen[f.key] = true
		if err := decodeHeaderField(t, f); err != nil {
			return nil, nil, err
		}
	}
	return t, seen, nil
}

// checkRequired reports the first required header field missing from seen.
func checkRequired(root *yaml.Node, seen map[string]bool) error {
	for _, key := range []string{"protocol", "server", "steps"} {
		if !seen[key] {
			return missing(root, key, "the header")
		}
	}
	return nil
}

func decodeVersion(root *yaml.Node, list []field) (int, error) {
	for _, f := range list {
		if f.key != "mailtutor" {
			continue
		}
		v, err := wholeNumber(f)
		switch {
		case err != nil:
			return 0, errAt(f.value, "%q must be the schema version number, got %s", f.key, describe(f.value))
		case v > Version:
			return 0, errAt(f.value, "written by a newer mailtutor (schema %d); this one reads up to %d", v, Version)
		case v < 1:
			return 0, errAt(f.value, "unsupported schema version %d (versions start at 1)", v)
		}
		return v, nil
	}
	return 0, errAt(root, "missing required field \"mailtutor\" (the schema version): is this a mailtutor transcript?")
}

func decodeHeaderField(t *Transcript, f field) error {
	var err error
	switch f.key {
	case "mailtutor": // done first
	case "title":
		t.Title, err = text(f)
	case "tool":
		t.Tool, err = text(f)
	case "recorded":
		t.Recorded, err = timestamp(f)
	case "protocol":
		if t.Protocol, err = text(f); err == nil {
			if perr := checkProtocol(t.Protocol); perr != nil {
				err = errAt(f.value, "%s", perr.Error())
			}
		}
	case "server":
		t.Server, err = decodeServer(f.value)
	case "steps":
		t.Steps, err = decodeSteps(f.value, t.Version)
	default:
		err = unknown(f, "the header")
	}
	return err
}

func decodeServer(n *yaml.Node) (Server, error) {
	var s Server
	list, err := fields(n, "server")
	if err != nil {
		return s, err
	}
	seen := map[string]bool{}
	for _, f := range list {
		seen[f.key] = true
		switch f.key {
		case "host":
			if s.Host, err = text(f); err == nil && s.Host == "" {
				err = errAt(f.value, "\"host\" is empty")
			}
		case "port":
			if s.Port, err = wholeNumber(f); err != nil || s.Port < 1 || s.Port > 65535 {
				err = errAt(f.value, "\"port\" must be a number from 1 to 65535, got %s", describe(f.value))
			}
		case "tls":
			if s.TLS, err = text(f); err == nil && checkServer(Server{Host: "h", Port: 1, TLS: s.TLS}) != nil {
				err = errAt(f.value, "\"tls\" must be %s, %s or %s, got %q", TLSNone, TLSStartTLS, TLSImplicit, s.TLS)
			}
		default:
			err = unknown(f, "server")
		}
		if err != nil {
			return s, err
		}
	}
	for _, key := range []string{"host", "port", "tls"} {
		if !seen[key] {
			return s, missing(n, key, "server")
		}
	}
	return s, nil
}

func decodeSteps(n *yaml.Node, version int) ([]Step, error) {
	if isNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, errAt(n, "\"steps\" must be a list of steps, got %s", describe(n))
	}
	var steps []Step
	if len(n.Content) > 0 {
		steps = make([]Step, 0, len(n.Content))
	}
	var last time.Duration
	for _, item := range n.Content {
		s, err := decodeStep(item, version)
		if err != nil {
			return nil, err
		}
		if s.At < last {
			return nil, errAt(item, "at %s is before the previous step's %s: steps are in time order", formatAt(s.At), formatAt(last))
		}
		last = s.At
		steps = append(steps, s)
	}
	return steps, nil
}

// describe names what a node holds, for messages.
func describe(n *yaml.Node) string {
	switch {
	case isNull(n):
		return "nothing"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.AliasNode:
		return "an alias"
	}
	return strconv.Quote(n.Value)
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// text is the value of a text field. Any scalar is text (its source
// characters); nothing, lists and mappings are not.
func text(f field) (string, error) {
	n := f.value
	if isNull(n) {
		return "", errAt(n, "%q has no value (write \"\" for an empty one)", f.key)
	}
	if n.Kind != yaml.ScalarNode {
		return "", errAt(n, "%q must be text, got %s", f.key, describe(n))
	}
	switch n.Tag {
	case "!!str", "!!int", "!!float", "!!bool", "!!timestamp":
		return n.Value, nil
	}
	return "", errAt(n, "%q must be text, got a value tagged %s", f.key, n.Tag)
}

func wholeNumber(f field) (int, error) {
	v := f.value.Value
	if f.value.Kind != yaml.ScalarNode || f.value.Tag != "!!int" || v == "" || len(v) > 9 || !digits(v) {
		return 0, errAt(f.value, "%q must be a whole number, got %s", f.key, describe(f.value))
	}
	return strconv.Atoi(v)
}

func boolean(f field) (bool, error) {
	if f.value.Kind == yaml.ScalarNode && f.value.Tag == "!!bool" {
		if b, err := strconv.ParseBool(f.value.Value); err == nil {
			return b, nil
		}
	}
	return false, errAt(f.value, "%q must be true or false, got %s", f.key, describe(f.value))
}

func timestamp(f field) (time.Time, error) {
	n := f.value
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!timestamp" || n.Tag == "!!str") {
		if t, err := time.Parse(time.RFC3339Nano, n.Value); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, errAt(n, "%q must be a time like 2026-11-25T19:40:00Z, got %s", f.key, describe(n))
}

// offset reads "at": seconds since the start with at most three decimals.
func offset(f field) (time.Duration, error) {
	n := f.value
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!str" || n.Tag == "!!int" || n.Tag == "!!float") {
		if d, ok := parseAt(n.Value); ok {
			return d, nil
		}
	}
	return 0, errAt(n, "%q must be seconds since the start with at most 3 decimals, like 1.204, got %s", f.key, describe(n))
}

// parseAt reads the text of an "at": seconds with at most three decimals.
func parseAt[T string | []byte](v T) (time.Duration, bool) {
	secs, ms, digits, frac := 0, 0, 0, -1
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '.' && frac < 0 && digits > 0:
			frac = 0
		case c < '0' || c > '9':
			return 0, false
		case frac < 0:
			secs, digits = secs*10+int(c-'0'), digits+1
		default:
			ms, frac = ms*10+int(c-'0'), frac+1
		}
	}
	if digits == 0 || digits > 9 || frac == 0 || frac > 3 {
		return 0, false
	}
	for ; frac > 0 && frac < 3; frac++ {
		ms *= 10
	}
	return time.Duration(secs)*time.Second + time.Duration(ms)*time.Millisecond, true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
