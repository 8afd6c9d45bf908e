package replay

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// AgainstOptions tune Against.
type AgainstOptions struct {
	Session session.Options // timeout, CA, --insecure
	Strict  bool            // a changed reply text is a mismatch too
	Secrets *Secrets        // real values of redacted credentials; nil when none are needed
}

// Against connects to target, re-sends the client side of t (command lines
// and DATA bodies, secrets filled in from opts.Secrets) and compares every
// reply, TLS handshake and close with the recorded one. It stops at the
// first mismatch, since the server is then in another state than the
// recording assumes. The error is for what kept the comparison from
// running (no connection, a missing secret); a mismatch is in the Result.
func Against(ctx context.Context, t *transcript.Transcript, target session.Target, opts AgainstOptions) (Result, error) {
	return AgainstFrom(ctx, t.Source(), target, opts)
}

// AgainstFrom is Against for a transcript read step by step (a
// transcript.File): it is read twice, once for the secrets it needs
// before connecting and once to play it, one step at a time.
func AgainstFrom(ctx context.Context, src transcript.Source, target session.Target, opts AgainstOptions) (Result, error) {
	header := src.Header()
	if string(target.Protocol) != header.Protocol {
		return Result{}, fmt.Errorf("the transcript is a %s session, but %s speaks %s", strings.ToUpper(header.Protocol), target, strings.ToUpper(string(target.Protocol)))
	}
	p, err := newPlayer(&header, session.Options{})
	if err != nil {
		return Result{}, err
	}
	if err := gatherSecrets(src, opts.Secrets); err != nil {
		return Result{}, err
	}
	s, err := session.Dial(ctx, target, opts.Session)
	if err != nil {
		return Result{}, err
	}
	defer closeAndDrain(s)
	timeout := opts.Session.Timeout
	if timeout <= 0 {
		timeout = session.DefaultTimeout
	}
	run := &runner{s: s, opts: opts, wait: timeout + time.Second}
	if isTagged(s.Dialect()) {
		// Tags are matched across the whole conversation: the plan is made
		// from every step, held in memory (a conversation typed or scripted
		// against a server, not a recording of millions of steps).
		all, err := playAll(p, src)
		if err != nil {
			return run.res, err
		}
		plan, expected := tagPlan(all, s.Dialect())
		err = run.runTagged(ctx, plan, expected)
		return run.res, err
	}
	for step, err := range src.Steps() {
		if err != nil {
			return run.res, err
		}
		b := p.beat(step)
		if run.res.FirstMismatch != 0 { // count what is left unchecked
			run.res.NotRun += countChecked(b)
			continue
		}
		if err := run.step(ctx, b); err != nil {
			return run.res, err
		}
	}
	return run.res, nil
}

// closeAndDrain ends the session and reads its last events, so that its
// reader never blocks on a full event stream.
func closeAndDrain(s *session.Session) {
	s.Close()
	for range s.Events() {
	}
}

// gatherSecrets finds every redacted credential before connecting, so that
// a missing one fails early and nobody types a password while a server
// waits.
func gatherSecrets(src transcript.Source, secrets *Secrets) error {
	n := 0
	for step, err := range src.Steps() {
		if err != nil {
			return err
		}
		n++
		if step.Kind == transcript.KindClient && step.Secret != "" && !step.Kept {
			if _, err := secrets.lookup(step.Secret, n); err != nil {
				return err
			}
		}
	}
	return nil
}

// runner holds the state of one Against run.
type runner struct {
	s    *session.Session
	opts AgainstOptions
	wait time.Duration // the longest wait for one event
	res  Result
	held *session.Event // an event read ahead and given back: next returns it first
}

// step plays one transcript step against the live session.
func (r *runner) step(ctx context.Context, b beat) error {
	switch b.step.Kind {
	case transcript.KindClient:
		line, err := r.opts.Secrets.wireLine(b.step, b.number(), r.s.Greeting())
		if err != nil {
			return err
		}
		if err := r.s.Send(line, session.SendOptions{Secret: b.step.Secret != ""}); err != nil {
			r.add(Row{Step: b.number(), Sent: displayed(b), Problem: "could not send: " + err.Error(), Verdict: Mismatch})
		}
	case transcript.KindData:
		if err := r.s.SendData(bodyLines(b.step.Text)); err != nil {
			r.add(Row{Step: b.number(), Sent: "(DATA body)", Problem: "could not send the body: " + err.Error(), Verdict: Mismatch})
		}
	case transcript.KindServer:
		for _, rec := range b.replies {
			if !r.compareReply(ctx, b, rec) {
				return ctx.Err()
			}
		}
	case transcript.KindTLS:
		r.compareTLS(ctx, b)
	case transcript.KindClosed:
		if b.step.Text == "closed by the server" {
			r.compareClose(ctx, b)
		}
	}
	return ctx.Err()
}

