package lab

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/mailtutor/mailtutor/codec"
)

// secretsInLogs are strings that must never reach Logf: the practice
// passwords, plain and base64-encoded.
var secretsInLogs = []string{"secret123", "teach456", "c2VjcmV0MTIz", "dGVhY2g0NTY="}

// logRecorder collects the lab's log lines.
type logRecorder struct {
	mu    sync.Mutex
	lines []string
}

func (r *logRecorder) logf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lines = append(r.lines, fmt.Sprintf(format, args...))
}

func (r *logRecorder) text() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.lines, "\n")
}

// startLab starts a lab on free loopback ports; edit may change the config.
// At cleanup it closes the lab and checks that no password was logged.
func startLab(t *testing.T, edit func(*Config)) (*Lab, *logRecorder) {
	t.Helper()
	logs := &logRecorder{}
	cfg := TestConfig()
	cfg.Logf = logs.logf
	// Short waits, so that tests making errors stay fast; the tests of the
	// limits set their own.
	cfg.ErrorSleep, cfg.AuthDelay, cfg.AuthMaxDelay = time.Millisecond, time.Millisecond, 8*time.Millisecond
	if edit != nil {
		edit(&cfg)
	}
	l, err := Start(cfg)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := l.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		text := logs.text()
		for _, secret := range secretsInLogs {
			if strings.Contains(text, secret) {
				t.Errorf("a secret (%q) reached the log:\n%s", secret, text)
			}
		}
	})
	return l, logs
}

// addr returns the address of a lab service.
func addr(t *testing.T, l *Lab, name string) string {
	t.Helper()
	s, ok := l.Service(name)
	if !ok {
		t.Fatalf("no service %q", name)
	}
	return s.Addr
}

// clientTLS trusts the lab's certificate and nothing else.
func clientTLS(t *testing.T, l *Lab) *tls.Config {
	t.Helper()
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(l.CertPEM()) {
		t.Fatal("CertPEM holds no certificate")
	}
	return &tls.Config{RootCAs: roots, ServerName: "127.0.0.1"}
}

// rawClient speaks a line protocol by hand, to check exact reply lines.
type rawClient struct {
	t    *testing.T
	conn net.Conn
	text *textproto.Conn
}

// dialRaw connects in plaintext; with a TLS config, over implicit TLS.
func dialRaw(t *testing.T, address string, tlsConfig *tls.Config) *rawClient {
	t.Helper()
	conn, err := net.DialTimeout("tcp", address, 5*time.Second)
	if err != nil {
		t.Fatalf("dial %s: %v", address, err)
	}
	if tlsConfig != nil {
		conn = tls.Client(conn, tlsConfig)
	}
	_ = conn.SetDeadline(time.Now().Add(20 * time.Second))
	c := &rawClient{t: t, conn: conn, text: textproto.NewConn(conn)}
	t.Cleanup(func() { _ = conn.Close() })
	return c
}

// upgrade switches the client to TLS after STARTTLS/STLS was accepted.
func (c *rawClient) upgrade(tlsConfig *tls.Config) {
	c.t.Helper()
	tlsConn := tls.Client(c.conn, tlsConfig)
	if err := tlsConn.Handshake(); err != nil {
		c.t.Fatalf("TLS handshake: %v", err)
	}
	c.conn, c.text = tlsConn, textproto.NewConn(tlsConn)
}

// send writes one line with CRLF.
func (c *rawClient) send(line string) {
	c.t.Helper()
	if err := c.text.PrintfLine("%s", line); err != nil {
		c.t.Fatalf("send %q: %v", line, err)
	}
}

// line reads one reply line.
func (c *rawClient) line() string {
	c.t.Helper()
	line, err := c.text.ReadLine()
	if err != nil {
		c.t.Fatalf("read: %v", err)
	}
	return line
}

// expect reads one line and compares it exactly.
func (c *rawClient) expect(want string) {
	c.t.Helper()
	if got := c.line(); got != want {
		c.t.Fatalf("got  %q\nwant %q", got, want)
	}
}

