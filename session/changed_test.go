package session_test

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/session"
)

// Changed wakes a waiter once the reply is queued (Pending has dropped),
// on a timeout (Timeouts counts it) and for good at the close.
func TestChangedWakesOnReplyTimeoutAndClose(t *testing.T) {
	addr, _, _ := startGoSMTP(t)
	c := dial(t, "smtp://"+addr, session.Options{})
	go func() { // keep the events flowing; this test watches Changed only
		for range c.s.Events() {
		}
	}()
	ch := c.s.Changed()
	if err := c.s.Send("NOOP", session.SendOptions{}); err != nil {
		t.Fatal(err)
	}
	// The greeting's own wake-up may still be on its way (the event is
	// queued before Changed is closed), so a waiter checks and waits again,
	// as Changed's doc says; the NOOP reply must wake it within two waits.
	for wakes := 1; ; wakes++ {
		waitClosedChan(t, ch, "the NOOP reply")
		if c.s.Pending() == 0 {
			break
		}
		if wakes == 2 {
			t.Fatalf("woken twice with %d command(s) pending", c.s.Pending())
		}
		ch = c.s.Changed()
	}
	ch = c.s.Changed()
	c.s.Close()
	waitClosedChan(t, ch, "the close")
	waitClosedChan(t, c.s.Changed(), "Changed after the close")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() { // a server that never says a word
		if conn, err := ln.Accept(); err == nil {
			defer conn.Close()
			time.Sleep(5 * time.Second)
		}
	}()
	target, _ := session.ParseURL("smtp://" + ln.Addr().String())
	s, err := session.Dial(context.Background(), target, session.Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	go func() {
		for range s.Events() {
		}
	}()
	ch = s.Changed()
	if s.Timeouts() != 0 {
		t.Fatal("a timeout before any wait")
	}
	waitClosedChan(t, ch, "the greeting's timeout")
	if s.Timeouts() != 1 {
		t.Fatalf("Timeouts() = %d after one silent wait, want 1", s.Timeouts())
	}
}

func waitClosedChan(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(5 * time.Second):
		t.Fatalf("Changed was not closed by %s", what)
	}
}
