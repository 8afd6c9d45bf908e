package lessons

import (
	"fmt"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// A part's service is a URL scheme of a dialect (protocol.Schemes): its
// name, protocol and TLS mode are the scheme's.

// ServiceProtocol is the protocol of a service name, and whether it is known.
func ServiceProtocol(service string) (protocol.Protocol, bool) {
	sc, ok := protocol.SchemeNamed(service)
	return sc.Protocol, ok && sc.Name == service
}

// serviceTarget is the target of a service on its default port, for an
// offline part.
func serviceTarget(service string) (session.Target, bool) {
	sc, ok := protocol.SchemeNamed(service)
	if !ok || sc.Name != service {
		return session.Target{}, false
	}
	return session.Target{Scheme: sc.Name, Protocol: sc.Protocol, Port: sc.Port, ImplicitTLS: sc.ImplicitTLS}, true
}

// serviceNames lists the services a part may use, for a message:
// "smtp, submission, smtps, pop3 or pop3s".
func serviceNames() string {
	var names []string
	for _, sc := range protocol.Schemes() {
		names = append(names, sc.Name)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// ValidationError is a lesson that breaks a rule, with the line where.
type ValidationError struct {
	File string
	Line int // 0 when the problem is not on one line
	Msg  string
}

// Error formats the error as "file:line: message".
func (e *ValidationError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Validate checks the rules of the format: the version, at least one part
// of a known service, exactly one kind per step, notes in both languages or
// none, expectations only where something is typed, and patterns that
// compile.
func (l *Lesson) Validate() error {
	fail := func(line int, format string, args ...any) error {
		return &ValidationError{File: l.File, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	if l.Version != FormatVersion {
		return fail(1, "mailtutor-lesson: %d: want %d (is this a lesson file?)", l.Version, FormatVersion)
	}
	for key, t := range map[string]Text{"title": l.Title, "summary": l.Summary} {
		if err := checkText(t); err != nil {
			return fail(0, "%s: %v", key, err)
		}
	}
	for i, m := range l.Setup {
		if m.From == "" || m.To == "" || m.Body == "" {
			return fail(0, "setup message %d: from, to and body are required", i+1)
		}
	}
	if err := l.checkUIDRefs(); err != nil {
		return fail(err.line, "%s", err.msg)
	}
	if len(l.Parts) == 0 {
		return fail(0, "no parts: a lesson needs at least one part with steps")
	}
	for _, p := range l.Parts {
		if err := l.validatePart(p); err != nil {
			return fail(err.line, "%s", err.msg)
		}
	}
	return nil
}

// lineError is a problem found at a line.
type lineError struct {
	line int
	msg  string
}

func (l *Lesson) validatePart(p Part) *lineError {
	proto, ok := ServiceProtocol(p.Service)
	if !ok {
		return &lineError{p.Line, fmt.Sprintf("service %q: want %s", p.Service, serviceNames())}
	}
	if err := checkText(p.Explain); err != nil {
		return &lineError{p.Line, "explain: " + err.Error()}
	}
	if len(p.Steps) == 0 {
		return &lineError{p.Line, "a part needs at least one step"}
	}
	for i := range p.Steps {
		if msg := l.validateStep(&p.Steps[i], proto); msg != "" {
			return &lineError{p.Steps[i].Line, msg}
		}
	}
	return nil
}

func (l *Lesson) validateStep(s *Step, proto protocol.Protocol) string {
	kind := s.Kind()
	if kind == "" {
		return "a step needs exactly one of server, client, data, tls, closed, example, deliver"
	}
	notes := map[string]Text{"explain": s.Explain, "hint": s.Hint, "notice": s.Notice, "otherwise": s.Otherwise}
	for _, key := range []string{"explain", "hint", "notice", "otherwise"} {
		if err := checkText(notes[key]); err != nil {
			return key + ": " + err.Error()
		}
		if m := l.checkMsgRefs(notes[key].En + notes[key].Zh); m != "" {
			return key + ": " + m
		}
	}
	typed := kind == KindClient || kind == KindData
	switch {
	case len(s.Expect) > 0 && !typed:
		return "expect is only for client and data steps"
	case !s.Hint.Empty() && !typed:
		return "hint is only for client and data steps"
	case s.Repeat && kind != KindClient:
		return "repeat is only for client steps"
	case s.Command != "" && kind != KindExample:
		return "command is only for example steps"
	case len(s.Accept) > 0 && kind != KindServer:
		return "accept is only for server steps"
	case !s.Otherwise.Empty() && len(s.Accept) == 0:
		return "otherwise says why a server may answer one of accept: give accept too"
	case s.Wire && (kind != KindServer || !strings.HasSuffix(s.Server, "\r\n")):
		return "wire is for a server reply written as it came, every line followed by CRLF (\"\\r\\n\")"
	case strings.ContainsAny(s.Client, "\r\n"):
		return "a client line holds no line break"
	case kind == KindData && !hasBody(proto) && !tagged(proto):
		return fmt.Sprintf("data steps are only for a protocol with a message body or literals: %s has neither", proto)
	case kind == KindDeliver && (s.Deliver.From == "" || s.Deliver.To == "" || s.Deliver.Body == ""):
		return "deliver: from, to and body are required"
	}
	if m := l.checkMsgRefs(s.Client); m != "" {
		return m
	}
	for _, p := range s.Expect {
		if _, err := Compile(p, l.Account); err != nil {
			return err.Error()
		}
	}
	if len(s.Accept) > 0 && tagged(proto) {
		return checkTaggedAccept(s)
	}
	if len(s.Accept) > 0 {
		rec := recordedStatus(s.Server, s.Wire, proto)
		if rec == nil {
			return fmt.Sprintf("server %q is not a %s reply", short(s.Server), proto)
		}
		for _, a := range s.Accept {
			if err := checkAccept(a, rec); err != nil {
				return err.Error()
			}
		}
	}
	return ""
}

// checkMsgRefs reports a {msg:K} that names no message the lesson
// delivers (its setup, then its deliver steps).
func (l *Lesson) checkMsgRefs(s string) string {
	n := l.Letters()
	for _, k := range msgRefsIn(s) {
		if k < 1 || k > n {
			return fmt.Sprintf("{msg:%d}: the lesson delivers %d message(s)", k, n)
		}
	}
	return ""
}

// checkUIDRefs reports a {uid:K} that names no message of the setup (the
// UIDs of messages delivered during the lesson are not known ahead).
func (l *Lesson) checkUIDRefs() *lineError {
	for _, p := range l.Parts {
		for _, s := range p.Steps {
			for _, text := range []string{s.Client, s.Explain.En, s.Explain.Zh, s.Hint.En, s.Hint.Zh, s.Notice.En, s.Notice.Zh} {
				for _, k := range uidRefsIn(text) {
					if k < 1 || k > len(l.Setup) {
						return &lineError{s.Line, fmt.Sprintf("{uid:%d}: the setup delivers %d message(s)", k, len(l.Setup))}
					}
				}
			}
		}
	}
	return nil
}

// hasBody reports whether the protocol sends message bodies (data steps).
func hasBody(p protocol.Protocol) bool {
	d, ok := protocol.Lookup(p)
	return ok && d.Body() != nil
}

// recordedStatus frames a recorded reply on its own, on an offline
// session, for its status: the first reply the text holds (a POP3
// multi-line reply framed without its command is its status line), or nil
// when the text stops in the middle of it.
func recordedStatus(recorded string, wire bool, proto protocol.Protocol) *protocol.Reply {
	off, err := session.NewOffline(session.Target{Protocol: proto}, session.Options{}, time.Now())
	if err != nil {
		return nil
	}
	events, err := receive(off, recorded, wire)
	if len(events) == 0 || err != nil && len(events) == 1 {
		return nil
	}
	return events[0].Reply
}

// checkText reports a note given in one language only.
func checkText(t Text) error {
	switch {
	case t.En != "" && t.Zh == "":
		return fmt.Errorf("missing the zh (Chinese) translation of %q", short(t.En))
	case t.Zh != "" && t.En == "":
		return fmt.Errorf("missing the en (English) translation of %q", short(t.Zh))
	}
	return nil
}

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// MissingNotes lists what a finished lesson should have and this one does
// not: a title and summary, an explanation and a hint on every client and
// data step. A skeleton made by [FromTranscript] lists them all; the
// built-in lessons list none.
func (l *Lesson) MissingNotes() []string {
	var out []string
	if l.Title.Empty() {
		out = append(out, "title")
	}
	if l.Summary.Empty() {
		out = append(out, "summary")
	}
	for _, p := range l.Parts {
		for _, s := range p.Steps {
			k := s.Kind()
			if k != KindClient && k != KindData {
				continue
			}
			if s.Explain.Empty() {
				out = append(out, fmt.Sprintf("line %d: %s step without explain", s.Line, k))
			}
			if s.Hint.Empty() {
				out = append(out, fmt.Sprintf("line %d: %s step without hint", s.Line, k))
			}
		}
	}
	return out
}
