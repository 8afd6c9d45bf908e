package session_test

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/session"
)

// Hostile IMAP peers: each must end within the reply timeout with a
// message that says what happened, in bounded memory.

const imapGreeting = "* OK [CAPABILITY IMAP4rev1] hostile IMAP ready\r\n"

// imapPeer greets, reads one command and lets answer write what follows.
func imapPeer(answer func(c net.Conn, br *bufio.Reader, cmd string)) func(net.Conn, *bufio.Reader) {
	return func(c net.Conn, br *bufio.Reader) {
		c.Write([]byte(imapGreeting))
		answer(c, br, readCommand(br))
	}
}

// untilGone waits for the client to close the connection.
func untilGone(br *bufio.Reader) {
	for readCommand(br) != "" {
	}
}

// A literal announces more bytes than follow: the tagged completion is
// eaten as literal text. The session says the reply stopped in the middle
// when the server goes silent (and keeps the command pending, the prompt
// usable), and says so again when it closes.
func TestHostileIMAPLiteralLongerThanWhatFollows(t *testing.T) {
	const short = "* 1 FETCH (BODY[] {1000}\r\nonly this)\r\na1 OK FETCH completed\r\n"
	for _, closes := range []bool{false, true} {
		t.Run(fmt.Sprintf("server closes: %v", closes), func(t *testing.T) {
			addr := hostilePeer(t, imapPeer(func(c net.Conn, br *bufio.Reader, cmd string) {
				c.Write([]byte(short))
				if !closes {
					untilGone(br)
				}
			}))
			w := watch(t, "imap://"+addr, session.Options{Timeout: hostileTimeout, StreamBodies: true})
			w.waitFor("greeting", hostileWait, isKind(session.Received))
			start := time.Now()
			w.send("a1 FETCH 1 BODY[]")
			if closes {
				e := w.closed(hostileWait)
				if e.Err == nil || !strings.Contains(e.Err.Error(), "closed the connection in the middle of a reply") ||
					!strings.Contains(e.Err.Error(), "only this)") {
					t.Errorf("the close of a cut literal says %v", e.Err)
				}
				w.checkTranscript()
				return
			}
			e := w.waitFor("timeout", hostileWait, isTimeoutProblem)
			if !strings.Contains(e.Err.Error(), "of a reply and then nothing for "+hostileTimeout.String()) {
				t.Errorf("the timeout says %q", e.Err)
			}
			if took := time.Since(start); took > hostileTimeout+time.Second {
				t.Errorf("the timeout came after %s, the timeout being %s", took, hostileTimeout)
			}
			if n := w.count(session.Received); n != 1 {
				t.Errorf("%d replies, want the greeting only: the tagged line inside the literal completed nothing", n)
			}
			if w.s.Pending() != 1 || w.s.Mode() != session.ModeCommand {
				t.Errorf("pending %d, mode %v: want a1 still pending and the prompt usable", w.s.Pending(), w.s.Mode())
			}
			w.s.Close()
			if e := w.closed(hostileWait); e.Reason != "closed by mailtutor" {
				t.Errorf("closed: %q %v", e.Reason, e.Err)
			}
			w.checkTranscript()
		})
	}
}

// streamPeer answers the first command with head, then writes chunk
// until total bytes went (or the client left), then closes.
func streamPeer(head string, chunk []byte, total int64) func(net.Conn, *bufio.Reader) {
	return imapPeer(func(c net.Conn, br *bufio.Reader, cmd string) {
		c.Write([]byte(head))
		for sent := int64(0); sent < total; sent += int64(len(chunk)) {
			if _, err := c.Write(chunk); err != nil {
				return
			}
		}
	})
}

// heapPeak samples the heap in use until stop is closed and returns the
// highest value seen.
func heapPeak(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-stop:
				out <- peak
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return out
}

// drainCounting reads a session's events without keeping the lines of the
// parts, as a terminal shows them, and returns the Closed event.
func drainCounting(s *session.Session, streamed *atomic.Int64) session.Event {
	for e := range s.Events() {
		switch e.Kind {
		case session.ReceivedPart:
			for _, l := range e.Lines {
				streamed.Add(int64(len(l) + 2))
			}
		case session.Closed:
			return e
		}
	}
	return session.Event{}
}

