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
	TLSMin   uint16 // the oldest TLS version accepted (session.Options.TLSMin); 0: TLS 1.2
	// AllowPlaintextAuth sends credentials in clear where the session
	// would refuse them (session.PlaintextRisk): --allow-plaintext-auth.
	AllowPlaintextAuth bool
}

// Servers maps service names (the schemes of protocol.Schemes: smtp,
// submission, smtps, pop3, pop3s) to servers.
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
		want, known := serviceTarget(name)
		if !known {
			return nil, &ServerFlagError{Spec: spec, Service: name}
		}
		t, err := session.ParseURL(url)
		if err != nil {
			return nil, fmt.Errorf("--server %s: %w", spec, err)
		}
		if !serves(t, want) {
			return nil, &ServerFlagError{Spec: spec, Service: name, Want: wantScheme(name)}
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
	for _, sc := range protocol.Schemes() {
		if want, _ := serviceTarget(sc.Name); serves(t, want) {
			out[sc.Name] = base
		}
	}
	return out, nil
}

// serves reports whether a server at t can play the service of want: the
// same protocol and TLS mode (smtp:// serves submission, not smtps).
func serves(t, want session.Target) bool {
	return t.Protocol == want.Protocol && t.ImplicitTLS == want.ImplicitTLS
}

// urlSchemes lists the URL schemes a service may be given, the first one
// being the service's own kind's default: "smtp://", "submission://".
func urlSchemes(service string) []string {
	want, _ := serviceTarget(service)
	var out []string
	for _, sc := range protocol.Schemes() {
		if t, _ := serviceTarget(sc.Name); serves(t, want) {
			out = append(out, sc.Name+"://")
		}
	}
	return out
}

// wantScheme names the URL schemes a service may be given:
// "smtp:// or submission://".
func wantScheme(service string) string { return strings.Join(urlSchemes(service), " or ") }

// conn is the other end of a part: a live session or the recorded replies.
// Either way the part's recorded side plays along on an offline session
// (recording), so each recorded reply is framed in the conversation it was
// recorded in.
type conn interface {
	context() codec.Context
	state() protocol.State // the conversation's state, for redaction
	inAuth() bool          // the next line answers a SASL challenge
	mode() session.Mode    // what the next line is
	send(exp codec.Expansion) error
	sendData(lines []string) error
	// reply awaits the next reply (offline: the recorded one, in the wire
	// form when wire is set; see Step.Wire).
	reply(recorded string, wire bool) (*protocol.Reply, error)
	// recorded is the recorded reply the last reply stands for, framed in
	// the recorded conversation.
	recorded() *protocol.Reply
	// extra sends a line the recorded conversation does not hold and
	// awaits the reply (offline: recorded, as the reply to another line).
	extra(exp codec.Expansion, recorded string, wire bool) (*protocol.Reply, error)
	// record plays recorded server text holding one or more complete
	// replies on the recording (offline: shown, as the other end's) and
	// returns them.
	record(text string, wire bool) ([]*protocol.Reply, error)
	// nextReply awaits the next live reply, shown as it comes; offline
	// there is none (the recorded replies answer).
	nextReply() (*protocol.Reply, error)
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
	rec     *recording // the part as recorded, played along; nil for the lesson's setup
	last    *protocol.Reply
}

func dialLive(srv Server, out *screen, timeout time.Duration) (*liveConn, error) {
	t, err := session.ParseURL(srv.URL)
	if err != nil {
		return nil, err
	}
	s, err := session.Dial(context.Background(), t, session.Options{Timeout: timeout, Insecure: srv.Insecure, CAFile: srv.CAFile, CAPEM: srv.CAPEM,
		TLSMin: srv.TLSMin, AllowPlaintextAuth: srv.AllowPlaintextAuth})
	if err != nil {
		return nil, err
	}
	return &liveConn{s: s, out: out, timeout: timeout}, nil
}

func (c *liveConn) context() codec.Context {
	return c.s.HelperContext()
}

func (c *liveConn) state() protocol.State { return c.s.State() }

func (c *liveConn) inAuth() bool { return c.s.Mode() == session.ModeAuth }

