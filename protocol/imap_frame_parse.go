package protocol

import (
	"strconv"
	"strings"
)

// imapKind is what an IMAP response line starts (RFC 9051 7).
type imapKind int

const (
	imapMalformed imapKind = iota // none of the below
	imapTagged                    // "a1 OK …": completes the command tagged a1
	imapStatus                    // "* OK|NO|BAD|PREAUTH|BYE …": untagged status
	imapData                      // "* CAPABILITY …", "* 3 EXISTS": untagged data
	imapCont                      // "+ …": continuation request
)

// imapHead is the first line of an IMAP response taken apart.
type imapHead struct {
	kind   imapKind
	tag    string // the tag, "*" or "+"
	status string // OK/NO/BAD/PREAUTH/BYE, the data kind upper-cased, or "+"
	code   string // the response code without its brackets
	text   string // the rest: after the status and code; "3" for "* 3 EXISTS"
	probs  []problem
}

// imapStatuses are the status words of untagged status responses; a tagged
// response carries OK, NO or BAD only.
var imapStatuses = map[string]bool{"OK": true, "NO": true, "BAD": true, "PREAUTH": true, "BYE": true}

// parseIMAPHead takes apart the first line of a response (RFC 9051 7:
// response-tagged, response-data, continue-req).
func parseIMAPHead(line string) imapHead {
	switch {
	case line == "+" || strings.HasPrefix(line, "+ "):
		h := imapHead{kind: imapCont, tag: "+", status: "+"}
		if line == "+" {
			h.probs = append(h.probs, problem{kind: probIMAPContSpace})
		} else {
			h.code, h.text = parseRespText(line[2:], &h)
		}
		return h
	case strings.HasPrefix(line, "* "):
		return parseUntagged(line[2:])
	}
	tag, rest, _ := strings.Cut(line, " ")
	word, rest, _ := strings.Cut(rest, " ")
	word = strings.ToUpper(word)
	if !validTag(tag) || word != "OK" && word != "NO" && word != "BAD" {
		return imapHead{text: line}
	}
	h := imapHead{kind: imapTagged, tag: tag, status: word}
	h.code, h.text = parseRespText(rest, &h)
	return h
}

// parseUntagged takes apart what follows "* ".
func parseUntagged(rest string) imapHead {
	word, after, _ := strings.Cut(rest, " ")
	upper := strings.ToUpper(word)
	switch {
	case imapStatuses[upper]:
		h := imapHead{kind: imapStatus, tag: "*", status: upper}
		h.code, h.text = parseRespText(after, &h)
		return h
	case isNumber(word):
		kind, tail, more := strings.Cut(after, " ")
		if !isAtom(kind) {
			return imapHead{text: "* " + rest}
		}
		h := imapHead{kind: imapData, tag: "*", status: strings.ToUpper(kind), text: word}
		if more {
			h.text += " " + tail
		}
		return h
	case isAtom(word):
		return imapHead{kind: imapData, tag: "*", status: upper, text: after}
	}
	return imapHead{text: "* " + rest}
}

// parseRespText splits resp-text into its bracketed code and its text
// (RFC 9051 7.1).
func parseRespText(s string, h *imapHead) (code, text string) {
	if !strings.HasPrefix(s, "[") {
		return "", s
	}
	code, text, ok := strings.Cut(s[1:], "]")
	if !ok {
		h.probs = append(h.probs, problem{kind: probIMAPCodeOpen})
		return code, ""
	}
	return code, strings.TrimPrefix(text, " ")
}

// validTag reports whether s is a tag: 1*<any ASTRING-CHAR except "+">
// (RFC 9051 9).
func validTag(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isAtomChar(s[i]) && s[i] != ']' || s[i] == '+' {
			return false
		}
	}
	return true
}

