// Package prompt drives a live session from a person at a terminal
// (readline, history, completion) or from a script on standard input.
package prompt

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/session"
)

// Observer sees every event after it is shown (for example a transcript recorder).
type Observer interface {
	Observe(e session.Event)
}

// Runner connects one session to a renderer and observers.
type Runner struct {
	Session   *session.Session
	Render    *render.Renderer
	Observers []Observer
	// OnMeta handles a meta-command the prompt does not know (":save FILE");
	// it returns false when it does not know it either.
	OnMeta func(name, args string) (handled bool, err error)
	// Lang is the language of :help, :status and the prompt's hints; the
	// zero value is English. The renderer has its own Lang for replies.
	Lang i18n.Lang
	// StatusExtra is one more line for :status, e.g. every port of the
	// practice lab the prompt runs on; "" for none.
	StatusExtra string
	// Opening is sent for the user before the prompt hands over
	// (connect --starttls, --ehlo).
	Opening Opening
	// Connect opens what ":connect NAME" switches to (another service of
	// the practice lab the prompt runs on); nil: the prompt has none.
	Connect func(name string) (Switch, error)

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced after every reply or problem
	done      chan struct{} // closed when the event stream ends
	closedErr error         // why the connection ended, nil for a normal close
	afterEach func()        // called after each event (prompt refresh)
	own       chan func()   // what the prompt says, written by the event consumer in order
	batch     *batchWriter  // scripted output, flushed after the events flushesBatch names
	notes     []sentNote    // what to show with lines about to be sent (tags.go)
	lastReply string        // the first line of the last reply (opening.go)

	tagNoted bool  // the note on tags was shown
	skip     int64 // scripted: bytes of a literal the server refused, still to skip
	// confirming: the interactive prompt asks a yes-or-no question
	// (a credential in clear): the prompt says so and nothing is masked.
	confirming atomic.Bool
	// heldSince: the interactive prompt is hidden since then (UnixNano)
	// while a reply is owed (holdPrompt).
	heldSince atomic.Int64
	live      atomic.Pointer[session.Session] // Session, for other goroutines (current)
}

// start consumes the session's events in the background, and writes
// what the prompt itself says (say) in order with them.
func (r *Runner) start() {
	r.live.Store(r.Session)
	r.changed = make(chan struct{})
	r.done = make(chan struct{})
	r.own = make(chan func())
	go func() {
		defer close(r.done)
		events := r.Session.Events()
		for {
			select {
			case e, ok := <-events:
				if !ok {
					return
				}
				r.consume(e)
			case f := <-r.own:
				if !r.drain(events) {
					f()
					return
				}
				f()
			}
		}
	}()
}

// drain consumes the events already queued; false when the stream ended.
func (r *Runner) drain(events <-chan session.Event) bool {
	for {
		select {
		case e, ok := <-events:
			if !ok {
				return false
			}
			r.consume(e)
		default:
			return true
		}
	}
}

// consume shows one event, hands it to the observers and wakes those
// waiting for a change.
func (r *Runner) consume(e session.Event) {
	r.show(e)
	r.noteReply(e)
	if r.batch != nil && flushesBatch(e.Kind) {
		r.batch.Flush()
	}
	for _, o := range r.Observers {
		o.Observe(e)
	}
	r.mu.Lock()
	if e.Kind == session.Closed {
		r.closedErr = e.Err
	}
	ch := r.changed
	r.changed = make(chan struct{})
	after := r.afterEach
	r.mu.Unlock()
	close(ch)
	if after != nil {
		after()
	}
}

// say writes something of the prompt's own (an error, a note, a help
// page) after the events the session has already queued, so that it
// never overtakes the reply it follows; it returns once it is written.
func (r *Runner) say(write func()) {
	if r.own == nil {
		write()
		return
	}
	wrote := make(chan struct{})
	select {
	case r.own <- func() { write(); close(wrote) }:
		<-wrote
	case <-r.done:
		write()
	}
}

// Say writes a line of the tool's own in order with the replies shown:
// after every event the session has queued (for OnMeta and Connect).
func (r *Runner) Say(text string) { r.sayInfo(text) }

