package protocol

import (
	"strconv"
	"strings"
)

// Protocol names a mail protocol.
type Protocol string

// The protocols the package understands.
const (
	SMTP Protocol = "smtp"
	POP3 Protocol = "pop3"
)

// Class is the class of a reply.
type Class int

// The classes of a reply. SMTP replies are classed by the first digit of
// their code (RFC 5321 4.2.1), POP3 replies by their status indicator.
const (
	ClassMalformed    Class = iota // not a valid reply for the protocol
	ClassPositive                  // SMTP 2xx
	ClassIntermediate              // SMTP 3xx
	ClassTransient                 // SMTP 4xx
	ClassPermanent                 // SMTP 5xx
	ClassOK                        // POP3 +OK
	ClassErr                       // POP3 -ERR
	ClassContinue                  // POP3 "+ " SASL continuation
)

// String returns the class in a few words: "2xx success",
// "+OK", ... A value outside the defined classes prints as "Class(N)".
func (c Class) String() string {
	if s, ok := english.classWords[c]; ok {
		return s
	}
	return "Class(" + strconv.Itoa(int(c)) + ")"
}

// Tone is the protocol-neutral tone of a class.
func (c Class) Tone() Tone {
	switch c {
	case ClassPositive, ClassOK:
		return TonePositive
	case ClassIntermediate, ClassContinue:
		return ToneIntermediate
	case ClassTransient:
		return ToneTransient
	case ClassPermanent, ClassErr:
		return TonePermanent
	}
	return ToneMalformed
}

// valid reports whether c is one of the defined classes.
func (c Class) valid() bool {
	return c >= ClassMalformed && c <= ClassContinue
}

// LineEnding says how a received line ended.
type LineEnding int

// The ways a received line can end.
const (
	CRLF     LineEnding = iota // "\r\n", the only correct ending
	BareLF                     // "\n" without "\r"
	NoEnding                   // connection closed before any line ending
)

// Reply is one complete server reply.
type Reply struct {
	Protocol Protocol
	// Command is the client line this reply answers ("" for the greeting or
	// an unsolicited reply), with any secret replaced as [Redact] does:
	// "PASS <redacted>", and "<redacted>" for a SASL response.
	Command string
	// Lines holds every line as received, without line ending; for a POP3
	// multi-line reply: the status line, the body lines as received (still
	// dot-stuffed) and the terminating ".".
	Lines  []string
	Code   int      // SMTP reply code, 0 when malformed or POP3
	Status string   // POP3: "+OK", "-ERR" or "+"; "" for SMTP
	Text   string   // SMTP: text after the code of every line, joined by "\n"; POP3: text of the status line after the status word
	Body   []string // POP3 multi-line body, dot-unstuffed, without the terminating "."
	Multi  bool     // POP3 dot-terminated multi-line reply
	// Drained reports that [Framer.Drain] handed out the start of this POP3
	// multi-line reply while it arrived: the status line (still Lines[0])
	// and Streamed body lines, which are in neither Lines nor Body.
	Drained  bool
	Streamed int
	Class    Class    // the protocol's own class
	Tone     Tone     // how it went, in words every dialect shares
	Enhanced string   // RFC 3463 enhanced status code found at the start of the text ("5.1.1"), or ""
	Problems []string // protocol violations found while framing, in plain English

	// SASL reports that the reply answers a SASL response: the client line
	// sent after a 334 or "+ " challenge rather than a command.
	SASL bool
	// LoggedIn reports that a login succeeded earlier on this connection
	// (SMTP 235; POP3 +OK to PASS, APOP or AUTH) and was not undone by
	// STARTTLS. A POP3 +OK to QUIT when LoggedIn means the UPDATE state.
	LoggedIn bool

	// Before is the conversation's state when the reply started: what the
	// server had advertised, whether the client was logged in, in TLS, in
	// a mail transaction, and the previous command.
	Before State
	// StartTLS reports that the server agreed to start TLS: the handshake
	// follows at once.
	StartTLS bool
	// Tag is the IMAP tag the response carries: the client's tag on the
	// completion of a command, "*" for untagged data, "+" for a
	// continuation request; "" in protocols without tags.
	Tag string
	// RespCode is the response code in brackets at the start of an IMAP
	// status text, without the brackets: "UIDVALIDITY 1733468412" (POP3's
	// are read by ResponseCode).
	RespCode string
	// Pending reports a reply that does not complete the command it
	// answers (IMAP untagged data or a continuation request before the
	// tagged completion): the command still awaits its final reply.
	Pending bool

	// problems are the framer's own findings behind the first entries of
	// Problems, kept to say them in another language (ProblemsIn).
	problems problemList
}

// Verb returns the upper-cased first word of a client line: "MAIL" for
// "mail FROM:<a@b>", "" for an empty line.
func Verb(line string) string {
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return ""
	}
	return strings.ToUpper(fields[0])
}

// hasArgument reports whether a client line has anything after its verb.
func hasArgument(line string) bool {
	return len(strings.Fields(line)) > 1
}
