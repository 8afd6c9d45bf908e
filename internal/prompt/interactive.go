package prompt

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/term"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// Interactive holds the settings of the terminal prompt.
type Interactive struct {
	HistoryFile string // "" keeps no history
	Banner      string // shown before the first prompt

	// In, Out and Width stand for the terminal in tests (see term.Options);
	// left zero, the prompt runs on the process's terminal.
	In    io.ReadCloser
	Out   io.Writer
	Width int
}

// RunInteractive runs the line-editing prompt until QUIT, Ctrl-D or the
// end of the connection. Server output is printed above the line being
// typed; a credential (a PASS argument, an answer to a SASL challenge) is
// masked as it is typed.
func (r *Runner) RunInteractive(opt Interactive) error {
	ed, err := term.NewEditor(term.Options{
		Stdin: opt.In, Stdout: opt.Out, Width: opt.Width,
		HistoryFile: opt.HistoryFile, // only lines that hold no secret are kept
		Complete:    (&completer{session: r.current}).Do,
		Mask: func(line string) int {
			if r.confirming.Load() {
				return len(line) // a yes or a no
			}
			return shownInClear(r.current(), line)
		},
	})
	if err != nil {
		return fmt.Errorf("start the prompt: %w", err)
	}
	defer ed.Close()
	r.Render.W = ed.Stdout()
	r.holdPrompt(ed)                                      // until the greeting
	r.afterEach = func() { ed.SetPrompt(r.promptText()) } // also redraws the mask
	if opt.Banner != "" {
		r.Render.Text(opt.Banner)
	}
	r.start()
	defer r.finish()
	if err := r.open(); err != nil {
		return err
	}
	for {
		line, err := ed.Read()
		if errors.Is(err, term.ErrInterrupted) {
			if line == "" {
				r.sayInfo(i18n.Text(r.Lang, i18n.CtrlCHint))
			}
			continue
		}
		if errors.Is(err, io.EOF) {
			r.sayGoodbye()
			return r.lost()
		}
		if err != nil {
			return fmt.Errorf("read the prompt: %w", err)
		}
		if r.Session.Mode() == session.ModeClosed {
			return r.lost() // the connection is gone: any line, even an empty one, leaves
		}
		if quit := r.interactiveLine(ed, line); quit {
			return nil
		}
	}
}

// ErrConnectionLost is what RunInteractive returns when the connection
// ended with an error (a failed TLS handshake, a reset, a timeout): it was
// shown already; the command exits non-zero.
var ErrConnectionLost = errors.New("the connection was lost")

// lost is ErrConnectionLost when the connection ended with an error.
func (r *Runner) lost() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closedErr != nil {
		return ErrConnectionLost
	}
	return nil
}

// interactiveLine handles one typed line; it returns true to leave.
func (r *Runner) interactiveLine(ed *term.Editor, line string) bool {
	switch r.Session.Mode() {
	case session.ModeData:
		var err error
		if line == "." {
			err = r.Session.EndData()
		} else {
			err = r.Session.SendDataLine(line)
		}
		if err != nil {
			r.sayError(err)
		}
		return false // body lines never go to history
	case session.ModeLiteral:
		if err := r.literalLine(line); err != nil {
			r.sayError(err)
		}
		return false // nor does literal text
	}
	if strings.TrimSpace(line) == "" {
		return false
	}
	if name, _, ok := metaCommand(line); ok && (name == "quit" || name == "q") {
		r.sayGoodbye()
		return true
	}
	before := r.Session
	exp, send, err := r.expand(line)
	if r.Session != before { // :connect: a new session, its greeting to come
		r.holdPrompt(ed)
	}
	if err != nil {
		r.sayError(err)
		return false
	}
	if !holdsSecret(r.Session, line, exp) {
		ed.Keep(line)
	}
	if !send {
		return false
	}
	r.holdPrompt(ed)
	if err := r.sendAsking(ed, exp); err != nil {
		r.sayError(err)
	}
	ed.SetPrompt(r.promptText())
	return false
}

// promptHold is how long the prompt stays hidden while the server owes a
// reply: drawn at once, it would stand in front of the reply ("smtp> " and
// then "S: 250 ...") until readline draws it again. A slow server gets
// the prompt after this long, and its reply comes above the line typed.
const promptHold = 2 * time.Second

// holdPrompt hides the prompt from now until the replies owed are shown,
// for at most promptHold; the events shown meanwhile draw it again.
func (r *Runner) holdPrompt(ed *term.Editor) {
	r.heldSince.Store(time.Now().UnixNano())
	ed.SetPrompt(r.promptText())
	time.AfterFunc(promptHold, func() { ed.SetPrompt(r.promptText()) })
}

