package protocol

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// The IMAP explanations read a little of each response: the command it
// answers, the arguments of a response code, the items of a FETCH. This
// file splits such text into tokens. It is forgiving, never fails, and is
// no parser of the protocol: the framer is (imap_frame.go).

// exToken is one top-level token of IMAP text: an atom (NIL, 12,
// BODY[HEADER.FIELDS (SUBJECT)]), a quoted string (its text unquoted), a
// parenthesised list (with its parentheses) or a literal ("{91}"; its
// bytes, when they follow, are skipped).
type exToken struct {
	text    string
	quoted  bool
	literal bool
}

// isNil reports whether the token is the atom NIL.
func (t exToken) isNil() bool { return !t.quoted && strings.EqualFold(t.text, "NIL") }

// items returns the tokens inside a parenthesised list, or nil.
func (t exToken) items() []exToken {
	if t.quoted || len(t.text) < 2 || t.text[0] != '(' {
		return nil
	}
	return exTokens(strings.TrimSuffix(t.text[1:], ")"))
}

// exTokens splits s into its top-level tokens. An unclosed string or
// list runs to the end of s.
func exTokens(s string) []exToken {
	var out []exToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
			continue
		case c == '"':
			text, n := exQuoted(s[i:])
			out = append(out, exToken{text: text, quoted: true})
			i += n
			continue
		case c == '(':
			n := exList(s[i:])
			out = append(out, exToken{text: s[i : i+n]})
			i += n
			continue
		}
		if marker, n := exLiteral(s[i:]); n > 0 {
			out = append(out, exToken{text: marker, literal: true})
			i += n
			continue
		}
		n := exAtom(s[i:])
		out = append(out, exToken{text: s[i : i+n]})
		i += n
	}
	return out
}

// exQuoted reads the quoted string at the start of s: its text without
// quotes and escapes, and how many bytes it took.
func exQuoted(s string) (string, int) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			}
		case '"':
			return b.String(), i + 1
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String(), len(s)
}

// exList returns the length of the parenthesised list at the start of
// s, nested lists, strings and literals included.
func exList(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i + 1
			}
		case '"':
			_, n := exQuoted(s[i:])
			i += n - 1
		case '{', '~':
			if _, n := exLiteral(s[i:]); n > 0 {
				i += n - 1
			}
		}
	}
	return len(s)
}

// exLiteral reads a literal at the start of s: "{91}", "~{91}" or
// "{91+}", and the line end and bytes that follow it when s holds them.
// It returns the marker ("{91}") and the bytes taken, or 0 when s does
// not start with a literal.
func exLiteral(s string) (string, int) {
	start := 0
	if strings.HasPrefix(s, "~") {
		start = 1
	}
	if !strings.HasPrefix(s[start:], "{") {
		return "", 0
	}
	end := strings.IndexByte(s, '}')
	digits := strings.TrimSuffix(s[start+1:max(end, start+1)], "+")
	count, err := strconv.ParseInt(digits, 10, 64)
	if end < 0 || err != nil || count < 0 {
		return "", 0
	}
	i := end + 1
	switch {
	case strings.HasPrefix(s[i:], "\r\n"):
		i += 2
	case strings.HasPrefix(s[i:], "\n"):
		i++
	default:
		return s[:end+1], i // the marker alone: no bytes follow here
	}
	return s[:end+1], i + int(min(count, int64(len(s)-i)))
}

// exAtom returns the length of the atom at the start of s: up to a
// space or a parenthesis outside brackets (BODY[HEADER.FIELDS (FROM)] is
// one atom).
func exAtom(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			depth--
		case ' ', '\t', '\r', '\n', '(', ')':
			if depth <= 0 {
				return max(i, 1)
			}
		}
	}
	return len(s)
}

// imapAsked is the command a response answers, as the explanations read
// it from Reply.Command.
type imapAsked struct {
	tag  string
	verb string // upper-cased; for "UID FETCH" the verb after UID
	uid  bool   // a UID command
	args []exToken
}

// askedOf reads the command line a response answers; "" gives the zero
// value.
func askedOf(command string) imapAsked {
	toks := exTokens(command)
	if len(toks) < 2 {
		return imapAsked{}
	}
	a := imapAsked{tag: toks[0].text, verb: strings.ToUpper(toks[1].text), args: toks[2:]}
	if a.verb == "UID" && len(a.args) > 0 {
		a.uid, a.verb, a.args = true, strings.ToUpper(a.args[0].text), a.args[1:]
	}
	return a
}

// key names the command as the tables key it: "FETCH", "UID FETCH".
func (a imapAsked) key() string {
	if a.uid {
		return "UID " + a.verb
	}
	return a.verb
}

// exMailboxArg is the argument of each command that names the mailbox
// it acts on (RENAME: the new name; COPY and MOVE: the target).
var exMailboxArg = map[string]int{
	"SELECT": 0, "EXAMINE": 0, "CREATE": 0, "DELETE": 0, "RENAME": 1,
	"SUBSCRIBE": 0, "UNSUBSCRIBE": 0, "STATUS": 0, "APPEND": 0, "COPY": 1, "MOVE": 1,
}

// mailbox returns the name of the mailbox the command acts on, as sent
// (modified UTF-7; any case of INBOX as INBOX), or "" when it has none or
// sent it as a literal.
func (a imapAsked) mailbox() string {
	i, ok := exMailboxArg[a.verb]
	if !ok || i >= len(a.args) || a.args[i].literal {
		return ""
	}
	return canonicalMailbox(a.args[i].text)
}

// exLiteralAtEnd returns the count of a synchronizing literal that ends a
// command line ("{310}"), or -1.
func exLiteralAtEnd(line string) int64 {
	line = strings.TrimSpace(line)
	i := strings.LastIndexByte(line, '{')
	if i < 0 || !strings.HasSuffix(line, "}") {
		return -1
	}
	n, err := strconv.ParseInt(line[i+1:len(line)-1], 10, 64)
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// fill puts args into the %s verbs of format, in order: a missing one is
// "?", extra ones are dropped. The IMAP tables hold no other verb.
func fill(format string, args ...string) string {
	n := strings.Count(format, "%s")
	if n == 0 {
		return format
	}
	a := make([]any, n)
	for i := range a {
		a[i] = "?"
		if i < len(args) {
			a[i] = args[i]
		}
	}
	return fmt.Sprintf(format, a...)
}

// maxShown bounds the server text one explanation repeats.
const maxShown = 200

// shown makes text from the server safe to repeat in an explanation:
// control characters (an escape sequence would reach the terminal)
// become "?", and a long text is cut with "…".
func shown(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == maxShown {
			b.WriteString("…")
			break
		}
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			r = '?'
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
