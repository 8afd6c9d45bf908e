package session_test

import (
	"bufio"
	"errors"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/prompt"
	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/internal/testkit"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

func isTimeoutProblem(e session.Event) bool {
	var te *session.TimeoutError
	return e.Kind == session.Problem && errors.As(e.Err, &te)
}

// silentAfter greets with greet (nothing when "") and then reads and never answers.
func silentAfter(greet string) func(net.Conn, *bufio.Reader) {
	return func(c net.Conn, br *bufio.Reader) {
		c.Write([]byte(greet))
		for readCommand(br) != "" {
		}
	}
}

func TestHostileServerNeverAnswers(t *testing.T) {
	const timeout = 300 * time.Millisecond
	for _, tc := range []struct {
		name, greet, send, want string
	}{
		{"no greeting", "", "", "no reply within 300ms"},
		{"no reply to a command", "220 mute.example ESMTP\r\n", "NOOP", "no reply within 300ms (1 command(s) await a reply)"},
		{"half a reply", "220-mute.example\r\n", "", "the server sent 1 line(s) of a reply and then nothing for 300ms"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := hostilePeer(t, silentAfter(tc.greet))
			start := time.Now() // before the dial, which arms the wait for the greeting
			w := watch(t, "smtp://"+addr, session.Options{Timeout: timeout})
			if tc.send != "" {
				w.waitFor("greeting", hostileWait, isKind(session.Received))
				start = time.Now()
				w.send(tc.send)
			}
			e := w.waitFor("timeout", hostileWait, isTimeoutProblem)
			if took := time.Since(start); took < timeout*9/10 || took > timeout+time.Second {
				t.Errorf("timeout reported after %s, want about %s", took, timeout)
			}
			// the first line; a missing greeting adds a hint on TLS (wrongport.go)
			if first, _, _ := strings.Cut(e.Err.Error(), "\n"); first != "timeout: "+tc.want {
				t.Errorf("timeout says %q, want %q", e.Err, "timeout: "+tc.want)
			}
			w.s.Close()
			if c := w.closed(hostileWait); c.Err != nil || c.Reason != "closed by mailtutor" {
				t.Errorf("close: reason %q, error %v", c.Reason, c.Err)
			}
			w.checkTranscript()
		})
	}
}

// dripPeer writes each reply one byte every gap: the greeting, then one
// reply per command, then closes after QUIT.
func dripPeer(gap time.Duration, greet, reply string) func(net.Conn, *bufio.Reader) {
	drip := func(c net.Conn, s string) bool {
		for i := range len(s) {
			time.Sleep(gap)
			if _, err := c.Write([]byte{s[i]}); err != nil {
				return false
			}
		}
		return true
	}
	return func(c net.Conn, br *bufio.Reader) {
		if !drip(c, greet) {
			return
		}
		for {
			cmd := readCommand(br)
			if cmd == "" || strings.EqualFold(cmd, "QUIT") {
				c.Write([]byte("221 bye\r\n"))
				return
			}
			if !drip(c, reply) {
				return
			}
		}
	}
}

// A server that drips a byte every 100 ms is slow, not silent: with a
// timeout longer than the gap (but shorter than a whole reply) every reply
// completes and no timeout is reported.
func TestHostileDripWithinTimeout(t *testing.T) {
	addr := hostilePeer(t, dripPeer(100*time.Millisecond, "220 drip\r\n", "250 ok\r\n"))
	w := watch(t, "smtp://"+addr, session.Options{Timeout: 400 * time.Millisecond})
	w.waitFor("greeting", hostileWait, isKind(session.Received))
	w.send("NOOP")
	if e := w.waitFor("reply to NOOP", hostileWait, isKind(session.Received)); e.Reply.Code != 250 {
		t.Errorf("NOOP: %q", e.Reply.Lines)
	}
	w.send("QUIT")
	w.waitFor("reply to QUIT", hostileWait, isKind(session.Received))
	w.closed(hostileWait)
	if n := w.count(session.Problem); n != 0 {
		t.Errorf("%d problem(s) for a slow but steady server: %s", n, w.summary())
	}
	w.checkTranscript()
}