// compareReply awaits the live reply matching a recorded one; false means
// the run is over.
func (r *runner) compareReply(ctx context.Context, b beat, rec *protocol.Reply) bool {
	row := Row{Step: b.number(), Sent: sentOf(rec), Recorded: rec.Lines}
	e, ok := r.next(ctx)
	switch {
	case !ok:
		row.Problem, row.Verdict = r.missing(ctx, "no reply within "+r.wait.String()), Mismatch
	case e.Kind == session.Received:
		row.Live, row.Verdict = e.Reply.Lines, compare(rec, e.Reply, r.opts.Strict)
		row.RecordedClass, row.LiveClass = rec.Class, e.Reply.Class
	default:
		row.Problem, row.Verdict = describeEvent(e), Mismatch
	}
	r.add(row)
	return row.Verdict != Mismatch
}

// compareTLS awaits the TLS handshake the recording made.
func (r *runner) compareTLS(ctx context.Context, b beat) {
	recorded := sessionTLS(b.step.TLS)
	row := Row{Step: b.number(), Sent: "(TLS handshake)", Recorded: []string{describeTLS(recorded.Version, recorded.Verified)}}
	e, ok := r.next(ctx)
	switch {
	case !ok:
		row.Problem, row.Verdict = r.missing(ctx, "no TLS handshake within "+r.wait.String()), Mismatch
	case e.Kind == session.TLSUp:
		row.Live, row.Verdict = []string{describeTLS(e.TLS.Version, e.TLS.Verified)}, Match
		if row.Live[0] != row.Recorded[0] {
			row.Verdict = TextDiffers
		}
	default:
		row.Problem, row.Verdict = "expected a TLS handshake, got "+describeEvent(e), Mismatch
	}
	r.add(row)
}

// compareClose awaits the server closing the connection.
func (r *runner) compareClose(ctx context.Context, b beat) {
	row := Row{Step: b.number(), Sent: "(close)", Recorded: []string{b.step.Text}}
	e, ok := r.next(ctx)
	switch {
	case !ok:
		row.Problem, row.Verdict = r.missing(ctx, "the connection was still open after "+r.wait.String()), Mismatch
	case e.Kind == session.Closed && e.Err == nil:
		row.Live, row.Verdict = []string{e.Reason}, Match
	default:
		row.Problem, row.Verdict = describeEvent(e), Mismatch
	}
	r.add(row)
}

// next returns the next event worth comparing: a reply, a TLS handshake,
// the close or a timeout. ok is false when none came in time.
func (r *runner) next(ctx context.Context) (session.Event, bool) {
	if e := r.held; e != nil {
		r.held = nil
		return *e, true
	}
	timer := time.NewTimer(r.wait)
	defer timer.Stop()
	for {
		select {
		case e, open := <-r.s.Events():
			if !open {
				return session.Event{}, false
			}
			switch e.Kind {
			case session.Received, session.TLSUp, session.Closed:
				return e, true
			case session.Problem:
				if _, timeout := e.Err.(*session.TimeoutError); timeout {
					return e, true
				}
			}
		case <-timer.C:
			return session.Event{}, false
		case <-ctx.Done():
			return session.Event{}, false
		}
	}
}

// missing says why no event came: the timeout, or an interruption.
func (r *runner) missing(ctx context.Context, timeout string) string {
	if ctx.Err() != nil {
		return "interrupted"
	}
	return timeout
}

func (r *runner) add(row Row) {
	r.res.Rows = append(r.res.Rows, row)
	if row.Verdict == Mismatch && r.res.FirstMismatch == 0 {
		r.res.FirstMismatch = row.Step
	}
}

// compare judges a live reply against the recorded one (protocol.Compare):
// with strict, another text is a mismatch too.
func compare(rec, live *protocol.Reply, strict bool) Verdict {
	switch protocol.Compare(rec, live).Sameness {
	case protocol.Same:
		return Match
	case protocol.TextDiffers:
		if !strict {
			return TextDiffers
		}
	}
	return Mismatch
}

// sentOf is the client line a recorded reply answers, secrets redacted.
func sentOf(rec *protocol.Reply) string {
	switch rec.Command {
	case "":
		return "(greeting)"
	case ".":
		return "(end of DATA body)"
	}
	return rec.Command
}

// displayed is a recorded client line as it may be shown.
func displayed(b beat) string {
	for _, e := range b.events {
		if e.Kind == session.Sent {
			return e.Display
		}
	}
	return b.step.Text
}

func describeTLS(version string, verified bool) string {
	if verified {
		return version + ", verified"
	}
	return version + ", not verified"
}

// describeEvent says in words what came instead of the expected event.
func describeEvent(e session.Event) string {
	switch e.Kind {
	case session.Received:
		return "the reply " + firstLine(e.Reply.Lines)
	case session.TLSUp:
		return "a TLS handshake"
	case session.Closed:
		if e.Err != nil {
			return "the connection was lost: " + e.Err.Error()
		}
		return "the connection was " + e.Reason
	case session.Problem:
		return e.Err.Error()
	}
	return "nothing"
}

// countChecked counts the rows a step would have given.
func countChecked(b beat) int {
	switch b.step.Kind {
	case transcript.KindServer:
		return len(b.replies)
	case transcript.KindTLS:
		return 1
	case transcript.KindClosed:
		if b.step.Text == "closed by the server" {
			return 1
		}
	}
	return 0
}
