package proxy

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// errStop ends the client loop: the connection was ended on purpose.
var errStop = errors.New("stopped")

// clientLoop relays what the client sends until the connection ends.
// Command lines are read whole before they go on (a rule may answer one
// instead); message bodies and literals go on piece by piece.
//
// It starts reading once the server's greeting has come: a client that
// talks first (nc with a script) then waits in the socket's buffer, and
// its commands are framed against the replies that answer them, not
// against the greeting.
func (c *conn) clientLoop() {
	select {
	case <-c.greeted:
	case <-c.doneCh:
		return
	}
	var acc lineAcc
	for {
		c.mu.Lock()
		br := c.cr
		c.mu.Unlock()
		chunk, complete, err := readChunk(br)
		if len(chunk) > 0 || err != nil && acc.started() {
			if cerr := c.clientChunk(append([]byte(nil), chunk...), complete || err != nil, &acc); cerr != nil {
				if !errors.Is(cerr, errStop) {
					c.end(closedByMailtutor, cerr)
				}
				return
			}
		}
		if err != nil {
			c.clientEnd(err)
			return
		}
		c.waitTLS()
		if c.ended() {
			return
		}
	}
}

// clientEnd handles the end of the client side: after a close by the
// client the server may still say its last words, for a while.
func (c *conn) clientEnd(err error) {
	switch {
	case c.ended():
	case errors.Is(err, errIdle):
		c.end(closedByMailtutor, &idleError{c.cfg.IdleTimeout, c.cfg.Upstream.Lang})
	case errors.Is(err, io.EOF):
		c.mu.Lock()
		c.clientEOF = true
		up := c.upstream
		c.mu.Unlock()
		if hc, ok := up.(interface{ CloseWrite() error }); ok {
			hc.CloseWrite()
		}
		select {
		case <-c.doneCh:
		case <-time.After(c.cfg.Upstream.Timeout):
			c.end(closedByClient, nil)
		}
	default:
		c.end(closedByClient, err)
	}
}

// waitTLS waits while a relayed STARTTLS awaits its reply and upgrade.
func (c *conn) waitTLS() {
	c.mu.Lock()
	ch := c.tlsWait
	c.mu.Unlock()
	if ch != nil {
		select {
		case <-ch:
		case <-c.doneCh:
		}
	}
}

// clientChunk handles one piece of what the client sent.
func (c *conn) clientChunk(data []byte, complete bool, acc *lineAcc) error {
	c.mu.Lock()
	st := c.framer.State()
	body := c.dialect.Body()
	switch {
	case c.lits != nil && st.Literal > 0 && !acc.started():
		return c.clientLiteralLocked(data, complete, acc) // unlocks
	case st.Input == protocol.InputBody && body != nil:
		c.mu.Unlock()
		return c.clientBody(data, complete, acc, body)
	}
	c.mu.Unlock()
	if !complete { // a line longer than the buffer: relayed as it comes, never answered by a rule
		acc.add(data)
		return c.writeUpstream(data)
	}
	long := acc.started()
	acc.add(data)
	return c.clientLine(acc, data, !long)
}

// clientBody relays a piece of a message body and reports each line.
func (c *conn) clientBody(data []byte, complete bool, acc *lineAcc, body protocol.BodySyntax) error {
	acc.add(data)
	if err := c.writeUpstream(data); err != nil || !complete {
		return err
	}
	text, _, _ := acc.take()
	c.mu.Lock()
	defer c.mu.Unlock()
	if text == body.End() {
		c.framer.ExpectBodyEnd()
		c.sentAt = append(c.sentAt, time.Now())
		c.owed = append(c.owed, &owedReply{})
		c.emitLocked(session.Event{Kind: session.DataEnd, Line: text, Display: text, Redacted: text})
		return nil
	}
	line := protocol.DotUnstuff(text)
	if body.WireLine(line) != text {
		line = text // not stuffed as the dialect stuffs: keep what came
	}
	c.emitLocked(session.Event{Kind: session.DataLine, Line: line, Display: line, Redacted: line})
	return nil
}

// clientLine frames a whole client line (data is its last piece, not yet
// relayed); answerable says a rule may answer it and --drop-after counts it.
func (c *conn) clientLine(acc *lineAcc, data []byte, answerable bool) error {
	text, ending, dropped := acc.take()
	c.mu.Lock()
	st := c.framer.State()
	starts := st.Input == protocol.InputCommand && st.Continuing == ""
	redacted, kind, secret := c.dialect.Redact(text, st)
	if !secret {
		redacted, kind = text, ""
	}
	verb, tag := c.verbOf(text)
	if starts && answerable && c.cfg.DropAfter > 0 && c.commands >= c.cfg.DropAfter {
		c.noteLocked(Note{Kind: NoteDropped, Line: redacted, N: c.cfg.DropAfter})
		c.mu.Unlock()
		c.end(closedByMailtutor, fmt.Errorf("%s", i18n.Textf(c.cfg.Upstream.Lang, i18n.ProxyDropped, c.cfg.DropAfter, c.cfg.DropAfter+1)))
		return errStop
	}
	var reply []string
	if starts {
		c.commands++
		if answerable {
			reply = c.inj.match(verb, tag)
		}
	}
	var warnings []string
	if !secret {
		warnings = c.dialect.Check(text, st, c.cfg.Upstream.Lang)
	}
	exp := c.framer.Expect(text)
	c.emitLocked(session.Event{Kind: session.Sent, Line: text, Display: redacted, Redacted: redacted, Secret: kind, Warnings: warnings})
	c.lineProblemsLocked(ending, dropped, len(text))
	if !exp.Continues {
		c.sentAt = append(c.sentAt, time.Now())
	}
	if reply != nil {
		c.noteLocked(Note{Kind: NoteInjected, Line: redacted})
		if len(c.owed) > 0 || c.inReply {
			c.owed = append(c.owed, &owedReply{lines: reply})
			c.mu.Unlock()
			return nil
		}
		out := c.injectLocked(reply)
		c.cw.Lock()
		c.mu.Unlock()
		defer c.cw.Unlock()
		return c.writeClient(out)
	}
	if !exp.Continues {
		c.owed = append(c.owed, &owedReply{})
	}
	if exp.StartTLS {
		c.tlsWait, c.tlsTag = make(chan struct{}), tag
	}
	c.mu.Unlock()
	return c.writeUpstream(data)
}

// lineProblemsLocked reports a client line that ended badly or was too
// long to frame whole.
func (c *conn) lineProblemsLocked(ending protocol.LineEnding, dropped, kept int) {
	lang := c.cfg.Upstream.Lang
	if ending == protocol.BareLF {
		c.emitLocked(session.Event{Kind: session.Problem, Err: fmt.Errorf("%s", i18n.Text(lang, i18n.ProxyBareLF))})
	}
	if dropped > 0 {
		c.emitLocked(session.Event{Kind: session.Problem, Err: fmt.Errorf("%s", i18n.Textf(lang, i18n.ProxyLongLine, dropped+kept, kept))})
	}
}

// verbOf returns the command name of a client line, and its tag in a
// tagged protocol.
func (c *conn) verbOf(line string) (verb, tag string) {
	if !c.tagged {
		return protocol.Verb(line), ""
	}
	f := strings.Fields(line)
	if len(f) < 2 {
		return "", ""
	}
	return strings.ToUpper(f[1]), f[0]
}
