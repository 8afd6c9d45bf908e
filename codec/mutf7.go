package codec

import (
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// mutf7Base64 is the modified base64 of RFC 3501 5.1.3: "," in place of
// "/", no padding, and (Strict) no stray bits after the last character.
var mutf7Base64 = base64.NewEncoding("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,").
	WithPadding(base64.NoPadding).Strict()

// EncodeMUTF7 writes a mailbox name in IMAP's modified UTF-7 (RFC 3501
// 5.1.3, kept by RFC 9051 for IMAP4rev1 servers): printable ASCII stands
// for itself, "&" becomes "&-", and every run of other characters is
// UTF-16BE in modified base64 between "&" and "-" ("收件箱" is
// "&ZTZO9nux-"). Bytes of s that are not UTF-8 are encoded as U+FFFD.
// The result is printable ASCII; it still needs quotes in a command when
// it holds a space or another character an atom cannot.
func EncodeMUTF7(s string) string {
	var b strings.Builder
	var run []uint16
	for _, r := range s {
		if isPrintableASCII(r) {
			writeMUTF7Run(&b, run)
			run = run[:0]
			if r == '&' {
				b.WriteString("&-")
			} else {
				b.WriteRune(r)
			}
			continue
		}
		run = utf16.AppendRune(run, r)
	}
	writeMUTF7Run(&b, run)
	return b.String()
}

// writeMUTF7Run writes a run of UTF-16 units as "&base64-"; nothing when
// the run is empty.
func writeMUTF7Run(b *strings.Builder, run []uint16) {
	if len(run) == 0 {
		return
	}
	raw := make([]byte, 0, 2*len(run))
	for _, u := range run {
		raw = append(raw, byte(u>>8), byte(u))
	}
	b.WriteByte('&')
	b.WriteString(mutf7Base64.EncodeToString(raw))
	b.WriteByte('-')
}

// DecodeMUTF7 reads a mailbox name in modified UTF-7 (RFC 3501 5.1.3):
// "~peter/mail/&U,BTFw-/&ZeVnLIqe-" is "~peter/mail/台北/日本語". It accepts
// only what [EncodeMUTF7] writes, so a name that decodes encodes back to
// itself; anything else is a [*MUTF7Error]: a byte that is not printable
// ASCII, base64 not ended by "-" ("&Jjo!"), a character outside modified
// base64, base64 that is not whole UTF-16 characters or holds a lone
// surrogate, printable ASCII in base64, or two base64 runs with nothing
// between them ("&U,BTFw-&ZeVnLIqe-" must be "&U,BTF2XlZyyKng-").
func DecodeMUTF7(s string) (string, error) {
	var b strings.Builder
	runEnd := -1 // the index just after the last base64 run's "-"
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '&':
			next, err := decodeMUTF7Run(&b, s, i, i == runEnd)
			if err != nil {
				return "", err
			}
			if next > i+2 {
				runEnd = next
			}
			i = next
		case c < 0x20 || c > 0x7e:
			return "", &MUTF7Error{Pos: i + 1, Problem: MUTF7RawByte, Char: firstRune(s[i:])}
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), nil
}

// decodeMUTF7Run decodes the shift starting with the "&" at s[at] and
// returns the index after its "-". afterRun reports that the "&" comes
// right after another run's "-" (a null shift unless this run is "&-").
func decodeMUTF7Run(b *strings.Builder, s string, at int, afterRun bool) (int, error) {
	end := at + 1
	for end < len(s) && isModifiedBase64(s[end]) {
		end++
	}
	if end == len(s) || s[end] != '-' {
		return 0, &MUTF7Error{Pos: at + 1, Problem: MUTF7Unterminated}
	}
	if end == at+1 {
		b.WriteByte('&')
		return end + 1, nil
	}
	if afterRun {
		return 0, &MUTF7Error{Pos: at + 1, Problem: MUTF7NullShift}
	}
	raw, err := mutf7Base64.DecodeString(s[at+1 : end])
	if err != nil || len(raw)%2 != 0 {
		return 0, &MUTF7Error{Pos: at + 1, Problem: MUTF7Partial}
	}
	units := make([]uint16, len(raw)/2)
	for k := range units {
		units[k] = uint16(raw[2*k])<<8 | uint16(raw[2*k+1])
	}
	for k := 0; k < len(units); k++ {
		r := rune(units[k])
		if utf16.IsSurrogate(r) {
			if k+1 == len(units) {
				return 0, &MUTF7Error{Pos: at + 1, Problem: MUTF7Surrogate}
			}
			if r = utf16.DecodeRune(r, rune(units[k+1])); r == '\uFFFD' {
				return 0, &MUTF7Error{Pos: at + 1, Problem: MUTF7Surrogate}
			}
			k++
		}
		if isPrintableASCII(r) {
			return 0, &MUTF7Error{Pos: at + 1, Problem: MUTF7EncodedASCII, Char: r}
		}
		b.WriteRune(r)
	}
	return end + 1, nil
}

