package session

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
)

// ErrIncompleteReply is returned by [Offline.Receive] for recorded text
// that stops in the middle of a reply.
var ErrIncompleteReply = errors.New("the recorded reply is incomplete: it stops in the middle")

// Offline is a conversation played from recorded text, without a socket:
// a transcript replayed, a lesson's recorded side, a handout. It frames
// the recorded replies with the dialect, in the state the recorded client
// lines put the conversation in, and returns the events a live [Session]
// would have reported for them: Sent with its redaction and warnings,
// Received with its reply and its explanation (in Options.Lang), TLSUp,
// Closed. It is built on the same conversation code as a live session.
//
// Events are dated by the clock, or by the time given to SetTime. An
// Offline is not safe for concurrent use.
type Offline struct {
	target Target
	opts   Options
	conv   conversation
	at     time.Time // the time of the next events; zero: the clock
}

// NewOffline starts an offline conversation with the server t was
// recorded with, begun at started: the greeting's Elapsed counts from
// there. Only t.Protocol and t.ImplicitTLS matter: an implicit-TLS target
// starts encrypted.
func NewOffline(t Target, o Options, started time.Time) (*Offline, error) {
	d, ok := protocol.Lookup(t.Protocol)
	if !ok {
		return nil, fmt.Errorf("no dialect for protocol %q", t.Protocol)
	}
	lang, err := resolveLang(o.Lang)
	if err != nil {
		return nil, err
	}
	o.Lang = lang
	off := &Offline{target: t, opts: o, conv: newConversation(d, lang, started)}
	if t.ImplicitTLS {
		off.conv.tlsStarted()
	}
	return off, nil
}

// SetTime dates the events that follow at at; the zero time goes back to
// the clock. A reply's Elapsed is the time from the command it answers (or
// from the start, for the greeting) to the time it is received.
func (o *Offline) SetTime(at time.Time) { o.at = at }

func (o *Offline) now() time.Time {
	if o.at.IsZero() {
		return time.Now()
	}
	return o.at
}

// Target is the server the conversation was recorded with.
func (o *Offline) Target() Target { return o.target }

// Dialect is the dialect of the protocol spoken.
func (o *Offline) Dialect() protocol.Dialect { return o.conv.dialect }

// State is the conversation's state as the dialect keeps it.
func (o *Offline) State() protocol.State { return o.conv.framer.State() }

// Mode says what the next client line is.
func (o *Offline) Mode() Mode { return o.conv.mode }

// Send plays a client command line as a live Send would send it, and
// returns its Sent event: the line redacted by the dialect (or marked a
// credential by so.Secret), its display and warnings. The next reply
// answers it.
//
// A secret recorded as literal text (an IMAP password sent as {n}) is
// stored as protocol.Redacted, which has not the length the literal
// announced: played with so.Secret while literal text is expected, it
// stands for the whole literal, so the framer counts what was sent.
func (o *Offline) Send(line string, so SendOptions) Event {
	if st := o.conv.framer.State(); so.Secret && line == protocol.Redacted && st.Input == protocol.InputLiteral && st.Literal > 0 {
		line = strings.Repeat("*", int(min(st.Literal, MaxLineBytes)))
	}
	e, _ := o.conv.send(line, so, o.now())
	return e
}

// BodyLine plays one line of a message body and returns its DataLine
// event, Raw holding the line as it would go on the wire.
func (o *Offline) BodyLine(line string) (Event, error) { return o.conv.bodyLine(line, o.now()) }

// BodyEnd plays the end of a message body and returns its DataEnd event;
// the next reply answers it.
func (o *Offline) BodyEnd() (Event, error) { return o.conv.bodyEnd(o.now()) }

// Receive plays recorded server text: one or more replies, lines separated
// by "\n" (a final "\n" is ignored), as received without their CRLF. It
// returns a Received event for each reply. Text that stops in the middle
// of a reply still gives that reply, malformed and saying so, with
// ErrIncompleteReply; the framing then starts afresh, since its state can
// no longer be trusted (the encryption is kept).
func (o *Offline) Receive(text string) ([]Event, error) {
	at := o.now()
	var out []Event
	rest := strings.TrimSuffix(text, "\n")
	for more := true; more; {
		var line string
		line, rest, more = strings.Cut(rest, "\n")
		if r := o.conv.framer.Feed(line, protocol.CRLF); r != nil {
			out = append(out, o.reply(r, at))
		}
	}
	return o.received(out, at)
}

