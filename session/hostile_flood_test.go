package session_test

import (
	"bufio"
	"bytes"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/session"
)

// floodLines is how many lines the flooding peers send.
const floodLines = 200_000

// floodPeer greets, then writes count copies of line nobody asked for in
// large writes, then answers QUIT.
func floodPeer(greet, line string, count int) func(net.Conn, *bufio.Reader) {
	return func(c net.Conn, br *bufio.Reader) {
		c.Write([]byte(greet))
		chunk := bytes.Repeat([]byte(line), 1000)
		for sent := 0; sent < count; sent += 1000 {
			if _, err := c.Write(chunk); err != nil {
				return
			}
		}
		if strings.EqualFold(readCommand(br), "QUIT") {
			c.Write([]byte("221 bye\r\n"))
		}
	}
}

// A server that floods complete replies nobody asked for: every one is
// framed and delivered in order, the session's memory stays far below the
// input size and the session still answers QUIT.
func TestHostileFloodOfUnsolicitedReplies(t *testing.T) {
	for _, tc := range []struct {
		name   string
		lines  int
		record bool
	}{
		{"session alone", floodLines, false},
		// The recorder syncs every step to disk (a few thousand steps/s),
		// so the recorded flood is smaller.
		{"recorded", floodLines / 20, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const line = "250 unsolicited\r\n"
			addr := hostilePeer(t, floodPeer("220 flood.example ESMTP\r\n", line, tc.lines))
			before := liveHeap()
			w := startWatch(t, "smtp://"+addr, session.Options{Timeout: hostileTimeout}, tc.record)
			awaitCount(t, w, session.Received, tc.lines+1, 60*time.Second)
			t.Logf("%d replies in %s", tc.lines+1, time.Since(w.s.Started()))
			if !tc.record { // Recording keeps every step in memory: see TestHostileRecordingMemory
				checkGrowth(t, before, uint64(tc.lines*len(line))/4, "unsolicited replies")
			}
			if n := w.count(session.Problem); n != 0 {
				t.Errorf("%d problems reported for well-formed replies: %s", n, w.summary())
			}
			w.send("QUIT")
			bye := w.waitFor("reply to QUIT", hostileWait, func(e session.Event) bool {
				return e.Kind == session.Received && e.Reply.Code == 221
			})
			if bye.Reply.Command != "QUIT" {
				t.Errorf("221 answers %q, want QUIT", bye.Reply.Command)
			}
			w.closed(hostileWait)
			if tc.record {
				w.checkTranscript()
			}
		})
	}
}

// awaitCount waits until n events of kind k arrived.
func awaitCount(t *testing.T, w *watcher, k session.Kind, n int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for w.count(k) < n {
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d events of kind %d within %s", w.count(k), n, k, within)
		}
		select {
		case <-w.done:
			t.Fatalf("the connection ended after %d of %d events of kind %d: %s", w.count(k), n, k, w.summary())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// A multi-line reply that never ends ("250-" for ever) must neither grow
// without bound nor slow down with every line.
func TestHostileEndlessMultiLineReply(t *testing.T) {
	const line = "250-and more\r\n"
	addr := hostilePeer(t, floodPeer("220 endless.example ESMTP\r\n", line, floodLines))
	before := liveHeap()
	w := watch(t, "smtp://"+addr, session.Options{Timeout: hostileTimeout})
	w.waitFor("greeting", hostileWait, isKind(session.Received))
	w.send("EHLO client.test")
	// The peer closes after the flood (it wants QUIT, gets EHLO): the
	// session must report the cut reply soon after the last byte.
	e := w.waitFor("the end of the flood", 30*time.Second, isKind(session.Closed))
	if e.Err == nil || !strings.Contains(e.Err.Error(), "in the middle of a reply") {
		t.Errorf("the close of an endless reply: %v", e.Err)
	}
	if n := len(e.Err.Error()); n > 64<<10 {
		t.Errorf("the close error quotes %d bytes of the cut reply: not a message a person can read", n)
	}
	checkGrowth(t, before, floodLines*uint64(len(line))/4, "a 200k-line reply that never ends")
	w.checkTranscript()
}

// Recording a flood: the steps go to the file, memory should not grow with them.
func TestHostileRecordingMemory(t *testing.T) {
	const line, lines = "250 unsolicited\r\n", floodLines / 10
	addr := hostilePeer(t, floodPeer("220 flood.example ESMTP\r\n", line, lines))
	before := liveHeap()
	w := watch(t, "smtp://"+addr, session.Options{Timeout: hostileTimeout})
	awaitCount(t, w, session.Received, lines+1, 60*time.Second)
	// The same allowance as the session alone, which stays under 1 MiB
	// for ten times as many replies.
	checkGrowth(t, before, 1<<20, "recorded unsolicited replies")
	w.s.Close()
	w.closed(hostileWait)
	w.checkTranscript()
}
