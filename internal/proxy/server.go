package proxy

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// serverLoop relays what the server sends until the connection ends,
// framing it into replies: each line goes to the client once the framer
// has seen it, so that a STARTTLS agreement is acted on before the
// client reads it.
func (c *conn) serverLoop() {
	var acc lineAcc
	for {
		c.mu.Lock()
		var lit int64
		if c.lits != nil && !acc.started() {
			lit = c.lits.Literal()
		}
		br := c.ur
		c.mu.Unlock()
		var err error
		if lit > 0 {
			err = c.serverLiteral(br, lit)
		} else {
			err = c.serverChunk(br, &acc)
		}
		if err != nil {
			c.serverEnd(err)
			return
		}
	}
}

// serverEnd ends the connection after the server side stopped.
func (c *conn) serverEnd(err error) {
	switch {
	case errors.Is(err, io.EOF):
		c.end(closedByServer, c.cutReply())
	case errors.Is(err, errIdle):
		c.end(closedByMailtutor, &idleError{c.cfg.IdleTimeout, c.cfg.Upstream.Lang})
	case c.ended():
	default:
		c.end(closedByMailtutor, err)
	}
}

// cutReply says that the server closed in the middle of a reply, or nil.
func (c *conn) cutReply() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.framer.Partial(); len(p) > 0 {
		return fmt.Errorf("%s", i18n.Textf(c.cfg.Upstream.Lang, i18n.ProxyCutReply, len(p)))
	}
	return nil
}

// serverChunk relays one piece of a server line and frames the line once
// it is whole.
func (c *conn) serverChunk(br *bufio.Reader, acc *lineAcc) error {
	chunk, complete, err := readChunk(br)
	if len(chunk) == 0 {
		if err == nil {
			return nil
		}
		if acc.started() { // the last line, without an ending
			return c.serverLine(acc, nil, err)
		}
		return err
	}
	if !acc.started() {
		c.beforeReply()
	}
	acc.add(chunk)
	data := append([]byte(nil), chunk...)
	if !complete && err == nil {
		c.cw.Lock() // a long line: relay what came, frame it when it ends
		werr := c.writeClient(data)
		c.cw.Unlock()
		return werr
	}
	if err := c.serverLine(acc, data, nil); err != nil {
		return err
	}
	return err
}

// beforeReply marks the start of a server reply: its time, and --delay.
func (c *conn) beforeReply() {
	c.mu.Lock()
	starting := !c.inReply
	if starting {
		c.inReply = true
		c.replyStart = time.Now()
	}
	c.mu.Unlock()
	if starting && c.cfg.Delay > 0 {
		select {
		case <-time.After(c.cfg.Delay):
		case <-c.doneCh:
		}
	}
}

// serverLine frames a whole server line, reports what it completes, and
// relays data (the line's last piece) with any injected replies due after it.
func (c *conn) serverLine(acc *lineAcc, data []byte, readErr error) error {
	text, ending, dropped := acc.take()
	c.mu.Lock()
	r := c.framer.Feed(text, ending)
	if dropped > 0 {
		c.emitLocked(session.Event{Kind: session.Problem, Err: fmt.Errorf("%s", i18n.Textf(c.cfg.Upstream.Lang, i18n.ProxyLongServerLine, dropped+len(text), len(text)))})
	}
	if r == nil {
		if err := c.drainLocked(); err != nil {
			c.mu.Unlock()
			return err
		}
		c.cw.Lock()
		c.mu.Unlock()
		err := c.writeClient(data)
		c.cw.Unlock()
		if err != nil {
			return err
		}
		return readErr
	}
	c.inReply = false
	c.receivedLocked(r, c.replyStart, false)
	if r.StartTLS {
		c.mu.Unlock()
		return c.upgrade(data)
	}
	out := c.afterReplyLocked(r, data)
	c.cw.Lock()
	c.mu.Unlock()
	err := c.writeClient(out)
	c.cw.Unlock()
	if err != nil {
		return err
	}
	return readErr
}

