// Package lineedit reads a lesson student's lines on a terminal with
// github.com/chzyer/readline: line editing, a history of the lines typed
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
	"fmt"
	"io"
	"strings"

	"github.com/chzyer/readline"

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
	rl     *readline.Instance
	masked *readline.Config
	out    io.Writer
	width  func() int

	lastPrompt, lastLine string // the line last read in clear, for Conceal
}

var _ lessons.LineReader = (*Reader)(nil)

// mask is shown for each character of a credential as it is typed, and
// in place of a credential wiped from the screen.
const mask = '*'

// New starts a line editor on the terminal. Close it when done.
func New(o Options) (*Reader, error) {
	cfg := &readline.Config{
		Stdin:                  o.Stdin,
		Stdout:                 o.Stdout,
		HistoryLimit:           500,
		DisableAutoSaveHistory: true, // the runner keeps only lines without a credential
		HistorySearchFold:      true,
		InterruptPrompt:        "^C",
		EOFPrompt:              "",
	}
	if o.Width > 0 {
		cfg.FuncIsTerminal = func() bool { return true }
		cfg.FuncMakeRaw = func() error { return nil }
		cfg.FuncExitRaw = func() error { return nil }
		cfg.FuncGetWidth = func() int { return o.Width }
		cfg.FuncOnWidthChanged = func(func()) {}
	}
	rl, err := readline.NewEx(cfg)
	if err != nil {
		return nil, fmt.Errorf("start the line editor: %w", err)
	}
	masked := rl.GenPasswordConfig() // no history at all
	masked.MaskRune = mask
	masked.Stdin = io.NopCloser(strings.NewReader("")) // the terminal's reader is rl's; keep os.Stdin out of it
	masked.FuncIsTerminal, masked.FuncMakeRaw, masked.FuncExitRaw = cfg.FuncIsTerminal, cfg.FuncMakeRaw, cfg.FuncExitRaw
	masked.FuncGetWidth, masked.FuncOnWidthChanged = cfg.FuncGetWidth, cfg.FuncOnWidthChanged
	return &Reader{rl: rl, masked: masked, out: cfg.Stdout, width: cfg.FuncGetWidth}, nil
}

// ReadLine shows prompt and reads one line; a secret line is masked as it
// is typed. Ctrl-C gives lessons.ErrLineCancelled, Ctrl-D on an empty line
// io.EOF.
func (r *Reader) ReadLine(prompt string, secret bool) (string, error) {
	r.lastPrompt, r.lastLine = "", ""
	var line string
	var err error
	if secret {
		r.masked.Prompt = prompt
		var b []byte
		b, err = r.rl.ReadPasswordWithConfig(r.masked)
		line = string(b)
	} else {
		r.rl.SetPrompt(prompt)
		line, err = r.rl.Readline()
		r.lastPrompt, r.lastLine = prompt, line
	}
	switch {
	case errors.Is(err, readline.ErrInterrupt):
		return "", lessons.ErrLineCancelled
	case err != nil:
		return "", err // io.EOF at Ctrl-D
	}
	return line, nil
}

// Keep adds a line to the history of this run.
func (r *Reader) Keep(line string) {
	if strings.TrimSpace(line) != "" {
		r.rl.SaveHistory(line)
	}
}

// Conceal wipes the line just read in clear from the screen and shows it
// masked: it held a credential after all.
func (r *Reader) Conceal() {
	if r.lastLine == "" {
		return
	}
	rows := 1
	if w := r.width(); w > 0 {
		rows = (lessons.DisplayWidth(r.lastPrompt+r.lastLine) + w - 1) / w
		rows = max(rows, 1)
	}
	fmt.Fprintf(r.out, "\x1b[%dA\r\x1b[J%s%s\n", rows, r.lastPrompt, strings.Repeat(string(mask), 8))
	r.lastPrompt, r.lastLine = "", ""
}

// Close gives the terminal back.
func (r *Reader) Close() error { return r.rl.Close() }
