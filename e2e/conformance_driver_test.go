package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// conformanceTimeout bounds the connect and each wait for a reply. Postfix
// sleeps smtpd_error_sleep_time (1s) before every reply once a client has
// made smtpd_soft_error_limit (10) errors, and Dovecot delays a failed
// login by auth_failure_delay (2s).
const conformanceTimeout = 20 * time.Second

// closeWait bounds how long a finished script waits for the server to
// close the connection.
const closeWait = 5 * time.Second

// The notes an outcome without a reply carries.
const (
	noteClosed   = "connection closed"
	noteOpen     = "connection still open"
	noteNotSent  = "not sent: connection closed"
	labelGreet   = "(greeting)"
	labelEnd     = "(end of script)"
	labelTooMany = "(after too many errors)"
	want421      = "421 4.7.0" // what both servers say before they hang up on a client making too many errors
)

// scriptStep is one thing a scripted session sends.
type scriptStep struct {
	line   string   // the command line sent (without CRLF)
	body   []string // a DATA body sent line by line, then "."; line is unused
	label  string   // how the tables show the step; "" shows line. Set it when line holds a secret
	secret bool     // line is a credential the session must not show
	want   string   // the first reply line of both servers must start with it ("" = any)
	repeat int      // > 0: send line up to repeat times, until a 421 or a closed connection
	then   []string // lines sent right after line with no reply awaited (an IMAP literal's lines)
}

// name is how the tables show the step.
func (st scriptStep) name() string {
	if st.label != "" {
		return st.label
	}
	return st.line
}

// outcome is what one server answered to one step of a script.
type outcome struct {
	step   string          // the step's label
	reply  *protocol.Reply // nil when no reply came
	note   string          // what happened instead of a reply
	want   string          // the prefix the first reply line must have, or ""
	errors int             // after a repeated step: the error replies before the 421
}

// firstLine is the first line of the reply, or the note.
func (o outcome) firstLine() string {
	if o.reply == nil || len(o.reply.Lines) == 0 {
		return o.note
	}
	return o.reply.Lines[0]
}

// scriptDriver runs a script over one session of the project's session
// package, as the prompt does.
type scriptDriver struct {
	t      *testing.T
	s      *session.Session
	closed bool // the server (or the session) ended the connection
}

// runScript connects to url, runs the steps and returns one outcome for
// the greeting, one per step (two for a repeated step) and one saying
// whether the server closed the connection at the end. A server that cannot
// be reached fails the test.
func runScript(t *testing.T, url string, steps []scriptStep) []outcome {
	t.Helper()
	target, err := session.ParseURL(url)
	if err != nil {
		t.Fatalf("conformance: %v", err)
	}
	s, err := session.Dial(context.Background(), target, session.Options{Timeout: conformanceTimeout})
	if err != nil {
		t.Fatalf("conformance: %v", err)
	}
	d := &scriptDriver{t: t, s: s}
	defer d.close()
	greeting := d.await(labelGreet)
	greeting.want = map[protocol.Protocol]string{protocol.SMTP: "220", protocol.POP3: "+OK", protocol.IMAP: "* OK"}[target.Protocol]
	outs := []outcome{greeting}
	for _, st := range steps {
		switch {
		case d.closed && st.repeat > 0:
			outs = append(outs, outcome{step: st.name(), note: noteNotSent, want: st.want},
				outcome{step: labelTooMany, note: noteNotSent, want: want421})
		case d.closed:
			outs = append(outs, outcome{step: st.name(), note: noteNotSent, want: st.want})
		case st.repeat > 0:
			outs = append(outs, d.repeat(st)...)
		default:
			outs = append(outs, d.step(st))
		}
	}
	return append(outs, d.end())
}

// step sends one line (or a DATA body) and returns the reply.
func (d *scriptDriver) step(st scriptStep) outcome {
	d.t.Helper()
	var err error
	if st.body != nil {
		err = d.s.SendData(st.body)
	} else {
		err = d.s.Send(st.line, session.SendOptions{Secret: st.secret})
		for _, line := range st.then {
			if err == nil {
				err = d.s.Send(line, session.SendOptions{})
			}
		}
	}
	o := d.await(st.name()) // a reply may be waiting even if the write failed
	if err != nil && o.reply == nil {
		o.note = fmt.Sprintf("%s (send: %v)", o.note, err)
	}
	o.want = st.want
	return o
}

// repeat sends the step's line until the server answers 421 or closes,
// at most st.repeat times. It returns the reply to the first one and the
// 421 (or what came instead), with the number of error replies before it.
func (d *scriptDriver) repeat(st scriptStep) []outcome {
	d.t.Helper()
	var first outcome
	last := outcome{step: labelTooMany, want: want421}
	errs := 0
	for i := range st.repeat {
		o := d.step(st)
		if i == 0 {
			first = o
		}
		if o.reply == nil || o.reply.Code == 421 {
			last.reply, last.note = o.reply, o.note
			break
		}
		if o.reply.Class == protocol.ClassTransient || o.reply.Class == protocol.ClassPermanent {
			errs++
		}
	}
	if last.reply == nil && last.note == "" {
		last.note = fmt.Sprintf("no 421 after %d errors", errs)
	}
	last.errors = errs
	return []outcome{first, last}
}

// await returns the next reply, or an outcome saying the connection closed.
func (d *scriptDriver) await(label string) outcome {
	d.t.Helper()
	timer := time.NewTimer(conformanceTimeout + 5*time.Second)
	defer timer.Stop()
	for {
		select {
		case e, ok := <-d.s.Events():
			if !ok || e.Kind == session.Closed {
				d.closed = true
				return outcome{step: label, note: noteClosed}
			}
			if e.Kind == session.Received && (!e.Reply.Pending || e.Reply.Tag == "+") {
				return outcome{step: label, reply: e.Reply} // IMAP: the completion or a continuation, not data
			}
		case <-timer.C:
			d.t.Fatalf("conformance: %s: no reply from %s within %v", label, d.s.Target(), conformanceTimeout)
		}
	}
}

// end reports whether the server closed the connection after the script
// (it should after QUIT and after a 421).
func (d *scriptDriver) end() outcome {
	o := outcome{step: labelEnd, note: noteClosed, want: noteClosed}
	if d.closed {
		return o
	}
	timer := time.NewTimer(closeWait)
	defer timer.Stop()
	for {
		select {
		case e, ok := <-d.s.Events():
			if !ok || e.Kind == session.Closed {
				d.closed = true
				return o
			}
			if e.Kind == session.Received {
				o.note = "unexpected reply: " + e.Reply.Lines[0]
				return o
			}
		case <-timer.C:
			o.note = noteOpen
			return o
		}
	}
}

// close ends the session and drains its events so its reader can stop.
func (d *scriptDriver) close() {
	_ = d.s.Close()
	go func() {
		for range d.s.Events() {
		}
	}()
}
