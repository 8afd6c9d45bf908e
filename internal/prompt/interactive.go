package prompt

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chzyer/readline"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/session"
)

// Interactive holds the settings of the terminal prompt.
type Interactive struct {
	HistoryFile string // "" keeps no history
	Banner      string // shown before the first prompt
}

// RunInteractive runs the readline prompt until QUIT, Ctrl-D or the end of
// the connection. Server output is printed above the line being typed.
func (r *Runner) RunInteractive(opt Interactive) error {
	rl, err := readline.NewEx(&readline.Config{
		Prompt:                 r.promptText(),
		HistoryFile:            opt.HistoryFile,
		DisableAutoSaveHistory: true, // we save only lines that hold no secret
		HistorySearchFold:      true,
		AutoComplete:           &completer{s: r.Session},
		InterruptPrompt:        "^C",
		EOFPrompt:              "",
	})
	if err != nil {
		return fmt.Errorf("start the prompt: %w", err)
	}
	defer rl.Close()
	r.Render.W = rl.Stdout()
	r.afterEach = func() {
		rl.SetPrompt(r.promptText())
		rl.Refresh()
	}
	if opt.Banner != "" {
		r.Render.Text(opt.Banner)
	}
	r.start()
	defer r.finish()
	for {
		line, err := rl.Readline()
		if errors.Is(err, readline.ErrInterrupt) {
			if line == "" {
				r.Render.Info(i18n.Text(r.Lang, i18n.CtrlCHint))
			}
			continue
		}
		if errors.Is(err, io.EOF) {
			r.sayGoodbye()
			return nil
		}
		if err != nil {
			return fmt.Errorf("read the prompt: %w", err)
		}
		if r.Session.Mode() == session.ModeClosed {
			return nil // the connection is gone: any line, even an empty one, leaves
		}
		if quit := r.interactiveLine(rl, line); quit {
			return nil
		}
	}
}

// interactiveLine handles one typed line; it returns true to leave.
func (r *Runner) interactiveLine(rl *readline.Instance, line string) bool {
	if r.Session.Mode() == session.ModeData {
		var err error
		if line == "." {
			err = r.Session.EndData()
		} else {
			err = r.Session.SendDataLine(line)
		}
		if err != nil {
			r.Render.Error(err)
		}
		return false // body lines never go to history
	}
	if strings.TrimSpace(line) == "" {
		return false
	}
	if name, _, ok := metaCommand(line); ok && (name == "quit" || name == "q") {
		r.sayGoodbye()
		return true
	}
	exp, send, err := r.expand(line)
	if err != nil {
		r.Render.Error(err)
		return false
	}
	if !holdsSecret(r.Session, line, exp) {
		rl.SaveHistory(line)
	}
	if !send {
		return false
	}
	if err := r.sendLine(exp); err != nil {
		r.Render.Error(err)
	}
	return false
}

// holdsSecret reports whether a typed line must stay out of the history:
// a helper that made a credential, or a line the session's redaction rules
// call secret (a SASL answer, PASS, APOP, AUTH with an initial response).
func holdsSecret(s *session.Session, line string, exp codec.Expansion) bool {
	return exp.Secret || s.Secret(line)
}

// sayGoodbye sends QUIT when the connection is still up, and waits briefly
// for the reply so the server ends the session cleanly.
func (r *Runner) sayGoodbye() {
	if r.Session.Mode() != session.ModeCommand {
		return
	}
	if err := r.Session.Send("QUIT", session.SendOptions{}); err != nil {
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

// promptText shows the protocol and the state.
func (r *Runner) promptText() string {
	p := string(r.Session.Target().Protocol)
	tls := ""
	if r.Session.TLS() != nil {
		tls = "+tls"
	}
	switch r.Session.Mode() {
	case session.ModeData:
		return "data> "
	case session.ModeAuth:
		return p + tls + " auth> "
	case session.ModeClosed:
		return p + " (closed)> "
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
