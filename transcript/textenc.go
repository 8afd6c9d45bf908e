package transcript

import (
	"encoding/base64"
	"strings"
	"unicode/utf8"
)

// This file is the one encoder of text for the emitter: it decides how a
// text is written (literal block, double-quoted scalar or base64) from a
// textInfo gathered in one pass, and writes the text in pieces, so that the
// same code serves a short string (Add, Encode) and a text read back from a
// Spool in chunks (AddSpooled).

// textInfo is what choosing how to write a text needs to know about it. It
// is gathered one segment at a time, a segment being what lies between two
// "\n"s ("" is one empty segment, "a\n" is "a" and ""), so that a text
// arriving line by line needs no second pass. The zero value is no text.
type textInfo struct {
	segs     int  // segments so far
	invalid  bool // some segment is not valid UTF-8
	control  bool // some rune is neither a tab nor printable
	nonBlank bool // some segment is not empty
	lead     bool // the first non-empty segment starts with a space or a tab
	trailing int  // empty segments at the end, counted up to 2
}

// add takes the next segment; it must not hold "\n". Since "\n" cannot be
// part of a multi-byte sequence, the text is valid UTF-8 exactly when every
// segment is.
func (t *textInfo) add(seg string) {
	t.segs++
	if seg == "" {
		t.trailing = min(t.trailing+1, 2)
		return
	}
	t.trailing = 0
	if !t.nonBlank {
		t.nonBlank, t.lead = true, seg[0] == ' ' || seg[0] == '\t'
	}
	switch {
	case t.invalid: // base64 whatever follows
	case t.control: // quoted whatever follows, unless invalid
		t.invalid = !utf8.ValidString(seg)
	default:
		t.invalid, t.control = scanRunes(seg)
	}
}

// addPlain is add for a segment known to be printable ASCII: it cannot
// make the text invalid or give it a control character.
func (t *textInfo) addPlain(seg string) {
	t.segs++
	if seg == "" {
		t.trailing = min(t.trailing+1, 2)
		return
	}
	t.trailing = 0
	if !t.nonBlank {
		t.nonBlank, t.lead = true, seg[0] == ' '
	}
}

// scanRunes reports whether s is not valid UTF-8, and whether it has a rune
// that is neither a tab nor printable.
func scanRunes(s string) (invalid, control bool) {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && printableASCII8(s[i:i+8]) {
			i += 8
			continue
		}
		if c := s[i]; c < utf8.RuneSelf {
			if (c < 0x20 || c == 0x7F) && c != '\t' {
				return !utf8.ValidString(s[i+1:]), true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return true, true
		}
		i += size
		if !printable(r) {
			return !utf8.ValidString(s[i:]), true
		}
	}
	return false, false
}

// printableASCII8 reports whether the 8 bytes of s are all from ' ' to '~'.
func printableASCII8(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	del := x ^ 0x7F*ones
	below := (x - 0x20*ones) &^ x // a byte below 0x20 sets its high bit
	isDel := (del - ones) &^ del  // a byte equal to 0x7F sets its high bit
	return (x|below|isDel)&highs == 0
}

// scanText gathers the textInfo of a whole string.
func scanText(text string) textInfo {
	var t textInfo
	for {
		seg, rest, found := strings.Cut(text, "\n")
		t.add(seg)
		if !found {
			return t
		}
		text = rest
	}
}

// literalOK reports whether the text spans lines and has only characters a
// literal block holds as they are.
func (t *textInfo) literalOK() bool {
	return t.segs >= 2 && t.nonBlank && !t.control && !t.invalid
}

// appendBlockHeader writes the "|" indicator of a literal block: an
// explicit indentation when the first non-empty line starts with a space or
// a tab (YAML would take the space for indentation, and refuses a tab where
// it looks for the indentation), and the chomping that keeps exactly the
// final newlines the text has. Only for a text that is literalOK.
func (t *textInfo) appendBlockHeader(b []byte) []byte {
	b = append(b, '|')
	if t.lead {
		b = append(b, '2')
	}
	switch t.trailing {
	case 0: // no final newline
		return append(b, '-')
	case 2: // more than one
		return append(b, '+')
	}
	return b
}

// textForm is how a text field is written.
type textForm uint8

const (
	asQuoted textForm = iota // a double-quoted scalar
	asBlock                  // a literal block
	asBase64                 // base64 in a key_b64 field
)

// exactForm decides how the text of a client, server or data step is
// written. t describes the text a block would hold: a server reply followed
// by "\n" (a block's final newline is layout for a reply), a body as it is;
// for a client line only its validity counts.
func exactForm(kind Kind, t *textInfo) textForm {
	switch {
	case t.invalid:
		return asBase64
	case kind == KindClient:
		return asQuoted
	case kind == KindServer && t.segs < 3: // a reply of one line
		return asQuoted
	case t.literalOK():
		return asBlock
	}
	return asQuoted
}

// exactInfo is the textInfo exactForm wants for the text of a step.
func exactInfo(kind Kind, text string) textInfo {
	t := scanText(text)
	if kind == KindServer {
		t.add("")
	}
	return t
}

// textEncoder writes the content field of a client, server or data step
// from its text in pieces: start, write for every piece in order, finish.
// A piece must not end inside a UTF-8 sequence of a valid text. It is the
// same for a whole string in one piece and for a text streamed from disk.
type textEncoder struct {
	form   textForm
	server bool // a reply as a block, whose final "\n" finish adds
	block  blockWriter
	b64    b64Writer
}

