package protocol

// This file stands in for what the imap-core engineer writes (the IMAP
// dialect and protocol/mutf7.go) until the branches merge; the merge
// deletes it.

import (
	"encoding/base64"
	"strings"
	"unicode/utf16"
)

// IMAP is the Internet Message Access Protocol (RFC 9051, RFC 3501).
const IMAP Protocol = "imap"

// decodeMailboxName decodes a mailbox name in modified UTF-7 (RFC 3501
// 5.1.3) for display: "&ZTZO9nux-" is "收件箱", "&-" is "&". A name that
// is not valid modified UTF-7 is returned as it is.
func decodeMailboxName(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	orig := s
	var b strings.Builder
	for s != "" {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '-')
		if j < 0 {
			return orig
		}
		run := s[i+1 : i+j]
		s = s[i+j+1:]
		if run == "" {
			b.WriteByte('&')
			continue
		}
		raw, err := base64.RawStdEncoding.DecodeString(strings.ReplaceAll(run, ",", "/"))
		if err != nil || len(raw)%2 != 0 {
			return orig
		}
		units := make([]uint16, len(raw)/2)
		for k := range units {
			units[k] = uint16(raw[2*k])<<8 | uint16(raw[2*k+1])
		}
		b.WriteString(string(utf16.Decode(units)))
	}
	return b.String()
}
