package protocol

import (
	"fmt"
	"strconv"
	"strings"
)

// problemKind names one kind of protocol violation; its English text is in
// the language tables.
type problemKind int

// The protocol violations the framer reports.
const (
	probNotReply problemKind = iota
	probContinuationNotReply
	probCodeMismatch
	probNoSeparator
	probBadFirstDigit
	probBadSecondDigit
	probEnhancedMismatch
	probBareLF
	probNoEnding
	probTooLong
	probBareCR
	probEmbeddedLF
	probPOP3Status
	probPOP3StatusCase
	probPOP3NoSpace
	probUnexpectedContinuation
	probUnstuffed
	probTooManyLines
)

// lineKinds are the problems that can repeat on many lines of one reply;
// they are reported once, with a count.
var lineKinds = map[problemKind]bool{
	probContinuationNotReply: true, probCodeMismatch: true, probNoSeparator: true,
	probBareLF: true, probTooLong: true, probBareCR: true, probEmbeddedLF: true,
	probUnstuffed: true,
}

// MaxSMTPReplyLines bounds the lines kept of one SMTP reply: a hostile
// server could otherwise send "250-" lines forever. Later lines are read and
// dropped (the reply still ends at its last line), and a problem says so,
// with the number of lines the reply had in all.
const MaxSMTPReplyLines = 1000

// maxLineOctets is the longest reply line allowed, CRLF included
// (RFC 5321 4.5.3.1.5; RFC 2449 4 for POP3 status lines).
const maxLineOctets = 512

// problem is one recorded violation.
type problem struct {
	kind  problemKind
	args  []any // the values in the text, to say it in another language
	count int
}

// problemList collects the violations of the reply being framed. It
// allocates nothing until a problem is found.
type problemList []problem

// add records a violation; one that repeats on later lines only counts.
func (l *problemList) add(kind problemKind, args ...any) {
	if lineKinds[kind] {
		for i := range *l {
			if (*l)[i].kind == kind {
				(*l)[i].count++
				return
			}
		}
	}
	*l = append(*l, problem{kind: kind, args: args, count: 1})
}

// strings renders the collected problems in English, or nil when there
// are none.
func (l problemList) strings() []string {
	return l.in(&english)
}

// in renders the collected problems in the words of t, or nil when there
// are none.
func (l problemList) in(t *texts) []string {
	if len(l) == 0 {
		return nil
	}
	out := make([]string, len(l))
	for i, p := range l {
		out[i] = fmt.Sprintf(t.problems[p.kind], p.args...)
		if p.count > 1 {
			out[i] += fmt.Sprintf(t.moreLines, p.count)
		}
	}
	return out
}

// checkLine records the violations any received line can have: its ending,
// its length and stray CR or LF inside it. n is the 1-based line number in
// the reply; limit tells whether the 512-octet limit applies.
func (l *problemList) checkLine(p Protocol, n int, line string, ending LineEnding, limit bool) {
	switch ending {
	case BareLF:
		l.add(probBareLF, n, crlfRule[p])
	case NoEnding:
		l.add(probNoEnding, n)
	}
	if limit && len(line)+2 > maxLineOctets {
		l.add(probTooLong, n, len(line)+2, lengthRule[p])
	}
	if strings.Contains(line, "\n") {
		l.add(probEmbeddedLF, n)
	} else if strings.Contains(line, "\r") {
		l.add(probBareCR, n)
	}
}

// crlfRule and lengthRule cite the rule a line broke, per protocol.
var (
	crlfRule   = map[Protocol]string{SMTP: "RFC 5321 2.3.8", POP3: "RFC 1939 3"}
	lengthRule = map[Protocol]string{SMTP: "RFC 5321 4.5.3.1.5", POP3: "RFC 2449 4"}
)

// snippet quotes the start of a line for a problem message.
func snippet(line string) string {
	const max = 40
	if len(line) > max {
		return strconv.Quote(line[:max]) + "…"
	}
	return strconv.Quote(line)
}
