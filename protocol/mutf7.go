package protocol

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
)

// ErrMUTF7 is wrapped by the errors of DecodeMUTF7.
var ErrMUTF7 = errors.New("not valid modified UTF-7")

// mutf7Base64 is modified BASE64: "," instead of "/", no padding
// (RFC 3501 5.1.3).
var mutf7Base64 = base64.NewEncoding("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,").
	WithPadding(base64.NoPadding).Strict()

// DecodeMUTF7 decodes a mailbox name in modified UTF-7 (RFC 3501 5.1.3,
// the form IMAP4rev1 servers use for international names): printable
// US-ASCII stands for itself, "&-" for "&", and "&…-" holds UTF-16 in
// modified BASE64: "&ZTZO9nux-" is 收件箱. It is strict: a byte that is
// not printable US-ASCII, printable characters or nothing encoded, a
// "&" never closed, bits left over, two encoded runs that touch ("-&"),
// and a broken surrogate pair are errors wrapping ErrMUTF7.
func DecodeMUTF7(name string) (string, error) {
	var b strings.Builder
	lastEnd := -1 // where the last encoded run ended
	for i := 0; i < len(name); {
		c := name[i]
		switch {
		case c < 0x20 || c > 0x7e:
			return "", fmt.Errorf("byte %#02x at %d: %w", c, i, ErrMUTF7)
		case c != '&':
			b.WriteByte(c)
			i++
			continue
		}
		end := strings.IndexByte(name[i+1:], '-')
		if end < 0 {
			return "", fmt.Errorf("\"&\" at %d is never closed by \"-\": %w", i, ErrMUTF7)
		}
		run := name[i+1 : i+1+end]
		if run == "" {
			b.WriteByte('&')
		} else {
			if lastEnd == i {
				return "", fmt.Errorf("two encoded runs touch at %d: %w", i, ErrMUTF7)
			}
			if err := decodeRun(&b, run); err != nil {
				return "", fmt.Errorf("%q at %d: %w", run, i, err)
			}
			lastEnd = i + end + 2
		}
		i += end + 2
	}
	return b.String(), nil
}

// decodeRun decodes the modified BASE64 of one "&…-" run as UTF-16BE.
func decodeRun(b *strings.Builder, run string) error {
	raw, err := mutf7Base64.DecodeString(run)
	if err != nil || len(raw)%2 != 0 {
		return fmt.Errorf("bad modified BASE64: %w", ErrMUTF7)
	}
	units := make([]uint16, len(raw)/2)
	for i := range units {
		units[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
	}
	for i := 0; i < len(units); i++ {
		r := rune(units[i])
		if utf16.IsSurrogate(r) {
			if i+1 == len(units) {
				return fmt.Errorf("half a surrogate pair: %w", ErrMUTF7)
			}
			if r = utf16.DecodeRune(r, rune(units[i+1])); r == '\uFFFD' {
				return fmt.Errorf("broken surrogate pair: %w", ErrMUTF7)
			}
			i++
		} else if r >= 0x20 && r <= 0x7e {
			return fmt.Errorf("printable %q encoded: %w", r, ErrMUTF7)
		}
		b.WriteRune(r)
	}
	return nil
}

// DisplayMailbox is a mailbox name as a reader should see it: decoded from
// modified UTF-7, or as it is when it is not valid modified UTF-7 (an
// IMAP4rev2 server may send UTF-8 names, RFC 9051 5.1).
func DisplayMailbox(name string) string {
	if !strings.Contains(name, "&") {
		return name
	}
	if s, err := DecodeMUTF7(name); err == nil {
		return s
	}
	return name
}
