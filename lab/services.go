package lab

import "github.com/mailtutor/mailtutor/protocol"

// DefaultService is the service a prompt opens on when none is named: the
// authenticated submission service, where the classic telnet lesson starts.
const DefaultService = "submission"

// serviceSpec is how one service of a running lab behaves: a scheme of the
// protocol package (its name, protocol, implicit TLS and role) and what the
// lab adds to it.
type serviceSpec struct {
	scheme protocol.Scheme
	port   int    // the port to listen on, from Config (0: any free port)
	note   string // one line for the banner
}

// name is the service's name: its scheme's.
func (s serviceSpec) name() string { return s.scheme.Name }

// auth says whether AUTH is offered, and required before MAIL: on the
// services for submission, not on the MX.
func (s serviceSpec) auth() bool { return s.scheme.Role == protocol.RoleSubmission }

// behaviour is what the lab adds to a scheme that has a LabPort: where
// Config keeps its port and the banner's note. What the service does
// follows its scheme's Role.
type behaviour struct {
	port func(*Config) *int
	note func(domain string) string
}

// behaviours is the lab's own data about each of its services, keyed by
// scheme name. Names, protocols, implicit TLS and default ports come from
// protocol.Schemes.
var behaviours = map[string]behaviour{
	"smtp": {port: func(c *Config) *int { return &c.SMTPPort },
		note: func(domain string) string { return "MX: mail for @" + domain + ", no AUTH, relays nothing" }},
	"submission": {port: func(c *Config) *int { return &c.SubmissionPort },
		note: fixed("submission: AUTH PLAIN/LOGIN/CRAM-MD5 before MAIL, STARTTLS offered")},
	"smtps": {port: func(c *Config) *int { return &c.SMTPSPort },
		note: fixed("submission over implicit TLS, AUTH before MAIL")},
	"pop3": {port: func(c *Config) *int { return &c.POP3Port },
		note: fixed("POP3: USER/PASS, APOP, AUTH; STLS offered")},
	"pop3s": {port: func(c *Config) *int { return &c.POP3SPort },
		note: fixed("POP3 over implicit TLS")},
	"imap": {port: func(c *Config) *int { return &c.IMAPPort },
		note: fixed("IMAP: LOGIN, AUTHENTICATE; STARTTLS offered; same mailboxes as POP3")},
	"imaps": {port: func(c *Config) *int { return &c.IMAPSPort },
		note: fixed("IMAP over implicit TLS")},
}

// fixed is a note that does not depend on the domain.
func fixed(note string) func(string) string {
	return func(string) string { return note }
}

// servers runs one connection of each protocol the lab speaks.
var servers = map[protocol.Protocol]func(*Lab, *wire, serviceSpec){
	protocol.SMTP: (*Lab).serveSMTP,
	protocol.POP3: (*Lab).servePOP3,
	protocol.IMAP: (*Lab).serveIMAP,
}

// labSchemes lists the schemes the lab serves, in the order of
// protocol.Schemes: those with a LabPort that the lab has behaviour and a
// server for.
func labSchemes() []protocol.Scheme {
	var out []protocol.Scheme
	for _, s := range protocol.Schemes() {
		_, known := behaviours[s.Name]
		_, served := servers[s.Protocol]
		if s.LabPort != 0 && known && served {
			out = append(out, s)
		}
	}
	return out
}

// ServiceNames lists the names of the lab's services in the order Start
// opens them: smtp, submission, smtps, pop3, pop3s, imap, imaps.
func ServiceNames() []string {
	var out []string
	for _, s := range labSchemes() {
		out = append(out, s.Name)
	}
	return out
}

// Port returns the field of cfg that holds the port of the named service
// (for a command-line flag), or nil when the lab has no such service.
func (cfg *Config) Port(service string) *int {
	b, ok := behaviours[service]
	if !ok {
		return nil
	}
	return b.port(cfg)
}

// ServiceNote is the one-line note of the named service under cfg, as
// Service.Note will say once the lab runs; "" for no such service.
func (cfg Config) ServiceNote(service string) string {
	b, ok := behaviours[service]
	if !ok {
		return ""
	}
	domain := cfg.Domain
	if domain == "" {
		domain = DefaultDomain
	}
	return b.note(domain)
}

// specs lists the services of cfg in their fixed order.
func (cfg Config) specs() []serviceSpec {
	var out []serviceSpec
	for _, s := range labSchemes() {
		b := behaviours[s.Name]
		out = append(out, serviceSpec{scheme: s, port: *b.port(&cfg), note: b.note(cfg.Domain)})
	}
	return out
}
