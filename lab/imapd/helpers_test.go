package imapd

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"

	"github.com/mailtutor/mailtutor/lab/mailstore"
)

// testServer is an IMAP server over a temporary store on 127.0.0.1:0.
type testServer struct {
	addr  string
	store *mailstore.Store
	tls   *tls.Config
	cfg   Config
}

// testUsers are the accounts of the test server.
var testUsers = map[string]string{"student": "secret123", "teacher": "teach456"}

// startServer starts a server; change adjusts its configuration first.
func startServer(t testing.TB, change func(*Config)) *testServer {
	t.Helper()
	store, err := mailstore.Open("")
	if err != nil {
		t.Fatal(err)
	}
	tlsConfig := testTLSConfig(t)
	cfg := Config{
		Store:    store,
		Greeting: "mailtutor lab IMAP ready.",
		Login: func(login, password string) (string, bool) {
			want, ok := testUsers[login]
			return login, ok && want == password
		},
		NewSASL: func(mech string, user *string) (sasl.Server, bool) {
			if !strings.EqualFold(mech, sasl.Plain) {
				return nil, false
			}
			return sasl.NewPlainServer(func(_, login, password string) error {
				if want, ok := testUsers[login]; ok && want == password {
					*user = login
					return nil
				}
				return sasl.ErrUnexpectedClientResponse
			}), true
		},
		Mechanisms:      []string{sasl.Plain},
		PlaintextAuth:   func(net.Conn) bool { return true },
		TLSConfig:       tlsConfig,
		MaxMessageBytes: 1 << 20,
		MaxErrors:       10,
		IdleTimeout:     time.Minute,
		Logf:            t.Logf,
	}
	if change != nil {
		change(&cfg)
	}
	srv := New(cfg)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				srv.ServeConn(conn, conn, false)
			}()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		<-done
		_ = srv.Close()
		_ = store.Close()
	})
	return &testServer{addr: ln.Addr().String(), store: store, tls: tlsConfig, cfg: cfg}
}

// config is the configuration the server runs with, without its log (a
// fuzz target's goroutines may outlive a log call's test).
func (s *testServer) config(testing.TB) Config {
	cfg := s.cfg
	cfg.Logf = nil
	return cfg
}

// testTLSConfig makes a self-signed certificate for 127.0.0.1.
func testTLSConfig(t testing.TB) *tls.Config {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}},
		MinVersion: tls.VersionTLS12}
}

// login dials the server with go-imap's client and logs in as student.
func (s *testServer) login(t *testing.T, opts *imapclient.Options) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(s.addr, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	if err := c.Login("student", "secret123").Wait(); err != nil {
		t.Fatalf("LOGIN: %v", err)
	}
	return c
}

// deliver puts a message in student's INBOX, as the lab's SMTP does.
func (s *testServer) deliver(t *testing.T, msg string) {
	t.Helper()
	if _, err := s.store.Deliver([]string{"student"}, strings.NewReader(msg)); err != nil {
		t.Fatal(err)
	}
}

// rawConn is a line-level client for checking exact replies.
type rawConn struct {
	t    *testing.T
	conn net.Conn
	r    *bufio.Reader
}

// dialRaw connects and reads the greeting.
func (s *testServer) dialRaw(t *testing.T) (*rawConn, string) {
	t.Helper()
	conn, err := net.Dial("tcp", s.addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	c := &rawConn{t: t, conn: conn, r: bufio.NewReader(conn)}
	return c, c.line()
}

// line reads one line without its CRLF ("" at EOF).
func (c *rawConn) line() string {
	c.t.Helper()
	_ = c.conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	l, err := c.r.ReadString('\n')
	if err != nil && l == "" {
		return ""
	}
	return strings.TrimRight(l, "\r\n")
}

// send writes raw text.
func (c *rawConn) send(s string) {
	c.t.Helper()
	if _, err := c.conn.Write([]byte(s)); err != nil {
		c.t.Fatal(err)
	}
}

// cmd sends a command line and returns every line up to the tagged reply.
func (c *rawConn) cmd(tag, line string) []string {
	c.t.Helper()
	c.send(tag + " " + line + "\r\n")
	return c.until(tag)
}

// until reads lines up to the one starting with tag.
func (c *rawConn) until(tag string) []string {
	c.t.Helper()
	var out []string
	for {
		l := c.line()
		out = append(out, l)
		if l == "" || strings.HasPrefix(l, tag+" ") {
			return out
		}
	}
}

// last is the last of lines.
func last(lines []string) string { return lines[len(lines)-1] }

// sample is a small multipart message.
const sample = "From: Teacher <teacher@example.test>\r\n" +
	"To: student@example.test\r\n" +
	"Subject: Lesson one\r\n" +
	"Date: Mon, 30 Nov 2026 10:00:00 +0000\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: multipart/mixed; boundary=\"b1\"\r\n" +
	"\r\n" +
	"--b1\r\n" +
	"Content-Type: text/plain; charset=utf-8\r\n" +
	"\r\n" +
	"Hello student, this is the body.\r\n" +
	"--b1\r\n" +
	"Content-Type: application/octet-stream\r\n" +
	"Content-Transfer-Encoding: base64\r\n" +
	"\r\n" +
	"aGVsbG8=\r\n" +
	"--b1--\r\n"

// plain is a one-part message with the given subject.
func plain(subject string) string {
	return "From: teacher@example.test\r\nTo: student@example.test\r\nSubject: " + subject +
		"\r\n\r\nBody of " + subject + ".\r\n"
}
