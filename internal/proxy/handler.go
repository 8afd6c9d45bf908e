package proxy

import (
	"net"
	"time"

	"github.com/mailtutor/mailtutor/session"
)

// Handler receives what happens on one proxied connection, in the order
// it happens, one call at a time. It must not block for long: the relay
// of that connection waits for it.
type Handler interface {
	// Event is a conversation event as a live session reports it: Sent
	// (a client line, with its redaction), DataLine and DataEnd (a message
	// body), ReceivedPart and Received (a reply, explained by the
	// dialect), TLSUp (the upstream handshake), Problem, and Closed last.
	Event(e session.Event)
	// Note is something the proxy itself did or saw.
	Note(n Note)
}

// NoteKind says what a Note reports.
type NoteKind int

// The kinds of Note.
const (
	NoteOpened     NoteKind = iota // a client connected and the upstream connection is up
	NoteClientTLS                  // TLS with the client is up (implicit, or after STARTTLS)
	NoteInjected                   // a rule answered the command Line instead of the server
	NoteRefusedTLS                 // the server refused TLS: its refusal went to the client as it was
	NoteDropped                    // --drop-after: the connection was cut before command N+1
)

// Note is something the proxy did or saw on one connection.
type Note struct {
	Kind     NoteKind
	Time     time.Time
	Client   net.Addr       // NoteOpened: the client's address
	Upstream session.Target // NoteOpened: the server
	Line     string         // NoteInjected, NoteDropped: the client line, redacted
	N        int            // NoteDropped: the --drop-after count
	TLS      string         // NoteClientTLS: "TLS 1.3, TLS_AES_128_GCM_SHA256"
}

// HandlerFunc makes a Handler for each connection, numbered from 1 in the
// order they were accepted.
type HandlerFunc func(id int, started time.Time) Handler

// discard is a Handler that keeps nothing.
type discard struct{}

func (discard) Event(session.Event) {}
func (discard) Note(Note)           {}
