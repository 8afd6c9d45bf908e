// Package session runs one conversation with a mail server and reports it
// as a stream of events: live ([Dial]: plain or implicit TLS, CRLF-written
// lines, message bodies, the TLS upgrade when the dialect says the server
// agreed) or from recorded text ([NewOffline]), with the same framing,
// redaction and explanations, which it asks of the protocol's dialect.
package session

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
)

// DefaultTimeout bounds the connect and each wait for a reply.
const DefaultTimeout = 10 * time.Second

// Options tune a session.
type Options struct {
	Timeout  time.Duration // connect and reply wait; 0 means DefaultTimeout
	Insecure bool          // do not fail on an unverified certificate (still reported)
	CAFile   string        // extra PEM certificate(s) to trust
	CAPEM    []byte        // extra PEM certificate(s) to trust, in memory (the lab's)
	// TLSMin is the oldest TLS version accepted (tls.VersionTLS10 ...);
	// 0 means DefaultTLSMin. Below it, TLSInfo.Warning says so.
	TLSMin uint16
	// StreamBodies hands out a long POP3 multi-line reply (RETR of a large
	// message) in ReceivedPart events of about PartBytes each while it
	// arrives, so that neither the session nor its consumers hold it whole.
	StreamBodies bool
	// KeepRaw keeps the bytes of each reply as they came (bounded) in the
	// Raw field of Received and ReceivedPart events, for a --raw display.
	KeepRaw bool
	// Lang is the language of the explanation each Received event carries
	// and of the warnings on Sent events; "" is English.
	Lang protocol.Lang
	// ReplyTimeout bounds the time one reply may take from its first byte
	// to its end, however steadily it comes (Timeout is the longest
	// silence); MaxReply bounds its bytes. Beyond either the connection
	// ends with a ReplyLimitError. 0 means DefaultReplyTimeout and
	// DefaultMaxReply.
	ReplyTimeout time.Duration
	MaxReply     int64
	// AllowPlaintextAuth lets Send put credentials on the wire in clear
	// where it would refuse them (see PlaintextRisk): a script's
	// --allow-plaintext-auth.
	AllowPlaintextAuth bool
	// ServerName is the name sent in the TLS handshake (SNI) and the one
	// the certificate is checked against; "" is the target's host.
	ServerName string
	// CertFile and KeyFile hold a client certificate and its key (PEM),
	// sent when the server asks for one.
	CertFile, KeyFile string
	// DNS is the DNS server ("127.0.0.1:5353") that resolves host names
	// and MX records; "" is the system's resolver.
	DNS string
}

// PartBytes is about how much of a long multi-line reply a ReceivedPart
// event carries.
const PartBytes = 8 << 10

// SendOptions describe a line the caller expanded from a helper.
type SendOptions struct {
	Display string // what to show instead of the line ("" shows the line, masked if secret)
	Secret  bool   // the line carries a credential even if the protocol rules do not say so
	// AllowPlaintext sends the line even if it puts a credential on the
	// wire in clear (the user confirmed: see PlaintextRisk).
	AllowPlaintext bool
}

// ErrClosed is returned when writing to a session whose connection is gone.
var ErrClosed = errors.New("the connection is closed")

// Session is one live connection. Its methods are safe for concurrent use.
type Session struct {
	target  Target
	opts    Options
	events  chan Event
	started time.Time

	emu        sync.Mutex // serialises emit and the close of events
	eventsDone bool       // Closed was emitted: no event comes after it

	// guarded by emu too (queue.go)
	queue   eventQueue    // events waiting for the consumer
	emitted uint64        // events emitted so far
	closed  chan struct{} // closed by Close

	wmu  sync.Mutex // serialises writes and the TLS upgrade
	conn net.Conn
	bw   *bufio.Writer

	dialect protocol.Dialect

	mu        sync.Mutex   // guards the fields below
	conv      conversation // framing, state, the commands awaiting a reply
	tls       *TLSInfo
	upgrading chan struct{} // non-nil while a STARTTLS/STLS reply is awaited
	closing   bool          // Close was called: the end is the client's doing
	changed   chan struct{} // closed and replaced after each reply, timeout and the close
	timeouts  int           // timeouts reported so far

	// guarded by mu too: the limits of a reply (limits.go), credentials in
	// clear (plaintext.go)
	meter      replyMeter // the reply being received, against its limits
	loopback   bool       // the server is on this machine
	tlsAsked   string     // the line that asked for TLS, until its reply
	tlsRefused string     // the line that asked for TLS and was refused, "" if none
}

