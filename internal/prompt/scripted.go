package prompt

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/session"
)

// ErrScript is returned by RunScript when a line could not be sent or the
// connection failed; the details were already shown.
var ErrScript = errors.New("the script did not run to the end")

// RunScript reads lines from in and sends each one after the reply to the
// previous one is complete, or once the server waits for the client in
// the middle of a command (IMAP: its "+" for literal text or a SASL
// answer, "+ idling" before DONE). After a 354 the lines up to a lone "."
// are the message body, sent as one block. After the "+" to a line ending
// in a literal {n}, the next lines are its text, n bytes with their CRLFs;
// when the server refuses the literal instead, those bytes of the script
// are skipped.
func (r *Runner) RunScript(in io.Reader) error {
	r.Render.EchoSent = true
	out := &batchWriter{w: r.Render.W}
	r.Render.W = out
	r.batch = out
	r.start()
	defer out.Flush()
	defer r.finish()
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	if err := r.awaitReplies(); err != nil {
		return err
	}
	if err := r.open(); err != nil {
		return err
	}
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if r.skipLiteral(line) {
			continue
		}
		var err error
		switch r.Session.Mode() {
		case session.ModeData:
			err = r.sendBody(line, sc)
		case session.ModeLiteral:
			if err = r.literalLine(line); err != nil {
				r.sayError(err)
				err = ErrScript
			}
		default:
			err = r.scriptLine(line, n)
		}
		if err != nil {
			return err
		}
		owed := r.literalOwed()
		if err := r.awaitReplies(); err != nil {
			return err
		}
		r.refusedLiteral(owed)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read script: %w", err)
	}
	return nil
}

// scriptLine sends line n of a script. A line the prompt itself refuses
// (an unknown :command, a helper it cannot expand, :save of a file that
// exists) stops the script: the error is shown in order with the replies,
// naming the line, and the session ends with the dialect's goodbye (QUIT,
// LOGOUT), as the rest of the script would likely depend on that line.
func (r *Runner) scriptLine(line string, n int) error {
	if strings.TrimSpace(line) == "" {
		return nil
	}
	exp, send, err := r.expand(line)
	if err != nil {
		r.sayError(errors.New(i18n.Textf(r.Lang, i18n.ScriptStops, n, err)))
		r.sayGoodbye()
		return ErrScript
	}
	if !send {
		return nil
	}
	if err := r.sendCommand(exp, false); err != nil {
		if errors.Is(err, session.ErrClosed) {
			<-r.done // the close, and why, is shown: no second error after it
			return ErrScript
		}
		r.sayError(err)
		r.sayGoodbye() // when the connection is still up (a credential refused in clear)
		return ErrScript
	}
	return nil
}

// sendBody streams a DATA body (first is its first line) up to the lone
// ".", without waiting for anything in between.
func (r *Runner) sendBody(first string, sc *bufio.Scanner) error {
	line, ok := first, true
	for ok && line != "." {
		if err := r.Session.QueueDataLine(line); err != nil {
			r.sayError(err)
			return ErrScript
		}
		ok = sc.Scan()
		line = strings.TrimRight(sc.Text(), "\r")
	}
	if !ok {
		r.sayError(errors.New("the script ended inside a DATA body: a line holding only \".\" must end it"))
		return ErrScript
	}
	if err := r.Session.EndData(); err != nil {
		r.sayError(err)
		return ErrScript
	}
	return nil
}

// awaitReplies waits until every command has its reply, or the server
// waits for the client to go on with one (serverWaits); a timeout or a
// lost connection fails the script.
//
// It waits on the session, not on the replies being shown: the next command
// goes out while the consumer still writes the last reply (events keep
// their order, so the screen does too).
func (r *Runner) awaitReplies() error {
	s := r.Session
	seen := s.Timeouts()
	for {
		ch := s.Changed() // before the check, so a reply in between still wakes us
		if (s.Pending() == 0 || serverWaits(s.Mode())) && !r.awaitingGreeting() {
			break
		}
		if s.Mode() == session.ModeClosed {
			<-r.done
			return r.endError(r.cutShort())
		}
		select {
		case <-ch:
		case <-r.done:
			return r.endError(r.cutShort())
		}
		if s.Timeouts() > seen {
			return ErrScript
		}
	}
	select {
	case <-r.done:
		return r.endError(false)
	default:
	}
	return nil
}

// refusedLiteral notes, after the replies to a line that announced a
// synchronizing literal of owed bytes, whether the server refused it:
// then the script's next owed bytes, the literal's text, are skipped.
func (r *Runner) refusedLiteral(owed int64) {
	if owed == 0 || r.Session.Mode() == session.ModeLiteral || r.Session.State().Continuing != "" {
		return
	}
	r.skip = owed
	r.say(func() { r.Render.Notice(i18n.Textf(r.Lang, i18n.LiteralSkipped, owed)) })
}

// skipLiteral reports whether a script line is skipped as the text of a
// refused literal (each line counts its CRLF).
func (r *Runner) skipLiteral(line string) bool {
	if r.skip <= 0 {
		return false
	}
	r.skip -= int64(len(line)) + 2
	return true
}

// cutShort says, once the connection is closed, whether it ended with a
// command unanswered or before the greeting. Pending is read again here:
// the wait loop's earlier reading may predate the last reply (a 221 to
// QUIT and the close right after it), and a closed session's count no
// longer changes.
func (r *Runner) cutShort() bool {
	return r.Session.Pending() > 0 || !r.Session.Greeted()
}

func (r *Runner) awaitingGreeting() bool {
	return !r.Session.Greeted() && r.Session.Mode() != session.ModeClosed
}

// endError says whether the end of the connection fails the script.
func (r *Runner) endError(midway bool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closedErr != nil || midway {
		return ErrScript
	}
	return nil
}

// finish closes the session and waits until every event is shown.
func (r *Runner) finish() {
	r.Session.Close()
	<-r.done
}

// batchWriter buffers output so a long DATA body is not one write per
// line; the runner flushes it after every event that is not a body line.
type batchWriter struct {
	mu  sync.Mutex
	w   io.Writer
	buf []byte
}

func (b *batchWriter) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if len(b.buf) >= 64<<10 {
		return len(p), b.flushLocked()
	}
	return len(p), nil
}

// Flush writes out what is buffered.
func (b *batchWriter) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.flushLocked()
}

func (b *batchWriter) flushLocked() error {
	if len(b.buf) == 0 {
		return nil
	}
	_, err := b.w.Write(b.buf)
	b.buf = b.buf[:0]
	return err
}
