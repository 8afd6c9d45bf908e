package lab

import (
	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/protocol"
)

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

// portFields says where Config keeps the port of each service the lab
// serves, keyed by scheme name. Names, protocols, implicit TLS, roles and
// default ports come from protocol.Schemes; what a service does follows
// its scheme's Role.
var portFields = map[string]func(*Config) *int{
	"smtp":       func(c *Config) *int { return &c.SMTPPort },
	"submission": func(c *Config) *int { return &c.SubmissionPort },
	"smtps":      func(c *Config) *int { return &c.SMTPSPort },
	"pop3":       func(c *Config) *int { return &c.POP3Port },
	"pop3s":      func(c *Config) *int { return &c.POP3SPort },
	"imap":       func(c *Config) *int { return &c.IMAPPort },
	"imaps":      func(c *Config) *int { return &c.IMAPSPort },
}

// noteIn is the one-line note on what a service is for, in lang, from its
// scheme's role, protocol and TLS: the MX takes mail for domain.
func noteIn(lang i18n.Lang, s protocol.Scheme, domain string) string {
	var key i18n.Key
	switch {
	case s.Role == protocol.RoleMX:
		return i18n.Textf(lang, i18n.LabNoteMX, domain)
	case s.Protocol == protocol.SMTP:
		key = pick(s.ImplicitTLS, i18n.LabNoteSubmitTLS, i18n.LabNoteSubmission)
	case s.Protocol == protocol.POP3:
		key = pick(s.ImplicitTLS, i18n.LabNotePOP3TLS, i18n.LabNotePOP3)
	case s.Protocol == protocol.IMAP:
		key = pick(s.ImplicitTLS, i18n.LabNoteIMAPTLS, i18n.LabNoteIMAP)
	default:
		return ""
	}
	return i18n.Text(lang, key)
}

// pick is a when tls, else b.
func pick(tls bool, a, b i18n.Key) i18n.Key {
	if tls {
		return a
	}
	return b
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
		_, known := portFields[s.Name]
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
	field, ok := portFields[service]
	if !ok {
		return nil
	}
	return field(cfg)
}

// ServiceNote is the one-line note of the named service under cfg, in
// English, as Service.Note will say once the lab runs; "" for no such
// service. ServiceNoteIn gives it in another language.
func (cfg Config) ServiceNote(service string) string {
	return cfg.ServiceNoteIn(i18n.English, service)
}

// ServiceNoteIn is ServiceNote in lang.
func (cfg Config) ServiceNoteIn(lang i18n.Lang, service string) string {
	for _, s := range labSchemes() {
		if s.Name == service {
			domain := cfg.Domain
			if domain == "" {
				domain = DefaultDomain
			}
			return noteIn(lang, s, domain)
		}
	}
	return ""
}

// specs lists the services of cfg in their fixed order.
func (cfg Config) specs() []serviceSpec {
	var out []serviceSpec
	for _, s := range labSchemes() {
		out = append(out, serviceSpec{scheme: s, port: *portFields[s.Name](&cfg), note: noteIn(i18n.English, s, cfg.Domain)})
	}
	return out
}
