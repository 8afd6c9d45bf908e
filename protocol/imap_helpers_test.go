package protocol

import (
	"strings"
	"testing"
)

// imapReader feeds raw server bytes to an IMAP framer the way a live
// session reads them: a line at a time while Literal() is 0, raw bytes
// (at most chunk at a time; all there is when chunk is 0) while it is not.
type imapReader struct {
	f       LiteralFramer
	chunk   int
	drain   int      // Drain whenever Held() reaches it; 0 never
	drained []string // what Drain handed out
	peak    int      // the most Held() reached
	crlf    bool     // every line read in line mode ended with CRLF
}

func newIMAPReader(f LiteralFramer) *imapReader { return &imapReader{f: f, crlf: true} }

// feed gives the wire to the framer and returns the replies it completed.
func (rd *imapReader) feed(wire string) []*Reply {
	var out []*Reply
	for wire != "" {
		var r *Reply
		if n := rd.f.Literal(); n > 0 {
			k := int(min(n, int64(len(wire))))
			if rd.chunk > 0 {
				k = min(k, rd.chunk)
			}
			r = rd.f.FeedLiteral([]byte(wire[:k]))
			wire = wire[k:]
		} else {
			first := wire
			if i := strings.IndexByte(wire, '\n'); i >= 0 {
				first = wire[:i+1] // splitWire of the whole wire at each line would be quadratic
			}
			l := splitWire(first)[0]
			wire = wire[len(first):]
			rd.crlf = rd.crlf && l.ending == CRLF
			r = rd.f.Feed(l.line, l.ending)
		}
		rd.peak = max(rd.peak, rd.f.Held())
		if r != nil {
			out = append(out, r)
		} else if rd.drain > 0 && rd.f.Held() >= rd.drain {
			rd.drained = append(rd.drained, rd.f.Drain()...)
		}
	}
	return out
}

// imapStep is one step of a conversation: a client line sent (C) or wire
// bytes received (S).
type imapStep struct {
	c, s string
}

// imapConversation runs steps through a new IMAP framer and returns it
// with every reply, in order.
func imapConversation(t *testing.T, steps []imapStep) (*imapFramer, []*Reply) {
	t.Helper()
	f := newIMAPFramer()
	rd := newIMAPReader(f)
	var replies []*Reply
	for _, s := range steps {
		if s.s == "" {
			f.Expect(s.c)
			continue
		}
		replies = append(replies, rd.feed(s.s)...)
	}
	if p := f.Partial(); p != nil {
		t.Fatalf("the conversation ends inside a response: %q", p)
	}
	return f, replies
}

// rejoin is the wire text of replies: their lines joined by CRLF.
func rejoin(replies []*Reply) string {
	var b strings.Builder
	for _, r := range replies {
		for _, l := range r.Lines {
			b.WriteString(l)
			b.WriteString("\r\n")
		}
	}
	return b.String()
}

// sent and recv build conversation steps.
func sent(line string) imapStep { return imapStep{c: line} }
func recv(wire string) imapStep { return imapStep{s: wire} }
