package transcript

import (
	"bytes"
	"encoding/base64"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// This file decodes a step written in the recorder's own layout without a
// YAML parser: an item at the margin whose fields are one per line at
// column 2, each a double-quoted text on one line, a literal block
// indented by 4, or a plain word where the recorder writes one (secret,
// kept, wire, at, base64). Anything else, and any step that is not valid, is
// left to the YAML decoder (fastStep returns false), which gives the
// result or the error the whole-file loader gives. fastStep only ever
// accepts what the YAML decoder reads as the same step; the tests hold it
// to that on every file they have and on random recordings.

// stepField is one field a fast step may have, as a bit.
type stepField uint16

const (
	fieldAt stepField = 1 << iota
	fieldSecret
	fieldKept
	fieldNote
	fieldContent // client, server, data, closed, and their _b64 forms
	fieldWire
)

// fastStep decodes the text of one item in the recorder's layout, in a
// file of schema version; ok is false when the text is not in that layout
// or is not a valid step.
func fastStep(text []byte, version int) (s Step, ok bool) {
	if len(text) < 3 || text[len(text)-1] != '\n' || text[0] != '-' || text[1] != ' ' {
		return s, false
	}
	var seen stepField
	rest := text[2:]
	for len(rest) > 0 {
		nl := bytes.IndexByte(rest, '\n')
		line := rest[:nl]
		rest = rest[nl+1:]
		key, value, found := bytes.Cut(line, []byte(": "))
		if !found || len(value) == 0 {
			return s, false
		}
		bit, kind := fastField(key)
		if bit == 0 || seen&bit != 0 {
			return s, false
		}
		seen |= bit
		if rest, ok = fastValue(&s, bit, kind, key, value, rest); !ok {
			return s, false
		}
		if len(rest) > 0 {
			if len(rest) < 3 || rest[0] != ' ' || rest[1] != ' ' || rest[2] < 'a' || rest[2] > 'z' {
				return s, false // not a field at column 2
			}
			rest = rest[2:]
		}
	}
	if seen&fieldWire != 0 && version < 2 {
		return s, false // the YAML decoder says which schema it needs
	}
	if seen&fieldContent == 0 || seen&fieldAt == 0 || checkStep(&s) != nil {
		return s, false
	}
	return s, true
}

// fastValue decodes the value of one field into s; rest is what follows
// its line, and it returns what follows the value (a literal block takes
// more lines).
func fastValue(s *Step, bit stepField, kind Kind, key, value, rest []byte) ([]byte, bool) {
	if bit == fieldAt && len(value) > 2 && value[0] == '"' && value[len(value)-1] == '"' {
		at, ok := parseAt(value[1 : len(value)-1]) // as the recorder writes it, read without a copy
		s.At = at
		return rest, ok
	}
	var text string
	var ok bool
	style := value[0]
	switch style {
	case '"':
		text, ok = unquoteLine(value)
	case '|':
		text, rest, ok = literalBlock(value, rest)
	default:
		ok = plainOK(bit, key, value)
		text = string(value)
	}
	return rest, ok && fastAssign(s, bit, kind, key, text, style)
}

// fastField names the fields fastStep reads; bit 0 for any other.
func fastField(key []byte) (stepField, Kind) {
	switch string(key) {
	case "at":
		return fieldAt, ""
	case "secret":
		return fieldSecret, ""
	case "kept":
		return fieldKept, ""
	case "wire":
		return fieldWire, ""
	case "note":
		return fieldNote, ""
	case "client", "client_b64":
		return fieldContent, KindClient
	case "server", "server_b64":
		return fieldContent, KindServer
	case "data", "data_b64":
		return fieldContent, KindData
	case "closed":
		return fieldContent, KindClosed
	}
	return 0, ""
}

// plainOK reports whether a plain (unquoted) value is one the fast path
// reads: the words the recorder writes unquoted. Any other plain value,
// which YAML might read as a number, a null or a time, is left to YAML.
func plainOK(bit stepField, key, value []byte) bool {
	switch bit {
	case fieldAt:
		return atLike(value)
	case fieldSecret:
		return KnownSecret(string(value))
	case fieldKept, fieldWire:
		return string(value) == "true" || string(value) == "false"
	case fieldContent:
		return bytes.HasSuffix(key, []byte("_b64")) && base64Like(value)
	}
	return false
}

// atLike reports digits with at most one dot: YAML reads them as a
// number, which "at" takes as its text.
func atLike(v []byte) bool {
	dots := 0
	for _, c := range v {
		switch {
		case c == '.':
			dots++
		case c < '0' || c > '9':
			return false
		}
	}
	return dots <= 1 && v[0] != '.'
}

// base64Like reports a plain word of base64 characters that YAML does not
// read as a null.
func base64Like(v []byte) bool {
	switch string(v) {
	case "null", "Null", "NULL":
		return false
	}
	for _, c := range v {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=') {
			return false
		}
	}
	return true
}

