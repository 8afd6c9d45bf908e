package codec

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"strings"
	"unicode/utf8"
)

const (
	wordPrefix = "=?UTF-8?B?"
	wordSuffix = "?="
	// maxWordBytes is how many bytes of text fit one encoded word: RFC 2047
	// allows 75 characters, the prefix and suffix take 12, and 45 bytes
	// become 60 base64 characters.
	maxWordBytes = 45
)

// EncodeWord encodes s as RFC 2047 encoded words ("=?UTF-8?B?...?=") when it
// needs encoding: it contains a non-ASCII byte, a control character other
// than tab, or "=?" (which a reader would take for the start of an encoded
// word). Otherwise s is returned unchanged. Long text is split, on character
// boundaries, into several words of at most 75 characters separated by a
// space, which a decoder drops.
func EncodeWord(s string) string {
	if !needsEncodedWord(s) {
		return s
	}
	var words []string
	for rest := s; rest != ""; {
		chunk := wordChunk(rest)
		words = append(words, wordPrefix+B64(chunk)+wordSuffix)
		rest = rest[len(chunk):]
	}
	return strings.Join(words, " ")
}

// needsEncodedWord reports whether s cannot travel as plain header text.
func needsEncodedWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b >= utf8.RuneSelf || (b < ' ' && b != '\t') || b == 0x7f {
			return true
		}
	}
	return strings.Contains(s, "=?")
}

// wordChunk returns the longest prefix of s that fits one encoded word
// without splitting a UTF-8 character.
func wordChunk(s string) string {
	size := 0
	for size < len(s) {
		_, n := utf8.DecodeRuneInString(s[size:])
		if size+n > maxWordBytes {
			break
		}
		size += n
	}
	return s[:size]
}

// DecodeWords decodes the RFC 2047 encoded words ("=?charset?B?...?=" and
// "=?charset?Q?...?=") in a header value; white space between adjacent
// encoded words is dropped, as the RFC requires. UTF-8, ISO-8859-1 and
// US-ASCII are decoded fully; a word in another charset decodes only if its
// bytes are plain ASCII. Malformed words are left as they are.
func DecodeWords(s string) (string, error) {
	decoder := mime.WordDecoder{CharsetReader: asciiOnlyCharset}
	decoded, err := decoder.DecodeHeader(s)
	if err != nil {
		return "", fmt.Errorf("decode encoded words: %w", err)
	}
	return decoded, nil
}

// asciiOnlyCharset reads words in charsets the standard library does not
// know. Nearly every such charset is a superset of ASCII, so ASCII-only
// content means the same in it; the 7-bit stateful and the 16/32-bit
// encodings are refused because their ASCII bytes mean something else.
func asciiOnlyCharset(charset string, input io.Reader) (io.Reader, error) {
	name := strings.ToLower(charset)
	for _, notASCII := range []string{"2022", "utf-7", "utf-16", "utf-32", "ucs", "hz"} {
		if strings.Contains(name, notASCII) {
			return nil, fmt.Errorf("charset %q is not supported", charset)
		}
	}
	content, err := io.ReadAll(input)
	if err != nil {
		return nil, fmt.Errorf("read %s text: %w", charset, err)
	}
	for _, b := range content {
		if b >= utf8.RuneSelf {
			return nil, fmt.Errorf("charset %q is not supported for non-ASCII text (only UTF-8, ISO-8859-1, US-ASCII)", charset)
		}
	}
	return bytes.NewReader(content), nil
}

// QPEncode returns the quoted-printable (RFC 2045) encoding of s. Line breaks
// (LF, CR or CRLF) become CRLF, lines longer than 76 characters get soft line
// breaks ("=" CRLF), and white space before a line break is encoded.
func QPEncode(s string) string {
	var buf bytes.Buffer
	w := quotedprintable.NewWriter(&buf)
	// Writes to a bytes.Buffer cannot fail.
	_, _ = w.Write([]byte(s))
	_ = w.Close()
	return buf.String()
}

// QPDecode decodes quoted-printable (RFC 2045) text. Soft line breaks are
// removed, hard line breaks are kept as they are, and white space at the end
// of a line is dropped (RFC 2045 section 6.7, rule 3). A malformed "="
// sequence is kept as it is, as section 6.7 advises; a bare control byte is
// an error.
func QPDecode(s string) (string, error) {
	decoded, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(s)))
	if err != nil {
		return "", fmt.Errorf("decode quoted-printable: %w", err)
	}
	return string(decoded), nil
}
