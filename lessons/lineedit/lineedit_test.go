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

// TestReaderSpeaksLessons: on a fake terminal, a secret is masked and
// Ctrl-C is the lessons' cancelled line, Ctrl-D the end of the input. The
// editor itself is tested in internal/term.
func TestReaderSpeaksLessons(t *testing.T) {
	in, w := io.Pipe()
	out := &testkit.SyncBuffer{}
	r, err := New(Options{Stdin: in, Stdout: out, Width: 80})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close(); r.Close() })
	tests := []struct {
		keys string
		mask lessons.Mask
		line string
		err  error
	}{
		{"PASS secret123\r", fromFive, "PASS secret123", nil},
		{"STAT\x03", nil, "", lessons.ErrLineCancelled},
		{"x\x03", fromFive, "", lessons.ErrLineCancelled},
		{"\x04", nil, "", io.EOF},
	}
	for _, tt := range tests {
		type result struct {
			line string
			err  error
		}
		done := make(chan result, 1)
		go func() {
			line, err := r.ReadLine("pop3> ", tt.mask)
			done <- result{line, err}
		}()
		go w.Write([]byte(tt.keys))
		select {
		case res := <-done:
			if res.line != tt.line || !errors.Is(res.err, tt.err) && res.err != tt.err {
				t.Errorf("typing %q: got %q, %v; want %q, %v", tt.keys, res.line, res.err, tt.line, tt.err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no line read after typing %q", tt.keys)
		}
	}
	if shown := out.String(); strings.Contains(shown, "secret123") || !strings.Contains(shown, "PASS *********") {
		t.Errorf("the secret was not masked: %q", shown)
	}
}

// fromFive shows the first five bytes of a line ("PASS ") in clear.
func fromFive(line string) int { return min(len(line), 5) }
