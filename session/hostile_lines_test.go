package session_test

import (
	"bufio"
	"net"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mailtutor/mailtutor/session"
)

// hostileTimeout is the reply timeout of the hostile tests: short, so that
// a hang shows quickly; every wait of a test is bounded by hostileWait.
const (
	hostileTimeout = 500 * time.Millisecond
	hostileWait    = 5 * time.Second
)

// lineServer greets with greet, answers every command with reply and QUIT
// with quit, then closes.
func lineServer(greet, reply, quit string) func(net.Conn, *bufio.Reader) {
	return func(c net.Conn, br *bufio.Reader) {
		c.Write([]byte(greet))
		for {
			cmd := readCommand(br)
			switch {
			case cmd == "":
				return
			case strings.EqualFold(cmd, "QUIT"):
				c.Write([]byte(quit))
				return
			default:
				c.Write([]byte(reply))
			}
		}
	}
}

func hasProblem(problems []string, sub string) bool {
	return slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, sub) })
}

// Malformed but complete lines: each reply arrives whole and exact, the
// violation is named, and the session goes on to a normal QUIT.
func TestHostileMalformedLines(t *testing.T) {
	for _, tc := range []struct {
		name              string
		greet, reply      string
		wantGreet, wantOK []string
		problem           string // "" when the lines break no framing rule
	}{
		{"bare LF", "220 bare.example ESMTP\n", "250-bare.example\n250 SIZE 1000\n",
			[]string{"220 bare.example ESMTP"}, []string{"250-bare.example", "250 SIZE 1000"}, "bare LF"},
		{"mixed endings", "220-a\r\n220 b\n", "250-x\n250 y\r\n",
			[]string{"220-a", "220 b"}, []string{"250-x", "250 y"}, "bare LF"},
		{"NUL bytes and invalid UTF-8", "220 nul\x00here \xff\xfe\xfd\r\n", "250 ok \x00\xc3\x28 \xed\xa0\x80\r\n",
			[]string{"220 nul\x00here \xff\xfe\xfd"}, []string{"250 ok \x00\xc3\x28 \xed\xa0\x80"}, ""},
		{"bare CR inside a line", "220 one\rtwo\r\n", "250 a\rb\r\n",
			[]string{"220 one\rtwo"}, []string{"250 a\rb"}, "CR"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := hostilePeer(t, lineServer(tc.greet, tc.reply, "221 bye\r\n"))
			w := watch(t, "smtp://"+addr, session.Options{Timeout: hostileTimeout})
			greet := w.waitFor("greeting", hostileWait, isKind(session.Received))
			checkReply(t, "greeting", greet, tc.wantGreet, 220, tc.problem)
			w.send("NOOP")
			ok := w.waitFor("reply to NOOP", hostileWait, isKind(session.Received))
			checkReply(t, "NOOP", ok, tc.wantOK, 250, tc.problem)
			w.send("QUIT")
			w.waitFor("reply to QUIT", hostileWait, isKind(session.Received))
			if e := w.closed(hostileWait); e.Err != nil || e.Reason != "closed by the server" {
				t.Errorf("close after QUIT: reason %q, error %v", e.Reason, e.Err)
			}
			w.checkTranscript()
		})
	}
}

func checkReply(t *testing.T, what string, e session.Event, lines []string, code int, problem string) {
	t.Helper()
	r := e.Reply
	if !slices.Equal(r.Lines, lines) || r.Code != code {
		t.Errorf("%s: lines %q code %d, want %q code %d", what, r.Lines, r.Code, lines, code)
	}
	if problem != "" && !hasProblem(r.Problems, problem) {
		t.Errorf("%s: problems %q do not name %q", what, r.Problems, problem)
	}
	if problem == "" && len(r.Problems) > 0 {
		t.Errorf("%s: unexpected problems %q", what, r.Problems)
	}
}

func TestHostileNoLineEndingBeforeClose(t *testing.T) {
	addr := hostilePeer(t, func(c net.Conn, _ *bufio.Reader) {
		c.Write([]byte("220 no ending here"))
	})
	w := watch(t, "smtp://"+addr, session.Options{Timeout: hostileTimeout})
	greet := w.waitFor("greeting", hostileWait, isKind(session.Received))
	checkReply(t, "greeting", greet, []string{"220 no ending here"}, 220, "no line ending")
	w.closed(hostileWait)
	if err := w.s.Send("NOOP", session.SendOptions{}); err == nil {
		t.Error("Send after the server closed succeeded")
	}
	w.checkTranscript()
}

