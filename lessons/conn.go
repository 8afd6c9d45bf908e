package lessons

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// Server is where one service of a lesson is reached.
type Server struct {
	URL      string // e.g. "submission://127.0.0.1:1587"
	CAPEM    []byte // extra certificate(s) to trust (the lab's)
	CAFile   string // extra certificate file to trust
	Insecure bool   // accept an unverified certificate (still reported)
}

// Servers maps service names (smtp, submission, smtps, pop3, pop3s) to servers.
type Servers map[string]Server

// ServersFor maps every service of the protocol and TLS mode of url to
// url: the meaning of `lesson --server URL`. A plain URL (smtp://,
// submission://, pop3://) serves the plain services, where STARTTLS or
// STLS may follow; an implicit-TLS URL (smtps://, pop3s://) serves the
// implicit-TLS service. A "name=URL" form maps one service, whose TLS mode
// must be the URL's.
func ServersFor(spec string, base Server) (Servers, error) {
	out := Servers{}
	if name, url, ok := strings.Cut(spec, "="); ok && !strings.Contains(name, "/") {
		if _, known := services[name]; !known {
			return nil, fmt.Errorf("--server %s: unknown service %q (want smtp, submission, smtps, pop3 or pop3s)", spec, name)
		}
		t, err := session.ParseURL(url)
		if err != nil {
			return nil, fmt.Errorf("--server %s: %w", spec, err)
		}
		if t.Protocol != services[name] || t.ImplicitTLS != implicitTLS(name) {
			return nil, fmt.Errorf("--server %s: the %s service needs a %s URL", spec, name, wantScheme(name))
		}
		base.URL = url
		out[name] = base
		return out, nil
	}
	t, err := session.ParseURL(spec)
	if err != nil {
		return nil, fmt.Errorf("--server: %w", err)
	}
	base.URL = spec
	for name, p := range services {
		if p == t.Protocol && implicitTLS(name) == t.ImplicitTLS {
			out[name] = base
		}
	}
	return out, nil
}

// implicitTLS reports a service that speaks TLS from the first byte.
func implicitTLS(service string) bool { return service == "smtps" || service == "pop3s" }

// wantScheme names the URL schemes a service may be given.
func wantScheme(service string) string {
	switch service {
	case "smtps", "pop3s":
		return service + "://"
	case "pop3":
		return "pop3://"
	}
	return "smtp:// or submission://"
}

// conn is the other end of a part: a live session or the recorded replies.
type conn interface {
	context() codec.Context
	inAuth() bool // the next line answers a SASL challenge
	send(exp codec.Expansion) error
	sendData(lines []string) error
	reply(recorded string) (*protocol.Reply, error)
	tlsUp() error
	closed() error
	close()
}

// errClosedEarly is a connection that ended while the lesson waited for more.
var errClosedEarly = errors.New("the server closed the connection before the lesson expected it")

// liveConn is a part played against a real server.
type liveConn struct {
	s       *session.Session
	out     *screen
	timeout time.Duration
}

func dialLive(srv Server, out *screen, timeout time.Duration) (*liveConn, error) {
	t, err := session.ParseURL(srv.URL)
	if err != nil {
		return nil, err
	}
	s, err := session.Dial(context.Background(), t, session.Options{Timeout: timeout, Insecure: srv.Insecure, CAFile: srv.CAFile, CAPEM: srv.CAPEM})
	if err != nil {
		return nil, err
	}
	return &liveConn{s: s, out: out, timeout: timeout}, nil
}

func (c *liveConn) context() codec.Context {
	return c.s.HelperContext()
}

func (c *liveConn) inAuth() bool { return c.s.Mode() == session.ModeAuth }

func (c *liveConn) send(exp codec.Expansion) error {
	return c.s.Send(exp.Send, session.SendOptions{Display: exp.Display, Secret: exp.Secret})
}

func (c *liveConn) sendData(lines []string) error { return c.s.SendData(lines) }

// next renders events until one of kind arrives.
func (c *liveConn) next(kind session.Kind) (session.Event, error) {
	timer := time.NewTimer(c.timeout + 2*time.Second)
	defer timer.Stop()
	for {
		select {
		case e, ok := <-c.s.Events():
			if !ok {
				return session.Event{}, errClosedEarly
			}
			show(c.out, e)
			switch {
			case e.Kind == kind:
				return e, nil
			case e.Kind == session.Closed:
				if e.Err != nil {
					return e, fmt.Errorf("%w: %v", errClosedEarly, e.Err)
				}
				return e, errClosedEarly
			case e.Kind == session.Problem && isTimeout(e.Err):
				return e, fmt.Errorf("waiting for the server: %w", e.Err)
			}
		case <-timer.C:
			return session.Event{}, fmt.Errorf("waiting for the server: nothing within %s", c.timeout)
		}
	}
}

