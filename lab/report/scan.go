package report

import (
	"strings"

	"github.com/mailtutor/mailtutor/transcript"
)

// scanner follows one transcript's commands and the replies to them.
type scanner struct {
	proto     string
	implicit  bool
	tlsSteps  int
	cmd       string // the verb of the command awaiting its reply ("" none)
	tag       string // IMAP: its tag
	bodyFetch bool   // IMAP: the FETCH asks for a body
	inSASL    bool   // a SASL exchange: client lines are responses
	subject   bool   // the DATA body just sent has a Subject
	got       Student
	err       error
}

func newScanner(h transcript.Transcript) *scanner {
	sc := &scanner{proto: h.Protocol, implicit: h.Server.TLS == transcript.TLSImplicit}
	switch sc.proto {
	case "smtp", "pop3", "imap":
	default:
		sc.err = errProtocol
	}
	return sc
}

// step follows one step.
func (sc *scanner) step(s transcript.Step) {
	switch s.Kind {
	case transcript.KindTLS:
		sc.tlsSteps++
	case transcript.KindData:
		sc.cmd, sc.subject = "DATA-END", hasSubject(s.Text)
	case transcript.KindClient:
		sc.client(s.Text)
	case transcript.KindServer:
		sc.server(s.Text)
	}
}

// client notes a command; a SASL response leaves the command as it is.
func (sc *scanner) client(line string) {
	if sc.inSASL {
		return
	}
	words := strings.Fields(line)
	if sc.proto == "imap" {
		if len(words) < 2 {
			return
		}
		sc.tag, words = words[0], words[1:]
		if strings.EqualFold(words[0], "UID") && len(words) > 1 {
			words = words[1:]
		}
	}
	if len(words) == 0 {
		return
	}
	sc.cmd = strings.ToUpper(words[0])
	switch sc.cmd {
	case "AUTH", "AUTHENTICATE":
		sc.inSASL = true
	case "FETCH":
		sc.bodyFetch = fetchesBody(strings.ToUpper(strings.Join(words[1:], " ")))
	case "BDAT":
		if len(words) > 2 && strings.EqualFold(words[2], "LAST") {
			sc.cmd, sc.subject = "DATA-END", false
		}
	}
}

// server notes a reply to the command awaiting one.
func (sc *scanner) server(text string) {
	switch sc.proto {
	case "smtp":
		sc.smtpReply(text)
	case "pop3":
		sc.pop3Reply(text)
	case "imap":
		sc.imapReply(text)
	}
}

func (sc *scanner) smtpReply(text string) {
	if strings.HasPrefix(text, "334") {
		return // a SASL challenge: the exchange goes on
	}
	switch sc.cmd {
	case "AUTH":
		sc.got.LoginSMTP = sc.got.LoginSMTP || strings.HasPrefix(text, "235")
	case "DATA-END":
		if strings.HasPrefix(text, "250") {
			sc.got.Sent++
			if sc.subject {
				sc.got.WithSubject++
			}
		}
	}
	sc.cmd, sc.inSASL = "", false
}

func (sc *scanner) pop3Reply(text string) {
	if sc.inSASL && strings.HasPrefix(text, "+ ") || text == "+" {
		return // a SASL challenge
	}
	ok := strings.HasPrefix(text, "+OK")
	switch sc.cmd {
	case "PASS", "APOP", "AUTH":
		sc.got.LoginPOP3 = sc.got.LoginPOP3 || ok
	case "RETR", "TOP":
		if ok {
			sc.got.POP3Fetched++
		}
	}
	sc.cmd, sc.inSASL = "", false
}

func (sc *scanner) imapReply(text string) {
	status, tagged := sc.tagged(text)
	if !tagged {
		return // untagged data, or a continuation request
	}
	ok := status == "OK"
	switch sc.cmd {
	case "LOGIN", "AUTHENTICATE":
		sc.got.LoginIMAP = sc.got.LoginIMAP || ok
	case "FETCH":
		if ok && sc.bodyFetch {
			sc.got.IMAPFetched++
		}
	}
	sc.cmd, sc.tag, sc.inSASL, sc.bodyFetch = "", "", false, false
}

// tagged returns the status of the tagged reply to the command awaiting
// one, if text is it.
func (sc *scanner) tagged(text string) (string, bool) {
	if sc.tag == "" {
		return "", false
	}
	tag, rest, _ := strings.Cut(text, " ")
	if tag != sc.tag {
		return "", false
	}
	status, _, _ := strings.Cut(rest, " ")
	return strings.ToUpper(status), true
}

// addTo adds what the session achieved to s.
func (sc *scanner) addTo(s *Student) {
	g := sc.got
	s.LoginSMTP = s.LoginSMTP || g.LoginSMTP
	s.LoginPOP3 = s.LoginPOP3 || g.LoginPOP3
	s.LoginIMAP = s.LoginIMAP || g.LoginIMAP
	s.ImplicitTLS = s.ImplicitTLS || sc.implicit && sc.tlsSteps > 0
	s.StartTLS = s.StartTLS || !sc.implicit && sc.tlsSteps > 0
	s.Sent += g.Sent
	s.WithSubject += g.WithSubject
	s.POP3Fetched += g.POP3Fetched
	s.IMAPFetched += g.IMAPFetched
}

// hasSubject reports whether a message's header has a Subject field.
func hasSubject(body string) bool {
	for line := range strings.Lines(body) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			return false // the end of the header
		}
		name, _, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "Subject") {
			return true
		}
	}
	return false
}

// fetchesBody reports whether FETCH items (upper case) ask for message
// text: a body section other than the header alone, RFC822 or
// RFC822.TEXT (RFC 3501 section 6.4.5).
func fetchesBody(items string) bool {
	for _, f := range strings.FieldsFunc(items, func(r rune) bool { return r == ' ' || r == '(' || r == ')' }) {
		switch {
		case f == "RFC822", f == "RFC822.TEXT":
			return true
		case strings.HasPrefix(f, "BODY[") || strings.HasPrefix(f, "BODY.PEEK[") || strings.HasPrefix(f, "BINARY[") || strings.HasPrefix(f, "BINARY.PEEK["):
			section := f[strings.IndexByte(f, '[')+1:]
			if !strings.HasPrefix(section, "HEADER") && !strings.Contains(section, ".HEADER") && !strings.Contains(section, "MIME") {
				return true
			}
		}
	}
	return false
}
