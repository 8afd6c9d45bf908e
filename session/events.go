package session

import (
	"time"

	"github.com/mailtutor/mailtutor/protocol"
)

// Kind says what an Event reports.
type Kind int

// The kinds of event a session reports, in the order they happen.
const (
	Connected    Kind = iota // the TCP (and implicit TLS) connection is up
	Sent                     // a command line went out
	DataLine                 // one line of a DATA body went out (dot-stuffed on the wire)
	DataEnd                  // the "." ending a DATA body went out
	ReceivedPart             // the start of a long reply arrived (Options.StreamBodies)
	Received                 // a complete reply arrived
	TLSUp                    // STARTTLS/STLS or implicit TLS handshake done
	Problem                  // something went wrong but the session goes on (timeout, protocol violation)
	Closed                   // the connection is gone; the last event
)

// Event is one thing that happened on the connection.
type Event struct {
	Kind    Kind
	Time    time.Time
	Elapsed time.Duration // Received: how long the server took since the command was sent

	// Sent and DataLine: Line is the exact text written (without CRLF and
	// before dot-stuffing). It may hold a secret: show Display, record Redacted.
	Line     string
	Display  string // what the screen shows (a secret part masked)
	Redacted string // what a transcript stores (the secret replaced by a mark)
	Secret   string // the kind of secret hidden, or ""
	// Sent: local warnings from the dialect about the line (a missing
	// "<>", a line too long), in the session's language.
	Warnings []string

	// ReceivedPart: the lines of a long multi-line reply that arrived since
	// the last part, as received (still dot-stuffed); the first part starts
	// with the status line. The Received event that completes the reply
	// holds only the rest (see protocol.Reply.Drained).
	Lines []string
	// ReceivedPart: Lines as a learner reads them (POP3: dot-unstuffed),
	// by the dialect's protocol.PartViewer; the same as Lines otherwise.
	Shown []string
	// ReceivedPart: every line of Lines is printable ASCII (a space to a
	// tilde), so that renderer and recorder need not look for anything to
	// escape or encode. Checked once, while the lines are framed.
	Plain bool

	Reply *protocol.Reply // Received
	// Received: what the reply means, computed once by the dialect in the
	// state the reply arrived in; renderer, recorder and lessons read it.
	Explanation *protocol.Explanation
	Raw         []byte   // Received and ReceivedPart: the bytes as they came (bounded); Sent: the bytes written
	TLS         *TLSInfo // TLSUp

	Err    error  // Problem and Closed: what went wrong (nil for a normal close)
	Reason string // Closed: "closed by the server", "closed by mailtutor"
}

// Mode is what the next typed line is.
type Mode int

// The modes of a session.
const (
	ModeCommand Mode = iota // a command
	ModeAuth                // the answer to a SASL challenge
	ModeData                // a line of a message body
	ModeLiteral             // literal text the server agreed to take (IMAP "+" after {n})
	ModeIdle                // the server idles (IMAP IDLE): DONE ends it
	ModeClosed              // nothing: the connection is gone
)
