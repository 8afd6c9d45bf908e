package prompt

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/internal/testkit"
	"github.com/mailtutor/mailtutor/lab/labtest"
)

// terminal runs the interactive prompt on a fake terminal of 80 columns,
// on a lab service; keys types on it, wait waits until the screen shows
// a text (counting from mark), done waits for the prompt to end.
type terminal struct {
	t    *testing.T
	out  *testkit.SyncBuffer
	keys func(string)
	done chan error
}

func startTerminal(t *testing.T, service, history string) *terminal {
	t.Helper()
	l := labtest.Start(t)
	r, _ := runner(t, l, service)
	return runTerminal(t, r, history)
}

// runTerminal runs the interactive prompt of r on a fake terminal.
func runTerminal(t *testing.T, r *Runner, history string) *terminal {
	t.Helper()
	in, w := io.Pipe()
	out := &testkit.SyncBuffer{}
	done := make(chan error, 1)
	go func() { done <- r.RunInteractive(Interactive{In: in, Out: out, Width: 80, HistoryFile: history}) }()
	t.Cleanup(func() { w.Close() })
	return &terminal{t: t, out: out, done: done, keys: func(k string) {
		if _, err := w.Write([]byte(k)); err != nil {
			t.Errorf("type %q: %v", k, err)
		}
	}}
}

func (tm *terminal) wait(want string) {
	tm.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(tm.out.String(), want) {
		if time.Now().After(deadline) {
			tm.t.Fatalf("%q never shown; the screen:\n%s", want, tm.out)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (tm *terminal) end() {
	tm.t.Helper()
	select {
	case err := <-tm.done:
		if err != nil {
			tm.t.Fatalf("RunInteractive: %v", err)
		}
	case <-time.After(5 * time.Second):
		tm.t.Fatalf("the prompt did not end; the screen:\n%s", tm.out)
	}
}

// TestInteractiveMasksSASLAnswers: at the real prompt, on a fake terminal,
// TAB completes, the server's replies come above the line being typed,
// the answers to AUTH LOGIN's challenges are masked as they are typed and
// stay out of the history file, and QUIT leaves.
func TestInteractiveMasksSASLAnswers(t *testing.T) {
	history := filepath.Join(t.TempDir(), "history")
	tm := startTerminal(t, "submission", history)
	tm.wait("smtp> ")
	tm.keys("EH\t")
	tm.wait("smtp> EHLO ")
	tm.keys("me.example\r")
	tm.wait("S: 250 SMTPUTF8")
	tm.keys("NOOP\rAUTH LO") // NOOP's reply comes while the next line is typed
	tm.wait("S: 250 2.0.0")
	tm.keys("GIN\r")
	tm.wait("smtp auth> ")
	user, pass := codec.B64("student"), codec.B64("secret123")
	tm.keys(user + "\r")
	tm.wait("smtp auth> " + strings.Repeat("*", len(user)) + "\n")
	tm.wait(`decoded: "Password:"`)
	tm.keys(pass + "\r")
	tm.wait("S: 235")
	tm.keys("QUIT\r")
	tm.wait("(press Enter to leave)")
	tm.keys("\r")
	tm.end()

	screen := tm.out.String()
	for _, secret := range []string{user, pass, user[:4], pass[:4]} {
		if strings.Contains(screen, secret) {
			t.Errorf("%q reached the screen:\n%s", secret, screen)
		}
	}
	h, err := os.ReadFile(history)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(h); got != "EHLO me.example\nNOOP\nAUTH LOGIN\nQUIT\n" {
		t.Errorf("history file: %q", got)
	}
}

// TestInteractiveMasksPASS: the argument of POP3 PASS is masked from the
// first character typed; USER and the rest of the line stay readable.
func TestInteractiveMasksPASS(t *testing.T) {
	tm := startTerminal(t, "pop3", "")
	tm.wait("pop3> ")
	tm.keys("USER student\r")
	tm.wait("S: +OK\n") // the reply to USER, not the greeting
	tm.keys("PASS secret123\r")
	tm.wait("pop3> PASS *********\n")
	tm.wait("S: +OK Logged in")
	tm.keys("\x04") // Ctrl-D: QUIT and leave
	tm.end()
	if screen := tm.out.String(); strings.Contains(screen, "secret") || strings.Contains(screen, "PASS s") {
		t.Errorf("the password reached the screen:\n%s", screen)
	}
}

// TestInteractiveMasksOnlyThePassword: in AUTH LOGIN the answer to
// "Username:" typed with :b64 stays readable, the answer to "Password:"
// is masked after ":b64 " (a lesson masks the same way).
func TestInteractiveMasksOnlyThePassword(t *testing.T) {
	tm := startTerminal(t, "submission", "")
	tm.wait("smtp> ")
	tm.keys("EHLO me.example.test\r")
	tm.wait("S: 250 ")
	tm.keys("AUTH LOGIN\r")
	tm.wait("S: 334 VXNlcm5hbWU6")
	tm.keys(":b64 student\r")
	tm.wait("smtp auth> :b64 student\n")
	tm.wait("S: 334 UGFzc3dvcmQ6")
	tm.keys(":b64 secret123\r")
	tm.wait("smtp auth> :b64 *********\n")
	tm.wait("S: 235 2.7.0")
	tm.keys("\x04")
	tm.end()
	if screen := tm.out.String(); strings.Contains(screen, "secret123") {
		t.Errorf("the password reached the screen:\n%s", screen)
	}
}

func TestShownInClear(t *testing.T) {
	l := labtest.Start(t)
	smtp, _ := runner(t, l, "submission")
	pop, _ := runner(t, l, "pop3")
	if err := pop.RunScript(strings.NewReader("")); err != nil { // wait for the greeting
		t.Fatal(err)
	}
	tests := []struct {
		r    *Runner
		line string
		want int
	}{
		{pop, "PASS", 4},
		{pop, "PASS ", 5},
		{pop, "PASS s", 5},
		{pop, "pass secret123", 5},
		{pop, "PASS  two spaces", 5}, // the redaction joins with one space: hide from there
		{pop, "APOP student 0123", 13},
		{pop, "  PASS x", 0}, // the mark does not line up: hide it all
		{pop, "USER student", 12},
		{smtp, "AUTH PLAIN AHN0dWRlbnQ=", 11},
		{smtp, "AUTH LOGIN", 10},
		{smtp, "MAIL FROM:<a@b>", 15},
		{smtp, ":plain student secret123", 15}, // ":plain student " shows, the password does not
		{pop, ":apop student secret123", 14},
		{smtp, ":b64 student", 12}, // no SASL exchange is open: nothing to hide
	}
	for _, tt := range tests {
		if got := shownInClear(tt.r.Session, tt.line); got != tt.want {
			t.Errorf("shownInClear(%q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}
