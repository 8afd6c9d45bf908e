package session

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
)

// readLoop reads lines until the connection ends, turning complete replies
// into events. It alone reads from the connection, so it also performs the
// STARTTLS/STLS upgrade once the server agrees.
func (s *Session) readLoop(br *bufio.Reader) {
	lr := &lineReader{br: br, keepRaw: s.opts.KeepRaw}
	var partialSince time.Time
	plain := newPlainness() // of the lines framed since the last part
	for {
		if s.waitRoom() { // the server waits while the consumer is behind
			s.armDeadline()
		}
		l, lit, err := s.readUnit(lr)
		if err != nil {
			if isTimeout(err) {
				s.reportTimeout(partialSince)
				continue
			}
			s.finish(err)
			return
		}
		first := partialSince.IsZero() // the first line of a reply
		if first {
			partialSince = time.Now()
		}
		// emu is held from the bookkeeping to the event, so a caller that
		// sees Pending drop and sends the next command cannot get its Sent
		// event ahead of this reply.
		s.emu.Lock()
		s.mu.Lock()
		var reply *protocol.Reply
		if lit != nil {
			s.meter.lines++
			plain.literal(lit.bytes)
			reply = lit.framer.FeedLiteral(lit.bytes)
		} else {
			reply, l = s.feedBuffered(lr, l, &plain)
		}
		if reply == nil {
			var part []string
			if s.opts.StreamBodies && s.conv.framer.Held() >= PartBytes {
				part = s.conv.framer.Drain()
			}
			s.mu.Unlock()
			if part != nil {
				raw, capped := lr.takeRaw()
				if capped {
					raw = append(raw, "…"...)
				}
				s.emitLocked(Event{Kind: ReceivedPart, Lines: part, Shown: s.conv.viewPart(part), Raw: raw, Plain: plain.part()})
			}
			s.emu.Unlock()
			if first { // later lines refresh it as they come (activityReader)
				s.armDeadlineForPartial()
			}
			if l.dropped > 0 {
				s.emit(Event{Kind: Problem, Err: fmt.Errorf("a line of %d bytes was cut to %d bytes to keep memory bounded", l.dropped+len(l.text), len(l.text))})
			}
			continue
		}
		greeting := s.conv.awaitGreeting
		elapsed := s.conv.replied(reply, partialSince)
		s.meter.reset()
		s.mu.Unlock()
		partialSince, plain = time.Time{}, newPlainness()
		if l.dropped > 0 {
			reply.Problems = append(reply.Problems, fmt.Sprintf("a line of %d bytes was cut to %d bytes to keep memory bounded", l.dropped+len(l.text), len(l.text)))
		}
		raw, capped := lr.takeRaw()
		if capped {
			raw = append(raw, "…"...)
		}
		s.emitLocked(s.conv.received(reply, elapsed, raw, time.Time{}))
		s.emu.Unlock()
		s.signalChange(false)
		if greeting {
			if err := s.wrongGreeting(reply); err != nil {
				s.emit(Event{Kind: Problem, Err: err})
				s.finish(err)
				return
			}
		}
		if reply.StartTLS {
			if err := s.upgrade(br); err != nil {
				s.emit(Event{Kind: Problem, Err: err})
				s.finish(err)
				return
			}
			br = s.newReader()
			lr = &lineReader{br: br, keepRaw: s.opts.KeepRaw}
		}
		s.endUpgradeWait()
		s.armDeadline()
	}
}

// feedBuffered feeds l to the framer, then, while that completes no reply
// and fills no part, every further line the connection already delivered
// whole, without waiting and without letting go of the locks: a long
// reply (RETR of a large message) is framed a buffer at a time, not a
// lock round per line. It returns the reply completed, if any, and the
// last line fed, and tells plain whether each line fed is printable
// ASCII. The caller holds emu and mu.
func (s *Session) feedBuffered(lr *lineReader, l line, plain *plainness) (*protocol.Reply, line) {
	for {
		s.meter.lines++
		plain.line(l.plain)
		reply := s.conv.framer.Feed(l.text, l.ending)
		if reply != nil || l.dropped > 0 || s.opts.StreamBodies && s.conv.framer.Held() >= PartBytes {
			return reply, l
		}
		if lf, ok := s.conv.framer.(protocol.LiteralFramer); ok && lf.Literal() > 0 {
			return nil, l
		}
		next, ok := lr.buffered()
		if !ok {
			return nil, l
		}
		l = next
	}
}

// literalBytes are raw bytes of a literal for a framer that asked for them.
type literalBytes struct {
	framer protocol.LiteralFramer
	bytes  []byte
}

// readUnit reads what the framer wants next: a line, or the raw bytes of
// a literal (IMAP {n}) when the dialect's framer counts one.
func (s *Session) readUnit(lr *lineReader) (line, *literalBytes, error) {
	s.mu.Lock()
	lf, ok := s.conv.framer.(protocol.LiteralFramer)
	var want int64
	if ok {
		want = lf.Literal()
	}
	s.mu.Unlock()
	if want <= 0 {
		l, err := lr.next()
		return l, nil, err
	}
	p, err := lr.literal(want)
	if err != nil {
		return line{}, nil, err
	}
	return line{}, &literalBytes{framer: lf, bytes: p}, nil
}

