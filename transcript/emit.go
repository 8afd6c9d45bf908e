package transcript

import (
	"encoding/base64"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Encode writes the whole transcript in the same layout the recorder uses, so
// that Parse reads back an equal Transcript. It writes schema [Version],
// rounds At to the millisecond and replaces invalid UTF-8 in descriptive
// fields (title, tool, host, notes, TLS details, the close reason) with
// U+FFFD; client, server and data text is kept byte for byte. Redacted is
// ignored: Encode writes Text.
func (t *Transcript) Encode(w io.Writer) error {
	if err := checkHeader(t); err != nil {
		return fmt.Errorf("encode transcript: %w", err)
	}
	out := appendHeader(nil, t)
	var last time.Duration
	for i := range t.Steps {
		s := t.Steps[i]
		s.At = roundAt(s.At)
		if err := checkStep(&s); err != nil {
			return fmt.Errorf("encode transcript: step %d: %w", i+1, err)
		}
		if s.At < last {
			return fmt.Errorf("encode transcript: step %d: at %s is before the previous step's %s", i+1, formatAt(s.At), formatAt(last))
		}
		last = s.At
		out = appendStep(out, &s)
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("encode transcript: %w", err)
	}
	return nil
}

// appendHeader writes every field but the steps, then the "steps:" key the
// step items follow.
func appendHeader(b []byte, t *Transcript) []byte {
	b = append(b, "mailtutor: "...)
	b = strconv.AppendInt(b, Version, 10)
	b = append(b, '\n')
	if t.Title != "" {
		b = appendField(b, 0, "title", quoted(valid(t.Title)))
	}
	b = appendField(b, 0, "protocol", t.Protocol)
	b = append(b, "server: {host: "...)
	b = append(b, quoted(valid(t.Server.Host))...)
	b = append(b, ", port: "...)
	b = strconv.AppendInt(b, int64(t.Server.Port), 10)
	b = append(b, ", tls: "...)
	b = append(b, t.Server.TLS...)
	b = append(b, "}\n"...)
	if !t.Recorded.IsZero() {
		b = appendField(b, 0, "recorded", formatTime(t.Recorded))
	}
	if t.Tool != "" {
		b = appendField(b, 0, "tool", quoted(valid(t.Tool)))
	}
	return append(b, "steps:\n"...)
}

// appendStep writes one step as a sequence item. Its last line is always the
// quoted "at", so that no proper prefix of the item is a valid step: that is
// how the loader tells a step cut short by a crash from a complete one.
func appendStep(b []byte, s *Step) []byte {
	b = append(b, "- "...)
	switch s.Kind {
	case KindTLS:
		b = appendTLS(b, s.TLS)
	case KindClosed:
		b = appendField(b, -1, "closed", quoted(valid(s.Text)))
	default: // client, server, data
		b = appendExact(b, s.Kind, s.Text)
	}
	if s.Secret != "" {
		b = appendField(b, 2, "secret", s.Secret)
	}
	if s.Kept {
		b = appendField(b, 2, "kept", "true")
	}
	if s.Note != "" {
		b = appendText(b, 2, "note", valid(s.Note))
	}
	if s.Lesson != nil {
		b = appendLesson(b, s.Lesson)
	}
	return appendField(b, 2, "at", `"`+formatAt(s.At)+`"`)
}

// appendExact writes the first field of a step holding exact text: in the
// key itself when the text is valid UTF-8, else base64 in key_b64. A
// multi-line server reply written as a "|" block gets a final newline, which
// the loader drops again: in a block it is layout, not text.
func appendExact(b []byte, kind Kind, text string) []byte {
	key := string(kind)
	switch {
	case !utf8.ValidString(text):
		return appendField(b, -1, key+"_b64", base64.StdEncoding.EncodeToString([]byte(text)))
	case kind == KindClient:
		return appendField(b, -1, key, quoted(text))
	case kind == KindServer && strings.Contains(text, "\n") && literalOK(text+"\n"):
		return appendText(b, -1, key, text+"\n")
	case kind == KindServer:
		return appendField(b, -1, key, quoted(text))
	}
	return appendText(b, -1, key, text)
}

func appendTLS(b []byte, t *TLSInfo) []byte {
	b = append(b, "tls:\n"...)
	opt := func(key, v string) {
		if v != "" {
			b = appendField(b, 4, key, quoted(valid(v)))
		}
	}
	opt("version", t.Version)
	opt("cipher", t.Cipher)
	opt("server_name", t.ServerName)
	opt("subject", t.Subject)
	opt("issuer", t.Issuer)
	if len(t.DNSNames) > 0 {
		names := make([]string, len(t.DNSNames))
		for i, n := range t.DNSNames {
			names[i] = quoted(valid(n))
		}
		b = appendField(b, 4, "dns_names", "["+strings.Join(names, ", ")+"]")
	}
	if !t.NotBefore.IsZero() {
		b = appendField(b, 4, "not_before", formatTime(t.NotBefore))
	}
	if !t.NotAfter.IsZero() {
		b = appendField(b, 4, "not_after", formatTime(t.NotAfter))
	}
	opt("fingerprint", t.Fingerprint)
	b = appendField(b, 4, "verified", strconv.FormatBool(t.Verified))
	opt("verify_error", t.VerifyError)
	return b
}

func appendLesson(b []byte, l *LessonNotes) []byte {
	if *l == (LessonNotes{}) {
		return appendField(b, 2, "lesson", "{}")
	}
	b = append(b, "  lesson:\n"...)
	for _, f := range []struct{ key, v string }{
		{"explain", l.Explain}, {"expect", l.Expect}, {"hint", l.Hint}, {"notice", l.Notice},
	} {
		if f.v != "" {
			b = appendText(b, 4, f.key, valid(f.v))
		}
	}
	return b
}

// appendField writes "key: value" at the given indentation; -1 continues the
// line a "- " already started.
func appendField(b []byte, indent int, key, value string) []byte {
	if indent > 0 {
		b = append(b, strings.Repeat(" ", indent)...)
	}
	b = append(b, key...)
	b = append(b, ": "...)
	b = append(b, value...)
	return append(b, '\n')
}

// appendText writes a text field: a literal block when it spans lines and
// YAML can hold it literally, else a double-quoted scalar.
func appendText(b []byte, indent int, key, text string) []byte {
	if !literalOK(text) {
		return appendField(b, indent, key, quoted(text))
	}
	keyIndent := max(indent, 2) // a field continuing "- " sits at column 2
	b = appendField(b, indent, key, blockHeader(text))
	pad := strings.Repeat(" ", keyIndent+2)
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for _, line := range lines {
		if line != "" {
			b = append(b, pad...)
			b = append(b, line...)
		}
		b = append(b, '\n')
	}
	return b
}

// blockHeader is the "|" indicator line of a literal block: an explicit
// indentation when the first line starts with a space, and the chomping that
// keeps exactly the final newlines text has.
func blockHeader(text string) string {
	h := "|"
	first := strings.TrimLeft(text, "\n")
	if strings.HasPrefix(first, " ") {
		h += "2"
	}
	switch {
	case !strings.HasSuffix(text, "\n"):
		h += "-"
	case strings.HasSuffix(text, "\n\n"):
		h += "+"
	}
	return h
}

// literalOK reports whether text spans lines and has only characters a
// literal block holds as they are.
func literalOK(text string) bool {
	if !strings.Contains(text, "\n") || strings.Trim(text, "\n") == "" {
		return false
	}
	for _, r := range text {
		if r != '\n' && r != '\t' && !printable(r) {
			return false
		}
	}
	return true
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

// quoted is s as a YAML double-quoted scalar; s must be valid UTF-8.
func quoted(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case 0:
			b.WriteString(`\0`)
		default:
			writeRune(&b, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func writeRune(b *strings.Builder, r rune) {
	switch {
	case printable(r):
		b.WriteRune(r)
	case r <= 0xFF:
		fmt.Fprintf(b, `\x%02X`, r)
	case r <= 0xFFFF:
		fmt.Fprintf(b, `\u%04X`, r)
	default:
		fmt.Fprintf(b, `\U%08X`, r)
	}
}

// valid is s with every invalid UTF-8 sequence replaced by U+FFFD.
func valid(s string) string {
	return strings.ToValidUTF8(s, "\uFFFD")
}

func formatAt(d time.Duration) string {
	ms := d.Milliseconds()
	return fmt.Sprintf("%d.%03d", ms/1000, ms%1000)
}

func roundAt(d time.Duration) time.Duration {
	return max(d.Round(time.Millisecond), 0)
}

func formatTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339Nano)
}