// promptHidden says whether the prompt is hidden: a reply (or the
// greeting) is owed, and it has been so for less than promptHold.
func (r *Runner) promptHidden() bool {
	held := time.Since(time.Unix(0, r.heldSince.Load()))
	if held >= promptHold || r.confirming.Load() {
		return false
	}
	s := r.current()
	if s.Mode() == session.ModeClosed {
		return false
	}
	return !s.Greeted() || (s.Pending() > 0 && !serverWaits(s.Mode()))
}

// shownInClear is how much of a line being typed may be shown: all of it,
// but for what the dialect's redaction would hide were it sent now (the
// password after "PASS ", all of an answer to a SASL challenge) and a
// helper's secret (codec.HelperInClear: the password of :plain or :login,
// :b64 answering a challenge for a password; a user name stays readable).
func shownInClear(s *session.Session, line string) int {
	st := s.State()
	if st.Input == protocol.InputBody {
		return len(line) // a line of a message body is sent as typed
	}
	if rest, ok := strings.CutPrefix(strings.TrimLeft(line, " "), ":"); ok {
		secretAnswer := s.Mode() == session.ModeAuth && !protocol.AsksForUser(s.Target().Protocol, st)
		return len(line) - len(rest) + codec.HelperInClear(rest, secretAnswer)
	}
	redacted, _, secret := s.Dialect().Redact(line, st)
	if !secret {
		return len(line)
	}
	if keep, ok := strings.CutSuffix(redacted, protocol.Redacted); ok && strings.HasPrefix(line, keep) {
		return len(keep)
	}
	return 0 // hide it all when the mark does not line up with what was typed
}

// holdsSecret reports whether a typed line must stay out of the history:
// a helper that made a credential, :unb64 (what it decodes is often one),
// or a line the session's redaction rules call secret (a SASL answer,
// PASS, APOP, AUTH with an initial response).
func holdsSecret(s *session.Session, line string, exp codec.Expansion) bool {
	return exp.Secret || exp.Helper == "unb64" || s.Secret(line)
}

// sayGoodbye sends the dialect's goodbye (QUIT, a tagged LOGOUT) when the
// connection is up and a command may be sent, and waits briefly for the
// reply so the server ends the session cleanly. Without a goodbye in the
// dialect's catalog, or in the middle of a command (literal text, SASL,
// IDLE), it sends nothing: the connection is simply closed.
func (r *Runner) sayGoodbye() {
	r.Render.Leaving.Store(true) // no "(press Enter to leave)" at the close
	if r.Session.Mode() != session.ModeCommand || r.Session.State().Continuing != "" {
		return
	}
	bye := r.Session.Goodbye()
	if bye == "" {
		return
	}
	if err := r.Session.Send(bye, session.SendOptions{}); err != nil {
		return
	}
	deadline := time.After(2 * time.Second)
	for {
		ch := r.changes()
		if r.Session.Pending() == 0 {
			return
		}
		select {
		case <-ch:
		case <-r.done:
			return
		case <-deadline:
			return
		}
	}
}

// promptText shows the protocol and the state, in the dialect's words
// when it has them (protocol.Prompter).
func (r *Runner) promptText() string {
	s := r.current()
	if r.promptHidden() {
		return ""
	}
	if r.confirming.Load() {
		return i18n.Text(r.Lang, i18n.PlaintextConfirm)
	}
	if d, ok := s.Dialect().(protocol.Prompter); ok && s.Mode() != session.ModeClosed {
		return d.Prompt(s.State(), i18n.Resolve(r.Lang)) + "> "
	}
	p := string(s.Target().Protocol)
	tls := ""
	if s.TLS() != nil {
		tls = "+tls"
	}
	switch s.Mode() {
	case session.ModeData:
		return "data> "
	case session.ModeLiteral: // a BDAT chunk (a dialect with literals names them itself)
		return i18n.Textf(r.Lang, i18n.PromptChunk, r.Session.State().Literal)
	case session.ModeAuth:
		return p + tls + " auth> "
	case session.ModeClosed:
		return p + i18n.Text(r.Lang, i18n.PromptClosed)
	}
	return p + tls + "> "
}

// DefaultHistoryFile is ~/.mailtutor_history, or "" when there is no home.
func DefaultHistoryFile() string {
	if dir, err := os.UserConfigDir(); err == nil {
		d := filepath.Join(dir, "mailtutor")
		if os.MkdirAll(d, 0o700) == nil {
			return filepath.Join(d, "history")
		}
	}
	return ""
}
