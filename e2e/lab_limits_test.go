package e2e

import (
	"bufio"
	"encoding/base64"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// labConn is a hand-typed connection to the lab binary from a chosen
// loopback address.
type labConn struct {
	t    *testing.T
	conn net.Conn
	r    *bufio.Reader
}

// dialLabFrom connects to the host:port of rawURL from the loopback
// address local.
func dialLabFrom(t *testing.T, local, rawURL string) *labConn {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	d := net.Dialer{Timeout: 5 * time.Second, LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}}
	conn, err := d.Dial("tcp", u.Host)
	if err != nil {
		t.Fatalf("dial %s from %s: %v", u.Host, local, err)
	}
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	t.Cleanup(func() { conn.Close() })
	return &labConn{t: t, conn: conn, r: bufio.NewReader(conn)}
}

// write sends raw bytes, line ends included.
func (c *labConn) write(s string) {
	c.t.Helper()
	if _, err := c.conn.Write([]byte(s)); err != nil {
		c.t.Fatalf("write %q: %v", s, err)
	}
}

// line reads one line without its CRLF ("" and closed at EOF).
func (c *labConn) line() string {
	c.t.Helper()
	line, err := c.r.ReadString('\n')
	if err != nil && line == "" {
		return ""
	}
	return strings.TrimRight(line, "\r\n")
}

// expect reads a line that must start with want.
func (c *labConn) expect(want string) string {
	c.t.Helper()
	got := c.line()
	if !strings.HasPrefix(got, want) {
		c.t.Fatalf("got %q, want %q...", got, want)
	}
	return got
}

// TestLabBinaryLimits runs "mailtutor lab" with small limits and the
// instructor's log in a file, and checks each limit's words on the wire
// and in the log.
func TestLabBinaryLimits(t *testing.T) {
	needServers(t)
	logPath := filepath.Join(t.TempDir(), "instructor.log")
	lab := startLabBinary(t, "--log", logPath, "--max-conns-per-client", "2", "--auth-delay", "300ms",
		"--auth-max-delay", "300ms", "--trusted-nets", "192.0.2.0/24")
	// Failed logins from one address: the fourth waits.
	sub := dialLabFrom(t, "127.0.0.5", lab.submission)
	sub.expect("220 ")
	sub.write("EHLO e2e.test\r\n")
	for {
		if line := sub.expect("250"); line[3] == ' ' {
			break
		}
	}
	bad := base64.StdEncoding.EncodeToString([]byte("\x00student\x00wrong"))
	for i := range 4 {
		start := time.Now()
		sub.write("AUTH PLAIN " + bad + "\r\n")
		sub.expect("535 5.7.8 Error: authentication failed")
		if took := time.Since(start); i == 3 && took < 300*time.Millisecond || i < 3 && took > 250*time.Millisecond {
			t.Errorf("try %d answered after %v", i+1, took)
		}
	}
	// The same address over POP3 shares the failures.
	pop := dialLabFrom(t, "127.0.0.5", lab.pop3)
	pop.expect("+OK ")
	start := time.Now()
	pop.write("USER student\r\nPASS wrong\r\n")
	pop.expect("+OK")
	pop.expect("-ERR [AUTH] Authentication failed.")
	if time.Since(start) < 300*time.Millisecond {
		t.Errorf("POP3 after four SMTP failures answered at once")
	}
	// A third connection from the address is refused; others are served.
	imap := dialLabFrom(t, "127.0.0.5", lab.imap)
	imap.expect("* BYE Too many connections")
	dialLabFrom(t, "127.0.0.6", lab.imap).expect("* OK ")
	// Loopback is not trusted here: a bare LF is refused as Postfix does.
	mx := dialLabFrom(t, "127.0.0.6", lab.smtp)
	mx.expect("220 ")
	mx.write("HELO e2e.test\n")
	mx.expect("550 5.5.2 Error: bare <LF> received")
	if got := mx.line(); got != "" {
		t.Errorf("connection open after the 550: %q", got)
	}
	sub.write("QUIT\r\n")
	sub.expect("221 ")

	st, err := os.Stat(logPath)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("log file: %v %v", st, err)
	}
	deadline := time.Now().Add(5 * time.Second)
	var text string
	for {
		raw, _ := os.ReadFile(logPath)
		text = string(raw)
		if strings.Contains(text, "submission 127.0.0.5:") && strings.Contains(text, "disconnect") || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, want := range []string{": connect", "login failed user=student mech=PLAIN failures=4", "limit: login delayed",
		"pop3 127.0.0.5:", "login failed user=student mech=USER/PASS", "limit: too many connections from the client, refused",
		"bare <LF> received, disconnected", "disconnect after"} {
		if !strings.Contains(text, want) {
			t.Errorf("the log lacks %q:\n%s", want, text)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		stamp, _, _ := strings.Cut(line, " ")
		if _, err := time.Parse(time.RFC3339, stamp); err != nil {
			t.Errorf("line without an RFC 3339 time: %q", line)
		}
	}
	if strings.Contains(text, "wrong") || strings.Contains(text, bad) {
		t.Errorf("a secret reached the log:\n%s", text)
	}
}
