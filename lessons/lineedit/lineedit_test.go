package lineedit

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/testkit"
	"github.com/mailtutor/mailtutor/lessons"
)

// keys are typed on a fake terminal of 80 columns.
const (
	enter = "\r"
	up    = "\x1b[A"
	ctrlC = "\x03"
	ctrlD = "\x04"
)

// newFake starts a Reader on a fake terminal; type writes keystrokes.
func newFake(t *testing.T) (r *Reader, typeKeys func(string), out *testkit.SyncBuffer) {
	t.Helper()
	in, w := io.Pipe()
	out = &testkit.SyncBuffer{}
	r, err := New(Options{Stdin: in, Stdout: out, Width: 80})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close(); r.Close() })
	typeKeys = func(keys string) {
		go w.Write([]byte(keys))
	}
	return r, typeKeys, out
}

// read reads one line while keys are typed, with a time limit.
func read(t *testing.T, r *Reader, typeKeys func(string), keys string, secret bool) (string, error) {
	t.Helper()
	type result struct {
		line string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		line, err := r.ReadLine("[1/9] pop3> ", secret)
		done <- result{line, err}
	}()
	typeKeys(keys)
	select {
	case res := <-done:
		return res.line, res.err
	case <-time.After(5 * time.Second):
		t.Fatalf("no line read after typing %q", keys)
		return "", nil
	}
}

// TestSecretIsMaskedAndForgotten: a credential read as a secret is never
// shown and never comes back with the up arrow; an ordinary line does.
func TestSecretIsMaskedAndForgotten(t *testing.T) {
	r, typeKeys, out := newFake(t)
	line, err := read(t, r, typeKeys, "USER student"+enter, false)
	if err != nil || line != "USER student" {
		t.Fatalf("got %q, %v", line, err)
	}
	r.Keep(line)
	mark := len(out.String())
	line, err = read(t, r, typeKeys, "PASS secret123"+enter, true)
	if err != nil || line != "PASS secret123" {
		t.Fatalf("secret line: got %q, %v", line, err)
	}
	shown := out.String()[mark:]
	if strings.Contains(shown, "secret123") || strings.Contains(shown, "PASS") {
		t.Errorf("the secret line was shown as typed: %q", shown)
	}
	if !strings.Contains(shown, "**************") {
		t.Errorf("the secret line was not shown masked: %q", shown)
	}
	line, err = read(t, r, typeKeys, up+up+enter, false)
	if err != nil || line != "USER student" {
		t.Errorf("up arrow after a secret: got %q, %v; want the line before it", line, err)
	}
}

// TestConcealWipesTheLine: a credential typed in clear is wiped from the
// screen and replaced by a mask.
func TestConcealWipesTheLine(t *testing.T) {
	r, typeKeys, out := newFake(t)
	line, err := read(t, r, typeKeys, "PASS hunter2"+enter, false)
	if err != nil || line != "PASS hunter2" {
		t.Fatalf("got %q, %v", line, err)
	}
	mark := len(out.String())
	r.Conceal()
	if got := out.String()[mark:]; got != "\x1b[1A\r\x1b[J[1/9] pop3> ********\n" {
		t.Errorf("Conceal wrote %q", got)
	}
}

// TestCtrlCAndCtrlD: Ctrl-C throws the line away, Ctrl-D ends the input.
func TestCtrlCAndCtrlD(t *testing.T) {
	r, typeKeys, _ := newFake(t)
	if _, err := read(t, r, typeKeys, "STAT"+ctrlC, false); !errors.Is(err, lessons.ErrLineCancelled) {
		t.Errorf("Ctrl-C: err = %v, want ErrLineCancelled", err)
	}
	if _, err := read(t, r, typeKeys, "x"+ctrlC, true); !errors.Is(err, lessons.ErrLineCancelled) {
		t.Errorf("Ctrl-C on a secret: err = %v, want ErrLineCancelled", err)
	}
	if _, err := read(t, r, typeKeys, ctrlD, false); !errors.Is(err, io.EOF) {
		t.Errorf("Ctrl-D: err = %v, want io.EOF", err)
	}
}