// cmd sends a line and expects one exact reply line.
func (c *rawClient) cmd(line, want string) {
	c.t.Helper()
	c.send(line)
	c.expect(want)
}

// smtpReply reads a whole SMTP reply, following "250-" continuations.
func (c *rawClient) smtpReply() []string {
	c.t.Helper()
	var lines []string
	for {
		line := c.line()
		lines = append(lines, line)
		if len(line) < 4 || line[3] != '-' {
			return lines
		}
	}
}

// dotBody reads a POP3 multi-line body up to ".", exactly as sent (still
// dot-stuffed, CRLF kept, the final ".\r\n" left out).
func (c *rawClient) dotBody() []byte {
	c.t.Helper()
	var body []byte
	for {
		line, err := c.text.R.ReadSlice('\n')
		if err != nil {
			c.t.Fatalf("read body: %v", err)
		}
		if string(line) == ".\r\n" {
			return body
		}
		body = append(body, line...)
	}
}

// unstuff undoes POP3 dot-stuffing, for comparing with what was sent.
func unstuff(wire []byte) []byte {
	var out []byte
	for _, line := range bytes.SplitAfter(wire, []byte("\r\n")) {
		out = append(out, bytes.TrimPrefix(line, []byte("."))...)
	}
	return out
}

// expectClosed checks that the server closed the connection.
func (c *rawClient) expectClosed() {
	c.t.Helper()
	if line, err := c.text.ReadLine(); err == nil {
		c.t.Fatalf("connection still open, read %q", line)
	}
}

// greetingTimestamp returns the <...> APOP timestamp of a POP3 greeting,
// found as the prompt's :apop helper finds it.
func greetingTimestamp(t *testing.T, greeting string) string {
	t.Helper()
	stamp, ok := codec.APOPTimestamp(greeting)
	if !ok {
		t.Fatalf("greeting %q has no <timestamp>", greeting)
	}
	return stamp
}

// cramClient is a test-only CRAM-MD5 sasl.Client (go-sasl has none).
type cramClient struct{ user, password string }

func (c cramClient) Start() (string, []byte, error) { return "CRAM-MD5", nil, nil }

func (c cramClient) Next(challenge []byte) ([]byte, error) {
	mac := hmac.New(md5.New, []byte(c.password))
	mac.Write(challenge)
	return []byte(c.user + " " + hex.EncodeToString(mac.Sum(nil))), nil
}

// smtpClient dials a lab SMTP service with go-smtp's client: plaintext, or
// implicit TLS when tlsConfig is set.
func smtpClient(t *testing.T, address string, tlsConfig *tls.Config) *smtp.Client {
	t.Helper()
	var c *smtp.Client
	var err error
	if tlsConfig != nil {
		c, err = smtp.DialTLS(address, tlsConfig)
	} else {
		c, err = smtp.Dial(address)
	}
	if err != nil {
		t.Fatalf("dial %s: %v", address, err)
	}
	c.CommandTimeout = 20 * time.Second
	c.SubmissionTimeout = 20 * time.Second
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// smtpCode returns the reply code and enhanced code of a go-smtp error.
func smtpCode(t *testing.T, err error) string {
	t.Helper()
	smtpErr, ok := err.(*smtp.SMTPError)
	if !ok {
		t.Fatalf("want an *smtp.SMTPError, got %T %v", err, err)
	}
	e := smtpErr.EnhancedCode
	return fmt.Sprintf("%d %d.%d.%d", smtpErr.Code, e[0], e[1], e[2])
}

// sendMail sends one message over SMTP with go-smtp's client; a nil error
// means the server said 250 at the end of DATA.
func sendMail(c *smtp.Client, from string, to []string, body []byte) error {
	if err := c.Mail(from, nil); err != nil {
		return err
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt, nil); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(body); err != nil {
		return err
	}
	return w.Close()
}