func isTimeout(err error) bool {
	var te *session.TimeoutError
	return errors.As(err, &te)
}

func (c *liveConn) reply(string) (*protocol.Reply, error) {
	e, err := c.next(session.Received)
	if err != nil {
		return nil, err
	}
	return e.Reply, nil
}

func (c *liveConn) tlsUp() error {
	_, err := c.next(session.TLSUp)
	return err
}

func (c *liveConn) closed() error {
	_, err := c.next(session.Closed)
	if errors.Is(err, errClosedEarly) {
		return nil // the close the lesson waits for
	}
	return err
}

// close ends the connection and drains the events without showing them.
func (c *liveConn) close() {
	c.s.Close()
	for range c.s.Events() {
	}
}

// offlineConn plays a part from the replies recorded in the lesson.
type offlineConn struct {
	proto     protocol.Protocol
	framer    protocol.Framer
	out       *screen
	greeting  string
	challenge string
	greeted   bool
}

func newOffline(service string, out *screen) *offlineConn {
	p := services[service]
	return &offlineConn{proto: p, framer: protocol.NewFramer(p), out: out}
}

func (c *offlineConn) context() codec.Context {
	d, _ := protocol.Lookup(c.proto)
	return session.HelperContextOf(d, c.framer.State())
}

func (c *offlineConn) inAuth() bool { return protocol.InAuth(c.framer) }

func (c *offlineConn) send(exp codec.Expansion) error {
	line := exp.Send
	redacted, kind, secret := protocol.Redact(c.proto, line, protocol.InAuth(c.framer), "")
	if !secret && exp.Secret {
		redacted, kind, secret = protocol.Redacted, "credential", true
	}
	display := exp.Display
	if display == "" || secret && display == line {
		display = redacted
	}
	if !secret {
		redacted = line
	}
	c.framer.Expect(line)
	c.out.Event(session.Event{Kind: session.Sent, Time: time.Now(), Line: line, Display: display,
		Redacted: redacted, Secret: kind, Raw: []byte(line + "\r\n")})
	return nil
}

func (c *offlineConn) sendData(lines []string) error {
	for _, l := range lines {
		c.out.Event(session.Event{Kind: session.DataLine, Line: l, Display: l, Redacted: l})
	}
	c.framer.Expect(".")
	c.out.Event(session.Event{Kind: session.DataEnd, Line: ".", Display: ".", Redacted: "."})
	return nil
}

func (c *offlineConn) reply(recorded string) (*protocol.Reply, error) {
	rep := frame(c.framer, recorded)
	if rep == nil {
		return nil, fmt.Errorf("the recorded reply %q is not a complete %s reply", short(recorded), c.proto)
	}
	if !c.greeted {
		c.greeted, c.greeting = true, rep.Text
	}
	if rep.Code == 334 || rep.Class == protocol.ClassContinue {
		c.challenge = strings.TrimSpace(rep.Text)
	}
	c.out.Event(session.Event{Kind: session.Received, Time: time.Now(), Reply: rep, Raw: []byte(recorded)})
	return rep, nil
}

// frame feeds recorded reply text to a framer and returns the reply it
// completes, or nil.
func frame(f protocol.Framer, recorded string) *protocol.Reply {
	var rep *protocol.Reply
	for _, l := range strings.Split(strings.TrimSuffix(recorded, "\n"), "\n") {
		if rep != nil {
			return nil // text after a complete reply
		}
		rep = f.Feed(l, protocol.CRLF)
	}
	return rep
}

func (c *offlineConn) tlsUp() error {
	c.out.Info(msg(c.out.Lang, "offlineTLS"))
	return nil
}

func (c *offlineConn) closed() error {
	show(c.out, session.Event{Kind: session.Closed, Reason: "closed by the server"})
	return nil
}

func (c *offlineConn) close() {}

// show renders one event; a close is shown without the prompt's
// "press Enter" line, since the lesson goes on by itself.
func show(out *screen, e session.Event) {
	if e.Kind != session.Closed {
		out.Event(e)
		return
	}
	switch {
	case e.Err != nil:
		out.Notice(msg(out.Lang, "connLost", e.Err))
	case e.Reason == "closed by the server":
		out.Info(msg(out.Lang, "connClosed"))
	default:
		out.Info("-- " + e.Reason)
	}
}
