package protocol

import "strings"

// pop3Status is the status indicator at the start of a POP3 line.
type pop3Status struct {
	class  Class
	status string // "+OK", "-ERR", "+"; "" when malformed
	text   string // after the indicator and its space
	typed  string // the indicator as received, when its case was wrong
	noSep  bool   // the indicator runs into the text without a space
}

// pop3Indicators are the POP3 status indicators, longest first so that
// "+OK" wins over "+".
var pop3Indicators = []struct {
	word  string
	class Class
}{{"+OK", ClassOK}, {"-ERR", ClassErr}, {"+", ClassContinue}}

// parsePOP3Status reads the status indicator of a POP3 status line
// (RFC 1939 3; "+" continuations RFC 5034 4).
func parsePOP3Status(line string) pop3Status {
	for _, ind := range pop3Indicators {
		n := len(ind.word)
		if len(line) < n || !strings.EqualFold(line[:n], ind.word) {
			continue
		}
		s := pop3Status{class: ind.class, status: ind.word}
		if line[:n] != ind.word {
			s.typed = line[:n]
		}
		rest := line[n:]
		switch {
		case rest == "":
		case rest[0] == ' ':
			s.text = rest[1:]
		case ind.class == ClassContinue:
			continue // "+x...": not a continuation; "+OK" was tried first
		default:
			s.text, s.noSep = rest, true
		}
		return s
	}
	return pop3Status{}
}

// multiLineCommand reports whether a +OK to the client line e opens a
// dot-terminated body: CAPA (RFC 2449 5), RETR and TOP (RFC 1939 5, 7),
// LIST and UIDL without argument, AUTH without argument (the mechanism
// listing some servers give).
func multiLineCommand(e expected) bool {
	switch e.verb {
	case "CAPA", "RETR", "TOP":
		return true
	case "LIST", "UIDL", "AUTH":
		return !e.hasArg
	}
	return false
}

// feedPOP3 frames one POP3 line: a status line, then for a +OK to a
// multi-line command the body up to a line holding only ".".
func (f *mailFramer) feedPOP3(line string, ending LineEnding) *Reply {
	if f.cur != nil {
		return f.bodyPOP3(line, ending)
	}
	r, e := f.start()
	r.Lines = append(r.Lines, line)
	f.curLines, f.curBytes = 1, len(line)
	f.curProbs.checkLine(POP3, 1, line, ending, true)
	s := parsePOP3Status(line)
	r.Class, r.Status, r.Text = s.class, s.status, s.text
	switch {
	case s.status == "":
		r.Text = line
		f.curProbs.add(probPOP3Status, snippet(line))
		return f.finish()
	case s.typed != "":
		f.curProbs.add(probPOP3StatusCase, s.typed, s.status)
	}
	if s.noSep {
		f.curProbs.add(probPOP3NoSpace, s.status)
	}
	if s.class == ClassContinue && !e.sasl && e.verb != "AUTH" {
		f.curProbs.add(probUnexpectedContinuation)
	}
	if s.class == ClassOK && multiLineCommand(e) {
		r.Multi = true
		return nil
	}
	return f.finish()
}

// bodyPOP3 takes one line of a multi-line body.
func (f *mailFramer) bodyPOP3(line string, ending LineEnding) *Reply {
	r := f.cur
	r.Lines = append(r.Lines, line)
	f.curLines++
	f.curBytes += len(line)
	n := f.curLines
	f.curProbs.checkLine(POP3, n, line, ending, false)
	if line == "." {
		r.Body = bodyLines(r.Lines[1 : len(r.Lines)-1])
		return f.finish()
	}
	if len(line) > 1 && line[0] == '.' && line[1] != '.' {
		f.curProbs.add(probUnstuffed, n)
	}
	return nil
}

// bodyLines are the body lines of a multi-line reply (between its status
// line and its final ".", or what came of them since the last Drain) as a
// learner reads them. They are made once the reply is complete: the lines
// a Drain handed out are never unstuffed twice.
func bodyLines(lines []string) []string {
	if len(lines) == 0 {
		return nil
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = bodyLine(l)
	}
	return out
}
