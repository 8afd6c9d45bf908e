package prompt

import (
	"errors"
	"strings"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// sentNote is what the runner shows with the Sent event of one line: the
// line as typed (the renderer echoes a line that differs from what was
// typed, so an automatic tag shows), and a note after it.
type sentNote struct {
	line  string // the line as sent
	typed string // what the person typed, before the tag
	note  string // shown after the line, "" for none
}

// sendCommand sends a command line expanded from what was typed. In a
// dialect that tags commands (IMAP) a line that starts with a command gets
// the next tag, shown in the echo, with a note the first time saying what
// a tag is; a line with a tag of its own, a SASL answer and DONE go as
// they are. While the server has yet to agree to a literal announced at
// the end of the last line, nothing may be sent.
func (r *Runner) sendCommand(exp codec.Expansion, allowPlaintext bool) error {
	if r.awaitingPlus() {
		return errors.New(i18n.Text(r.Lang, i18n.LiteralWaiting))
	}
	typed := exp.Send
	tagged, added := r.Session.AutoTag(exp.Send)
	if added {
		tag, _, _ := strings.Cut(tagged, " ")
		plain := exp.Display == exp.Send
		exp = exp.WithTag(tag)
		exp.Send = tagged
		if plain {
			exp.Display = tagged
		}
		n := sentNote{line: exp.Send, typed: typed}
		if !r.tagNoted {
			r.tagNoted = true
			n.note = i18n.Textf(r.Lang, i18n.TagNote, tag)
		}
		r.noteSent(n)
	}
	err := r.Session.Send(exp.Send, session.SendOptions{Display: exp.Display, Secret: exp.Secret, AllowPlaintext: allowPlaintext})
	if err != nil && added {
		r.takeNote(exp.Send) // not sent: no event will take it
	}
	return err
}

// awaitingPlus reports that the last line announced a synchronizing
// literal ({n}) and the server has not answered it yet: the next line
// would be taken as literal text the server never agreed to.
func (r *Runner) awaitingPlus() bool {
	st := r.Session.State()
	return st.Literal > 0 && st.Continuing != "" && st.Input == protocol.InputCommand
}

// noteSent registers what to show with the Sent event of a line about to
// be sent. It is registered once the events already queued are shown, so
// an earlier line with the same text (an empty line of literal text)
// cannot take it.
func (r *Runner) noteSent(n sentNote) {
	r.say(func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.notes = append(r.notes, n)
	})
}

// takeNote returns what was registered for a line sent, and forgets it
// and any older one whose line never went out.
func (r *Runner) takeNote(line string) (sentNote, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, n := range r.notes {
		if n.line == line {
			r.notes = r.notes[i+1:]
			return n, true
		}
	}
	return sentNote{}, false
}

// show renders one event, with what was registered for a line sent: the
// renderer compares a Sent event's display with the line typed, so a
// line shows with its automatic tag; a note follows.
func (r *Runner) show(e session.Event) {
	var n sentNote
	var ok bool
	if e.Kind == session.Sent {
		n, ok = r.takeNote(e.Line)
	}
	shown := e
	if ok && n.typed != "" {
		shown.Line = n.typed
	}
	r.Render.Event(shown)
	if ok && n.note != "" {
		r.Render.Info(n.note)
	}
}
