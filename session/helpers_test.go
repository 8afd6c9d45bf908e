package session_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/mailtutor/mailtutor/lab"
	"github.com/mailtutor/mailtutor/session"
)

// testCert makes a self-signed certificate for 127.0.0.1 and localhost.
func testCert(t *testing.T) (tls.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "mail.test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:         true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, _ := x509.MarshalECPrivateKey(key)
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder})
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	return cert, certPEM
}

// backend is a go-smtp backend that accepts student/secret123 via PLAIN
// and keeps every message.
type backend struct {
	mu   sync.Mutex
	msgs [][]byte
}

func (b *backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpSession{b: b}, nil }

func (b *backend) messages() [][]byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([][]byte(nil), b.msgs...)
}

type smtpSession struct {
	b    *backend
	auth bool
}

func (s *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain, sasl.Login} }
func (s *smtpSession) Auth(mech string) (sasl.Server, error) {
	if mech == sasl.Login {
		return &loginServer{check: s.check}, nil
	}
	return sasl.NewPlainServer(func(id, user, pass string) error {
		if user != "student" || pass != "secret123" {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
		}
		s.auth = true
		return nil
	}), nil
}
func (s *smtpSession) check(user, pass string) error {
	if user != "student" || pass != "secret123" {
		return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
	}
	s.auth = true
	return nil
}

// loginServer is the LOGIN mechanism (go-sasl has no server for it):
// "Username:" then "Password:", as RFC 4954 examples show.
type loginServer struct {
	check func(user, pass string) error
	user  string
	step  int
}

func (l *loginServer) Next(response []byte) ([]byte, bool, error) {
	switch l.step++; l.step {
	case 1:
		if response != nil { // an initial response is the user name
			l.user, l.step = string(response), 2
			return []byte("Password:"), false, nil
		}
		return []byte("Username:"), false, nil
	case 2:
		l.user = string(response)
		return []byte("Password:"), false, nil
	}
	return nil, true, l.check(l.user, string(response))
}

func (s *smtpSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *smtpSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *smtpSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.b.mu.Lock()
	s.b.msgs = append(s.b.msgs, data)
	s.b.mu.Unlock()
	return nil
}
func (s *smtpSession) Reset()        {}
func (s *smtpSession) Logout() error { return nil }

// startGoSMTP runs a real go-smtp server on 127.0.0.1:0 with STARTTLS.
func startGoSMTP(t *testing.T) (addr string, be *backend, caPEM []byte) {
	t.Helper()
	cert, caPEM := testCert(t)
	be = &backend{}
	srv := smtp.NewServer(be)
	srv.Domain = "mail.test"
	srv.AllowInsecureAuth = true
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.ReadTimeout = 10 * time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), be, caPEM
}

// conv drives a session in tests: it sends lines and collects events.
type conv struct {
	t      *testing.T
	s      *session.Session
	events []session.Event
}

func dial(t *testing.T, url string, o session.Options) *conv {
	t.Helper()
	target, err := session.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	if o.Timeout == 0 {
		o.Timeout = 5 * time.Second
	}
	s, err := session.Dial(context.Background(), target, o)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	t.Cleanup(func() { s.Close() })
	c := &conv{t: t, s: s}
	c.next(session.Received) // greeting
	return c
}

// next returns the next event of the kind, keeping all events seen.
func (c *conv) next(kind session.Kind) session.Event {
	c.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case e, ok := <-c.s.Events():
			if !ok {
				c.t.Fatalf("event stream ended while waiting for kind %d", kind)
			}
			c.events = append(c.events, e)
			if e.Kind == kind {
				return e
			}
			if e.Kind == session.Closed {
				c.t.Fatalf("connection closed while waiting for kind %d: %v", kind, e.Err)
			}
		case <-timeout:
			c.t.Fatalf("no event of kind %d within 10s", kind)
		}
	}
}

// do sends a line and returns its reply.
func (c *conv) do(line string, want int) session.Event {
	c.t.Helper()
	if err := c.s.Send(line, session.SendOptions{}); err != nil {
		c.t.Fatalf("send %q: %v", line, err)
	}
	e := c.next(session.Received)
	if want != 0 && e.Reply.Code != want {
		c.t.Fatalf("%q: got %v, want code %d", line, e.Reply.Lines, want)
	}
	return e
}

// lastSent is the last Sent event seen.
func (c *conv) lastSent() session.Event {
	for i := len(c.events) - 1; i >= 0; i-- {
		if c.events[i].Kind == session.Sent {
			return c.events[i]
		}
	}
	c.t.Fatal("no Sent event")
	return session.Event{}
}

func waitClosed(t *testing.T, s *session.Session) session.Event {
	t.Helper()
	for e := range s.Events() {
		if e.Kind == session.Closed {
			return e
		}
	}
	t.Fatal("events ended without Closed")
	return session.Event{}
}

// deliverToLab sends one message with the given body lines to
// student@example.test through the lab's SMTP service. The body is sent
// while its events are read, so a body of any length cannot fill the
// event queue.
func deliverToLab(t *testing.T, l *lab.Lab, body []string) {
	t.Helper()
	svc, _ := l.Service("smtp")
	send := dial(t, svc.URL, session.Options{})
	send.do("EHLO client.test", 250)
	send.do("MAIL FROM:<a@other.test>", 250)
	send.do("RCPT TO:<student@example.test>", 250)
	send.do("DATA", 354)
	sent := make(chan error, 1)
	go func() { sent <- send.s.SendData(body) }()
	e := send.next(session.Received)
	if err := <-sent; err != nil {
		t.Fatal(err)
	}
	if e.Reply.Code != 250 {
		t.Fatalf("message refused: %q", e.Reply.Lines)
	}
}
