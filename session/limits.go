package session

import (
	"fmt"
	"net"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
)

// DefaultReplyTimeout bounds the time one reply may take from its first
// byte to its end (Options.ReplyTimeout): generous enough for the RETR or
// FETCH of a large real message over a slow link.
const DefaultReplyTimeout = 10 * time.Minute

// DefaultMaxReply bounds the bytes of one reply (Options.MaxReply): more
// than any real message a mail server hands out in one go.
const DefaultMaxReply = 1 << 30

// ReplyLimitError ends a connection whose reply went on beyond a limit:
// longer than Options.ReplyTimeout in all, however steadily its lines
// came, or larger than Options.MaxReply. A real server never does that; a
// broken or hostile one can, and would hold the session (and fill the
// screen and the disk) forever.
type ReplyLimitError struct {
	TooLarge bool          // MaxReply was reached, else ReplyTimeout
	Limit    string        // the limit, as the user gave it: "10m0s", "1 GiB"
	Lines    int           // lines of the reply received before the cut
	Lang     protocol.Lang // the language of the message ("" is English)
}

func (e *ReplyLimitError) Error() string {
	what := say(e.Lang, txtReplyTooLong, e.Limit)
	if e.TooLarge {
		what = say(e.Lang, txtReplyTooLarge, e.Limit)
	}
	return say(e.Lang, txtReplyCut, what, e.Lines)
}

// replyLimits are a session's limits on one reply, with the defaults filled in.
func (o Options) replyLimits() (total time.Duration, size int64) {
	total, size = o.ReplyTimeout, o.MaxReply
	if total <= 0 {
		total = DefaultReplyTimeout
	}
	if size <= 0 {
		size = DefaultMaxReply
	}
	return total, size
}

// replyMeter follows the reply being received: when its first byte came,
// how many bytes came since. The session's mu guards it.
type replyMeter struct {
	start time.Time // the first byte of the reply being received; zero between replies
	bytes int64     // bytes of it read so far (a little more: read-ahead)
	lines int       // lines of it framed so far
}

// reset starts counting the next reply.
func (m *replyMeter) reset() { *m = replyMeter{} }

// read counts n bytes read at now and says whether a limit is passed.
func (s *Session) meterRead(n int, now time.Time) error {
	total, size := s.opts.replyLimits()
	m := &s.meter
	if n > 0 {
		if m.start.IsZero() {
			m.start = now
		}
		m.bytes += int64(n)
	}
	switch {
	case m.start.IsZero():
		return nil
	case m.bytes > size:
		return &ReplyLimitError{TooLarge: true, Limit: formatBytes(size), Lines: m.lines, Lang: s.opts.Lang}
	case now.Sub(m.start) >= total:
		return &ReplyLimitError{Limit: total.String(), Lines: m.lines, Lang: s.opts.Lang}
	}
	return nil
}

// readDeadline is when the wait for the next bytes ends at now: after the
// silence timeout, and never after the total deadline of a reply begun.
func (s *Session) readDeadline(now time.Time) time.Time {
	d := now.Add(s.opts.Timeout)
	if !s.meter.start.IsZero() {
		total, _ := s.opts.replyLimits()
		if end := s.meter.start.Add(total); end.Before(d) {
			d = end
		}
	}
	return d
}

// formatBytes shows a size as a user gives it: "1 GiB", "8 MiB", "1500 bytes".
func formatBytes(n int64) string {
	for _, u := range []struct {
		shift uint
		name  string
	}{{30, "GiB"}, {20, "MiB"}, {10, "KiB"}} {
		if n >= 1<<u.shift && n%(1<<u.shift) == 0 {
			return fmt.Sprintf("%d %s", n>>u.shift, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// activityReader reads from conn and tells the session bytes came in: a
// slow server that keeps sending is not timed out, but a reply that goes
// on beyond its total deadline or its size limit ends with a
// ReplyLimitError.
type activityReader struct {
	conn net.Conn
	s    *Session
}

func (a activityReader) Read(p []byte) (int, error) {
	n, err := a.conn.Read(p)
	now := time.Now()
	s := a.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if lerr := s.meterRead(n, now); lerr != nil {
		return 0, lerr
	}
	if n > 0 && (s.conv.awaiting() || !s.meter.start.IsZero()) {
		a.conn.SetReadDeadline(s.readDeadline(now))
	}
	return n, err
}