// Dial connects to the target and starts reading. The first events are
// Connected (and TLSUp for implicit TLS); the greeting follows as Received.
//
// A target of a mail domain (Target.MX) is dialled as DialMX does.
func Dial(ctx context.Context, t Target, o Options) (*Session, error) {
	if t.MX {
		return DialMX(ctx, t, o, nil)
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	dialer := net.Dialer{Resolver: resolver(o)}
	conn, err := dialer.DialContext(ctx, "tcp", t.Addr())
	if err != nil {
		return nil, explainDialError(t, o.Timeout, err)
	}
	d, ok := protocol.Lookup(t.Protocol)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("connect %s: no dialect for protocol %q", t, t.Protocol)
	}
	if o.Lang, err = resolveLang(o.Lang); err != nil {
		conn.Close()
		return nil, fmt.Errorf("connect %s: %w", t, err)
	}
	started := time.Now()
	s := &Session{target: t, opts: o, dialect: d, events: make(chan Event, eventBuffer), started: started,
		conn: conn, conv: newConversation(d, o.Lang, started), changed: make(chan struct{}), closed: make(chan struct{})}
	s.loopback = isLoopback(conn.RemoteAddr())
	s.emit(Event{Kind: Connected, Line: conn.RemoteAddr().String()})
	if t.ImplicitTLS {
		info, err := s.handshake(ctx)
		if err != nil {
			conn.Close()
			return nil, err
		}
		s.emit(Event{Kind: TLSUp, TLS: info})
	}
	s.bw = bufio.NewWriterSize(s.conn, 64<<10)
	s.armDeadline() // the greeting is awaited like a reply
	go s.readLoop(s.newReader())
	return s, nil
}

// Events is the stream of everything that happens; it is closed after
// Closed. Sending never blocks on it, even when nobody takes the events
// (the caller may be the one who takes them, later); the reader stops
// reading from the server while they are not taken (see queue.go).
func (s *Session) Events() <-chan Event { return s.events }

// Started is when the connection was opened.
func (s *Session) Started() time.Time { return s.started }

// Target is the server this session talks to.
func (s *Session) Target() Target { return s.target }

// Mode says what the next typed line is.
func (s *Session) Mode() Mode {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conv.mode
}

// Greeting is the text of the server's first reply.
func (s *Session) Greeting() string { return s.State().Greeting }

// Dialect is the dialect of the protocol spoken.
func (s *Session) Dialect() protocol.Dialect { return s.dialect }

// State is the conversation's state as the dialect keeps it: what the next
// line is, the open challenge, what the server advertised, logged in or not.
func (s *Session) State() protocol.State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conv.framer.State()
}

// Greeted reports whether the server's first reply has arrived.
func (s *Session) Greeted() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.conv.awaitGreeting
}

// Challenge is the base64 text of the open SASL challenge, "" if none.
func (s *Session) Challenge() string { return s.State().Challenge }

// Extensions are the keywords the server advertised (EHLO, CAPA).
func (s *Session) Extensions() []string {
	return append([]string(nil), s.State().Extensions...)
}

// TLS describes the TLS connection, or nil while in plain text.
func (s *Session) TLS() *TLSInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tls
}

// Pending is the number of commands still waiting for a reply.
func (s *Session) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conv.sentAt)
}

// Changed returns a channel closed at the next reply, timeout or close,
// once its event is queued. Take it before checking Pending or Mode, then
// wait on it: no change is missed. A script waits here rather than for its
// events to be shown, so showing a reply and sending the next command
// overlap.
func (s *Session) Changed() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// Timeouts is the number of times the server let a reply wait longer than
// the timeout.
func (s *Session) Timeouts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.timeouts
}

// signalChange wakes those waiting on Changed. After the close the channel
// stays closed.
func (s *Session) signalChange(final bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.changed: // closed for good
		return
	default:
	}
	close(s.changed)
	if !final {
		s.changed = make(chan struct{})
	}
}

// Send writes one command line (CRLF is added). A line holding CR or LF is
// refused: it could smuggle a second command. A credential that would go
// in clear where it should not is refused with a *PlaintextError (see
// PlaintextRisk).
func (s *Session) Send(line string, so SendOptions) error {
	if strings.ContainsAny(line, "\r\n") {
		return fmt.Errorf("refusing to send a line that holds a CR or LF: it would smuggle a second command")
	}
	s.waitUpgrade()
	s.mu.Lock()
	if s.conv.mode == ModeClosed {
		s.mu.Unlock()
		return ErrClosed
	}
	if pe := s.plaintextRiskLocked(line, so); pe != nil && !so.AllowPlaintext && !s.opts.AllowPlaintextAuth {
		s.mu.Unlock()
		return pe
	}
	e, exp := s.conv.send(line, so, time.Now())
	if exp.StartTLS {
		s.upgrading = make(chan struct{})
		s.noteTLSAsked(line)
	}
	s.mu.Unlock()
	s.emit(e)
	err := s.write(e.Raw, true)
	s.armDeadline()
	return err
}

