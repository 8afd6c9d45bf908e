package e2e

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A minimal IMAP client on the standard library, to prepare and clean up
// what the IMAP tests do with the binary, without the code under test.

// imapWire is one IMAP connection; its commands are tagged w1, w2, ….
type imapWire struct {
	t    *testing.T
	conn net.Conn
	r    *bufio.Reader
	n    int
}

// dialIMAP connects (over TLS when caFile is not "") and reads the greeting.
func dialIMAP(t *testing.T, addr, caFile string) *imapWire {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, wireTimeout)
	if err != nil {
		t.Fatalf("connect to %s: %v (are the servers up? bash scripts/mailservers.sh start)", addr, err)
	}
	if caFile != "" {
		tc := tls.Client(conn, tlsConfig(t, caFile))
		conn.SetDeadline(time.Now().Add(wireTimeout))
		if err := tc.Handshake(); err != nil {
			conn.Close()
			t.Fatalf("TLS handshake with %s: %v", addr, err)
		}
		conn = tc
	}
	c := &imapWire{t: t, conn: conn, r: bufio.NewReader(conn)}
	t.Cleanup(func() { c.conn.Close() })
	if greeting := c.line(); !strings.HasPrefix(greeting, "* OK") {
		t.Fatalf("IMAP greeting %q, want * OK", greeting)
	}
	return c
}

// line reads one line without its CRLF.
func (c *imapWire) line() string {
	c.t.Helper()
	c.conn.SetDeadline(time.Now().Add(wireTimeout))
	l, err := c.r.ReadString('\n')
	if err != nil {
		c.t.Fatalf("read from the IMAP server: %v", err)
	}
	return strings.TrimSuffix(strings.TrimSuffix(l, "\n"), "\r")
}

// do sends a command and returns its untagged responses, each with its
// literals inlined; it fails the test unless the tagged status is OK.
func (c *imapWire) do(format string, args ...any) []string {
	c.t.Helper()
	untagged, status := c.try(format, args...)
	if !strings.HasPrefix(status, "OK") {
		c.t.Fatalf("IMAP %s: %s", fmt.Sprintf(format, args...), status)
	}
	return untagged
}

// try sends a command and returns its untagged responses and the tagged
// status line after the tag ("OK …", "NO …").
func (c *imapWire) try(format string, args ...any) (untagged []string, status string) {
	c.t.Helper()
	c.n++
	tag := "w" + strconv.Itoa(c.n)
	c.conn.SetDeadline(time.Now().Add(wireTimeout))
	if _, err := fmt.Fprintf(c.conn, "%s %s\r\n", tag, fmt.Sprintf(format, args...)); err != nil {
		c.t.Fatalf("send to the IMAP server: %v", err)
	}
	for {
		resp := c.response()
		if rest, ok := strings.CutPrefix(resp, tag+" "); ok {
			return untagged, rest
		}
		untagged = append(untagged, resp)
	}
}

// response reads one response, reading each literal {n} by its count.
func (c *imapWire) response() string {
	c.t.Helper()
	var b strings.Builder
	for {
		l := c.line()
		b.WriteString(l)
		n, ok := literalCount(l)
		if !ok {
			return b.String()
		}
		b.WriteString("\r\n")
		lit := make([]byte, n)
		if _, err := io.ReadFull(c.r, lit); err != nil {
			c.t.Fatalf("read a literal of %d bytes: %v", n, err)
		}
		b.Write(lit)
	}
}

// literalCount reads "{n}" at the end of a line.
func literalCount(line string) (int, bool) {
	i := strings.LastIndexByte(line, '{')
	if i < 0 || !strings.HasSuffix(line, "}") {
		return 0, false
	}
	n, err := strconv.Atoi(line[i+1 : len(line)-1])
	return n, err == nil
}

// login logs the test account in with LOGIN.
func (c *imapWire) login(s servers) {
	c.t.Helper()
	c.do("LOGIN %s %s", s.user, s.pass)
}

// deleteFolders deletes every folder whose name starts with prefix (and
// what it holds), so that a failed test leaves nothing behind.
func deleteFolders(t *testing.T, s servers, prefix string) {
	t.Helper()
	c := dialIMAP(t, hostPort(t, s.imap), "")
	c.login(s)
	for _, l := range c.do(`LIST "" "%s*"`, prefix) {
		name := l[strings.LastIndexByte(l, ' ')+1:]
		if _, status := c.try(`DELETE "%s"`, strings.Trim(name, `"`)); !strings.HasPrefix(status, "OK") {
			t.Errorf("delete the test folder %s: %s", name, status)
		}
	}
	c.try("LOGOUT")
}
