package session_test

import (
	"encoding/base64"
	"errors"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/mailtutor/mailtutor/lab/labtest"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// plainBackend is a go-smtp backend that counts the AUTH exchanges begun
// and the credentials it received.
type plainBackend struct {
	auths atomic.Int32 // AUTH commands that reached the server
	creds atomic.Int32 // credentials that reached the server
}

func (b *plainBackend) NewSession(*smtp.Conn) (smtp.Session, error) { return &plainSession{b: b}, nil }

type plainSession struct{ b *plainBackend }

func (s *plainSession) AuthMechanisms() []string { return []string{sasl.Plain, sasl.Login} }
func (s *plainSession) Auth(mech string) (sasl.Server, error) {
	s.b.auths.Add(1)
	check := func(user, pass string) error {
		s.b.creds.Add(1)
		return nil
	}
	if mech == sasl.Login {
		return &loginServer{check: check}, nil
	}
	return sasl.NewPlainServer(func(_, user, pass string) error { return check(user, pass) }), nil
}
func (s *plainSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *plainSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *plainSession) Data(r io.Reader) error {
	_, err := io.Copy(io.Discard, r)
	return err
}
func (s *plainSession) Reset()        {}
func (s *plainSession) Logout() error { return nil }

// startPlainGoSMTP runs go-smtp on 127.0.0.1:0 with no TLS at all: it
// answers STARTTLS with 502.
func startPlainGoSMTP(t *testing.T) (string, *plainBackend) {
	t.Helper()
	be := &plainBackend{}
	srv := smtp.NewServer(be)
	srv.Domain = "plain.test"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout = 10 * time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), be
}

var plainCreds = "AUTH PLAIN " + base64.StdEncoding.EncodeToString([]byte("\x00student\x00secret123"))

// TestNoCredentialInClearAfterTLSRefused: once STARTTLS was asked for and
// refused, no credential goes out in clear (a typed AUTH with its
// response, an answer to a challenge, a line a helper marked secret),
// and the refusal says why and the way out, in the session's language.
// The user's confirmation (AllowPlaintext) sends it.
func TestNoCredentialInClearAfterTLSRefused(t *testing.T) {
	for _, tc := range []struct {
		name   string
		before []string // sent and answered before the credential
		line   string
		so     session.SendOptions
		lang   protocol.Lang
		want   []string
	}{
		{"AUTH PLAIN with its response", nil, plainCreds, session.SendOptions{}, protocol.English,
			[]string{"refusing to send a credential in clear", "(STARTTLS)", "--allow-plaintext-auth"}},
		{"the answer to AUTH LOGIN's challenge", []string{"AUTH LOGIN"}, "c3R1ZGVudA==", session.SendOptions{}, protocol.English,
			[]string{"refusing to send a credential in clear"}},
		{"a helper's secret line", nil, "AUTH PLAIN", session.SendOptions{Secret: true, Display: "AUTH PLAIN"}, protocol.English,
			[]string{"refusing"}},
		{"in Chinese", nil, plainCreds, session.SendOptions{}, protocol.Chinese,
			[]string{"拒绝以明文发送凭据", "--allow-plaintext-auth"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr, be := startPlainGoSMTP(t)
			c := dial(t, "smtp://"+addr, session.Options{Lang: tc.lang})
			c.do("EHLO client.test", 250)
			c.do("STARTTLS", 502)
			for _, l := range tc.before {
				c.do(l, 334)
			}
			err := c.s.Send(tc.line, tc.so)
			var pe *session.PlaintextError
			if !errors.As(err, &pe) || pe.StartTLS != "STARTTLS" {
				t.Fatalf("Send = %v, want a PlaintextError naming STARTTLS", err)
			}
			if risk := c.s.PlaintextRisk(tc.line, tc.so); risk == nil {
				t.Error("PlaintextRisk does not say what Send refused")
			}
			for _, want := range tc.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the refusal %q does not say %q", err, want)
				}
			}
			if c.s.Mode() == session.ModeAuth {
				c.do("*", 0) // "*" cancels the exchange: no credential, it goes out
			}
			c.do("NOOP", 250) // the session goes on; nothing else went out
			if n := be.creds.Load(); n != 0 {
				t.Fatalf("%d credential(s) reached the server", n)
			}
			for _, l := range tc.before {
				c.do(l, 334)
			}
			tc.so.AllowPlaintext = true // the user said yes
			if err := c.s.Send(tc.line, tc.so); err != nil {
				t.Fatalf("confirmed: %v", err)
			}
			c.next(session.Received)
		})
	}
}

// TestPlaintextAllowedWhereItIsSafeOrAsked: on loopback with no TLS asked
// for, a credential goes out (the lab's lessons); a script's
// AllowPlaintextAuth sends it even after TLS was refused; a line that
// holds no credential is never refused.
func TestPlaintextAllowedWhereItIsSafeOrAsked(t *testing.T) {
	t.Run("loopback, no TLS asked for", func(t *testing.T) {
		addr, be := startPlainGoSMTP(t)
		c := dial(t, "smtp://"+addr, session.Options{})
		c.do("EHLO client.test", 250)
		c.do(plainCreds, 235)
		if be.creds.Load() != 1 {
			t.Error("the credential did not reach the server")
		}
	})
	t.Run("--allow-plaintext-auth", func(t *testing.T) {
		addr, _ := startPlainGoSMTP(t)
		c := dial(t, "smtp://"+addr, session.Options{AllowPlaintextAuth: true})
		c.do("EHLO client.test", 250)
		c.do("STARTTLS", 502)
		c.do(plainCreds, 235)
	})
	t.Run("no credential", func(t *testing.T) {
		addr, _ := startPlainGoSMTP(t)
		c := dial(t, "smtp://"+addr, session.Options{})
		c.do("STARTTLS", 502)
		c.do("EHLO client.test", 250)
		c.do("MAIL FROM:<student@example.test>", 250)
		if risk := c.s.PlaintextRisk("RCPT TO:<a@example.test>", session.SendOptions{}); risk != nil {
			t.Errorf("a plain command is called a risk: %v", risk)
		}
	})
}

// TestLabRefusedSTARTTLS: the lab refuses a malformed STARTTLS (501);
// the AUTH that follows stays on this side. After a STARTTLS that works,
// the same AUTH goes out, encrypted.
func TestLabRefusedSTARTTLS(t *testing.T) {
	l := labtest.Start(t)
	svc, _ := l.Service("submission")
	c := dial(t, svc.URL, session.Options{CAPEM: l.CertPEM()})
	c.do("EHLO client.test", 250)
	c.do("STARTTLS now", 501)
	var pe *session.PlaintextError
	if err := c.s.Send(plainCreds, session.SendOptions{}); !errors.As(err, &pe) {
		t.Fatalf("Send after a refused STARTTLS = %v, want a PlaintextError", err)
	}
	c.do("STARTTLS", 220)
	c.next(session.TLSUp)
	c.do("EHLO client.test", 250)
	c.do(plainCreds, 235)
}
