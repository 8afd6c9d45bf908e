package prompt

import (
	"bufio"
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/internal/testkit"
	"github.com/mailtutor/mailtutor/session"
)

// slowSMTP is an SMTP server on a free loopback port that greets after
// delay and answers every line after delay, "221" to QUIT, "250 ok" else.
func slowSMTP(t *testing.T, delay time.Duration) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				time.Sleep(delay)
				c.Write([]byte("220 slow.example ESMTP\r\n"))
				sc := bufio.NewScanner(c)
				for sc.Scan() {
					time.Sleep(delay)
					if strings.EqualFold(strings.TrimSpace(sc.Text()), "QUIT") {
						c.Write([]byte("221 bye\r\n"))
						return
					}
					c.Write([]byte("250 ok\r\n"))
				}
			}()
		}
	}()
	return "smtp://" + ln.Addr().String()
}

// slowTerminal runs the interactive prompt on a fake terminal, on a
// server that takes delay for each reply.
func slowTerminal(t *testing.T, delay time.Duration) *terminal {
	t.Helper()
	target, err := session.ParseURL(slowSMTP(t, delay))
	if err != nil {
		t.Fatal(err)
	}
	s, err := session.Dial(context.Background(), target, session.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	r := &Runner{Session: s, Render: render.New(&testkit.SyncBuffer{}, false, false)}
	return runTerminal(t, r, "")
}

// TestPromptWaitsForTheReply: the prompt is drawn after the reply to the
// line sent, not in front of it ("smtp> S: 250 ok", issue 14 bug 6), and
// after the greeting at the start, not before "connected to".
func TestPromptWaitsForTheReply(t *testing.T) {
	tm := slowTerminal(t, 300*time.Millisecond)
	tm.wait("S: 220 slow.example")
	tm.wait("smtp> ")
	if screen := tm.out.String(); strings.Index(screen, "smtp> ") < strings.Index(screen, "S: 220") {
		t.Errorf("the prompt came before the greeting:\n%q", screen)
	}
	mark := len(tm.out.String())
	tm.keys("NOOP\r")
	tm.wait("S: 250 ok")
	tm.wait("smtp> ")
	screen := tm.out.String()[mark:]
	between := screen[strings.Index(screen, "NOOP\n")+len("NOOP\n") : strings.Index(screen, "S: 250 ok")]
	if strings.Contains(between, "smtp> ") {
		t.Errorf("the prompt was drawn before the reply:\n%q", screen)
	}
	tm.keys(":quit\r")
	tm.end()
	if strings.Contains(tm.out.String(), "press Enter") {
		t.Errorf(":quit said goodbye and still asked for Enter (bug 7):\n%s", tm.out)
	}
}
