package term

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/testkit"
)

// keys are typed on a fake terminal of 80 columns.
const (
	enter = "\r"
	up    = "\x1b[A"
	tab   = "\t"
	ctrlC = "\x03"
	ctrlD = "\x04"
)

// fake is an Editor on a fake terminal; keys types on it.
type fake struct {
	*Editor
	keys func(string)
	out  *testkit.SyncBuffer
}

func newFake(t *testing.T, o Options) fake {
	t.Helper()
	in, w := io.Pipe()
	out := &testkit.SyncBuffer{}
	o.Stdin, o.Stdout, o.Width = in, out, 80
	e, err := NewEditor(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close(); e.Close() })
	return fake{Editor: e, out: out, keys: func(keys string) { go w.Write([]byte(keys)) }}
}

// read reads one line while keys are typed, with a time limit.
func (f fake) read(t *testing.T, keys string, secret bool) (string, error) {
	t.Helper()
	type result struct {
		line string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		line, err := f.ReadLine("[1/9] pop3> ", secret)
		done <- result{line, err}
	}()
	f.keys(keys)
	select {
	case res := <-done:
		return res.line, res.err
	case <-time.After(5 * time.Second):
		t.Fatalf("no line read after typing %q", keys)
		return "", nil
	}
}

// TestSecretIsMaskedAndForgotten: a line read as a secret is never shown
// and never comes back with the up arrow; an ordinary line does.
func TestSecretIsMaskedAndForgotten(t *testing.T) {
	f := newFake(t, Options{})
	line, err := f.read(t, "USER student"+enter, false)
	if err != nil || line != "USER student" {
		t.Fatalf("got %q, %v", line, err)
	}
	f.Keep(line)
	mark := len(f.out.String())
	line, err = f.read(t, "PASS secret123"+enter, true)
	if err != nil || line != "PASS secret123" {
		t.Fatalf("secret line: got %q, %v", line, err)
	}
	shown := f.out.String()[mark:]
	if strings.Contains(shown, "secret123") || strings.Contains(shown, "PASS") {
		t.Errorf("the secret line was shown as typed: %q", shown)
	}
	if !strings.Contains(shown, "**************") {
		t.Errorf("the secret line was not shown masked: %q", shown)
	}
	line, err = f.read(t, up+up+enter, false)
	if err != nil || line != "USER student" {
		t.Errorf("up arrow after a secret: got %q, %v; want the line before it", line, err)
	}
}

// TestConcealWipesTheLine: a credential typed in clear is wiped from the
// screen and replaced by a mask.
func TestConcealWipesTheLine(t *testing.T) {
	f := newFake(t, Options{})
	line, err := f.read(t, "PASS hunter2"+enter, false)
	if err != nil || line != "PASS hunter2" {
		t.Fatalf("got %q, %v", line, err)
	}
	mark := len(f.out.String())
	f.Conceal()
	if got := f.out.String()[mark:]; got != "\x1b[1A\r\x1b[J[1/9] pop3> ********\n" {
		t.Errorf("Conceal wrote %q", got)
	}
}

// TestCtrlCAndCtrlD: Ctrl-C throws the line away, Ctrl-D ends the input.
func TestCtrlCAndCtrlD(t *testing.T) {
	f := newFake(t, Options{})
	if _, err := f.read(t, "STAT"+ctrlC, false); !errors.Is(err, ErrInterrupted) {
		t.Errorf("Ctrl-C: err = %v, want ErrInterrupted", err)
	}
	if _, err := f.read(t, "x"+ctrlC, true); !errors.Is(err, ErrInterrupted) {
		t.Errorf("Ctrl-C on a secret: err = %v, want ErrInterrupted", err)
	}
	if _, err := f.read(t, ctrlD, false); !errors.Is(err, io.EOF) {
		t.Errorf("Ctrl-D: err = %v, want io.EOF", err)
	}
}

// TestMaskFollowsTheLine: what Mask hides never reaches the screen, at
// any keystroke, and the line read is the line typed.
func TestMaskFollowsTheLine(t *testing.T) {
	f := newFake(t, Options{Mask: func(line string) int {
		if strings.HasPrefix(strings.ToUpper(line), "PASS ") {
			return len("PASS ")
		}
		return len(line)
	}})
	line, err := f.read(t, "PASS hunter2"+enter, false)
	if err != nil || line != "PASS hunter2" {
		t.Fatalf("got %q, %v", line, err)
	}
	shown := f.out.String()
	for _, leak := range []string{"hunter2", "hunt", "PASS h"} {
		if strings.Contains(shown, leak) {
			t.Errorf("%q reached the screen: %q", leak, shown)
		}
	}
	if !strings.Contains(shown, "[1/9] pop3> PASS *******") {
		t.Errorf("the line was not shown masked after PASS: %q", shown)
	}
	line, err = f.read(t, "USER me"+enter, false)
	if err != nil || line != "USER me" || !strings.Contains(f.out.String(), "USER me") {
		t.Errorf("an ordinary line: got %q, %v, shown %q", line, err, f.out.String())
	}
}

