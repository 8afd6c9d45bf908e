package session_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/lab/labtest"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// bigBody is a message of about size bytes with lines a POP3 server must
// dot-stuff and a line of Chinese.
func bigBody(size int) []string {
	lines := []string{"Subject: big", "From: a@other.test", ""}
	for n := 0; n < size; {
		l := fmt.Sprintf("line %07d: the quick brown fox jumps over the lazy dog 0123456789", len(lines))
		switch len(lines) % 500 {
		case 7:
			l = "." + l
		case 9:
			l = "中文正文：邮件可以很长。"
		}
		lines = append(lines, l)
		n += len(l) + 2
	}
	return append(lines, "the end")
}

// A RETR of a message many parts long, from the lab's real POP3 server:
// with StreamBodies the reply arrives as ReceivedPart events no longer than
// about PartBytes, their lines and the final reply's rest are exactly the
// reply, and the recording holds it byte for byte.
func TestStreamedRETRFromTheLab(t *testing.T) {
	l := labtest.Start(t)
	body := bigBody(3 << 20)

	deliverToLab(t, l, body)

	svc, _ := l.Service("pop3")
	c := dial(t, svc.URL, session.Options{StreamBodies: true})
	rec := session.NewRecording(c.s.Target(), c.s.Started(), "mailtutor test", false)
	path := filepath.Join(t.TempDir(), "retr.yaml")
	if err := rec.SaveTo(path, false); err != nil {
		t.Fatal(err)
	}
	for _, e := range c.events {
		rec.Observe(e)
	}
	seen := len(c.events)
	c.do("USER student", 0)
	c.do("PASS secret123", 0)
	final := c.do("RETR 1", 0)
	c.do("QUIT", 0)
	c.events = append(c.events, waitClosed(t, c.s))
	for _, e := range c.events[seen:] {
		rec.Observe(e)
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	if err := rec.Err(); err != nil {
		t.Fatal(err)
	}

	var got []string
	parts, longest, plain := 0, 0, 0
	for _, e := range c.events[seen:] {
		if e.Kind != session.ReceivedPart {
			continue
		}
		parts++
		n, ascii := 0, true
		for _, line := range e.Lines {
			n += len(line)
			longest = max(longest, len(line))
			ascii = ascii && protocol.PrintableASCII(line)
		}
		if e.Plain != ascii {
			t.Errorf("part %d: Plain is %v, but its lines are printable ASCII: %v", parts, e.Plain, ascii)
		}
		if e.Plain {
			plain++
		}
		if n > session.PartBytes+longest {
			t.Errorf("part %d holds %d bytes, more than PartBytes %d and a line", parts, n, session.PartBytes)
		}
		got = append(got, e.Lines...)
	}
	if plain == 0 || plain == parts {
		t.Errorf("%d of %d parts plain: the body has parts of both kinds", plain, parts)
	}
	if parts < 10 || !final.Reply.Drained {
		t.Fatalf("%d parts (drained %v): a 3 MB reply should come in many", parts, final.Reply.Drained)
	}
	got = append(got, final.Reply.Lines[1:]...)
	if !strings.HasPrefix(got[0], "+OK") || got[len(got)-1] != "." {
		t.Fatalf("reply from %q to %q", got[0], got[len(got)-1])
	}
	var unstuffed []string
	for _, line := range got[1 : len(got)-1] {
		unstuffed = append(unstuffed, strings.TrimPrefix(line, "."))
	}
	if msg := l.Mailbox("student"); len(msg) != 1 {
		t.Fatalf("%d messages in the mailbox", len(msg))
	} else if want := strings.TrimSuffix(strings.ReplaceAll(string(msg[0].Data), "\r\n", "\n"), "\n"); strings.Join(unstuffed, "\n") != want {
		t.Fatalf("the streamed body (%d lines) differs from the stored message", len(unstuffed))
	}
	if final.Reply.Streamed+len(final.Reply.Body) != len(unstuffed) {
		t.Errorf("Streamed %d + body %d, want %d lines", final.Reply.Streamed, len(final.Reply.Body), len(unstuffed))
	}

	tr, _, err := transcript.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	var step *transcript.Step
	for i := range tr.Steps {
		if tr.Steps[i].Kind == transcript.KindClient && tr.Steps[i].Text == "RETR 1" {
			step = &tr.Steps[i+1]
		}
	}
	if step == nil || step.Kind != transcript.KindServer {
		t.Fatalf("no server step after RETR 1 in %d steps", len(tr.Steps))
	}
	if step.Text != strings.Join(got, "\n") {
		t.Fatalf("the recorded reply (%d bytes) is not the reply received (%d bytes)", len(step.Text), len(strings.Join(got, "\n")))
	}
}