// ReceiveWire is Receive for recorded text in the wire form (a
// transcript's wire step): replies exactly as they came, every line
// followed by its line ending, so that a line may hold a bare LF or CR
// inside an IMAP literal, which the framer counts in bytes.
func (o *Offline) ReceiveWire(wire string) ([]Event, error) {
	at := o.now()
	var out []Event
	for rest := wire; rest != ""; {
		line, ending := rest, protocol.NoEnding
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest, ending = rest[:i], rest[i+1:], protocol.BareLF
			if strings.HasSuffix(line, "\r") {
				line, ending = line[:len(line)-1], protocol.CRLF
			}
		} else {
			rest = ""
		}
		if r := o.conv.framer.Feed(line, ending); r != nil {
			out = append(out, o.reply(r, at))
		}
	}
	return o.received(out, at)
}

// received ends a Receive: a reply left incomplete is given too, marked.
func (o *Offline) received(out []Event, at time.Time) ([]Event, error) {
	partial := o.conv.framer.Partial()
	if partial == nil {
		return out, nil
	}
	r := &protocol.Reply{Protocol: o.conv.dialect.Protocol(), Lines: partial, Class: protocol.ClassMalformed,
		Tone: protocol.ToneMalformed, Before: o.conv.framer.State(), Problems: []string{ErrIncompleteReply.Error()}}
	out = append(out, o.reply(r, at))
	o.restart()
	return out, ErrIncompleteReply
}

// reply makes the Received event of a reply received at at.
func (o *Offline) reply(r *protocol.Reply, at time.Time) Event {
	elapsed := o.conv.replied(r, at)
	var raw []byte
	if o.opts.KeepRaw {
		raw = []byte(strings.Join(r.Lines, "\r\n") + "\r\n")
	}
	return o.conv.received(r, elapsed, raw, at)
}

// restart forgets the framing and the commands awaiting a reply after a
// reply cut short; only the encryption is kept.
func (o *Offline) restart() {
	tls := o.conv.framer.State().TLS
	o.conv.framer = o.conv.dialect.NewFramer()
	if tls {
		o.conv.tlsStarted()
	}
	o.conv.sentAt, o.conv.mode = nil, ModeCommand
}

// TLS plays a TLS handshake (STARTTLS agreed, or implicit TLS) and returns
// its TLSUp event; info describes the recorded connection, or is nil.
func (o *Offline) TLS(info *TLSInfo) Event {
	o.conv.tlsStarted()
	if info == nil {
		info = &TLSInfo{}
	}
	return Event{Kind: TLSUp, Time: o.now(), TLS: info}
}

// Close plays the end of the connection and returns its Closed event:
// reason for a normal close ("closed by the server"), err for a lost one.
func (o *Offline) Close(reason string, err error) Event {
	o.conv.mode = ModeClosed
	return Event{Kind: Closed, Time: o.now(), Reason: reason, Err: err}
}

// ReceiveLine plays one line of server text as it arrives, without its
// line ending, for a tap that sees a server's replies line by line (the
// lab's recordings). It returns the Received event of the reply the line
// completes, or ReceivedPart events while a long reply (a message
// fetched) grows past PartBytes, so that the reply is never held whole: a
// Recording spools those parts on disk.
func (o *Offline) ReceiveLine(line string, ending protocol.LineEnding) []Event {
	at := o.now()
	if r := o.conv.framer.Feed(line, ending); r != nil {
		return []Event{o.reply(r, at)}
	}
	if o.conv.framer.Held() < PartBytes {
		return nil
	}
	part := o.conv.framer.Drain()
	if part == nil {
		return nil
	}
	return []Event{{Kind: ReceivedPart, Time: at, Lines: part, Shown: o.conv.viewPart(part)}}
}