// endUpgradeWait lets Send go on once the reply to a STARTTLS-like
// command has come (and the handshake, if it agreed, is done): the upgrade
// waits for the oldest reply, so any reply may end the wait when no
// command is pending any more.
func (s *Session) endUpgradeWait() {
	s.mu.Lock()
	if s.upgrading != nil && len(s.conv.sentAt) == 0 {
		close(s.upgrading)
		s.upgrading = nil
		s.noteTLSAnswered()
	}
	s.mu.Unlock()
}

// upgrade turns the plain connection into TLS after the server said yes.
func (s *Session) upgrade(br *bufio.Reader) error {
	if n := br.Buffered(); n > 0 {
		return fmt.Errorf("the server sent %d bytes after agreeing to start TLS and before the handshake: refusing to upgrade, since those bytes could be an injection attack (CVE-2011-0411)", n)
	}
	ctx, cancel := context.WithTimeout(context.Background(), s.opts.Timeout)
	defer cancel()
	s.wmu.Lock()
	info, err := s.handshake(ctx)
	if err == nil {
		s.bw = bufio.NewWriterSize(s.conn, 64<<10)
	}
	s.wmu.Unlock()
	if err != nil {
		return err
	}
	s.emit(Event{Kind: TLSUp, TLS: info})
	return nil
}

// handshake wraps s.conn in TLS. The caller holds wmu or owns the session.
func (s *Session) handshake(ctx context.Context) (*TLSInfo, error) {
	var verify TLSInfo
	name := s.serverName()
	cfg, err := tlsConfig(s.opts, name, &verify)
	if err != nil {
		return nil, err
	}
	tc := tls.Client(s.conn, cfg)
	s.conn.SetReadDeadline(time.Time{})
	if err := tc.HandshakeContext(ctx); err != nil {
		te := &TLSError{Addr: s.target.Addr(), Err: err, Min: s.opts.TLSMin, Lang: s.opts.Lang}
		if s.target.ImplicitTLS { // not after STARTTLS: a plain answer there is a broken server
			te.PlainInstead = plainInstead(s.target, err)
		}
		return nil, te
	}
	info := describeTLS(tc.ConnectionState(), s.opts, name, &verify)
	s.mu.Lock()
	s.conn = tc
	s.tls = info
	s.conv.tlsStarted()
	s.mu.Unlock()
	return info, nil
}

// serverName is the name sent in the handshake and checked against the
// certificate: Options.ServerName, else the target's host.
func (s *Session) serverName() string {
	if s.opts.ServerName != "" {
		return s.opts.ServerName
	}
	return s.target.Host
}

func (s *Session) armDeadlineForPartial() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conn.SetReadDeadline(s.readDeadline(time.Now()))
}

// reportTimeout tells the user the server is silent, then waits on.
func (s *Session) reportTimeout(partialSince time.Time) {
	s.mu.Lock()
	partial := s.conv.framer.Partial()
	awaiting := len(s.conv.sentAt)
	s.conn.SetReadDeadline(time.Time{}) // keep listening; the user decides
	s.mu.Unlock()
	msg := timeoutMessage(s.opts.Lang, s.opts.Timeout, len(partial), awaiting)
	if hint := implicitTLSHint(s.target, s.opts.Lang); hint != "" && !s.Greeted() && len(partial) == 0 {
		msg += "\n  " + hint // smtp:// on 465: the server waits for a ClientHello
	}
	s.mu.Lock()
	s.timeouts++
	s.mu.Unlock()
	s.emit(Event{Kind: Problem, Err: &TimeoutError{Msg: msg}})
	s.signalChange(false)
}

// TimeoutError says the server did not answer in time.
type TimeoutError struct{ Msg string }

func (e *TimeoutError) Error() string { return e.Msg }

// finish reports the end of the connection and closes the event stream.
func (s *Session) finish(err error) {
	s.mu.Lock()
	partial := s.conv.framer.Partial()
	closing := s.closing
	pending := len(s.conv.sentAt)
	s.conv.mode = ModeClosed
	if s.upgrading != nil {
		close(s.upgrading)
		s.upgrading = nil
	}
	s.mu.Unlock()
	s.conn.Close()
	e := Event{Kind: Closed, Reason: "closed by the server"}
	var limit *ReplyLimitError
	switch {
	case errors.As(err, &limit):
		e.Err = err // it says what was cut, in the session's language
	case closing:
		e.Reason = "closed by mailtutor"
	case len(partial) > 0 && !errors.Is(err, io.EOF):
		e.Err = fmt.Errorf("%s%w", say(s.opts.Lang, txtCutMidReply, len(partial), quoteSome(partial)), err)
	case len(partial) > 0:
		e.Err = errors.New(say(s.opts.Lang, txtClosedMidReply, len(partial), quoteSome(partial)))
	case errors.Is(err, io.EOF) && pending > 0:
		e.Err = errors.New(say(s.opts.Lang, txtClosedUnanswered, pending))
	case !errors.Is(err, io.EOF):
		e.Err = err // shown after the renderer's own "connection lost: "
	}
	s.emit(e)
	s.signalChange(true)
}

// quoteSome quotes the first few lines of a cut reply for an error message,
// never the whole of a long one.
func quoteSome(lines []string) string {
	const most = 5
	var b strings.Builder
	for i, l := range lines {
		if i == most {
			fmt.Fprintf(&b, " … and %d more", len(lines)-most)
			break
		}
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%q", snippet(l))
	}
	return b.String()
}

// snippet shortens a line for an error message.
func snippet(line string) string {
	if len(line) > 80 {
		return line[:80] + "…"
	}
	return line
}