// Literals a server never finishes: one of 2^31 bytes, and a response
// line that chains literal after literal for ever. Both stream through in
// parts (as connect does it), the heap stays small however much arrives,
// and the close says the reply was cut.
func TestHostileIMAPEndlessLiterals(t *testing.T) {
	const total = 96 << 20 // far beyond what the heap may grow by; small enough for -race on a busy 2-core machine
	line := bytes.Repeat([]byte("0123456789abcdef"), 4)
	line = append(line, "\r\n"...)
	var chained bytes.Buffer
	for chained.Len() < 64<<10 {
		chained.WriteString(" BODY[] {16}\r\n0123456789abcdef")
	}
	for _, tc := range []struct {
		name, head string
		chunk      []byte
	}{
		{"a literal of 2^31 bytes", "* 1 FETCH (BODY[] {2147483648}\r\n", bytes.Repeat(line, 1024)},
		{"literal after literal", "* 1 FETCH (UID 1", chained.Bytes()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := hostilePeer(t, streamPeer(tc.head, tc.chunk, total))
			target, _ := session.ParseURL("imap://" + addr)
			before := liveHeap()
			stop := make(chan struct{})
			peak := heapPeak(stop)
			s, err := session.Dial(t.Context(), target, session.Options{Timeout: hostileTimeout, StreamBodies: true})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Send("a1 FETCH 1 BODY[]", session.SendOptions{}); err != nil {
				t.Fatal(err)
			}
			var streamed atomic.Int64
			done := make(chan session.Event, 1)
			go func() { done <- drainCounting(s, &streamed) }()
			var closed session.Event
			select {
			case closed = <-done:
			case <-time.After(60 * time.Second):
				s.Close()
				t.Fatalf("still reading after 60s (%d MiB streamed)", streamed.Load()>>20)
			}
			close(stop)
			grown := int64(<-peak) - int64(before)
			t.Logf("%d MiB streamed; heap in use peaked %d MiB above the start", streamed.Load()>>20, grown>>20)
			if grown > 24<<20 {
				t.Errorf("the heap grew by %d MiB while %d MiB streamed: not bounded", grown>>20, total>>20)
			}
			if streamed.Load() < total/2 {
				t.Errorf("only %d MiB of %d came out in parts", streamed.Load()>>20, total>>20)
			}
			if closed.Err == nil || !strings.Contains(closed.Err.Error(), "in the middle of a reply") {
				t.Errorf("the close says %v, want the reply cut in the middle", closed.Err)
			} else if n := len(closed.Err.Error()); n > 4<<10 {
				t.Errorf("the close message is %d bytes long: not for a person", n)
			}
		})
	}
}

// A server that sends untagged data for ever, unasked: every response is
// framed and shown as it comes, memory stays flat, and the session still
// logs out when asked.
func TestHostileIMAPEndlessUntagged(t *testing.T) {
	const lines = floodLines
	addr := hostilePeer(t, func(c net.Conn, br *bufio.Reader) {
		c.Write([]byte(imapGreeting))
		chunk := bytes.Repeat([]byte("* 1 EXISTS\r\n* OK [ALERT] still here\r\n"), 500)
		for sent := 0; sent < lines; sent += 1000 {
			if _, err := c.Write(chunk); err != nil {
				return
			}
		}
		if strings.HasSuffix(readCommand(br), "LOGOUT") {
			c.Write([]byte("* BYE bye\r\na1 OK LOGOUT completed\r\n"))
		}
	})
	before := liveHeap()
	w := startWatch(t, "imap://"+addr, session.Options{Timeout: hostileTimeout, StreamBodies: true}, false)
	awaitCount(t, w, session.Received, lines+1, 60*time.Second)
	checkGrowth(t, before, 2<<20, fmt.Sprintf("%d untagged responses", lines))
	w.send("a1 LOGOUT")
	bye := w.waitFor("the tagged OK to LOGOUT", hostileWait, func(e session.Event) bool {
		return e.Kind == session.Received && e.Reply.Tag == "a1"
	})
	if bye.Reply.Status != "OK" || bye.Reply.Command != "a1 LOGOUT" {
		t.Errorf("the LOGOUT completion: %s", describeEvent(bye))
	}
	w.closed(hostileWait)
}

// A tagged response for a tag never sent is shown with a problem that
// names the tag, completes nothing, and leaves the command it did not
// answer waiting, to its own reply or the timeout.
func TestHostileIMAPTagNeverSent(t *testing.T) {
	for _, answers := range []bool{true, false} {
		t.Run(fmt.Sprintf("the real reply comes: %v", answers), func(t *testing.T) {
			addr := hostilePeer(t, imapPeer(func(c net.Conn, br *bufio.Reader, cmd string) {
				c.Write([]byte("zz9 OK you never asked\r\n"))
				if answers {
					c.Write([]byte("a1 OK NOOP completed\r\n"))
				}
				untilGone(br)
			}))
			w := watch(t, "imap://"+addr, session.Options{Timeout: hostileTimeout})
			w.waitFor("greeting", hostileWait, isKind(session.Received))
			w.send("a1 NOOP")
			stray := w.waitFor("the stray reply", hostileWait, isKind(session.Received))
			if stray.Reply.Command != "" || !strings.Contains(strings.Join(stray.Reply.Problems, "\n"), "a tagged response for a tag never sent: zz9") {
				t.Errorf("the stray reply: %s", describeEvent(stray))
			}
			if answers {
				e := w.waitFor("the completion of a1", hostileWait, isKind(session.Received))
				if e.Reply.Command != "a1 NOOP" || len(e.Reply.Problems) > 0 || w.s.Pending() != 0 {
					t.Errorf("a1's reply: %s; pending %d", describeEvent(e), w.s.Pending())
				}
			} else {
				e := w.waitFor("timeout", hostileWait, isTimeoutProblem)
				if !strings.Contains(e.Err.Error(), "no reply within "+hostileTimeout.String()+" (1 command(s) await a reply)") {
					t.Errorf("the timeout says %q", e.Err)
				}
			}
			w.s.Close()
			w.closed(hostileWait)
			w.checkTranscript()
		})
	}
}
