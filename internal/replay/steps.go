package replay

import (
	"errors"
	"fmt"
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
	before  protocol.State    // KindClient: the state the line was sent in
}

// number is the step's 1-based number, as a reader counts the items of
// "steps:" in the file.
func (b beat) number() int { return b.index + 1 }

// player plays transcript steps one at a time on an offline session,
// which frames and explains the recorded replies in the state the
// recorded client lines put the conversation in, and redacts those lines
// as the live session did: a replayed step gives the events the live
// session gave.
type player struct {
	off     *session.Offline
	started time.Time
	next    int // the index of the next step
}

// newPlayer starts a player for a transcript with header h. opts says the
// language of the explanations and whether to keep raw bytes.
func newPlayer(h *transcript.Transcript, opts session.Options) (*player, error) {
	target := session.Target{Protocol: protocol.Protocol(h.Protocol), Host: h.Server.Host, Port: h.Server.Port,
		ImplicitTLS: h.Server.TLS == transcript.TLSImplicit}
	off, err := session.NewOffline(target, opts, h.Recorded)
	if err != nil {
		return nil, fmt.Errorf("replay: %w", err)
	}
	return &player{off: off, started: h.Recorded}, nil
}

// beat plays the next step.
func (p *player) beat(s transcript.Step) beat {
	b := beat{index: p.next, step: s}
	p.next++
	p.off.SetTime(p.started.Add(s.At))
	off := p.off
	switch s.Kind {
	case transcript.KindClient:
		b.before = off.State()
		// A marked line is a secret even where the dialect would not
		// say so; one whose secret was kept is masked all the same.
		b.events = append(b.events, off.Send(s.Text, session.SendOptions{Secret: s.Secret != ""}))
	case transcript.KindData:
		b.events = body(off, s.Text)
	case transcript.KindServer:
		b.events, _ = receive(off, s) // a reply cut short comes back marked malformed
		for _, e := range b.events {
			b.replies = append(b.replies, e.Reply)
		}
	case transcript.KindTLS:
		b.events = append(b.events, off.TLS(sessionTLS(s.TLS)))
	case transcript.KindClosed:
		b.events = append(b.events, closedEvent(off, s.Text))
	}
	return b
}

// playAll plays every step of src on p, in memory.
func playAll(p *player, src transcript.Source) ([]beat, error) {
	out := make([]beat, 0, src.Summary().Steps)
	for step, err := range src.Steps() {
		if err != nil {
			return nil, err
		}
		out = append(out, p.beat(step))
	}
	return out, nil
}

// beats plays every step of t, in memory.
func beats(t *transcript.Transcript, opts session.Options) ([]beat, error) {
	p, err := newPlayer(t, opts)
	if err != nil {
		return nil, err
	}
	return playAll(p, t.Source())
}

// receive plays a recorded server step, in the form it is stored in.
func receive(off *session.Offline, s transcript.Step) ([]session.Event, error) {
	if s.Wire {
		return off.ReceiveWire(s.Text)
	}
	return off.Receive(s.Text)
}

// body plays a recorded message body: its lines and its end, or the
// problem of a protocol that has none.
func body(off *session.Offline, text string) []session.Event {
	lines := bodyLines(text)
	out := make([]session.Event, 0, len(lines)+1)
	for _, line := range lines {
		e, err := off.BodyLine(line)
		if err != nil {
			return append(out, session.Event{Kind: session.Problem, Err: err})
		}
		out = append(out, e)
	}
	e, err := off.BodyEnd()
	if err != nil {
		return append(out, session.Event{Kind: session.Problem, Err: err})
	}
	return append(out, e)
}

// bodyLines splits a stored DATA body ("" or ending with "\n") into its lines.
func bodyLines(body string) []string {
	if body == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(body, "\n"), "\n")
}

// closedEvent is the Closed event of a recorded close: a normal close keeps
// its reason, anything else was an error.
func closedEvent(off *session.Offline, why string) session.Event {
	if !strings.HasPrefix(why, "closed by ") {
		return off.Close("", errors.New(why))
	}
	return off.Close(why, nil)
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