// isPrintableASCII reports whether r is 0x20-0x7e, the characters that
// stand for themselves in modified UTF-7 ("&" too, written "&-").
func isPrintableASCII(r rune) bool { return 0x20 <= r && r <= 0x7e }

// isModifiedBase64 reports whether c is in the modified base64 alphabet.
func isModifiedBase64(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == ','
}

// firstRune is the character s starts with; U+FFFD when s does not
// start with UTF-8.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// MUTF7Problem is what is wrong with text [DecodeMUTF7] rejects.
type MUTF7Problem int

// The problems of modified UTF-7 text.
const (
	MUTF7RawByte      MUTF7Problem = iota // a character that is not printable ASCII outside base64
	MUTF7Unterminated                     // "&" starts base64 that no "-" ends
	MUTF7Partial                          // the base64 is not whole UTF-16 characters
	MUTF7Surrogate                        // the base64 holds a lone UTF-16 surrogate
	MUTF7EncodedASCII                     // the base64 holds printable ASCII, which stands for itself
	MUTF7NullShift                        // base64 right after base64 ("-&"): they must be one run
)

// MUTF7Error is text that is not modified UTF-7: what is wrong and where.
// Its message is in English ([MUTF7Error.Error]) or in another language
// ([MUTF7Error.In], [Localize]).
type MUTF7Error struct {
	Pos     int          // the byte position (from 1) of the character or of the run's "&"
	Problem MUTF7Problem // what is wrong
	Char    rune         // the character at fault (MUTF7RawByte, MUTF7EncodedASCII)
}

// Error is the message in English.
func (e *MUTF7Error) Error() string { return e.In("en") }

// In is the message in lang: "zh" for Chinese, English otherwise.
func (e *MUTF7Error) In(lang string) string {
	zh := isChinese(lang)
	return pick(zh, "not modified UTF-7 (RFC 3501 section 5.1.3): ",
		"不是有效的修改版 UTF-7（RFC 3501 第 5.1.3 节）：") + e.detail(zh)
}

// detail says what is wrong, in English or in Chinese.
func (e *MUTF7Error) detail(zh bool) string {
	switch e.Problem {
	case MUTF7RawByte:
		return fmt.Sprintf(pick(zh,
			"the character %U at position %d is not printable ASCII: write it in base64 between & and -, as {mutf7:TEXT} does",
			"第 %[2]d 个字节处的字符 %[1]U 不是可打印的 ASCII 字符：要写成 & 和 - 之间的 base64，{mutf7:TEXT} 会替你编码"), e.Char, e.Pos)
	case MUTF7Unterminated:
		return fmt.Sprintf(pick(zh, "the base64 that the & at position %d starts is not ended by -",
			"第 %d 个字节的 & 开始的 base64 没有以 - 结束"), e.Pos)
	case MUTF7Partial:
		return fmt.Sprintf(pick(zh, "the base64 after the & at position %d is not whole UTF-16 characters",
			"第 %d 个字节的 & 之后的 base64 不是完整的 UTF-16 字符"), e.Pos)
	case MUTF7Surrogate:
		return fmt.Sprintf(pick(zh, "the base64 after the & at position %d holds half of a UTF-16 surrogate pair",
			"第 %d 个字节的 & 之后的 base64 含有不成对的 UTF-16 代理项"), e.Pos)
	case MUTF7EncodedASCII:
		return fmt.Sprintf(pick(zh, "the base64 after the & at position %d encodes %U, which must be written as itself (& as &-)",
			"第 %d 个字节的 & 之后的 base64 编码了 %U，它应当直接写出（& 写作 &-）"), e.Pos, e.Char)
	case MUTF7NullShift:
		return fmt.Sprintf(pick(zh, "the base64 at position %d follows another with nothing between: the two must be one run",
			"第 %d 个字节的 base64 紧跟在另一段 base64 之后：两段应当合成一段"), e.Pos)
	}
	return fmt.Sprintf(pick(zh, "at position %d", "第 %d 个字节"), e.Pos)
}