func (r *Runner) sayError(err error) {
	err = session.Localize(err, r.Lang) // a session's typed errors in the prompt's language
	r.say(func() { r.Render.Error(err) })
}
func (r *Runner) sayText(text string) { r.say(func() { r.Render.Text(text) }) }
func (r *Runner) sayInfo(text string) { r.say(func() { r.Render.Info(text) }) }

// flushesBatch says whether scripted output is written out after an event
// of this kind. What the client sent waits for the reply (one write per
// round trip, not two); body lines and parts of a long reply wait until
// the buffer is full. Something always follows what is held back: a reply,
// a timeout or the close.
func flushesBatch(k session.Kind) bool {
	switch k {
	case session.Sent, session.DataLine, session.DataEnd, session.ReceivedPart:
		return false
	}
	return true
}

// changes returns a channel closed at the next reply, problem or event.
// Take it before checking a condition, then wait on it: no wake-up is lost.
func (r *Runner) changes() <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.changed
}

// expand turns a typed line into what to send, handling meta-commands.
// send is false when nothing goes to the server.
func (r *Runner) expand(line string) (exp codec.Expansion, send bool, err error) {
	if name, args, ok := metaCommand(line); ok {
		handled, err := r.meta(name, args)
		if handled || err != nil {
			return codec.Expansion{}, false, err
		}
	}
	ctx := r.Session.HelperContext()
	ctx.Lang = string(r.Lang) // the notes after a helper's line in the prompt's language
	exp, err = codec.Expand(line, ctx)
	if err != nil {
		return exp, false, codec.Localize(err, string(r.Lang))
	}
	if exp.Show != "" {
		r.sayText(exp.Show)
	}
	return exp, exp.Send != "" || exp.Helper == "", nil
}

// metaCommand splits ":name args"; "::" escapes a literal colon.
func metaCommand(line string) (name, args string, ok bool) {
	if !strings.HasPrefix(line, ":") || strings.HasPrefix(line, "::") {
		return "", "", false
	}
	name, args, _ = strings.Cut(strings.TrimPrefix(line, ":"), " ")
	return strings.ToLower(name), strings.TrimSpace(args), true
}

func (r *Runner) meta(name, args string) (bool, error) {
	switch name {
	case "help", "h", "?":
		r.sayText(helpText(r.Session.Target().Protocol, args, r.Lang))
		return true, nil
	case "helpers":
		r.sayText(codec.SyntaxIn(string(i18n.Resolve(r.Lang))))
		return true, nil
	case "status":
		r.Session.AwaitUpgrade() // a handshake under way: show its result
		r.sayText(r.status())
		return true, nil
	case "cert":
		r.Session.AwaitUpgrade()
		r.sayText(r.certText(time.Now()))
		return true, nil
	case "append":
		return true, r.appendFile(args)
	case "connect":
		return true, r.connectTo(args)
	}
	if r.OnMeta != nil {
		return r.OnMeta(name, args)
	}
	return false, nil
}

func (r *Runner) status() string {
	s := r.Session
	var b strings.Builder
	fmt.Fprintln(&b, i18n.Textf(r.Lang, i18n.StatusServer, s.Target()))
	if t := s.TLS(); t != nil {
		verified := i18n.Text(r.Lang, i18n.StatusUnverified)
		if t.Verified {
			verified = i18n.Text(r.Lang, i18n.StatusVerified)
		}
		fmt.Fprintln(&b, i18n.Textf(r.Lang, i18n.StatusTLS, t.Version, t.Cipher, verified))
		r.tlsExtras(&b, t)
		fmt.Fprintln(&b, i18n.Text(r.Lang, i18n.StatusCertHint))
	} else {
		fmt.Fprintln(&b, i18n.Text(r.Lang, i18n.StatusNoTLS))
	}
	if ext := s.Extensions(); len(ext) > 0 {
		fmt.Fprintln(&b, i18n.Textf(r.Lang, i18n.StatusExtensions, strings.Join(ext, ", ")))
	}
	fmt.Fprintln(&b, i18n.Textf(r.Lang, i18n.StatusAwaiting, s.Pending()))
	if r.StatusExtra != "" {
		fmt.Fprintln(&b, r.StatusExtra)
	}
	return b.String()
}
