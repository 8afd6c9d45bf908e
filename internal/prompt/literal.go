package prompt

import (
	"errors"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// literalLine sends one line of literal text (IMAP, after the server's
// "+" to a line ending in {n}, or at once after {n+}). The dialect counts
// its bytes and CRLF. A line that would run past the count is refused,
// with the numbers, unless what follows the literal's last byte starts
// with a space: then it goes on with the command line ("student {9}"
// after "LOGIN {7}"). When the literal ends with the line's CRLF, the
// empty line that ends the command line is sent too.
func (r *Runner) literalLine(line string) error {
	st := r.Session.State()
	if st.Continuing == "" { // no command line goes on after it: an SMTP BDAT chunk
		return r.chunkLine(line, st.Literal)
	}
	left := st.Literal
	n := int64(len(line))
	fits := n+2 <= left || n == left || n > left && line[left] == ' '
	if !fits {
		if left < 2 {
			return errors.New(i18n.Textf(r.Lang, i18n.LiteralOneLeft, n))
		}
		return errors.New(i18n.Textf(r.Lang, i18n.LiteralTooLong, n, n+2, left, left-2, left))
	}
	if err := r.Session.Send(line, session.SendOptions{}); err != nil {
		return err
	}
	return r.endCommandLine(i18n.Text(r.Lang, i18n.LiteralDone))
}

// endCommandLine sends the empty line that ends a command line whose
// literal is complete, with note shown after it; it does nothing when the
// command line is not waiting for its end.
func (r *Runner) endCommandLine(note string) error {
	st := r.Session.State()
	if st.Input != protocol.InputCommand || st.Literal != 0 || st.Continuing == "" {
		return nil
	}
	r.noteSent(sentNote{note: note})
	err := r.Session.Send("", session.SendOptions{})
	if err != nil {
		r.takeNote("")
	}
	return err
}

// literalOwed is the size of the synchronizing literal the last line
// announced while the server has not yet answered it, else 0.
func (r *Runner) literalOwed() int64 {
	if !r.awaitingPlus() {
		return 0
	}
	return r.Session.State().Literal
}

// awaitLiteral waits until the server takes the literal the last line
// announced (its "+": the session expects literal text) or refuses it
// (the command completed), the connection ends or a reply times out. It
// reports whether the literal may be sent.
func (r *Runner) awaitLiteral() bool {
	s := r.Session
	seen := s.Timeouts()
	for {
		ch := s.Changed()
		switch s.Mode() {
		case session.ModeLiteral:
			return true
		case session.ModeClosed:
			return false
		}
		if !r.awaitingPlus() {
			return false
		}
		select {
		case <-ch:
		case <-r.done:
			return false
		}
		if s.Timeouts() > seen {
			return false
		}
	}
}

// serverWaits reports whether in mode the server waits for the client
// while a command is still pending: literal text after its "+", a SASL
// answer, DONE to end IDLE. A script sends its next line then.
func serverWaits(m session.Mode) bool {
	return m == session.ModeLiteral || m == session.ModeAuth || m == session.ModeIdle
}

// chunkLine sends one line of a byte-counted chunk (SMTP BDAT): with its
// CRLF, or without it when it fills the chunk exactly. A line that would
// run past the chunk is refused, with the numbers.
func (r *Runner) chunkLine(line string, left int64) error {
	if !protocol.ChunkFits(line, left) {
		n := int64(len(line))
		return errors.New(i18n.Textf(r.Lang, i18n.ChunkTooLong, n, n+2, left, max(left-2, 0), left))
	}
	exact := int64(len(line)) == left
	if exact {
		r.noteSent(sentNote{line: line, note: i18n.Text(r.Lang, i18n.ChunkDone)})
	}
	err := r.Session.Send(line, session.SendOptions{})
	if err != nil && exact {
		r.takeNote(line)
	}
	return err
}
