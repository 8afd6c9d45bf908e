package prompt

import (
	"errors"
	"strings"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/session"
)

// Switch is what ":connect NAME" switches the prompt to: a session opened
// on another service of the same practice lab, the observers of that
// session (its own recording), and a note to show once it is connected
// (the service's banner, what became of the recording).
type Switch struct {
	Session   *session.Session
	Observers []Observer
	Note      string
}

// current is the session the prompt works on, for the line editor's
// goroutine (completion, masking) and timers, which may run while
// :connect switches sessions.
func (r *Runner) current() *session.Session {
	if s := r.live.Load(); s != nil {
		return s
	}
	return r.Session
}

// connectTo handles ":connect NAME": it opens the new session first (on
// an error the prompt stays where it is), then says goodbye to the
// current one (QUIT, LOGOUT), waits until all of its events are shown
// and observed (its recording ends with it), and goes on with the new
// one.
func (r *Runner) connectTo(name string) error {
	if r.Connect == nil {
		return errors.New(i18n.Text(r.Lang, i18n.ConnectNoLab))
	}
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return errors.New(i18n.Text(r.Lang, i18n.ConnectUsage))
	}
	next, err := r.Connect(name)
	if err != nil {
		return err
	}
	r.sayGoodbye()
	r.finish()
	if next.Note != "" {
		r.sayText(next.Note) // before the new session's events
	}
	r.Session, r.Observers = next.Session, next.Observers
	r.closedErr, r.notes, r.skip, r.tagNoted = nil, nil, 0, false
	r.Render.Leaving.Store(false)
	r.start()
	return nil
}
