package replay

import (
	"errors"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// beat is one transcript step turned into what a live session would have
// reported for it.
type beat struct {
	index   int               // 0-based position in Transcript.Steps
	step    transcript.Step   // the step itself
	events  []session.Event   // the events a live session would have emitted
	replies []*protocol.Reply // KindServer: the recorded replies, framed
}

// number is the step's 1-based number, as a reader counts the items of
// "steps:" in the file.
func (b beat) number() int { return b.index + 1 }

// beats frames every step of t the way a live session frames the wire: the
// recorded client lines are queued in a protocol.Framer and each recorded
// server line is fed to it, so a replayed reply carries the same class,
// command and explanation as the live one did.
func beats(t *transcript.Transcript) []beat {
	proto := protocol.Protocol(t.Protocol)
	framer := protocol.NewFramer(proto)
	var lastSent = t.Recorded
	out := make([]beat, 0, len(t.Steps))
	for i, s := range t.Steps {
		b := beat{index: i, step: s}
		when := t.Recorded.Add(s.At)
		switch s.Kind {
		case transcript.KindClient:
			display := s.Text
			if s.Kept { // the real secret is in the file: still mask it on screen
				display, _, _ = protocol.Redact(proto, s.Text, protocol.InAuth(framer), "")
			}
			framer.Expect(s.Text)
			lastSent = when
			b.events = append(b.events, session.Event{Kind: session.Sent, Time: when, Line: s.Text,
				Display: display, Redacted: display, Secret: s.Secret, Raw: []byte(s.Text + "\r\n")})
		case transcript.KindData:
			for _, line := range bodyLines(s.Text) {
				b.events = append(b.events, session.Event{Kind: session.DataLine, Time: when, Line: line,
					Display: line, Redacted: line, Raw: []byte(stuff(line) + "\r\n")})
			}
			framer.Expect(".")
			lastSent = when
			b.events = append(b.events, session.Event{Kind: session.DataEnd, Time: when, Line: ".",
				Display: ".", Redacted: ".", Raw: []byte(".\r\n")})
		case transcript.KindServer:
			b.replies, framer = frameReplies(framer, proto, s.Text)
			for _, r := range b.replies {
				b.events = append(b.events, session.Event{Kind: session.Received, Time: when,
					Elapsed: when.Sub(lastSent), Reply: r, Raw: []byte(strings.Join(r.Lines, "\r\n") + "\r\n")})
			}
		case transcript.KindTLS:
			b.events = append(b.events, session.Event{Kind: session.TLSUp, Time: when, TLS: sessionTLS(s.TLS)})
		case transcript.KindClosed:
			b.events = append(b.events, closedEvent(when, s.Text))
		}
		out = append(out, b)
	}
	return out
}

// frameReplies feeds the lines of one recorded server step to the framer.
// A step whose last reply is incomplete (a hand-written file, a recording
// cut short) still yields that reply, marked malformed; the framer is then
// replaced, since its state can no longer be trusted.
func frameReplies(f protocol.Framer, proto protocol.Protocol, text string) ([]*protocol.Reply, protocol.Framer) {
	var replies []*protocol.Reply
	for _, line := range strings.Split(text, "\n") {
		if r := f.Feed(line, protocol.CRLF); r != nil {
			replies = append(replies, r)
		}
	}
	if partial := f.Partial(); partial != nil {
		replies = append(replies, &protocol.Reply{Protocol: proto, Lines: partial, Class: protocol.ClassMalformed,
			Problems: []string{"the recorded reply is incomplete: it stops in the middle"}})
		f = protocol.NewFramer(proto)
	}
	return replies, f
}

// bodyLines splits a stored DATA body ("" or ending with "\n") into its lines.
func bodyLines(body string) []string {
	if body == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(body, "\n"), "\n")
}

// stuff dot-stuffs one body line as it goes on the wire (RFC 5321 4.5.2).
func stuff(line string) string {
	if strings.HasPrefix(line, ".") {
		return "." + line
	}
	return line
}

// closedEvent is the Closed event of a recorded close: a normal close keeps
// its reason, anything else was an error.
func closedEvent(when time.Time, why string) session.Event {
	e := session.Event{Kind: session.Closed, Time: when, Reason: why}
	if !strings.HasPrefix(why, "closed by ") {
		e.Reason, e.Err = "", errors.New(why)
	}
	return e
}

// sessionTLS converts recorded TLS details to the session's form.
func sessionTLS(t *transcript.TLSInfo) *session.TLSInfo {
	if t == nil {
		return &session.TLSInfo{}
	}
	return &session.TLSInfo{Version: t.Version, Cipher: t.Cipher, ServerName: t.ServerName,
		Subject: t.Subject, Issuer: t.Issuer, DNSNames: t.DNSNames, NotBefore: t.NotBefore,
		NotAfter: t.NotAfter, Fingerprint: t.Fingerprint, Verified: t.Verified, VerifyError: t.VerifyError}
}
