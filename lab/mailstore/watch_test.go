package mailstore

import (
	"strings"
	"testing"
	"time"
)

// waitHint waits at most a second for a hint on ch.
func waitHint(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case _, ok := <-ch:
		if !ok {
			t.Fatalf("%s: channel closed", what)
		}
	case <-time.After(time.Second):
		t.Fatalf("%s: no change reported within a second", what)
	}
}

func TestWatchSeesOtherSessions(t *testing.T) {
	s := open(t, "")
	if _, err := s.Mailboxes("student"); err != nil {
		t.Fatal(err)
	}
	changes, cancel := s.Watch("student", "inbox")
	other, cancelOther := s.Watch("teacher", Inbox)
	defer cancelOther()

	go func() { // another session delivers
		if _, err := s.Deliver([]string{"student"}, strings.NewReader("Subject: new\r\n\r\n")); err != nil {
			t.Error(err)
		}
	}()
	waitHint(t, changes, "delivery")
	actions := []struct {
		what string
		do   func() error
	}{
		{"flags", func() error {
			_, err := s.SetFlags("student", Inbox, []uint32{1}, FlagsAdd, []string{`\Deleted`})
			return err
		}},
		{"expunge", func() error { _, err := s.Expunge("student", Inbox, nil); return err }},
		{"append", func() error { _, err := s.Append("student", Inbox, stringReader("x"), nil, timeZero); return err }},
		{"copy in", func() error { _, _, err := s.Copy("student", Inbox, []uint32{2}, Inbox); return err }},
	}
	for _, a := range actions {
		go func() {
			if err := a.do(); err != nil {
				t.Error(err)
			}
		}()
		waitHint(t, changes, a.what)
	}
	select {
	case <-other:
		t.Error("a change to student's INBOX was reported to teacher's")
	default:
	}
	cancel()
	cancel() // twice is harmless
	if _, ok := <-changes; ok {
		t.Error("the channel is open after cancel")
	}
	deliver(t, s, "after cancel", "student") // must not panic on the closed channel
}

func TestWatchNeverBlocks(t *testing.T) {
	s := open(t, "")
	_, cancel := s.Watch("student", Inbox) // nobody reads it
	defer cancel()
	done := make(chan struct{})
	go func() {
		for range 5 {
			deliver(t, s, "x", "student")
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("deliveries blocked on a watcher that does not read")
	}
}