// The reverse: a gap longer than the timeout is reported as a timeout in
// time, and the session keeps listening, so the late reply still arrives.
func TestHostileDripSlowerThanTimeout(t *testing.T) {
	const timeout = 100 * time.Millisecond
	addr := hostilePeer(t, dripPeer(250*time.Millisecond, "220 x\r\n", "250 ok\r\n"))
	w := watch(t, "smtp://"+addr, session.Options{Timeout: timeout})
	start := time.Now()
	w.waitFor("timeout", hostileWait, isTimeoutProblem)
	if took := time.Since(start); took > timeout+time.Second {
		t.Errorf("timeout reported after %s, want about %s", took, timeout)
	}
	if g := w.waitFor("the late greeting", hostileWait, isKind(session.Received)); g.Reply.Code != 220 {
		t.Errorf("late greeting: %q", g.Reply.Lines)
	}
	w.s.Close()
	w.closed(hostileWait)
	w.checkTranscript()
}

// scriptRun is one run of the prompt's scripted mode against a peer.
type scriptRun struct {
	err    error
	output string
	took   time.Duration
	steps  []transcript.Step
}

// runScript dials addr, runs script with the prompt Runner while recording
// it, and loads the transcript. It fails the test if the run hangs.
func runScript(t *testing.T, url string, timeout time.Duration, script string) scriptRun {
	t.Helper()
	target, err := session.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	s, err := session.Dial(t.Context(), target, session.Options{Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	rec := session.NewRecording(target, s.Started(), "mailtutor hostile test", false)
	path := filepath.Join(t.TempDir(), "script.yaml")
	if err := rec.SaveTo(path, false); err != nil {
		t.Fatal(err)
	}
	out := &testkit.SyncBuffer{}
	r := &prompt.Runner{Session: s, Render: render.New(out, false, false), Observers: []prompt.Observer{rec}}
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- r.RunScript(strings.NewReader(script)) }()
	var run scriptRun
	select {
	case run.err = <-done:
	case <-time.After(15 * time.Second):
		s.Close()
		t.Fatalf("RunScript hangs (15s); output so far:\n%s", out)
	}
	run.took, run.output = time.Since(start), out.String()
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	tr, warnings, err := transcript.Load(path)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("the transcript of the script does not load cleanly: %v %v", err, warnings)
	}
	run.steps = tr.Steps
	return run
}

func stepKinds(steps []transcript.Step) string {
	var kinds []string
	for _, s := range steps {
		kinds = append(kinds, string(s.Kind))
	}
	return strings.Join(kinds, " ")
}

// The scripted prompt against a server that never answers: the script
// fails within the timeout and the screen says why.
func TestHostileScriptAgainstSilentServer(t *testing.T) {
	addr := hostilePeer(t, silentAfter("220 mute.example ESMTP\r\n"))
	run := runScript(t, "smtp://"+addr, 300*time.Millisecond, "EHLO client.test\nQUIT\n")
	if !errors.Is(run.err, prompt.ErrScript) {
		t.Errorf("RunScript = %v, want ErrScript", run.err)
	}
	if run.took > 3*time.Second {
		t.Errorf("the script took %s to give up, want about the 300ms timeout", run.took)
	}
	if !strings.Contains(run.output, "timeout: no reply within 300ms") || strings.Contains(run.output, "C: QUIT") {
		t.Errorf("the screen does not say the server timed out, or QUIT went on:\n%s", run.output)
	}
	if got := stepKinds(run.steps); got != "server client closed" {
		t.Errorf("transcript steps %q, want greeting, EHLO, closed", got)
	}
}

// The scripted prompt against a dripping server within the timeout completes.
func TestHostileScriptAgainstDrippingServer(t *testing.T) {
	addr := hostilePeer(t, dripPeer(50*time.Millisecond, "220 drip\r\n", "250 ok\r\n"))
	run := runScript(t, "smtp://"+addr, 300*time.Millisecond, "NOOP\nQUIT\n")
	if run.err != nil {
		t.Errorf("RunScript = %v\n%s", run.err, run.output)
	}
	if got := stepKinds(run.steps); got != "server client server client server closed" {
		t.Errorf("transcript steps %q", got)
	}
}

// In scripted mode every command waits for the reply to the one before,
// so the screen and the transcript must alternate command and reply.
func TestHostileStepOrder(t *testing.T) {
	const n = 3000
	addr := hostilePeer(t, lineServer("220 fast.example ESMTP\r\n", "250 ok\r\n", "221 bye\r\n"))
	run := runScript(t, "smtp://"+addr, hostileWait, strings.Repeat("NOOP\n", n)+"QUIT\n")
	if run.err != nil {
		t.Fatalf("RunScript = %v", run.err)
	}
	want := "server" + strings.Repeat(" client server", n+1) + " closed"
	if got := stepKinds(run.steps); got != want {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Errorf("the steps are out of order from byte %d: %q", i, got[max(0, i-40):min(len(got), i+60)])
	}
}