func (c *liveConn) mode() session.Mode { return c.s.Mode() }

func (c *liveConn) record(text string, wire bool) ([]*protocol.Reply, error) {
	events, err := c.rec.replies(text, wire)
	return repliesOf(events), err
}

func (c *liveConn) nextReply() (*protocol.Reply, error) {
	e, err := c.next(session.Received)
	return e.Reply, err
}

func (c *liveConn) send(exp codec.Expansion) error {
	if c.rec != nil {
		c.rec.send(exp)
	}
	return c.s.Send(exp.Send, sendOptions(exp))
}

func (c *liveConn) sendData(lines []string) error {
	if c.rec != nil {
		c.rec.sendData(lines)
	}
	return c.s.SendData(lines)
}

// next renders events until one of kind arrives.
func (c *liveConn) next(kind session.Kind) (session.Event, error) {
	timer := time.NewTimer(c.timeout + 2*time.Second)
	defer timer.Stop()
	for {
		select {
		case e, ok := <-c.s.Events():
			if !ok {
				return session.Event{}, &WaitError{Closed: true}
			}
			show(c.out, e)
			switch {
			case e.Kind == kind:
				return e, nil
			case e.Kind == session.Closed:
				if e.Err != nil {
					return e, &WaitError{Closed: true, Err: e.Err}
				}
				return e, &WaitError{Closed: true}
			case e.Kind == session.Problem && isTimeout(e.Err):
				return e, &WaitError{Err: e.Err}
			}
		case <-timer.C:
			return session.Event{}, &WaitError{Timeout: c.timeout}
		}
	}
}

func isTimeout(err error) bool {
	var te *session.TimeoutError
	return errors.As(err, &te)
}

func (c *liveConn) reply(recorded string, wire bool) (*protocol.Reply, error) {
	e, err := c.next(session.Received)
	if err != nil {
		return nil, err
	}
	if c.rec != nil {
		want, err := c.rec.reply(recorded, wire)
		if err != nil {
			return nil, err
		}
		c.last = want.Reply
	}
	return e.Reply, nil
}

func (c *liveConn) recorded() *protocol.Reply { return c.last }

func (c *liveConn) tlsUp() error {
	if c.rec != nil {
		c.rec.off.TLS(nil)
	}
	_, err := c.next(session.TLSUp)
	return err
}

func (c *liveConn) closed() error {
	if c.rec != nil {
		c.rec.off.Close("closed by the server", nil)
	}
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
	rec  *recording
	out  *screen
	last *protocol.Reply
}

func (c *offlineConn) context() codec.Context { return c.rec.context() }

func (c *offlineConn) state() protocol.State { return c.rec.off.State() }

func (c *offlineConn) inAuth() bool { return c.rec.off.Mode() == session.ModeAuth }

func (c *offlineConn) mode() session.Mode { return c.rec.off.Mode() }

func (c *offlineConn) record(text string, wire bool) ([]*protocol.Reply, error) {
	events, err := c.rec.replies(text, wire)
	for _, e := range events {
		c.out.Event(e)
	}
	return repliesOf(events), err
}

func (c *offlineConn) nextReply() (*protocol.Reply, error) {
	return nil, errors.New("offline: no live reply")
}

func (c *offlineConn) send(exp codec.Expansion) error {
	c.out.Event(c.rec.send(exp))
	return nil
}

func (c *offlineConn) sendData(lines []string) error {
	for _, e := range c.rec.sendData(lines) {
		c.out.Event(e)
	}
	return nil
}

func (c *offlineConn) reply(recorded string, wire bool) (*protocol.Reply, error) {
	e, err := c.rec.reply(recorded, wire)
	if err != nil {
		return nil, err
	}
	c.out.Event(e)
	c.last = e.Reply
	return e.Reply, nil
}

func (c *offlineConn) recorded() *protocol.Reply { return c.last }

func (c *offlineConn) tlsUp() error {
	c.rec.off.TLS(nil)
	c.out.Info(msg(c.out.Lang, "offlineTLS"))
	return nil
}

func (c *offlineConn) closed() error {
	show(c.out, c.rec.off.Close("closed by the server", nil))
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
