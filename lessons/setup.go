package lessons

import (
	"fmt"
	"io"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/internal/render"
)

// setup delivers the lesson's letters through the smtp service, quietly.
func (r *runner) setup() error {
	if len(r.l.Setup) == 0 {
		return nil
	}
	srv, ok := r.o.Servers["smtp"]
	if !ok {
		r.out.Info(msg(r.o.Lang, "setupSkip", len(r.l.Setup)))
		return nil
	}
	for i, m := range r.l.Setup {
		if err := deliver(srv, m, r.acct, r.o.Timeout); err != nil {
			return fmt.Errorf("lesson setup, message %d: %w", i+1, err)
		}
	}
	r.out.Info(msg(r.o.Lang, "setup", len(r.l.Setup)))
	return nil
}

// deliver sends one letter in a plain SMTP session and checks every reply.
func deliver(srv Server, m Letter, acct Account, timeout time.Duration) error {
	quiet := render.New(io.Discard, false, false)
	c, err := dialLive(srv, quiet, timeout)
	if err != nil {
		return err
	}
	defer c.close()
	want := func(code int, what string) error {
		rep, err := c.reply("")
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if rep.Code != code {
			return fmt.Errorf("%s: the server answered %q", what, rep.Lines[0])
		}
		return nil
	}
	if err := want(220, "greeting"); err != nil {
		return err
	}
	steps := []struct {
		line string
		code int
	}{
		{"EHLO lesson.setup", 250},
		{"MAIL FROM:<" + fillAccount(m.From, acct) + ">", 250},
		{"RCPT TO:<" + fillAccount(m.To, acct) + ">", 250},
		{"DATA", 354},
	}
	for _, s := range steps {
		if err := c.send(codec.Expansion{Send: s.line}); err != nil {
			return err
		}
		if err := want(s.code, s.line); err != nil {
			return err
		}
	}
	if err := c.sendData(bodyLines(fillAccount(m.Body, acct))); err != nil {
		return err
	}
	if err := want(250, "end of DATA"); err != nil {
		return err
	}
	return c.send(codec.Expansion{Send: "QUIT"})
}