// Secret reports whether line, sent now, would carry a credential
// (PASS, APOP, an AUTH initial response, any answer to a challenge): such a
// line must stay out of history files and logs.
func (s *Session) Secret(line string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, kind := s.conv.redact(line, false)
	return kind != ""
}

// SendDataLine writes one line of a message body, as the dialect puts it
// on the wire (SMTP: dot-stuffed, RFC 5321 4.5.2), and sends it at once (a
// person typing the body).
func (s *Session) SendDataLine(line string) error { return s.sendDataLine(line, true) }

// QueueDataLine is SendDataLine without the flush: lines go out when the
// buffer fills or at EndData, so a large scripted body is not one write per line.
func (s *Session) QueueDataLine(line string) error { return s.sendDataLine(line, false) }

func (s *Session) sendDataLine(line string, flush bool) error {
	if strings.IndexByte(line, '\n') >= 0 || strings.IndexByte(line, '\r') >= 0 {
		return fmt.Errorf("refusing to send a body line that holds a CR or LF")
	}
	e, err := s.conv.bodyLine(line, time.Time{}) // reads only the dialect: no lock
	if err != nil {
		return err
	}
	s.emitStreamed(e) // waits for a running consumer, never for a stalled one
	return s.write(e.Raw, flush)
}

// EndData writes the line that ends a message body (SMTP: ".") and
// awaits the reply.
func (s *Session) EndData() error {
	s.mu.Lock()
	e, err := s.conv.bodyEnd(time.Now())
	s.mu.Unlock()
	if err != nil {
		return err
	}
	s.emit(e)
	err = s.write(e.Raw, true)
	s.armDeadline()
	return err
}

// SendData writes a whole DATA body and its ending in one go.
func (s *Session) SendData(lines []string) error {
	for _, l := range lines {
		if err := s.QueueDataLine(l); err != nil {
			return err
		}
	}
	return s.EndData()
}

// Close ends the connection (without QUIT) and waits for the reader to stop.
func (s *Session) Close() error {
	s.mu.Lock()
	if !s.closing {
		s.closing = true
		close(s.closed) // the reader stops waiting for the consumer
	}
	s.mu.Unlock()
	s.wmu.Lock()
	err := s.conn.Close()
	s.wmu.Unlock()
	return err
}

// write writes data to the connection, through the buffer; flush sends it
// at once, else it goes when the buffer fills or at the next flush.
func (s *Session) write(data []byte, flush bool) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if flush || len(data) > s.bw.Available() { // this write reaches the connection
		s.conn.SetWriteDeadline(time.Now().Add(s.opts.Timeout))
	}
	if _, err := s.bw.Write(data); err != nil {
		return fmt.Errorf("send to %s: %w", s.target.Addr(), err)
	}
	if !flush {
		return nil
	}
	if err := s.bw.Flush(); err != nil {
		return fmt.Errorf("send to %s: %w", s.target.Addr(), err)
	}
	return nil
}

// armDeadline sets the read deadline: a reply is awaited while commands are
// pending; an idle session waits as long as the user likes.
func (s *Session) armDeadline() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.armDeadlineLocked()
}

func (s *Session) armDeadlineLocked() {
	if s.conv.awaiting() || !s.meter.start.IsZero() {
		s.conn.SetReadDeadline(s.readDeadline(time.Now()))
	} else {
		s.conn.SetReadDeadline(time.Time{})
	}
}

func (s *Session) waitUpgrade() {
	s.mu.Lock()
	ch := s.upgrading
	s.mu.Unlock()
	if ch != nil {
		<-ch
	}
}

// isRefused reports a connection refused: nothing listens on the port.
func isRefused(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) }

// isDeadline reports a dial that ran out of time.
func isDeadline(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// newReader reads the current connection, refreshing the reply deadline
// whenever bytes arrive: a slow server that keeps sending is not timed out.
func (s *Session) newReader() *bufio.Reader {
	return bufio.NewReaderSize(activityReader{conn: s.conn, s: s}, 64<<10)
}
