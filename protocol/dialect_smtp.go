package protocol

import "strings"

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
	return explainMail(r, lang, explainSMTP)
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
	case e.bodyEnd && r.Code != 354:
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
