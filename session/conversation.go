package session

import (
	"fmt"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
)

// conversation is what a live Session and an Offline one share: the
// dialect's framer and the state it keeps, the commands still awaiting a
// reply, and how each line sent and each reply received becomes an event.
// It does no I/O and is not safe for concurrent use: a Session holds its
// mu around every call except bodyLine and received, which read only the
// fields that never change (dialect, lang).
type conversation struct {
	dialect       protocol.Dialect
	lang          protocol.Lang
	framer        protocol.Framer
	started       time.Time
	sentAt        []time.Time // send time of each command awaiting a reply
	mode          Mode
	awaitGreeting bool // no reply has arrived yet
}

func newConversation(d protocol.Dialect, lang protocol.Lang, started time.Time) conversation {
	return conversation{dialect: d, lang: lang, framer: d.NewFramer(), started: started, awaitGreeting: true}
}

// resolveLang checks the language of a session's explanations; "" is English.
func resolveLang(lang protocol.Lang) (protocol.Lang, error) {
	if lang == "" {
		return protocol.English, nil
	}
	if !protocol.Supported(lang) {
		return "", fmt.Errorf("%w %q", protocol.ErrUnsupportedLang, lang)
	}
	return lang, nil
}

// awaiting reports whether a reply is awaited: the greeting or the answer
// to a command sent; not while the server waits for us (literal text) or
// idles until we say DONE (IMAP IDLE), however long that takes.
func (c *conversation) awaiting() bool {
	switch c.framer.State().Input {
	case protocol.InputLiteral, protocol.InputIdle:
		return c.awaitGreeting
	}
	return len(c.sentAt) > 0 || c.awaitGreeting
}

// send notes a command line sent at at and returns its Sent event and what
// the line asks of the connection (a TLS upgrade).
func (c *conversation) send(line string, so SendOptions, at time.Time) (Event, protocol.Expected) {
	redacted, kind := c.redact(line, so.Secret)
	secret := kind != ""
	display := so.Display
	if display == "" || secret && display == line {
		display = redacted
	}
	var warnings []string
	if !secret {
		warnings = c.dialect.Check(line, c.framer.State(), c.lang)
	}
	exp := c.framer.Expect(line)
	if !exp.Continues { // a line that continues a command awaits no reply of its own
		c.sentAt = append(c.sentAt, at)
	}
	c.mode = c.modeNow()
	raw := []byte(line + "\r\n")
	if exp.NoLineEnd { // the last bytes of a BDAT chunk: the next command follows them
		raw = raw[:len(line)]
	}
	return Event{Kind: Sent, Time: at, Line: line, Display: display, Redacted: redacted, Secret: kind,
		Warnings: warnings, Raw: raw}, exp
}

// redact applies the dialect's redaction rules to a client line sent now;
// forced marks it a credential even when the rules do not. kind is "" for
// a line that holds no secret (then redacted is the line itself).
func (c *conversation) redact(line string, forced bool) (redacted, kind string) {
	redacted, kind, secret := c.dialect.Redact(line, c.framer.State())
	switch {
	case secret:
		return redacted, kind
	case forced:
		return protocol.Redacted, "credential"
	}
	return line, ""
}

// bodyLine returns the DataLine event of one line of a message body, its
// Raw holding the line as it goes on the wire (SMTP: dot-stuffed) with
// CRLF. It changes nothing: the body ends with bodyEnd.
func (c *conversation) bodyLine(line string, at time.Time) (Event, error) {
	body := c.dialect.Body()
	if body == nil {
		return Event{}, fmt.Errorf("%s has no message body to send", c.dialect.Protocol())
	}
	return Event{Kind: DataLine, Time: at, Line: line, Display: line, Redacted: line,
		Raw: []byte(body.WireLine(line) + "\r\n")}, nil
}

// bodyEnd notes the end of a message body sent at at, whose reply is then
// awaited, and returns its DataEnd event.
func (c *conversation) bodyEnd(at time.Time) (Event, error) {
	body := c.dialect.Body()
	if body == nil {
		return Event{}, fmt.Errorf("%s has no message body to end", c.dialect.Protocol())
	}
	end := body.End()
	c.framer.ExpectBodyEnd()
	c.sentAt = append(c.sentAt, at)
	c.mode = ModeCommand
	return Event{Kind: DataEnd, Time: at, Line: end, Display: end, Redacted: end, Raw: []byte(end + "\r\n")}, nil
}

// replied notes a complete reply whose first line came at firstLine and
// says how long the server took. A reply that does not complete its
// command (IMAP untagged data, a continuation request) leaves it pending.
func (c *conversation) replied(r *protocol.Reply, firstLine time.Time) time.Duration {
	var elapsed time.Duration
	switch {
	case c.awaitGreeting:
		elapsed = firstLine.Sub(c.started)
		c.awaitGreeting = false
	case len(c.sentAt) > 0:
		elapsed = firstLine.Sub(c.sentAt[0])
		if !r.Pending {
			c.sentAt = c.sentAt[1:]
		}
	}
	c.mode = c.modeNow()
	return max(elapsed, 0)
}

// modeNow is what the next typed line is, from the dialect's state: a
// command unless the server asked for something else.
func (c *conversation) modeNow() Mode {
	switch c.framer.State().Input {
	case protocol.InputBody:
		return ModeData
	case protocol.InputSASL:
		return ModeAuth
	case protocol.InputLiteral:
		return ModeLiteral
	case protocol.InputIdle:
		return ModeIdle
	}
	return ModeCommand
}

// received returns the Received event of a reply, explained once by the
// dialect in the state the reply arrived in.
func (c *conversation) received(r *protocol.Reply, elapsed time.Duration, raw []byte, at time.Time) Event {
	ex, _ := c.dialect.Explain(r, c.lang) // the language was checked (resolveLang)
	return Event{Kind: Received, Time: at, Reply: r, Explanation: &ex, Elapsed: elapsed, Raw: raw}
}

// tlsStarted notes that the connection is now encrypted.
func (c *conversation) tlsStarted() { c.framer.TLSStarted() }

// viewPart is a drained part as a learner reads it (protocol.PartViewer).
func (c *conversation) viewPart(lines []string) []string {
	if v, ok := c.framer.(protocol.PartViewer); ok {
		return v.ViewPart(lines)
	}
	return lines
}