// serverLiteral relays raw literal bytes the framer counts (IMAP {n}).
func (c *conn) serverLiteral(br *bufio.Reader, want int64) error {
	if br.Buffered() == 0 {
		if _, err := br.Peek(1); err != nil {
			return err
		}
	}
	p, err := br.Peek(int(min(want, int64(session.PartBytes), int64(br.Buffered()))))
	if err != nil {
		return err
	}
	data := append([]byte(nil), p...)
	br.Discard(len(p))
	c.mu.Lock()
	r := c.lits.FeedLiteral(data)
	if r != nil { // a framer may complete a reply here; none does today
		c.inReply = false
		c.receivedLocked(r, c.replyStart, false)
		data = c.afterReplyLocked(r, data)
	} else if err := c.drainLocked(); err != nil {
		c.mu.Unlock()
		return err
	}
	c.cw.Lock()
	c.mu.Unlock()
	werr := c.writeClient(data)
	c.cw.Unlock()
	return werr
}

// drainLocked hands a long reply out in parts (ReceivedPart), so that the
// framer never holds a message whole; a reply that cannot be handed out
// and grows beyond MaxHeld ends the connection.
func (c *conn) drainLocked() error {
	if c.framer.Held() < session.PartBytes {
		return nil
	}
	part := c.framer.Drain()
	if part == nil {
		if c.framer.Held() > MaxHeld {
			return fmt.Errorf("%s", i18n.Textf(c.cfg.Upstream.Lang, i18n.ProxyHeldTooMuch, MaxHeld>>20))
		}
		return nil
	}
	shown := part
	if v, ok := c.framer.(protocol.PartViewer); ok {
		shown = v.ViewPart(part)
	}
	c.emitLocked(session.Event{Kind: session.ReceivedPart, Lines: part, Shown: shown})
	return nil
}

// receivedLocked reports a complete reply whose first line came at first;
// injected says the proxy made it.
func (c *conn) receivedLocked(r *protocol.Reply, first time.Time, injected bool) {
	var elapsed time.Duration
	switch {
	case c.awaitGreeting && !injected:
		elapsed = first.Sub(c.started)
		c.awaitGreeting = false
		close(c.greeted)
	case len(c.sentAt) > 0:
		elapsed = first.Sub(c.sentAt[0])
		if !r.Pending {
			c.sentAt = c.sentAt[1:]
		}
	}
	ex, _ := c.dialect.Explain(r, c.cfg.Upstream.Lang)
	if injected {
		ex.Class += injectedMark(c.cfg.Upstream.Lang)
	}
	c.emitLocked(session.Event{Kind: session.Received, Reply: r, Explanation: &ex, Elapsed: max(elapsed, 0)})
}

// afterReplyLocked settles what the server's reply r answered and returns
// data followed by the injected replies due after it.
func (c *conn) afterReplyLocked(r *protocol.Reply, data []byte) []byte {
	if r.Pending || r.Command == "" && len(c.owed) == 0 {
		return data
	}
	if len(c.owed) > 0 && c.owed[0].lines == nil {
		c.owed = c.owed[1:]
	}
	for len(c.owed) > 0 && c.owed[0].lines != nil {
		data = append(data, c.injectLocked(c.owed[0].lines)...)
		c.owed = c.owed[1:]
	}
	if c.tlsWait != nil && len(c.owed) == 0 { // the STARTTLS was refused
		c.noteLocked(Note{Kind: NoteRefusedTLS})
		close(c.tlsWait)
		c.tlsWait = nil
	}
	return data
}

// injectLocked frames an injected reply as if the server had sent it and
// returns its bytes.
func (c *conn) injectLocked(lines []string) []byte {
	var out []byte
	now := time.Now()
	for _, l := range lines {
		out = append(out, l...)
		out = append(out, '\r', '\n')
		if r := c.framer.Feed(l, protocol.CRLF); r != nil {
			c.receivedLocked(r, now, true)
		}
	}
	return out
}

// injectedMark follows the class of an injected reply, on the screen and
// as the note of its transcript step.
func injectedMark(lang protocol.Lang) string { return i18n.Text(lang, i18n.ProxyInjectedMark) }