func TestHostileMultiLineReplyCutByClose(t *testing.T) {
	addr := hostilePeer(t, func(c net.Conn, br *bufio.Reader) {
		c.Write([]byte("220 cut.example ESMTP\r\n"))
		readCommand(br)
		c.Write([]byte("250-cut.example\r\n250-PIPELINING\r\n250-SIZE"))
	})
	w := watch(t, "smtp://"+addr, session.Options{Timeout: hostileTimeout})
	w.waitFor("greeting", hostileWait, isKind(session.Received))
	w.send("EHLO client.test")
	e := w.closed(hostileWait)
	if e.Err == nil || !strings.Contains(e.Err.Error(), "in the middle of a reply") || !strings.Contains(e.Err.Error(), "250-PIPELINING") {
		t.Errorf("a reply cut off by the close: got %v, want it to say so and show the lines", e.Err)
	}
	if n := w.count(session.Received); n != 1 {
		t.Errorf("%d replies, want only the greeting (the cut reply is not complete)", n)
	}
	tr := w.checkTranscript()
	if len(tr.Steps) != 3 || tr.Steps[1].Text != "EHLO client.test" {
		t.Errorf("steps %+v, want greeting, EHLO, closed", tr.Steps)
	}
}

// A 1 MiB line is cut to MaxLineBytes, said so, and costs far less memory than its size.
func TestHostileOneMiBLine(t *testing.T) {
	const size = 1 << 20
	addr := hostilePeer(t, func(c net.Conn, br *bufio.Reader) {
		long := make([]byte, 0, size+6) // made here, so that only mailtutor's copy counts
		long = append(append(append(long, "220 "...), strings.Repeat("x", size)...), "\r\n"...)
		lineServer(string(long), "250 ok\r\n", "221 bye\r\n")(c, br)
	})
	before := liveHeap()
	w := watch(t, "smtp://"+addr, session.Options{Timeout: hostileTimeout, KeepRaw: true})
	greet := w.waitFor("greeting", hostileWait, isKind(session.Received))
	if l := greet.Reply.Lines[0]; len(l) > session.MaxLineBytes || !strings.HasPrefix(l, "220 xxx") {
		t.Errorf("the long line was kept at %d bytes (limit %d)", len(l), session.MaxLineBytes)
	}
	if !hasProblem(greet.Reply.Problems, "cut to") || !hasProblem(greet.Reply.Problems, "over the limit of 512") {
		t.Errorf("problems %q do not say the line was too long and cut", greet.Reply.Problems)
	}
	if len(greet.Raw) == 0 || len(greet.Raw) > 70<<10 {
		t.Errorf("raw bytes of the reply kept: %d, want them bounded", len(greet.Raw))
	}
	w.send("NOOP")
	w.waitFor("reply to NOOP", hostileWait, isKind(session.Received))
	checkGrowth(t, before, size/2, "a 1 MiB line")
	w.send("QUIT")
	w.closed(hostileWait)
	w.checkTranscript()
}

// On the screen of the scripted prompt, NUL, invalid UTF-8 and terminal
// escape sequences from the server arrive escaped, never raw.
func TestHostileScriptShowsControlBytesEscaped(t *testing.T) {
	const greet = "220 nul\x00 bad\xff\xfe esc\x1b]0;owned\x07 clear\x1b[2J\r\n"
	addr := hostilePeer(t, lineServer(greet, "250 ok\r\n", "221 bye\r\n"))
	run := runScript(t, "smtp://"+addr, hostileTimeout, "QUIT\n")
	if run.err != nil {
		t.Fatalf("RunScript = %v\n%s", run.err, run.output)
	}
	if strings.ContainsAny(run.output, "\x00\x1b\x07") || !utf8.ValidString(run.output) {
		t.Errorf("raw control bytes or invalid UTF-8 reached the screen: %q", run.output)
	}
	if !strings.Contains(run.output, `nul\x00 bad\xff\xfe esc\x1b]0;owned\x07`) {
		t.Errorf("the greeting is not shown escaped: %q", run.output)
	}
	if got := stepKinds(run.steps); got != "server client server closed" || run.steps[0].Text != strings.TrimSuffix(greet, "\r\n") {
		t.Errorf("transcript steps %q, greeting %q", got, run.steps[0].Text)
	}
}
