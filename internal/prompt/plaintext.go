package prompt

import (
	"errors"
	"strings"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/term"
	"github.com/mailtutor/mailtutor/session"
)

// sendAsking sends an expanded line at the interactive prompt. A
// credential the session will not put on the wire in clear (see
// session.PlaintextRisk) goes only if the user answers yes; a script is
// never asked (see RunScript): it needs --allow-plaintext-auth.
func (r *Runner) sendAsking(ed *term.Editor, exp codec.Expansion) error {
	err := r.sendCommand(exp, false)
	var pe *session.PlaintextError
	if !errors.As(err, &pe) {
		return err
	}
	r.say(func() { r.Render.Notice(pe.Error()) })
	if !r.confirm(ed) {
		r.sayInfo(i18n.Text(r.Lang, i18n.PlaintextNotSent))
		return nil
	}
	return r.sendCommand(exp, true)
}

// confirm asks a yes-or-no question at the prompt; only yes is yes.
func (r *Runner) confirm(ed *term.Editor) bool {
	r.confirming.Store(true)
	ed.SetPrompt(r.promptText())
	defer func() {
		r.confirming.Store(false)
		ed.SetPrompt(r.promptText())
	}()
	answer, err := ed.Read()
	if err != nil {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "y", "yes", "是":
		return true
	}
	return false
}
