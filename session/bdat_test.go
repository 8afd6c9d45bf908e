package session_test

import (
	"testing"

	"github.com/mailtutor/mailtutor/session"
)

// TestBDATChunksReachGoSMTP sends a message in two BDAT chunks to a real
// go-smtp server (it advertises CHUNKING): the chunk's lines count their
// CRLF, the line that fills a chunk exactly goes without one, and the
// server takes the message byte for byte.
func TestBDATChunksReachGoSMTP(t *testing.T) {
	addr, be, _ := startGoSMTP(t)
	c := dial(t, "smtp://"+addr, session.Options{})
	ehlo := c.do("EHLO me.test", 250)
	if !ehlo.Reply.Before.Offers("CHUNKING") && !c.s.State().Offers("CHUNKING") {
		t.Fatalf("go-smtp did not advertise CHUNKING: %v", ehlo.Reply.Lines)
	}
	c.do("MAIL FROM:<a@b.test>", 250)
	c.do("RCPT TO:<c@d.test>", 250)
	first := "Subject: chunks" // 15 bytes + CRLF = 17
	send := func(line string) {
		t.Helper()
		if err := c.s.Send(line, session.SendOptions{}); err != nil {
			t.Fatalf("send %q: %v", line, err)
		}
	}
	send("BDAT 19")
	if m := c.s.Mode(); m != session.ModeLiteral || c.s.State().Literal != 19 {
		t.Fatalf("after BDAT 19: mode %v, %d bytes left; want the chunk mode, 19", m, c.s.State().Literal)
	}
	send(first) // 17 counted
	if left := c.s.State().Literal; left != 2 {
		t.Fatalf("after %q: %d bytes left, want 2", first, left)
	}
	send("") // the empty line: 2 bytes, the chunk is complete
	if m := c.s.Mode(); m != session.ModeCommand {
		t.Fatalf("after the chunk: mode %v, want a command", m)
	}
	if r := c.next(session.Received); r.Reply.Code != 250 {
		t.Fatalf("first chunk: %v", r.Reply.Lines)
	}
	send("BDAT 5 LAST")
	send("hello") // exactly 5: no CRLF
	r := c.next(session.Received)
	if raw := string(c.lastSent().Raw); raw != "hello" {
		t.Fatalf("the chunk's last line went as %q, want %q without CRLF", raw, "hello")
	}
	if r.Reply.Code != 250 || r.Reply.Command != "BDAT 5 LAST" {
		t.Fatalf("last chunk: %q answers %v", r.Reply.Command, r.Reply.Lines)
	}
	if r.Reply.Before.Transaction != true || c.s.State().Transaction {
		t.Errorf("transaction before/after LAST: %v/%v, want true/false", r.Reply.Before.Transaction, c.s.State().Transaction)
	}
	c.do("NOOP", 250) // the next command follows the chunk's last byte cleanly
	msgs := be.messages()
	if len(msgs) != 1 || string(msgs[0]) != "Subject: chunks\r\n\r\nhello" {
		t.Fatalf("go-smtp received %q", msgs)
	}
}