// fastAssign sets one decoded field of s from its text, written in style
// ('"' quoted, '|' a literal block, else plain); false when the value is
// not valid for the field.
func fastAssign(s *Step, bit stepField, kind Kind, key []byte, text string, style byte) bool {
	block := style == '|'
	switch bit {
	case fieldAt:
		at, ok := parseAt(text)
		s.At = at
		return ok && !block
	case fieldSecret:
		s.Secret = text
		return KnownSecret(text)
	case fieldKept: // only a plain true or false is a boolean
		s.Kept = text == "true"
		return style != '"' && !block && (text == "true" || text == "false")
	case fieldWire:
		s.Wire = text == "true"
		return style != '"' && !block && (text == "true" || text == "false")
	case fieldNote:
		s.Note = text
		return true
	}
	s.Kind = kind
	if bytes.HasSuffix(key, []byte("_b64")) {
		raw, err := base64.StdEncoding.DecodeString(text)
		s.Text = string(raw)
		return err == nil
	}
	if kind == KindServer && block {
		text = strings.TrimSuffix(text, "\n") // a block's final newline is layout
	}
	s.Text = text
	return true
}

// unquoteLine reads a double-quoted scalar that is all of the value: the
// escapes the recorder writes and printable text. ok is false for
// anything else (another escape, text after the closing quote, a quote
// that does not close on the line).
func unquoteLine(v []byte) (string, bool) {
	v = v[1:]
	if !printableText(v) {
		return "", false
	}
	i := bytes.IndexByte(v, '"')
	if i >= 0 && i == len(v)-1 && bytes.IndexByte(v[:i], '\\') < 0 {
		return string(v[:i]), true // no escape: the common case
	}
	i = bytes.IndexAny(v, `"\`)
	var b strings.Builder
	b.Grow(len(v))
	for i >= 0 {
		b.Write(v[:i])
		if v[i] == '"' {
			return b.String(), i == len(v)-1
		}
		n, ok := appendUnescaped(&b, v[i:])
		if !ok {
			return "", false
		}
		v = v[i+n:]
		i = bytes.IndexAny(v, `"\`)
	}
	return "", false // no closing quote on the line
}

// appendUnescaped writes the character of the escape e starts with and
// returns the escape's length.
func appendUnescaped(b *strings.Builder, e []byte) (int, bool) {
	if len(e) < 2 {
		return 0, false
	}
	switch e[1] {
	case '"', '\\', '/':
		b.WriteByte(e[1])
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case '0':
		b.WriteByte(0)
	case 'x', 'u', 'U':
		digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e[1]]
		r, ok := hexRune(e[2:], digits)
		if !ok {
			return 0, false
		}
		b.WriteRune(r)
		return 2 + digits, true
	default:
		return 0, false
	}
	return 2, true
}

// hexRune reads a code point of exactly digits hex digits; surrogates and
// values past U+10FFFF are left to YAML, which refuses them.
func hexRune(h []byte, digits int) (rune, bool) {
	if len(h) < digits {
		return 0, false
	}
	var r rune
	for _, c := range h[:digits] {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, utf8.ValidRune(r)
}

// printableText reports whether s is valid UTF-8 and holds only what YAML
// reads as it is: printable characters and tabs, no line break of any kind
// (CR, NEL, LS, PS) and no byte order mark.
func printableText(s []byte) bool {
	// The string shares s's bytes and does not outlive the call.
	invalid, control := scanRunes(unsafe.String(unsafe.SliceData(s), len(s)))
	return !invalid && !control
}

// literalBlock reads a literal block scalar whose header ("|", "|-", "|2+",
// ...) is head and whose lines start rest, in the recorder's layout: the
// block of a field at column 2, its lines indented by 4 and an empty line
// empty. It returns the text and what follows the block.
func literalBlock(head, rest []byte) (string, []byte, bool) {
	chomp, explicit, ok := blockHeader(head)
	if !ok {
		return "", nil, false
	}
	const pad = "    "
	var b strings.Builder
	end := -1 // the length of b after the last line that is not empty
	for len(rest) > 0 {
		nl := bytes.IndexByte(rest, '\n')
		line := rest[:nl]
		if len(line) > 0 {
			if len(line) <= len(pad) && len(bytes.TrimLeft(line, " ")) == 0 {
				return "", nil, false // spaces up to the indentation: YAML reads an empty line
			}
			if len(line) <= len(pad) || string(line[:len(pad)]) != pad {
				break // indented less: the next field
			}
			if end < 0 && !explicit && (line[4] == ' ' || line[4] == '\t') {
				return "", nil, false // YAML would take more of it for indentation
			}
			if !printableText(line[len(pad):]) {
				return "", nil, false
			}
			b.Write(line[len(pad):])
			end = b.Len() + 1
		}
		b.WriteByte('\n')
		rest = rest[nl+1:]
	}
	if end < 0 {
		return "", nil, false // no text at all: left to YAML
	}
	text := b.String()
	switch chomp {
	case '-':
		text = text[:end-1]
	case 0:
		text = text[:end]
	}
	return text, rest, true
}

// blockHeader reads the header of a literal block: its chomping ('-',
// '+' or 0 for clip) and whether it gives the indentation (only 2, the
// recorder's, is read here).
func blockHeader(head []byte) (chomp byte, explicit, ok bool) {
	head = head[1:]
	if len(head) > 0 && head[0] == '2' {
		explicit, head = true, head[1:]
	}
	switch {
	case len(head) == 0:
		return 0, explicit, true
	case len(head) == 1 && (head[0] == '-' || head[0] == '+'):
		return head[0], explicit, true
	}
	return 0, false, false
}
