package session_test

import (
	"errors"
	"testing"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/lab/labtest"
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

// authenticateDialect is a dialect whose SASL verb is IMAP's AUTHENTICATE,
// for the helpers' context until the IMAP dialect is registered.
type authenticateDialect struct{ toyDialect }

func (authenticateDialect) Auth() protocol.AuthSyntax {
	return protocol.AuthSyntax{SASLVerb: "AUTHENTICATE"}
}

// TestHelperContextOfAdvertised: SASLIR and UTF8 follow what the server
// advertised, in any letter case, in every dialect; and what the IMAP
// helpers build follows them.
func TestHelperContextOfAdvertised(t *testing.T) {
	tests := []struct {
		name         string
		extensions   []string
		saslIR, utf8 bool
	}{
		{"nothing advertised", nil, false, false},
		{"IMAP4rev1 only", []string{"IMAP4rev1", "AUTH=PLAIN", "LITERAL+"}, false, false},
		{"SASL-IR", []string{"IMAP4rev1", "SASL-IR", "AUTH=PLAIN"}, true, false},
		{"UTF8=ACCEPT", []string{"IMAP4rev1", "UTF8=ACCEPT"}, false, true},
		{"IMAP4rev2, lower case", []string{"imap4rev2", "sasl-ir"}, true, true},
		{"SMTP keywords", []string{"PIPELINING", "SMTPUTF8", "AUTH PLAIN LOGIN"}, false, false},
		{"look-alikes", []string{"SASL-IRX", "UTF8=ONLY", "UTF8", "IMAP4rev2x"}, false, false},
	}
	dialects := append(protocol.Dialects(), authenticateDialect{})
	for _, tt := range tests {
		st := protocol.State{Input: protocol.InputCommand, Extensions: tt.extensions, Advertised: true}
		for _, d := range dialects {
			got := session.HelperContextOf(d, st)
			if got.SASLIR != tt.saslIR || got.UTF8 != tt.utf8 {
				t.Errorf("%s, %s: SASLIR %v UTF8 %v, want %v %v", tt.name, d.Protocol(), got.SASLIR, got.UTF8, tt.saslIR, tt.utf8)
			}
		}
	}

	imap := func(extensions ...string) codec.Context {
		return session.HelperContextOf(authenticateDialect{}, protocol.State{Extensions: extensions, Advertised: true})
	}
	plain := codec.PlainResponse("", "student", "secret123")
	sends := []struct {
		line string
		ctx  codec.Context
		want string
	}{
		{":plain student secret123", imap("IMAP4rev1", "SASL-IR"), "AUTHENTICATE PLAIN " + plain},
		{":plain student secret123", imap("IMAP4rev1"), "AUTHENTICATE PLAIN"},
		{":login 学生 secret123", imap("IMAP4rev1", "UTF8=ACCEPT"), `LOGIN "学生" secret123`},
		{":login student secret123", imap(), "LOGIN student secret123"},
	}
	for _, s := range sends {
		exp, err := codec.Expand(s.line, s.ctx)
		if err != nil || exp.Send != s.want || !exp.Secret {
			t.Errorf("Expand(%q) in %+v = %q (secret %v), %v; want %q", s.line, s.ctx, exp.Send, exp.Secret, err, s.want)
		}
	}
	if _, err := codec.Expand(":login 学生 secret123", imap("IMAP4rev1")); !errors.Is(err, codec.ErrUnquotable) {
		t.Errorf(":login with a non-ASCII user and no UTF8=ACCEPT: %v, want ErrUnquotable", err)
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
	l := labtest.Start(t)
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
			l := labtest.Start(t)
			svc, _ := l.Service("pop3")
			c := dial(t, svc.URL, session.Options{CAPEM: l.CertPEM()})
			tt.steps(c)
			if e := c.do("STAT", 0); e.Reply.Class != protocol.ClassOK {
				t.Fatalf("STAT after logging in: %q", e.Reply.Lines)
			}
			// QUIT gives the maildrop back before its +OK: without it the
			// next subtest may find it still locked by this session.
			c.do("QUIT", 0)
		})
	}
}
