package e2e

import (
	"crypto/md5"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"net"
	"net/textproto"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Minimal SMTP and POP3 clients on net/textproto, to check the servers
// without the code under test.

// wireTimeout bounds each exchange with a server.
const wireTimeout = 15 * time.Second

// wireConn is one text-protocol connection with a deadline.
type wireConn struct {
	t    *testing.T
	conn net.Conn
	text *textproto.Conn
}

// dialWire connects to addr (with TLS verified against the servers' CA
// file when tlsCA is not ""); a refused connection fails the test.
func dialWire(t *testing.T, addr, tlsCA string) *wireConn {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, wireTimeout)
	if err != nil {
		t.Fatalf("connect to %s: %v (are the servers up? bash scripts/mailservers.sh start)", addr, err)
	}
	if tlsCA != "" {
		tc := tls.Client(conn, tlsConfig(t, tlsCA))
		conn.SetDeadline(time.Now().Add(wireTimeout))
		if err := tc.Handshake(); err != nil {
			conn.Close()
			t.Fatalf("TLS handshake with %s: %v", addr, err)
		}
		conn = tc
	}
	w := &wireConn{t: t, conn: conn, text: textproto.NewConn(conn)}
	t.Cleanup(func() { w.text.Close() })
	return w
}

// tlsConfig trusts the certificate in caFile, for 127.0.0.1.
func tlsConfig(t *testing.T, caFile string) *tls.Config {
	t.Helper()
	pem, err := os.ReadFile(caFile)
	if err != nil {
		t.Fatalf("read the servers' certificate: %v", err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(pem) {
		t.Fatalf("no certificate in %s", caFile)
	}
	return &tls.Config{RootCAs: roots, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
}

// startTLS upgrades the connection in the middle of a session.
func (w *wireConn) startTLS(caFile string) {
	w.t.Helper()
	tc := tls.Client(w.conn, tlsConfig(w.t, caFile))
	w.conn.SetDeadline(time.Now().Add(wireTimeout))
	if err := tc.Handshake(); err != nil {
		w.t.Fatalf("TLS handshake after the upgrade command: %v", err)
	}
	w.conn = tc
	w.text = textproto.NewConn(tc)
}

// smtp sends an SMTP command ("" sends nothing: read the greeting) and
// returns the reply; it fails the test unless the code is wantCode.
func (w *wireConn) smtp(wantCode int, cmd string) string {
	w.t.Helper()
	code, msg := w.smtpAny(cmd)
	if code != wantCode {
		w.t.Fatalf("SMTP %q: got %d %s, want %d", cmd, code, msg, wantCode)
	}
	return msg
}

// smtpAny sends an SMTP command ("" reads the greeting) and returns the
// reply's code and text, whatever the code.
func (w *wireConn) smtpAny(cmd string) (int, string) {
	w.t.Helper()
	w.conn.SetDeadline(time.Now().Add(wireTimeout))
	if cmd != "" {
		if err := w.text.PrintfLine("%s", cmd); err != nil {
			w.t.Fatalf("send %q: %v", cmd, err)
		}
	}
	code, msg, err := w.text.ReadResponse(0)
	if err != nil && code == 0 {
		w.t.Fatalf("read the reply to %q: %v", cmd, err)
	}
	return code, msg
}

// smtpData sends the message lines after a 354, dot-stuffed by DotWriter.
func (w *wireConn) smtpData(lines []string) string {
	w.t.Helper()
	w.smtp(354, "DATA")
	dw := w.text.DotWriter()
	if _, err := dw.Write([]byte(strings.Join(lines, "\n") + "\n")); err != nil {
		w.t.Fatalf("write the message: %v", err)
	}
	if err := dw.Close(); err != nil {
		w.t.Fatalf("end the message: %v", err)
	}
	return w.smtp(250, "")
}

// pop3 sends a POP3 command ("" reads the greeting) and returns the text
// after "+OK"; a -ERR fails the test.
func (w *wireConn) pop3(cmd string) string {
	w.t.Helper()
	line := w.pop3Any(cmd)
	rest, ok := strings.CutPrefix(line, "+OK")
	if !ok {
		w.t.Fatalf("POP3 %q: got %q, want +OK", redactPOP3(cmd), line)
	}
	return strings.TrimSpace(rest)
}

// pop3Any sends a POP3 command ("" reads the greeting) and returns the
// status line as it came.
func (w *wireConn) pop3Any(cmd string) string {
	w.t.Helper()
	w.conn.SetDeadline(time.Now().Add(wireTimeout))
	if cmd != "" {
		if err := w.text.PrintfLine("%s", cmd); err != nil {
			w.t.Fatalf("send %q: %v", redactPOP3(cmd), err)
		}
	}
	line, err := w.text.ReadLine()
	if err != nil {
		w.t.Fatalf("read the reply to %q: %v", redactPOP3(cmd), err)
	}
	return line
}

// pop3Lines sends a POP3 command with a multi-line answer and returns its
// lines, dot-unstuffed.
func (w *wireConn) pop3Lines(cmd string) []string {
	w.t.Helper()
	w.pop3(cmd)
	lines, err := w.text.ReadDotLines()
	if err != nil {
		w.t.Fatalf("read the lines of %q: %v", cmd, err)
	}
	return lines
}

// redactPOP3 hides the secret part of PASS and APOP in test messages.
func redactPOP3(cmd string) string {
	upper := strings.ToUpper(cmd)
	if strings.HasPrefix(upper, "PASS ") || strings.HasPrefix(upper, "APOP ") {
		return cmd[:5] + "..."
	}
	return cmd
}

// apopDigest is the RFC 1939 APOP digest: MD5 of the greeting's
// timestamp followed by the password, in lower-case hex.
func apopDigest(timestamp, password string) string {
	sum := md5.Sum([]byte(timestamp + password))
	return hex.EncodeToString(sum[:])
}

// apopTimestamp returns the <...> timestamp of a POP3 greeting, or "".
func apopTimestamp(greeting string) string {
	start := strings.Index(greeting, "<")
	end := strings.LastIndex(greeting, ">")
	if start < 0 || end < start {
		return ""
	}
	return greeting[start : end+1]
}

// findByToken returns the number of the message holding token in the
// POP3 mailbox (looking at each message's headers with TOP n 0), or 0.
func (w *wireConn) findByToken(token string) int {
	w.t.Helper()
	var count int
	stat := w.pop3("STAT")
	if _, err := fmt.Sscan(stat, &count); err != nil {
		w.t.Fatalf("STAT reply %q: %v", stat, err)
	}
	for n := 1; n <= count; n++ {
		for _, line := range w.pop3Lines("TOP " + strconv.Itoa(n) + " 0") {
			if strings.Contains(line, token) {
				return n
			}
		}
	}
	return 0
}
