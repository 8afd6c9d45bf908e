package imapd

import (
	"bytes"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// seeds are client inputs for the fuzz targets: commands the front door
// routes, literals, IDLE, AUTHENTICATE and broken lines.
var seeds = []string{
	"a LOGIN student secret123\r\nb SELECT INBOX\r\nc FETCH 1:* (FLAGS BODY.PEEK[]<0.10>)\r\n",
	"a LOGIN {7}\r\nstudent {9+}\r\nsecret123\r\nb IDLE\r\nDONE\r\n",
	"a AUTHENTICATE PLAIN\r\nAHN0dWRlbnQAc2VjcmV0MTIz\r\nb ID (\"name\" \"x\")\r\n",
	"a FOO {5+}\r\nhello\r\n\r\nabc\r\n* x\r\n+ y\r\n",
	"a APPEND INBOX {5+}\r\nhello\r\nb UID FETCH 1:* BODY[]\r\n",
	"a STARTTLS\r\nb NOOP\r\n",
	"a LOGIN student secret123\r\nb APPEND INBOX (\\Seen) {3}\r\nabc\r\nc UID SEARCH TEXT x\r\n",
	"* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"\r\n* STATUS \"a b\" (MESSAGES 1)\r\n",
}

func FuzzParseCommandLine(f *testing.F) {
	for _, s := range seeds {
		for _, line := range strings.SplitAfter(s, "\n") {
			f.Add([]byte(line))
		}
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		cmd := parseCommandLine(line)
		if cmd.name != "" && (cmd.tag == "" || !isAtom([]byte(cmd.tag))) {
			t.Errorf("%q: command %q with tag %q", line, cmd.name, cmd.tag)
		}
		if cmd.literal < -1 || cmd.literal >= 0 && !bytes.HasSuffix(trimEOL(line), []byte("}")) {
			t.Errorf("%q: literal %d", line, cmd.literal)
		}
		if knownCommands[cmd.name] && !bytes.HasPrefix(line, []byte(cmd.tag+" ")) {
			t.Errorf("%q: known command %q not after its tag", line, cmd.name)
		}
		if u := unquoteMailbox(line); !bytes.Equal(u, line) &&
			!bytes.Equal(bytes.ReplaceAll(line, []byte{'"'}, nil), bytes.ReplaceAll(u, []byte{'"'}, nil)) {
			t.Errorf("%q: unquoting the mailbox gave %q", line, u)
		}
		st := parseServerLine(line)
		if st.literal < -1 {
			t.Errorf("%q: server literal %d", line, st.literal)
		}
		out := addCapabilities(line, []string{"ID"}, []string{"STARTTLS"})
		if start, _ := capabilityList(line); start < 0 && !bytes.Equal(out, line) {
			t.Errorf("%q: changed a line without capabilities to %q", line, out)
		}
	})
}

// FuzzFrontDoor runs arbitrary client input through a real session, in
// memory, and checks that it never hangs: once the input ends, the session
// ends, having greeted first.
func FuzzFrontDoor(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	ts := startServer(f, nil)
	srv := New(ts.config(f))
	f.Cleanup(func() { _ = srv.Close() })
	f.Fuzz(func(t *testing.T, input []byte) {
		conn := &memConn{in: bytes.NewReader(input)}
		done := make(chan struct{})
		go func() {
			defer close(done)
			srv.ServeConn(conn, conn, false)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("input %q: the session did not end", input)
		}
		if out := conn.output(); !bytes.HasPrefix(out, []byte("* OK [CAPABILITY ")) {
			t.Errorf("input %q: output starts %q", input, out[:min(len(out), 40)])
		}
		ts.trim(t)
	})
}

// trim keeps the fuzzed account small: every command costs more as a
// folder grows, and hundreds of thousands of runs would slow to a crawl.
func (s *testServer) trim(t *testing.T) {
	boxes, err := s.store.Mailboxes("student")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range boxes {
		if b.SpecialUse == "" && b.Name != "INBOX" {
			_ = s.store.Delete("student", b.Name)
			continue
		}
		list, _ := s.store.List("student", b.Name)
		if len(list) > 20 {
			uids := make([]uint32, len(list))
			for i, m := range list {
				uids[i] = m.UID
			}
			if _, err := s.store.Expunge("student", b.Name, uids); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// memConn is a client connection in memory: it reads input, then EOF,
// and keeps what the server writes.
type memConn struct {
	in  io.Reader
	mu  sync.Mutex
	out bytes.Buffer
}

func (c *memConn) Read(p []byte) (int, error) { return c.in.Read(p) }

func (c *memConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.out.Write(p)
}

// output is what the server wrote.
func (c *memConn) output() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return bytes.Clone(c.out.Bytes())
}

func (c *memConn) Close() error                     { return nil }
func (c *memConn) LocalAddr() net.Addr              { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 143} }
func (c *memConn) RemoteAddr() net.Addr             { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 40000} }
func (c *memConn) SetDeadline(time.Time) error      { return nil }
func (c *memConn) SetReadDeadline(time.Time) error  { return nil }
func (c *memConn) SetWriteDeadline(time.Time) error { return nil }