// TestMaskChangesWithTheState: a Refresh redraws the line with the mask
// the state now asks for (a SASL challenge arrived while typing).
func TestMaskChangesWithTheState(t *testing.T) {
	var inAuth atomic.Bool
	f := newFake(t, Options{Mask: func(line string) int {
		if inAuth.Load() {
			return 0
		}
		return len(line)
	}})
	done := make(chan string, 1)
	go func() {
		line, _ := f.ReadLine("smtp> ", false)
		done <- line
	}()
	f.keys("dXNlcg")
	waitFor(t, f.out, "smtp> dXNlcg")
	inAuth.Store(true)
	f.SetPrompt("smtp auth> ")
	waitFor(t, f.out, "smtp auth> ******")
	mark := len(f.out.String())
	f.keys("==" + enter)
	if line := <-done; line != "dXNlcg==" {
		t.Errorf("got %q", line)
	}
	if shown := f.out.String()[mark:]; strings.Contains(shown, "dXNlcg") {
		t.Errorf("the answer was shown after the challenge: %q", shown)
	}
}

// TestOutputWhileTyping: server output written from another goroutine,
// with the prompt changing, while lines are typed, all reaches the screen
// in order, above the line being typed (run with -race).
func TestOutputWhileTyping(t *testing.T) {
	f := newFake(t, Options{})
	done := make(chan string, 1)
	go func() {
		line, _ := f.ReadLine("smtp> ", false)
		done <- line
	}()
	f.keys("NO")
	waitFor(t, f.out, "smtp> NO")
	io.WriteString(f.Stdout(), "S: 220 ready\n")
	f.SetPrompt("smtp+tls> ")
	waitFor(t, f.out, "S: 220 ready\n")
	waitFor(t, f.out, "smtp+tls> NO")
	f.keys("OP" + enter)
	if line := <-done; line != "NOOP" {
		t.Errorf("got %q", line)
	}

	const n = 300
	wrote := make(chan struct{})
	go func() {
		defer close(wrote)
		for i := range n {
			fmt.Fprintf(f.Stdout(), "S: 250 ok %d\n", i)
			f.SetPrompt([]string{"smtp> ", "smtp+tls> "}[i%2])
		}
	}()
	for _, keys := range []string{"RSET" + enter, "HELP" + enter, "NOOP" + enter} {
		if line, err := f.read(t, keys, false); err != nil || line != keys[:4] {
			t.Errorf("got %q, %v; want %q", line, err, keys[:4])
		}
	}
	<-wrote
	waitFor(t, f.out, fmt.Sprintf("S: 250 ok %d\n", n-1))
	shown := f.out.String()
	at := 0
	for i := range n {
		j := strings.Index(shown[at:], fmt.Sprintf("S: 250 ok %d\n", i))
		if j < 0 {
			t.Fatalf("line %d missing or out of order", i)
		}
		at += j
	}
}

// TestPipedInputIsReadPlainly: from a pipe the editor writes the prompt,
// reads the line as it comes (a TAB is a character, not a completion),
// and ends with io.EOF.
func TestPipedInputIsReadPlainly(t *testing.T) {
	out := &testkit.SyncBuffer{}
	in := io.NopCloser(strings.NewReader("EH" + tab + "LO x\r\nQUIT\n"))
	complete := func([]rune, int) ([][]rune, int) { panic("completion on piped input") }
	e, err := NewEditor(Options{Stdin: in, Stdout: out, Complete: complete, Mask: func(string) int { return 0 }})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if e.Terminal() {
		t.Fatal("a pipe was taken for a terminal")
	}
	for _, want := range []string{"EH\tLO x", "QUIT"} {
		if got, err := e.ReadLine("smtp> ", false); got != want || err != nil {
			t.Errorf("got %q, %v; want %q", got, err, want)
		}
	}
	if _, err := e.ReadLine("smtp> ", true); !errors.Is(err, io.EOF) {
		t.Errorf("at the end: err = %v, want io.EOF", err)
	}
	if got := out.String(); got != "smtp> smtp> smtp> " {
		t.Errorf("wrote %q", got)
	}
}

func waitFor(t *testing.T, out *testkit.SyncBuffer, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(out.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("%q never shown: %q", want, out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}
