package session_test

import (
	"bufio"
	"fmt"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/session"
)

// sinkPeer greets and reads whatever comes, answering nothing.
func sinkPeer(greet string) func(net.Conn, *bufio.Reader) {
	return func(c net.Conn, br *bufio.Reader) {
		c.Write([]byte(greet))
		for readCommand(br) != "" {
		}
	}
}

// dialQuiet dials url and takes none of the session's events.
func dialQuiet(t *testing.T, url string, o session.Options) *session.Session {
	t.Helper()
	target, err := session.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	s, err := session.Dial(t.Context(), target, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestSendDataNeverWaitsForTheConsumer: a body of 10,000 lines goes out
// while nobody takes the events (the caller takes them afterwards, as a
// lesson's setup and replay --against do), and every event then comes, in
// order.
func TestSendDataNeverWaitsForTheConsumer(t *testing.T) {
	const lines = 10_000
	addr := hostilePeer(t, sinkPeer("220 sink.example ESMTP\r\n"))
	s := dialQuiet(t, "smtp://"+addr, session.Options{Timeout: hostileWait})
	body := make([]string, lines)
	for i := range body {
		body[i] = fmt.Sprintf("line %d", i)
	}
	done := make(chan error, 1)
	go func() { done <- s.SendData(body) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("SendData waits for a consumer that is not running")
	}
	s.Close()
	next := 0
	for e := range s.Events() {
		if e.Kind != session.DataLine {
			continue
		}
		if want := fmt.Sprintf("line %d", next); e.Line != want {
			t.Fatalf("body line %q came where %q was due", e.Line, want)
		}
		next++
	}
	if next != lines {
		t.Errorf("%d body lines reported, want %d", next, lines)
	}
}

// TestReaderWaitsForTheConsumer: while nobody takes the events of a
// flood, the session stops reading from the server instead of holding the
// flood in memory; once taken, every reply comes, in order.
func TestReaderWaitsForTheConsumer(t *testing.T) {
	const replies = 300_000
	line := "250 unsolicited\r\n"
	addr := hostilePeer(t, floodPeer("220 flood.example ESMTP\r\n", line, replies))
	before := liveHeap()
	s := dialQuiet(t, "smtp://"+addr, session.Options{Timeout: hostileWait})
	time.Sleep(time.Second) // the flood arrives; nobody takes it
	checkGrowth(t, before, 2<<20, fmt.Sprintf("a flood of %d KiB nobody takes", replies*len(line)>>10))
	n := 0
	timeout := time.After(30 * time.Second)
	for n < replies+1 {
		select {
		case e := <-s.Events():
			if e.Kind == session.Received {
				n++
			}
			if e.Kind == session.Problem || e.Kind == session.Closed {
				t.Fatalf("after %d replies: %v", n, describeEvent(e))
			}
		case <-timeout:
			t.Fatalf("%d of %d replies came", n, replies+1)
		}
	}
}

// TestStreamedBodyWaitsForARunningConsumer: a body streamed line by line
// (QueueDataLine) to a consumer that takes events slowly does not pile up
// in memory: the caller stays a bounded number of events ahead.
func TestStreamedBodyWaitsForARunningConsumer(t *testing.T) {
	addr := hostilePeer(t, sinkPeer("220 sink.example ESMTP\r\n"))
	s := dialQuiet(t, "smtp://"+addr, session.Options{Timeout: hostileWait})
	var taken atomic.Int64
	done := make(chan struct{})
	go func() { // a slow consumer: a terminal
		defer close(done)
		for e := range s.Events() {
			if e.Kind == session.DataLine {
				if taken.Add(1)%1000 == 0 {
					time.Sleep(5 * time.Millisecond)
				}
			}
		}
	}()
	const lines = 100_000
	ahead := int64(0)
	for i := range lines {
		if err := s.QueueDataLine(fmt.Sprintf("line %d", i)); err != nil {
			t.Fatal(err)
		}
		ahead = max(ahead, int64(i+1)-taken.Load())
	}
	s.Close()
	<-done
	if n := taken.Load(); n != lines {
		t.Fatalf("%d body lines taken, want %d", n, lines)
	}
	t.Logf("the caller was at most %d events ahead of the consumer", ahead)
	if ahead > 8000 {
		t.Errorf("the caller ran %d events ahead of a running consumer: the events pile up in memory", ahead)
	}
}
