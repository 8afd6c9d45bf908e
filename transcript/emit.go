package transcript

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
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
	return appendStepEnd(b, s)
}

// appendStepEnd writes the fields that follow a step's content, "at" last.
func appendStepEnd(b []byte, s *Step) []byte {
	if s.Wire {
		b = appendField(b, 2, "wire", "true")
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
	b = append(b, "  at: \""...)
	b = appendAt(b, s.At)
	return append(b, "\"\n"...)
}

// appendExact writes the first field of a step holding exact text: in the
// key itself when the text is valid UTF-8, else base64 in key_b64. A
// multi-line server reply written as a "|" block gets a final newline, which
// the loader drops again: in a block it is layout, not text. AddSpooled
// writes the same bytes with the same textEncoder, piece by piece.
func appendExact(b []byte, kind Kind, text string) []byte {
	info := exactInfo(kind, text)
	var e textEncoder
	b = e.start(b, kind, &info)
	b = e.write(b, text)
	return e.finish(b)
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
		b = append(b, spaces[:indent]...)
	}
	b = append(b, key...)
	b = append(b, ": "...)
	b = append(b, value...)
	return append(b, '\n')
}

// appendText writes a text field: a literal block when it spans lines and
// YAML can hold it literally, else a double-quoted scalar.
func appendText(b []byte, indent int, key, text string) []byte {
	info := scanText(text)
	if !info.literalOK() {
		return appendField(b, indent, key, quoted(text))
	}
	if indent > 0 {
		b = append(b, spaces[:indent]...)
	}
	b = append(b, key...)
	b = append(b, ": "...)
	b = append(info.appendBlockHeader(b), '\n')
	w := blockWriter{pad: blockPad(indent)}
	return w.finish(w.append(b, text))
}

// valid is s with every invalid UTF-8 sequence replaced by U+FFFD.
func valid(s string) string {
	return strings.ToValidUTF8(s, "\uFFFD")
}

func formatAt(d time.Duration) string {
	return string(appendAt(nil, d))
}

// appendAt writes d as seconds with three decimals.
func appendAt(b []byte, d time.Duration) []byte {
	ms := d.Milliseconds()
	if ms < 0 {
		b, ms = append(b, '-'), -ms
	}
	b = strconv.AppendInt(b, ms/1000, 10)
	b = append(b, '.')
	frac := ms % 1000
	return append(b, byte('0'+frac/100), byte('0'+frac/10%10), byte('0'+frac%10))
}

func roundAt(d time.Duration) time.Duration {
	return max(d.Round(time.Millisecond), 0)
}

func formatTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339Nano)
}
