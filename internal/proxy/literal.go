package proxy

import (
	"bytes"

	"github.com/mailtutor/mailtutor/session"
)

// literalFlush is the most literal text held before it is framed when no
// line end comes (a long line inside an IMAP APPEND).
const literalFlush = 8 << 10

// clientLiteralLocked relays literal bytes the client sends (IMAP {n}: the
// framer's State().Literal counts them) at once, and frames them as the
// prompt would have typed them: line by line, each with its CRLF. The
// caller holds mu; it is released. What follows the literal on the same
// line continues the command line.
func (c *conn) clientLiteralLocked(data []byte, complete bool, acc *lineAcc) error {
	remaining := c.framer.State().Literal - int64(len(c.carry))
	k := int(min(int64(len(data)), remaining))
	lit, rest := data[:k], data[k:]
	c.carry = append(c.carry, lit...)
	if len(rest) == 0 {
		c.flushLiteralLocked()
	}
	var tail []byte
	if len(rest) > 0 || remaining == 0 { // the literal ended: the command line goes on
		tail, c.carry = c.carry, nil
	}
	c.mu.Unlock()
	if err := c.writeUpstream(lit); err != nil {
		return err
	}
	if tail == nil {
		return nil
	}
	acc.add(tail) // framed with the rest of the line, as literalText expects
	if len(rest) == 0 {
		return nil // the rest of the line comes in the next piece
	}
	if !complete {
		acc.add(rest)
		return c.writeUpstream(rest)
	}
	acc.add(rest)
	return c.clientLine(acc, rest, false)
}

// flushLiteralLocked frames the literal text held: a line that ended with
// CRLF exactly, or a long stretch without one (counted right, shown with
// its last two bytes as the line end the framer counts).
func (c *conn) flushLiteralLocked() {
	n := len(c.carry)
	if n < 2 || !bytes.HasSuffix(c.carry, []byte("\r\n")) && n < literalFlush {
		return
	}
	text := string(c.carry[:n-2])
	st := c.framer.State()
	redacted, kind, secret := c.dialect.Redact(text, st)
	if !secret {
		redacted, kind = text, ""
	}
	c.framer.Expect(text)
	c.emitLocked(session.Event{Kind: session.Sent, Line: text, Display: redacted, Redacted: redacted, Secret: kind})
	c.carry = c.carry[:0]
	if cap(c.carry) > 2*literalFlush {
		c.carry = nil
	}
}
