package session_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// TestOfflineReceiveLineDrainsLongReplies feeds a long POP3 RETR reply
// line by line: it comes out in ReceivedPart events while it grows, never
// held whole, and ends with a Received event of the rest.
func TestOfflineReceiveLineDrainsLongReplies(t *testing.T) {
	o, err := session.NewOffline(session.Target{Protocol: protocol.POP3}, session.Options{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if got := o.ReceiveLine("+OK ready", protocol.CRLF); len(got) != 1 || got[0].Kind != session.Received {
		t.Fatalf("greeting: %+v", got)
	}
	o.Send("RETR 1", session.SendOptions{})
	const lines = 5000
	var parts, partLines int
	var last []session.Event
	feed := append([]string{"+OK message follows"}, make([]string, 0, lines+1)...)
	for i := range lines {
		feed = append(feed, fmt.Sprintf("line %d %s", i, strings.Repeat("x", 60)))
	}
	feed = append(feed, ".")
	for _, l := range feed {
		for _, e := range o.ReceiveLine(l, protocol.CRLF) {
			switch e.Kind {
			case session.ReceivedPart:
				parts++
				partLines += len(e.Lines)
			case session.Received:
				last = append(last, e)
			}
		}
	}
	if parts < lines*70/session.PartBytes/2 {
		t.Errorf("%d parts for %d lines of 70 bytes: the reply was held, not drained", parts, lines)
	}
	if len(last) != 1 || !last[0].Reply.Drained || last[0].Reply.Lines[0] != "+OK message follows" {
		t.Fatalf("the end of the reply: %+v", last)
	}
	if got := partLines + len(last[0].Reply.Lines) - 1; got != lines+2 {
		t.Errorf("%d lines handed out, want %d (the status line, the message, the dot)", got, lines+2)
	}
}
