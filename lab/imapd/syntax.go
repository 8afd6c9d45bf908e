package imapd

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
)

// commandLine is what the front door reads from the first line of a
// client's command: enough to route it, never its arguments.
type commandLine struct {
	tag  string // "" when the line has no valid tag
	name string // upper case: "FETCH", "UID FETCH"; "" when missing or invalid
	// literal is the size of the literal the line announces at its end
	// ({N} or {N+}), -1 for none; nonSync says it was {N+}.
	literal int64
	nonSync bool
}

// maxLiteralDigits bounds the size of a literal's length: 10 digits is
// more than a uint32, as RFC 3501 allows.
const maxLiteralDigits = 10

// parseCommandLine reads the tag, the command name (with UID's subcommand)
// and the trailing literal of one line of input, CRLF or LF included or not.
func parseCommandLine(line []byte) commandLine {
	body := trimEOL(line)
	cmd := commandLine{literal: -1}
	cmd.literal, cmd.nonSync = literalSuffix(body)
	tag, rest, _ := bytes.Cut(body, []byte{' '})
	if !isAtom(tag) || bytes.IndexByte(tag, '+') >= 0 {
		return cmd
	}
	cmd.tag = string(tag)
	name, rest, _ := bytes.Cut(rest, []byte{' '})
	if !isAtom(name) {
		return cmd
	}
	cmd.name = strings.ToUpper(string(name))
	if cmd.name == "UID" {
		sub, _, _ := bytes.Cut(rest, []byte{' '})
		if !isAtom(sub) {
			cmd.name = ""
			return cmd
		}
		cmd.name += " " + strings.ToUpper(string(sub))
	}
	return cmd
}

// trimEOL removes a trailing LF or CRLF.
func trimEOL(line []byte) []byte {
	line = bytes.TrimSuffix(line, []byte{'\n'})
	return bytes.TrimSuffix(line, []byte{'\r'})
}

// literalSuffix returns the size of the literal a line (without its line
// ending) announces at its end, {N} or {N+}, or -1; and whether it is
// non-synchronizing (RFC 7888).
func literalSuffix(body []byte) (int64, bool) {
	if !bytes.HasSuffix(body, []byte{'}'}) {
		return -1, false
	}
	open := bytes.LastIndexByte(body, '{')
	if open < 0 {
		return -1, false
	}
	digits := body[open+1 : len(body)-1]
	nonSync := bytes.HasSuffix(digits, []byte{'+'})
	digits = bytes.TrimSuffix(digits, []byte{'+'})
	if len(digits) == 0 || len(digits) > maxLiteralDigits {
		return -1, false
	}
	n, err := strconv.ParseInt(string(digits), 10, 64)
	if err != nil || n < 0 {
		return -1, false
	}
	return n, nonSync
}

// isAtom reports whether b is a non-empty IMAP atom, by the rule the
// library's decoder uses: no specials, no controls (bytes 0x80-0x9F count
// as controls there too).
func isAtom(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, ch := range b {
		if !isAtomChar(ch) {
			return false
		}
	}
	return true
}

// isAtomChar is the library decoder's IsAtomChar, which is internal to it.
func isAtomChar(ch byte) bool {
	switch ch {
	case '(', ')', '{', ' ', '%', '*', '"', '\\', ']':
		return false
	}
	return !unicode.IsControl(rune(ch))
}

// knownCommands are the commands the library's server parses, by the names
// parseCommandLine gives them. Anything else the front door answers itself.
var knownCommands = map[string]bool{
	"NOOP": true, "CHECK": true, "LOGOUT": true, "CAPABILITY": true, "STARTTLS": true,
	"AUTHENTICATE": true, "LOGIN": true, "ENABLE": true, "CREATE": true, "DELETE": true,
	"RENAME": true, "SUBSCRIBE": true, "UNSUBSCRIBE": true, "STATUS": true, "LIST": true,
	"LSUB": true, "NAMESPACE": true, "IDLE": true, "SELECT": true, "EXAMINE": true,
	"CLOSE": true, "UNSELECT": true, "APPEND": true, "FETCH": true, "UID FETCH": true,
	"EXPUNGE": true, "UID EXPUNGE": true, "STORE": true, "UID STORE": true, "COPY": true,
	"UID COPY": true, "MOVE": true, "UID MOVE": true, "SEARCH": true, "UID SEARCH": true,
}

// statusLine is what the front door reads from a line the server writes.
type statusLine struct {
	tag     string // "*", "+" or a command's tag
	status  string // "OK", "NO", "BAD", "BYE", "PREAUTH", or "" for data
	code    string // the response code's first word: "AUTHENTICATIONFAILED", "CAPABILITY"
	literal int64  // the literal announced at the end of the line, or -1
}

