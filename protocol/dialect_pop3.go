package protocol

// pop3Dialect is POP3 (RFC 1939) with CAPA (RFC 2449), STLS (RFC 2595)
// and AUTH (RFC 5034).
type pop3Dialect struct{}

func (pop3Dialect) Protocol() Protocol { return POP3 }

func (pop3Dialect) Schemes() []Scheme {
	return []Scheme{
		{Name: "pop3", Port: 110, LabPort: 1110, Role: RoleMailbox},
		{Name: "pop3s", Port: 995, ImplicitTLS: true, LabPort: 1995, Role: RoleMailbox},
	}
}

func (d pop3Dialect) NewFramer() Framer {
	return &mailFramer{d: d, proto: POP3, feed: (*mailFramer).feedPOP3, effects: pop3Effects}
}

func (pop3Dialect) Explain(r *Reply, lang Lang) (Explanation, error) {
	return localRefs(explainMail(r, lang, explainPOP3))
}

func (pop3Dialect) Redact(line string, st State) (string, string, bool) {
	return redactMail(line, st)
}

func (pop3Dialect) Check(line string, st State, lang Lang) []string { return checkPOP3(line, st, lang) }

func (pop3Dialect) Commands(lang Lang) ([]CommandInfo, error) { return mailCommands(POP3, lang) }

func (pop3Dialect) Auth() AuthSyntax { return AuthSyntax{SASLVerb: "AUTH", APOP: true} }

func (pop3Dialect) Body() BodySyntax { return nil }

// pop3Effects is how a complete POP3 reply changes the conversation: a
// login succeeds with +OK to PASS, APOP, AUTH with a mechanism or a SASL
// response; STLS agreed starts TLS; QUIT answered ends the session; DELE
// accepted marks messages for deletion, RSET accepted unmarks them.
func pop3Effects(f *mailFramer, r *Reply, e expected) {
	st := &f.state
	switch r.Class {
	case ClassContinue:
		st.Input = InputSASL
	case ClassOK:
		switch {
		case e.sasl || e.verb == "PASS" || e.verb == "APOP" || (e.verb == "AUTH" && e.hasArg):
			st.LoggedIn = true
		case e.verb == "STLS":
			r.StartTLS, st.LoggedIn = true, false
		case e.verb == "QUIT":
			st.Ended = true
		case e.verb == "DELE":
			st.Marked = true
		case e.verb == "RSET":
			st.Marked = false
		}
	}
}