// start writes the key and whatever precedes the text; t is exactInfo's.
func (e *textEncoder) start(b []byte, kind Kind, t *textInfo) []byte {
	e.form = exactForm(kind, t)
	b = append(b, kind...)
	switch e.form {
	case asBase64:
		return append(b, "_b64: "...)
	case asQuoted:
		return append(b, `: "`...)
	}
	e.server = kind == KindServer
	e.block = blockWriter{pad: blockPad(-1)}
	b = append(b, ": "...)
	b = t.appendBlockHeader(b)
	return append(b, '\n')
}

// write writes the next piece of the text.
func (e *textEncoder) write(b []byte, piece string) []byte {
	switch e.form {
	case asBase64:
		return e.b64.append(b, piece)
	case asQuoted:
		return appendEscaped(b, piece)
	}
	return e.block.append(b, piece)
}

// finish ends the field, newline included.
func (e *textEncoder) finish(b []byte) []byte {
	switch e.form {
	case asBase64:
		return append(e.b64.finish(b), '\n')
	case asQuoted:
		return append(b, "\"\n"...)
	}
	if e.server {
		b = e.block.append(b, "\n")
	}
	return e.block.finish(b)
}

const spaces = "          "

// blockPad is the indentation of the lines of a block whose key is at
// indent (-1: a field continuing "- ", which sits at column 2).
func blockPad(indent int) string {
	return spaces[:max(indent, 2)+2]
}

// blockWriter writes the lines of a literal block, each non-empty one after
// pad, from the text in pieces.
type blockWriter struct {
	pad    string
	inLine bool // the last piece ended inside a line
}

func (w *blockWriter) append(b []byte, piece string) []byte {
	for piece != "" {
		if !w.inLine && piece[0] != '\n' {
			b = append(b, w.pad...)
		}
		i := strings.IndexByte(piece, '\n')
		if i < 0 {
			w.inLine = true
			return append(b, piece...)
		}
		b = append(b, piece[:i+1]...)
		w.inLine, piece = false, piece[i+1:]
	}
	return b
}

// finish ends the last line; a block's lines all end with a newline.
func (w *blockWriter) finish(b []byte) []byte {
	if w.inLine {
		w.inLine = false
		return append(b, '\n')
	}
	return b
}

// b64Writer writes standard, padded base64 of a text given in pieces of
// any length.
type b64Writer struct {
	carry [3]byte
	n     int // bytes in carry
}

func (w *b64Writer) append(b []byte, piece string) []byte {
	if w.n > 0 {
		k := copy(w.carry[w.n:], piece)
		w.n += k
		piece = piece[k:]
		if w.n < 3 {
			return b
		}
		b = base64.StdEncoding.AppendEncode(b, w.carry[:])
		w.n = 0
	}
	var buf [3 << 10]byte
	for len(piece) >= 3 {
		k := copy(buf[:], piece[:len(piece)-len(piece)%3])
		b = base64.StdEncoding.AppendEncode(b, buf[:k])
		piece = piece[k:]
	}
	w.n = copy(w.carry[:], piece)
	return b
}

func (w *b64Writer) finish(b []byte) []byte {
	b = base64.StdEncoding.AppendEncode(b, w.carry[:w.n])
	w.n = 0
	return b
}

// quoted is s as a YAML double-quoted scalar; s must be valid UTF-8.
func quoted(s string) string {
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	b = appendEscaped(b, s)
	return string(append(b, '"'))
}

// appendEscaped writes s as the inside of a double-quoted scalar. Pieces of
// one text can be escaped one after the other if none ends inside a UTF-8
// sequence. Invalid UTF-8 becomes U+FFFD (callers pass valid text).
func appendEscaped(b []byte, s string) []byte {
	done := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7F && c != '"' && c != '\\' {
			i++
			continue
		}
		b = append(b, s[done:i]...)
		if c < utf8.RuneSelf {
			b = appendEscape(b, rune(c))
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				b = utf8.AppendRune(b, r)
			case printable(r):
				b = append(b, s[i:i+size]...)
			default:
				b = appendEscape(b, r)
			}
			i += size
		}
		done = i
	}
	return append(b, s[done:]...)
}

// appendEscape writes the escape of a character a double-quoted scalar
// cannot hold as it is.
func appendEscape(b []byte, r rune) []byte {
	switch r {
	case '"':
		return append(b, `\"`...)
	case '\\':
		return append(b, `\\`...)
	case '\n':
		return append(b, `\n`...)
	case '\r':
		return append(b, `\r`...)
	case '\t':
		return append(b, `\t`...)
	case 0:
		return append(b, `\0`...)
	}
	digits := 8
	switch {
	case r <= 0xFF:
		b, digits = append(b, `\x`...), 2
	case r <= 0xFFFF:
		b, digits = append(b, `\u`...), 4
	default:
		b = append(b, `\U`...)
	}
	for shift := (digits - 1) * 4; shift >= 0; shift -= 4 {
		b = append(b, "0123456789ABCDEF"[r>>shift&0xF])
	}
	return b
}

// printable reports whether r may appear unescaped in a YAML scalar. It
// leaves out the characters YAML 1.1 reads as line breaks (NEL, LS, PS) and
// the byte order mark.
func printable(r rune) bool {
	switch {
	case r >= 0x20 && r <= 0x7E:
		return true
	case r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xFEFF:
		return false
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}
