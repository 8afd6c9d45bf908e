package session_test

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/lab/labtest"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// POP3 against the lab's real POP3 server: framing by command, STLS,
// APOP from the greeting, deletion only at QUIT.
func TestPOP3AgainstTheLab(t *testing.T) {
	l := labtest.Start(t)
	deliverToLab(t, l, []string{"Subject: pop", "", ".leading dot", "end"})

	svc, _ := l.Service("pop3")
	c := dial(t, svc.URL, session.Options{CAPEM: l.CertPEM()})
	ok := func(line string, multi bool) *protocol.Reply {
		t.Helper()
		e := c.do(line, 0)
		if e.Reply.Class != protocol.ClassOK || e.Reply.Multi != multi {
			t.Fatalf("%q: %q (multi %v), want +OK multi=%v", line, e.Reply.Lines, e.Reply.Multi, multi)
		}
		return e.Reply
	}
	ok("CAPA", true)
	ok("STLS", false)
	if up := c.next(session.TLSUp); !up.TLS.Verified {
		t.Fatalf("STLS: %+v", up.TLS)
	}
	ts, found := codec.APOPTimestamp(c.s.Greeting())
	if !found {
		t.Fatalf("no APOP timestamp in %q", c.s.Greeting())
	}
	ok("APOP student "+codec.APOPDigest(ts, "secret123"), false)
	if sent := c.lastSent(); sent.Secret != "apop-digest" {
		t.Fatalf("APOP digest not marked secret: %+v", sent)
	}
	if r := ok("STAT", false); !strings.HasPrefix(r.Text, "1 ") {
		t.Fatalf("STAT %q", r.Text)
	}
	ok("LIST", true)
	ok("LIST 1", false)
	if r := ok("RETR 1", true); !strings.HasSuffix(strings.Join(r.Body, "\n"), "\nSubject: pop\n\n.leading dot\nend") { // after the lab's Return-Path: and Received:
		t.Fatalf("RETR body %q (lines %q)", r.Body, r.Lines)
	}
	if e := c.do("RETR 9", 0); e.Reply.Class != protocol.ClassErr || e.Reply.Multi {
		t.Fatalf("RETR 9: %q", e.Reply.Lines)
	}
	ok("TOP 1 0", true)
	ok("DELE 1", false)
	ok("QUIT", false)
	if e := waitClosed(t, c.s); e.Err != nil {
		t.Fatal(e.Err)
	}
	if n := len(l.Mailbox("student")); n != 0 {
		t.Fatalf("%d messages left after DELE and QUIT", n)
	}
}
