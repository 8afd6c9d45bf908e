package protocol

import (
	"fmt"
	"strings"
)

// The longest command lines, CRLF included: RFC 5321 4.5.3.1.4 for SMTP,
// RFC 2449 4 for POP3.
const (
	smtpCommandLimit = 512
	pop3CommandLimit = 255
)

// checkSMTP warns about an SMTP command line before it is sent: a line
// over 512 octets, MAIL FROM / RCPT TO without their "FROM:" / "TO:" or
// without angle brackets around the address, and a message header typed
// as a command. A SASL answer is not checked.
func checkSMTP(line string, st State, lang Lang) []string {
	t, err := textsFor(lang)
	if err != nil || st.Input == InputSASL || st.Input == InputLiteral {
		return nil // a SASL answer, or the bytes of a BDAT chunk
	}
	var out []string
	if w := checkLength(t, line, smtpCommandLimit, "RFC 5321 4.5.3.1.4"); w != "" {
		out = append(out, w)
	}
	switch verb := Verb(line); {
	case verb == "MAIL":
		out = appendPathCheck(t, out, line, "FROM:")
	case verb == "RCPT":
		out = appendPathCheck(t, out, line, "TO:")
	case looksLikeHeader(line):
		name, _, _ := strings.Cut(line, ":")
		out = append(out, fmt.Sprintf(t.checks["header"], name+":"))
	}
	return out
}

// checkPOP3 warns about a POP3 command line before it is sent: a line over
// 255 octets, and a command with fewer arguments than its syntax asks for.
// A SASL answer is not checked.
func checkPOP3(line string, st State, lang Lang) []string {
	t, err := textsFor(lang)
	if err != nil || st.Input == InputSASL {
		return nil
	}
	var out []string
	if w := checkLength(t, line, pop3CommandLimit, "RFC 2449 4"); w != "" {
		out = append(out, w)
	}
	if syntax := missingArgument(POP3, line); syntax != "" {
		out = append(out, fmt.Sprintf(t.checks["arguments"], Verb(line), syntax))
	}
	return out
}

// checkLength warns when line with its CRLF is over limit octets.
func checkLength(t *texts, line string, limit int, rfc string) string {
	if n := len(line) + 2; n > limit {
		return fmt.Sprintf(t.checks["too long"], n, limit, rfc)
	}
	return ""
}

// appendPathCheck checks the path of MAIL FROM:<...> or RCPT TO:<...>
// (RFC 5321 4.1.1.2, 4.1.1.3): the keyword, then the address in angle
// brackets. A space after the colon is tolerated, as most servers do.
func appendPathCheck(t *texts, out []string, line, keyword string) []string {
	verb := Verb(line)
	arg := strings.TrimSpace(strings.TrimSpace(line)[len(verb):])
	if len(arg) < len(keyword) || !strings.EqualFold(arg[:len(keyword)], keyword) ||
		strings.TrimSpace(arg[len(keyword):]) == "" {
		syntax := verb + " " + keyword + "<address>"
		return append(out, fmt.Sprintf(t.checks["path"], syntax))
	}
	fields := strings.Fields(arg[len(keyword):])
	if strings.HasPrefix(fields[0], "<") {
		return out
	}
	fields[0] = "<" + fields[0] + ">"
	fixed := verb + " " + strings.ToUpper(keyword) + strings.Join(fields, " ")
	return append(out, fmt.Sprintf(t.checks["brackets"], fixed))
}
