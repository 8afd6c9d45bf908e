package protocol

// IMAP is the Internet Message Access Protocol (RFC 9051 IMAP4rev2, RFC
// 3501 IMAP4rev1).
const IMAP Protocol = "imap"

// imapDialect is IMAP4rev1/IMAP4rev2 with STARTTLS, AUTHENTICATE and
// SASL-IR (RFC 4959), LITERAL+ (RFC 7888), IDLE (RFC 2177) and BINARY
// (RFC 3516) literals.
type imapDialect struct{}

func (imapDialect) Protocol() Protocol { return IMAP }

// Schemes: IMAP with STARTTLS and IMAPS; the lab serves them on 1143 and
// 1993.
func (imapDialect) Schemes() []Scheme {
	return []Scheme{
		{Name: "imap", Port: 143, LabPort: 1143, Role: RoleMailbox},
		{Name: "imaps", Port: 993, ImplicitTLS: true, LabPort: 1993, Role: RoleMailbox},
	}
}

func (imapDialect) NewFramer() Framer { return newIMAPFramer() }

func (imapDialect) Explain(r *Reply, lang Lang) (Explanation, error) {
	return localRefs(explainIMAP(r, lang))
}

func (imapDialect) Redact(line string, st State) (string, string, bool) { return redactIMAP(line, st) }

func (imapDialect) Check(line string, st State, lang Lang) []string { return checkIMAP(line, st, lang) }

func (imapDialect) Commands(lang Lang) ([]CommandInfo, error) { return imapCommands(lang) }

func (imapDialect) Auth() AuthSyntax { return AuthSyntax{SASLVerb: "AUTHENTICATE"} }

// Body is nil: an IMAP message goes as a literal (APPEND), not as a body
// ended by a line.
func (imapDialect) Body() BodySyntax { return nil }
