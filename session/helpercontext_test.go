package session_test

import (
	"errors"
	"testing"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/internal/testkit"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// TestHelperContextOf: the context carries what each dialect says about
// its SASL verb and APOP, and the exchange only while one is open.
func TestHelperContextOf(t *testing.T) {
	open := protocol.State{Input: protocol.InputSASL, Mechanism: "CRAM-MD5", Challenge: "PDFAeD4=", Greeting: "hi <1@x>"}
	shut := protocol.State{Input: protocol.InputCommand, Mechanism: "CRAM-MD5", Challenge: "stale", Greeting: "hi <1@x>"}
	for _, d := range protocol.Dialects() {
		auth := d.Auth()
		got := session.HelperContextOf(d, open)
		want := codec.Context{Protocol: string(d.Protocol()), Greeting: "hi <1@x>", SASLVerb: auth.SASLVerb, APOP: auth.APOP,
			InSASL: true, Mechanism: "CRAM-MD5", Challenge: "PDFAeD4="}
		if got != want {
			t.Errorf("%s, SASL open:\n got %+v\nwant %+v", d.Protocol(), got, want)
		}
		want.InSASL, want.Mechanism, want.Challenge = false, "", ""
		if got := session.HelperContextOf(d, shut); got != want {
			t.Errorf("%s, between commands:\n got %+v\nwant %+v", d.Protocol(), got, want)
		}
	}
	if got := session.HelperContextOf(nil, shut); got != (codec.Context{Greeting: "hi <1@x>"}) {
		t.Errorf("no dialect: %+v", got)
	}
}

// helper expands a typed line in the session's context and sends it; it
// returns the reply, or the expander's error with nothing sent.
func (c *conv) helper(line string, want int) (session.Event, error) {
	c.t.Helper()
	exp, err := codec.Expand(line, c.s.HelperContext())
	if err != nil {
		if p := c.s.Pending(); p != 0 {
			c.t.Fatalf("%q refused but %d line(s) await a reply", line, p)
		}
		return session.Event{}, err
	}
	if err := c.s.Send(exp.Send, session.SendOptions{Display: exp.Display, Secret: exp.Secret}); err != nil {
		c.t.Fatalf("send %q: %v", line, err)
	}
	e := c.next(session.Received)
	if want != 0 && e.Reply.Code != want {
		c.t.Fatalf("%q: got %q, want %d", line, e.Reply.Lines, want)
	}
	return e, nil
}

// refused fails the test unless the helper line is refused for why, with
// nothing sent.
func (c *conv) refused(line string, why error) {
	c.t.Helper()
	sent := len(c.events)
	_, err := c.helper(line, 0)
	if !errors.Is(err, why) {
		c.t.Fatalf("%q: error %v, want %v", line, err, why)
	}
	for _, e := range c.events[sent:] {
		if e.Kind == session.Sent {
			c.t.Fatalf("%q was refused but %q was sent", line, e.Redacted)
		}
	}
}

// The SMTP credential helpers against the lab's submission service: the
// PLAIN response alone inside an open PLAIN exchange, :cram only with a
// CRAM-MD5 challenge open, no :apop in SMTP.
func TestSMTPHelpersAgainstTheLab(t *testing.T) {
	l := testkit.StartLab(t)
	svc, _ := l.Service("submission")
	login := func(t *testing.T, steps func(c *conv)) *conv {
		t.Helper()
		c := dial(t, svc.URL, session.Options{CAPEM: l.CertPEM()})
		c.do("EHLO client.test", 250)
		steps(c)
		c.do("MAIL FROM:<student@example.test>", 250) // only a logged-in client may
		return c
	}
	t.Run(":plain starts AUTH PLAIN", func(t *testing.T) {
		login(t, func(c *conv) {
			c.helper(":plain student secret123", 235)
			if s := c.lastSent(); s.Line != "AUTH PLAIN "+codec.PlainResponse("", "student", "secret123") ||
				s.Redacted != "AUTH PLAIN <redacted>" {
				t.Fatalf("sent %q, redacted %q", s.Line, s.Redacted)
			}
		})
	})
	t.Run(":plain answers an open AUTH PLAIN", func(t *testing.T) {
		login(t, func(c *conv) {
			c.do("AUTH PLAIN", 334)
			c.refused(":cram student secret123", codec.ErrOtherExchange)
			c.refused(":apop student secret123", codec.ErrNoAPOP)
			c.helper(":plain student secret123", 235)
			if s := c.lastSent(); s.Line != codec.PlainResponse("", "student", "secret123") || s.Redacted != protocol.Redacted {
				t.Fatalf("sent %q, redacted %q; want the bare response, redacted", s.Line, s.Redacted)
			}
		})
	})
	t.Run("{plain:} typed as the whole answer", func(t *testing.T) {
		login(t, func(c *conv) {
			c.do("auth plain", 334)
			c.helper("{plain:student secret123}", 235)
		})
	})
	t.Run(":cram with and without a challenge", func(t *testing.T) {
		login(t, func(c *conv) {
			c.refused(":cram student secret123", codec.ErrNoChallenge)
			c.do("AUTH LOGIN", 334)
			c.refused(":cram student secret123", codec.ErrOtherExchange)
			c.refused(":plain student secret123", codec.ErrOtherExchange)
			c.do("*", 501)
			c.do("AUTH CRAM-MD5", 334)
			c.helper(":cram student secret123", 235)
		})
	})
}

// The POP3 credential helpers against the lab: :apop from the greeting's
// timestamp, :plain both ways, :cram only inside CRAM-MD5. The lab allows
// PLAIN only over TLS away from loopback; the test is on loopback.
//
// Each case has a lab of its own: the maildrop of the previous case may
// still be locked for a moment after its connection closed ([IN-USE]).
func TestPOP3HelpersAgainstTheLab(t *testing.T) {
	tests := []struct {
		name  string
		steps func(c *conv)
	}{
		{":apop", func(c *conv) {
			c.refused(":cram student secret123", codec.ErrNoChallenge)
			c.helper(":apop student secret123", 0)
		}},
		{":plain starts AUTH PLAIN", func(c *conv) { c.helper(":plain student secret123", 0) }},
		{":plain answers an open AUTH PLAIN", func(c *conv) {
			c.do("AUTH PLAIN", 0)
			c.refused(":apop student secret123", codec.ErrOtherExchange)
			c.helper(":plain student secret123", 0)
		}},
		{":cram answers CRAM-MD5", func(c *conv) {
			c.do("AUTH CRAM-MD5", 0)
			c.refused(":plain student secret123", codec.ErrOtherExchange)
			c.helper(":cram student secret123", 0)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := testkit.StartLab(t)
			svc, _ := l.Service("pop3")
			c := dial(t, svc.URL, session.Options{CAPEM: l.CertPEM()})
			tt.steps(c)
			if e := c.do("STAT", 0); e.Reply.Class != protocol.ClassOK {
				t.Fatalf("STAT after logging in: %q", e.Reply.Lines)
			}
		})
	}
}