// isAtomChar reports whether b is an ATOM-CHAR: a CHAR that is not an
// atom-special (RFC 9051 9).
func isAtomChar(b byte) bool {
	return b > 0x20 && b < 0x7f && !strings.ContainsRune(`(){%*"\]`, rune(b))
}

func isAtom(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isAtomChar(s[i]) {
			return false
		}
	}
	return true
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// imapLiteral is a literal announced at the end of a line: "{310}",
// "~{310}" (BINARY, RFC 3516), "{310+}" (non-synchronizing, RFC 7888).
type imapLiteral struct {
	size    int64
	binary  bool
	nonSync bool
}

// trailingLiteral finds the literal a line segment announces at its end,
// outside any quoted string (RFC 9051 4.3). A segment starts outside quotes:
// the start of a line, or just after a literal. open reports a quoted
// string left open at the end; bad holds a size that cannot be counted.
func trailingLiteral(seg string) (lit imapLiteral, ok, open bool, bad string) {
	quoted := false
	for i := 0; i < len(seg); i++ {
		switch c := seg[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		}
	}
	if quoted || !strings.HasSuffix(seg, "}") {
		return lit, false, quoted, ""
	}
	start := strings.LastIndexByte(seg, '{')
	if start < 0 {
		return lit, false, false, ""
	}
	digits := seg[start+1 : len(seg)-1]
	if d, plus := strings.CutSuffix(digits, "+"); plus {
		digits, lit.nonSync = d, true
	}
	if !isNumber(digits) {
		return imapLiteral{}, false, false, ""
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return imapLiteral{}, false, false, digits
	}
	lit.size, lit.binary = n, start > 0 && seg[start-1] == '~'
	return lit, true, false, ""
}

// imapToken is one syntactic unit of a command line: an atom (with any
// bracketed section, "BODY[HEADER.FIELDS (TO)]"), a quoted string, a
// parenthesised list or a literal announcement, as the [start, end) bytes
// of the line.
type imapToken struct {
	start, end int
	quoted     bool // a quoted string
	open       bool // a quoted string, list or bracket not closed by the end of the line
	literal    bool // "{n}", "{n+}" or "~{n}"
}

// imapTokens cuts a client line into tokens separated by white space. It
// never fails: what does not close runs to the end of the line (open).
func imapTokens(line string) []imapToken {
	var out []imapToken
	for i := 0; i < len(line); {
		if line[i] == ' ' || line[i] == '\t' {
			i++
			continue
		}
		t := imapToken{start: i}
		switch {
		case line[i] == '"':
			t.quoted = true
			i, t.open = skipQuoted(line, i+1)
		case line[i] == '{' || strings.HasPrefix(line[i:], "~{"):
			end := strings.IndexByte(line[i:], '}')
			t.literal = end >= 0
			if end < 0 {
				i, t.open = len(line), true
			} else {
				i += end + 1
			}
		default:
			i, t.open = skipNested(line, i)
		}
		t.end = i
		out = append(out, t)
	}
	return out
}

// skipQuoted returns the index after the quote closing a quoted string
// whose text starts at i, or len(line) and open.
func skipQuoted(line string, i int) (int, bool) {
	for ; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '"':
			return i + 1, false
		}
	}
	return len(line), true
}

// skipNested returns the end of an atom or list starting at i: at white
// space outside brackets, parentheses and quotes.
func skipNested(line string, i int) (int, bool) {
	depth := 0
	for ; i < len(line); i++ {
		switch line[i] {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case '"':
			i, _ = skipQuoted(line, i+1)
			i--
		case ' ', '\t':
			if depth <= 0 {
				return i, false
			}
		}
	}
	return len(line), depth > 0
}

// unquoteIMAP returns the text of an astring token: a quoted string
// without its quotes and escapes, an atom as it is.
func unquoteIMAP(s string) string {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return s
	}
	var b strings.Builder
	for i := 1; i < len(s)-1; i++ {
		if s[i] == '\\' && i+1 < len(s)-1 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
