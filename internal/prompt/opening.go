package prompt

import (
	"errors"
	"strings"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/session"
)

// Opening is what the prompt sends for the user, shown like anything
// typed, before it hands over (connect --starttls, --ehlo).
type Opening struct {
	// Hello says hello (EHLO Name, CAPA, CAPABILITY: the dialect's).
	Hello bool
	// StartTLS says hello, starts TLS (STARTTLS, STLS) and says hello
	// again; if the server does not agree, the connection is closed:
	// nothing more goes in clear.
	StartTLS bool
	// Name is the client's name in an EHLO.
	Name string
}

// open sends the Opening once the greeting has come.
func (r *Runner) open() error {
	o := r.Opening
	if !o.Hello && !o.StartTLS {
		return nil
	}
	if err := r.awaitReplies(); err != nil {
		return err
	}
	s := r.Session
	proto := strings.ToUpper(string(s.Target().Protocol))
	hello, startTLS := s.TLSOpening(o.Name)
	switch {
	case o.StartTLS && s.TLS() != nil:
		return errors.New(i18n.Textf(r.Lang, i18n.StartTLSImplied, s.Target()))
	case o.StartTLS && startTLS == "":
		return errors.New(i18n.Textf(r.Lang, i18n.StartTLSNone, proto))
	}
	if hello != "" {
		if err := r.openWith(hello); err != nil {
			return err
		}
	}
	if !o.StartTLS {
		return nil
	}
	if err := r.openWith(startTLS); err != nil {
		return err
	}
	s.AwaitUpgrade()
	if s.TLS() == nil {
		refusal := r.lastReplyLine()
		s.Close()
		<-r.done
		return errors.New(i18n.Textf(r.Lang, i18n.StartTLSRefused, refusal))
	}
	if hello != "" { // what the server offers may change with TLS (RFC 3207 4.2)
		if err := r.openWith(hello); err != nil {
			return err
		}
	}
	r.sayInfo(i18n.Text(r.Lang, i18n.StartTLSDone))
	return nil
}

// openWith sends one line of the opening and waits for its reply.
func (r *Runner) openWith(line string) error {
	if err := r.sendCommand(codec.Expansion{Send: line, Display: line}, false); err != nil {
		r.sayError(err)
		return ErrScript
	}
	return r.awaitReplies()
}

// lastReplyLine is the first line of the last reply, once every event
// queued so far is shown; "" if none.
func (r *Runner) lastReplyLine() string {
	var line string
	r.say(func() {
		r.mu.Lock()
		line = r.lastReply
		r.mu.Unlock()
	})
	return line
}

// noteReply keeps the first line of a reply for lastReplyLine.
func (r *Runner) noteReply(e session.Event) {
	if e.Kind != session.Received || e.Reply == nil || len(e.Reply.Lines) == 0 {
		return
	}
	r.mu.Lock()
	r.lastReply = e.Reply.Lines[0]
	r.mu.Unlock()
}
