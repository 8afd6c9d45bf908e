package lab

import (
	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/protocol"
)

// DefaultService is the service a prompt opens on when none is named: the
// first submission service without implicit TLS, where the classic telnet
// lesson starts.
var DefaultService = defaultService()

func defaultService() string {
	for _, s := range labSchemes() {
		if s.Role == protocol.RoleSubmission && !s.ImplicitTLS {
			return s.Name
		}
	}
	return ""
}

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
		_, served := servers[s.Protocol]
		if s.LabPort != 0 && served {
			out = append(out, s)
		}
	}
	return out
}

// ServiceNames lists the names of the lab's services (their schemes') in
// the order Start opens them, the order of protocol.Schemes.
func ServiceNames() []string {
	var out []string
	for _, s := range labSchemes() {
		out = append(out, s.Name)
	}
	return out
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
		out = append(out, serviceSpec{scheme: s, port: cfg.Ports[s.Name], note: noteIn(i18n.English, s, cfg.Domain)})
	}
	return out
}
