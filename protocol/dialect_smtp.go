package protocol

import (
	"math/bits"
	"strings"
)

// smtpDialect is SMTP (RFC 5321) with ESMTP submission (RFC 6409),
// STARTTLS (RFC 3207) and AUTH (RFC 4954).
type smtpDialect struct{}

func (smtpDialect) Protocol() Protocol { return SMTP }

func (smtpDialect) Schemes() []Scheme {
	return []Scheme{
		{Name: "smtp", Port: 25, LabPort: 1025, Role: RoleMX},
		{Name: "submission", Port: 587, LabPort: 1587, Role: RoleSubmission},
		{Name: "smtps", Port: 465, ImplicitTLS: true, LabPort: 1465, Role: RoleSubmission},
	}
}

func (d smtpDialect) NewFramer() Framer {
	return &mailFramer{d: d, proto: SMTP, feed: (*mailFramer).feedSMTP, effects: smtpEffects}
}

func (smtpDialect) Explain(r *Reply, lang Lang) (Explanation, error) {
	return localRefs(explainMail(r, lang, explainSMTP))
}

func (smtpDialect) Redact(line string, st State) (string, string, bool) {
	return redactMail(line, st)
}

func (smtpDialect) Check(line string, st State, lang Lang) []string { return checkSMTP(line, st, lang) }

func (smtpDialect) Commands(lang Lang) ([]CommandInfo, error) { return mailCommands(SMTP, lang) }

func (smtpDialect) Auth() AuthSyntax { return AuthSyntax{SASLVerb: "AUTH"} }

func (smtpDialect) Body() BodySyntax { return dotBody{} }

// smtpEffects is how a complete SMTP reply changes the conversation.
func smtpEffects(f *mailFramer, r *Reply, e expected) {
	st := &f.state
	switch {
	case r.Code == 354:
		st.Input = InputBody
	case r.Code == 334:
		st.Input = InputSASL
	case r.Code == 235:
		st.LoggedIn = true
	case r.Code == 221 || r.Code == 421:
		st.Ended = true
	}
	switch {
	case e.bodyEnd && r.Code != 354, e.verb == "BDAT" && e.last:
		st.Transaction = false
	case e.verb == "MAIL" && r.Class == ClassPositive:
		st.Transaction = true
	case (e.verb == "RSET" || e.verb == "EHLO" || e.verb == "HELO") && r.Class == ClassPositive:
		st.Transaction = false
	case e.verb == "STARTTLS" && r.Code == 220:
		r.StartTLS = true
		st.Transaction, st.LoggedIn = false, false
	}
}

// dotBody is a message body ended by a line holding only "." (SMTP DATA,
// RFC 5321 4.5.2).
type dotBody struct{}

// WireLine dot-stuffs a body line.
func (dotBody) WireLine(line string) string { return DotStuff(line) }

func (dotBody) End() string { return "." }

// DotStuff returns a body line as it goes on the wire: a line starting
// with "." gets a second one (RFC 5321 4.5.2, RFC 1939 3).
func DotStuff(line string) string {
	if strings.HasPrefix(line, ".") {
		return "." + line
	}
	return line
}

// DotUnstuff undoes DotStuff for a received body line.
func DotUnstuff(line string) string { return strings.TrimPrefix(line, ".") }

// PrintableASCII reports whether s is only printable ASCII, a space to a
// tilde: nothing a terminal or a transcript needs escaped.
func PrintableASCII(s string) bool { return PrintablePrefix(s) == len(s) }

// PrintablePrefix is the length of the printable ASCII that p starts
// with: the index of its first byte below a space or above a tilde (a
// line ending, say), or len(p). It looks at sixteen bytes at a time, for
// the lines of a long reply.
func PrintablePrefix[T string | []byte](p T) int {
	i := 0
	for ; i+16 <= len(p); i += 16 {
		t := p[i : i+16] // one bounds check; the loads below combine
		x := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
			uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
		y := uint64(t[8]) | uint64(t[9])<<8 | uint64(t[10])<<16 | uint64(t[11])<<24 |
			uint64(t[12])<<32 | uint64(t[13])<<40 | uint64(t[14])<<48 | uint64(t[15])<<56
		if m := unprintable8(x); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
		if m := unprintable8(y); m != 0 {
			return i + 8 + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(p); i++ {
		if p[i] < 0x20 || p[i] >= 0x7F {
			return i
		}
	}
	return i
}

// unprintable8 marks, with its high bit, each of the eight bytes of x
// (little-endian) that is not from 0x20 to 0x7E. A byte above a marked
// one may be marked too (a borrow), never one below: the lowest mark is
// the first such byte.
func unprintable8(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	del := x ^ 0x7F*ones
	below := (x - 0x20*ones) &^ x // a byte below 0x20 sets its high bit
	isDel := (del - ones) &^ del  // a byte equal to 0x7F sets its high bit
	return (x | below | isDel) & highs
}
