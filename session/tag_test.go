package session_test

import (
	"bufio"
	"net"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// TestAutoTagAndGoodbye: in IMAP a line that starts with a command gets
// the next free tag (the same until it is sent, then the next), a line
// with a tag, a SASL answer and a POP3 line none; the goodbye of the
// catalog, if it names one, comes tagged.
func TestAutoTagAndGoodbye(t *testing.T) {
	addr := hostilePeer(t, func(c net.Conn, br *bufio.Reader) {
		c.Write([]byte("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n"))
		for {
			line := readCommand(br)
			tag, rest, _ := strings.Cut(line, " ")
			switch {
			case line == "":
				return
			case strings.HasPrefix(rest, "AUTHENTICATE"):
				c.Write([]byte("+ \r\n"))
				readCommand(br)
			}
			c.Write([]byte(tag + " OK done\r\n"))
		}
	})
	c := dial(t, "imap://"+addr, session.Options{})
	s := c.s
	tags := []struct {
		line, want string
		added      bool
	}{
		{"noop", "a1 noop", true},
		{"  LOGIN a b", "a1 LOGIN a b", true},
		{"x9 NOOP", "x9 NOOP", false},
		{"a1 NOOP", "a1 NOOP", false},
		{"hello there", "hello there", false},
	}
	for _, tt := range tags {
		if got, added := s.AutoTag(tt.line); got != tt.want || added != tt.added {
			t.Errorf("AutoTag(%q) = %q, %v; want %q, %v", tt.line, got, added, tt.want, tt.added)
		}
	}
	if err := s.Send("a1 AUTHENTICATE PLAIN", session.SendOptions{}); err != nil {
		t.Fatal(err)
	}
	c.next(session.Received) // +
	if got, added := s.AutoTag("NOOP"); added {
		t.Errorf("a SASL answer was tagged: %q", got)
	}
	if err := s.Send("*", session.SendOptions{}); err != nil {
		t.Fatal(err)
	}
	c.next(session.Received)
	if got, _ := s.AutoTag("NOOP"); got != "a2 NOOP" {
		t.Errorf("after a1: %q", got)
	}
	want := ""
	commands, _ := protocol.CommandsIn(protocol.IMAP, protocol.English)
	for _, cmd := range commands {
		if cmd.Ends {
			want = "a2 " + cmd.Name
			break
		}
	}
	if got := s.Goodbye(); got != want {
		t.Errorf("Goodbye() = %q, want %q", got, want)
	}
}

// TestAutoTagOutsideIMAP: a protocol without tags tags nothing, and its
// goodbye is its catalog's, as it is.
func TestAutoTagOutsideIMAP(t *testing.T) {
	addr := hostilePeer(t, func(c net.Conn, br *bufio.Reader) {
		c.Write([]byte("+OK ready\r\n"))
		readCommand(br)
	})
	c := dial(t, "pop3://"+addr, session.Options{})
	if got, added := c.s.AutoTag("STAT"); got != "STAT" || added {
		t.Errorf("POP3 AutoTag = %q, %v", got, added)
	}
	if got := c.s.Goodbye(); got != "QUIT" {
		t.Errorf("POP3 Goodbye = %q", got)
	}
}
