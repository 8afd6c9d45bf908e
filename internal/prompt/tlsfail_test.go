package prompt

import (
	"bufio"
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/internal/testkit"
	"github.com/mailtutor/mailtutor/session"
)

// badTLSRunner is a runner on an SMTP server that agrees to STARTTLS and
// then answers the ClientHello with plain text.
func badTLSRunner(t *testing.T) (*Runner, *testkit.SyncBuffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		c.Write([]byte("220 bad.example ESMTP\r\n"))
		br := bufio.NewReader(c)
		for {
			l, err := br.ReadString('\n')
			if err != nil {
				return
			}
			if strings.TrimSpace(l) == "STARTTLS" {
				c.Write([]byte("220 go ahead\r\n"))
				br.Peek(1) // the ClientHello
				c.Write([]byte("this is not TLS\r\n"))
				time.Sleep(time.Second)
				return
			}
			c.Write([]byte("250-bad.example\r\n250 STARTTLS\r\n"))
		}
	}()
	target, _ := session.ParseURL("smtp://" + ln.Addr().String())
	s, err := session.Dial(context.Background(), target, session.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	out := &testkit.SyncBuffer{}
	return &Runner{Session: s, Render: render.New(out, false, false)}, out
}

// TestFailedSTARTTLSSaidOnceInOrder: a handshake that fails after the 220
// is said once (no "connection lost" repeating it), the script stops
// without a second "the connection is closed" error, and fails (issue 14
// bug 3).
func TestFailedSTARTTLSSaidOnceInOrder(t *testing.T) {
	r, out := badTLSRunner(t)
	err := r.RunScript(strings.NewReader("EHLO me\nSTARTTLS\nEHLO me\nQUIT\n"))
	if !errors.Is(err, ErrScript) {
		t.Errorf("RunScript = %v, want ErrScript", err)
	}
	text := out.String()
	if n := strings.Count(text, "TLS handshake with"); n != 1 {
		t.Errorf("the handshake failure is said %d times, want once:\n%s", n, text)
	}
	if strings.Contains(text, "the connection is closed") || strings.Contains(text, "C: EHLO me\nS: 220") {
		t.Errorf("a second error after the close:\n%s", text)
	}
	if fail, end := strings.Index(text, "TLS handshake with"), strings.Index(text, "connection lost"); end < fail {
		t.Errorf("the end of the connection comes before why:\n%s", text)
	}
}

// TestFailedSTARTTLSInteractiveFails: at the prompt the same failure
// ends RunInteractive with ErrConnectionLost, for a non-zero exit.
func TestFailedSTARTTLSInteractiveFails(t *testing.T) {
	r, _ := badTLSRunner(t)
	tm := runTerminal(t, r, "")
	tm.wait("smtp> ")
	tm.keys("EHLO me\r")
	tm.wait("S: 250 STARTTLS")
	tm.keys("STARTTLS\r")
	tm.wait("(press Enter to leave)")
	tm.keys("\r")
	select {
	case err := <-tm.done:
		if !errors.Is(err, ErrConnectionLost) {
			t.Errorf("RunInteractive = %v, want ErrConnectionLost", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("the prompt did not end:\n%s", tm.out)
	}
	if n := strings.Count(tm.out.String(), "TLS handshake with"); n != 1 {
		t.Errorf("the handshake failure is said %d times:\n%s", n, tm.out)
	}
}