// parseServerLine reads a line the library wrote.
func parseServerLine(line []byte) statusLine {
	body := trimEOL(line)
	out := statusLine{literal: -1}
	out.literal, _ = literalSuffix(body)
	tag, rest, _ := bytes.Cut(body, []byte{' '})
	out.tag = string(tag)
	word, rest, _ := bytes.Cut(rest, []byte{' '})
	switch w := string(word); w {
	case "OK", "NO", "BAD", "BYE", "PREAUTH":
		out.status = w
		if bytes.HasPrefix(rest, []byte{'['}) {
			code := rest[1:]
			if end := bytes.IndexAny(code, " ]"); end >= 0 {
				code = code[:end]
			}
			out.code = string(code)
		}
	}
	return out
}

// addCapabilities inserts extra capability names into a server line that
// lists capabilities ("* CAPABILITY ..." or a status response with a
// [CAPABILITY ...] code): after goes after SASL-IR (ID, as Dovecot), and
// before in front of the first AUTH= name (or at the end of the list);
// LITERAL- becomes LITERAL+, named once. A line without a capability list
// comes back unchanged.
func addCapabilities(line []byte, after, before []string) []byte {
	start, end := capabilityList(line)
	if start < 0 {
		return line
	}
	caps := strings.Fields(string(line[start:end]))
	var out []string
	placed := len(before) == 0
	seen := map[string]bool{}
	for _, c := range caps {
		if strings.EqualFold(c, "LITERAL-") {
			c = "LITERAL+" // the server takes any non-synchronizing literal (RFC 7888): say so once, as Dovecot
		}
		if seen[strings.ToUpper(c)] {
			continue
		}
		seen[strings.ToUpper(c)] = true
		if !placed && strings.HasPrefix(strings.ToUpper(c), "AUTH=") {
			out, placed = append(out, before...), true
		}
		out = append(out, c)
		if strings.EqualFold(c, "SASL-IR") {
			out = append(out, after...)
		}
	}
	if !placed {
		out = append(out, before...)
	}
	var b bytes.Buffer
	b.Write(line[:start])
	b.WriteString(strings.Join(out, " "))
	b.Write(line[end:])
	return b.Bytes()
}

// capabilityList finds the capability names in a line: after "* CAPABILITY "
// to the end of the line, or inside "[CAPABILITY ...]" of a status
// response. It returns -1, -1 when there is none.
func capabilityList(line []byte) (int, int) {
	body := trimEOL(line)
	if p := []byte("* CAPABILITY "); bytes.HasPrefix(body, p) {
		return len(p), len(body)
	}
	st := parseServerLine(line)
	if st.status == "" || st.code != "CAPABILITY" {
		return -1, -1
	}
	open := bytes.Index(body, []byte("[CAPABILITY "))
	if open < 0 {
		return -1, -1
	}
	start := open + len("[CAPABILITY ")
	closeAt := bytes.IndexByte(body[start:], ']')
	if closeAt < 0 {
		return -1, -1
	}
	return start, start + closeAt
}

// unquoteMailbox writes the mailbox name of a LIST, LSUB or STATUS line as
// an atom where it is one, as Dovecot does (`"/" Sent`, not `"/" "Sent"`);
// other lines, and names that need quotes, come back unchanged.
func unquoteMailbox(line []byte) []byte {
	body := trimEOL(line)
	var start, end int
	switch {
	case bytes.HasPrefix(body, []byte("* LIST ")), bytes.HasPrefix(body, []byte("* LSUB ")):
		if !bytes.HasSuffix(body, []byte{'"'}) {
			return line
		}
		end = len(body)
		start = bytes.LastIndexByte(body[:end-1], '"')
		if start <= 0 || body[start-1] != ' ' {
			return line
		}
	case bytes.HasPrefix(body, []byte(`* STATUS "`)):
		start = len(`* STATUS `)
		closeAt := bytes.IndexByte(body[start+1:], '"')
		if closeAt < 0 {
			return line
		}
		end = start + 1 + closeAt + 1
	default:
		return line
	}
	name := body[start+1 : end-1]
	if !isAtom(name) || bytes.EqualFold(name, []byte("NIL")) {
		return line
	}
	out := make([]byte, 0, len(line))
	out = append(out, body[:start]...)
	out = append(out, name...)
	out = append(out, body[end:]...)
	return append(out, line[len(body):]...)
}

// appendMailbox reads the mailbox argument of an APPEND line: an atom or a
// quoted string (false for a literal, or a line that is not APPEND's).
func appendMailbox(line []byte) (string, bool) {
	_, rest, _ := bytes.Cut(trimEOL(line), []byte{' '})
	verb, rest, _ := bytes.Cut(rest, []byte{' '})
	if !bytes.EqualFold(verb, []byte("APPEND")) || len(rest) == 0 {
		return "", false
	}
	if rest[0] != '"' {
		name, _, _ := bytes.Cut(rest, []byte{' '})
		for _, ch := range name {
			if !isAtomChar(ch) && ch != ']' {
				return "", false
			}
		}
		return string(name), len(name) > 0
	}
	var b strings.Builder
	for i := 1; i < len(rest); i++ {
		switch ch := rest[i]; ch {
		case '"':
			return b.String(), true
		case '\\':
			if i+1 == len(rest) {
				return "", false
			}
			i++
			b.WriteByte(rest[i])
		default:
			b.WriteByte(ch)
		}
	}
	return "", false
}
