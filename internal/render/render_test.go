package render

import (
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// countingWriter counts Write calls.
type countingWriter struct {
	calls int
	b     strings.Builder
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.calls++
	return w.b.Write(p)
}

func frame(t *testing.T, p protocol.Protocol, cmd string, lines ...string) *protocol.Reply {
	t.Helper()
	f := protocol.NewFramer(p)
	f.Expect(cmd)
	for _, l := range lines {
		if r := f.Feed(l, protocol.CRLF); r != nil {
			return r
		}
	}
	t.Fatalf("lines %q did not frame a reply", lines)
	return nil
}

func TestReplyIsOneWriteWithExplanation(t *testing.T) {
	w := &countingWriter{}
	r := New(w, false, false)
	rep := frame(t, protocol.SMTP, "RCPT TO:<x@example.test>", "550 5.1.1 <x@example.test>: Recipient address rejected")
	r.Event(session.Event{Kind: session.Received, Reply: rep, Elapsed: 3 * time.Millisecond})
	out := w.b.String()
	if w.calls != 1 {
		t.Fatalf("%d Write calls, want 1", w.calls)
	}
	for _, want := range []string{"S: 550 5.1.1", "5xx", "5.1.1", "3 ms"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("colour escape in plain output: %q", out)
	}
}

func TestColourOnlyWhenAsked(t *testing.T) {
	w := &countingWriter{}
	r := New(w, true, false)
	r.Event(session.Event{Kind: session.Received, Reply: frame(t, protocol.SMTP, "", "220 hi")})
	if !strings.Contains(w.b.String(), "\x1b[") {
		t.Fatalf("no colour with colour on: %q", w.b.String())
	}
}

func TestPOP3BodyShownUnstuffed(t *testing.T) {
	w := &countingWriter{}
	rep := frame(t, protocol.POP3, "RETR 1", "+OK 12 octets", "..dot", "line", ".")
	New(w, false, false).Event(session.Event{Kind: session.Received, Reply: rep})
	if !strings.Contains(w.b.String(), "S: .dot\nS: line\nS: .\n") {
		t.Fatalf("body not unstuffed:\n%s", w.b.String())
	}
}

func TestRawShowsLineEndings(t *testing.T) {
	w := &countingWriter{}
	rep := frame(t, protocol.SMTP, "NOOP", "250 ok")
	New(w, false, true).Event(session.Event{Kind: session.Received, Reply: rep, Raw: []byte("250 ok\r\n")})
	if !strings.Contains(w.b.String(), `S: 250 ok\r\n`) {
		t.Fatalf("raw output %q", w.b.String())
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"250 ok\r\n":     `250 ok\r\n`,
		"a\x00b\n":       `a\x00b\n`,
		"\xff中文\t\\":     `\xff中文\t\\`,
		"bare lf only\n": `bare lf only\n`,
	} {
		if got := Escape([]byte(in)); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSecretSentLineShowsDisplayNotLine(t *testing.T) {
	w := &countingWriter{}
	r := New(w, false, true)
	r.EchoSent = true
	r.Event(session.Event{Kind: session.Sent, Line: "PASS secret123", Display: "PASS <redacted>", Redacted: "PASS <redacted>", Secret: "password", Raw: []byte("PASS secret123\r\n")})
	if strings.Contains(w.b.String(), "secret123") {
		t.Fatalf("secret on screen in raw mode: %q", w.b.String())
	}
}

func TestSanitizeKeepsTerminalSafe(t *testing.T) {
	for in, want := range map[string]string{
		"250 ok":                "250 ok",
		"a\x1b[2Jb":             `a\x1b[2Jb`,
		"t\x07\x00":             `t\x07\x00`,
		"bad\xff 中文\ttab \\ ok": `bad\xff 中文` + "\t" + `tab \ ok`,
		"c1\u009bx":             `c1\u009bx`,
	} {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}
