// Package lineedit reads a lesson student's lines on a terminal, with the
// line editor of internal/term: line editing, a history of the lines typed
// in this run (up arrow, Ctrl-R), Ctrl-C to throw a line away and Ctrl-D
// to stop. A line the lesson expects to be a credential (a POP3 PASS, an
// answer to an AUTH challenge, an APOP or AUTH PLAIN line) is typed
// masked; a credential typed where none was expected is wiped from the
// screen once it is entered. The history lives in memory only and never
// holds a credential: nothing of a lesson is written to a history file.
//
// It implements [lessons.LineReader]; the mailtutor command uses it when
// standard input and output are terminals, and the plain line reader of
// package lessons otherwise.
package lineedit

import (
	"errors"
	"io"
	"sync/atomic"

	"github.com/mailtutor/mailtutor/internal/term"
	"github.com/mailtutor/mailtutor/lessons"
)

// Options configure a Reader. The zero value reads the process's terminal.
type Options struct {
	Stdin  io.ReadCloser // nil: standard input
	Stdout io.Writer     // nil: standard output
	// Width, when not zero, makes the streams a terminal of that many
	// columns without switching any real terminal to raw mode (for tests).
	Width int
}

// Reader reads the student's lines from a terminal.
type Reader struct {
	*term.Editor // Keep, Close
	mask         atomic.Pointer[lessons.Mask]
}

var _ lessons.LineReader = (*Reader)(nil)

// New starts a line editor on the terminal. Close it when done.
func New(o Options) (*Reader, error) {
	r := &Reader{}
	e, err := term.NewEditor(term.Options{Stdin: o.Stdin, Stdout: o.Stdout, Width: o.Width, HistoryLimit: 500, Mask: r.shown})
	if err != nil {
		return nil, err
	}
	r.Editor = e
	return r, nil
}

// ReadLine shows prompt and reads one line; what mask calls a secret is
// masked as it is typed. Ctrl-C gives lessons.ErrLineCancelled, Ctrl-D on
// an empty line io.EOF.
func (r *Reader) ReadLine(prompt string, mask lessons.Mask) (string, error) {
	r.mask.Store(&mask)
	line, err := r.Editor.ReadLine(prompt, false)
	if errors.Is(err, term.ErrInterrupted) {
		return "", lessons.ErrLineCancelled
	}
	return line, err
}

// shown is the editor's mask: the current line's.
func (r *Reader) shown(line string) int {
	if m := r.mask.Load(); m != nil && *m != nil {
		return (*m)(line)
	}
	return len(line)
}
