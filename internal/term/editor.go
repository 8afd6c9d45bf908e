package term

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/chzyer/readline"
)

// ErrInterrupted is what ReadLine returns when the person threw the line
// away with Ctrl-C.
var ErrInterrupted = errors.New("line interrupted")

// Options configure an Editor. The zero value reads the process's
// standard input and writes its standard output.
type Options struct {
	Stdin  io.ReadCloser // nil: standard input
	Stdout io.Writer     // nil: standard output
	// Width, when not zero, makes the streams a terminal of that many
	// columns without switching any real terminal to raw mode (tests).
	Width int

	HistoryFile  string // "" keeps the history in memory only
	HistoryLimit int    // 0: readline's default (500)
	// Complete offers completions for the line typed so far, as
	// readline's AutoCompleter does: the endings of the candidates and
	// how many runes before pos they continue. nil completes nothing.
	Complete func(line []rune, pos int) (endings [][]rune, length int)
	// Mask says how many bytes at the start of the line being typed are
	// shown in clear; the rest is shown masked (a password after "PASS ",
	// an answer to a SASL challenge). It is asked at every keystroke and
	// at every Refresh, so it can follow a state that changes meanwhile.
	// nil shows every line in clear.
	Mask func(line string) (shown int)
}

// Editor reads lines from a person: with readline's line editing, history
// and completion when it reads a terminal (standard input and output both,
// or a fake one, see Options.Width), else line by line from a pipe or a
// file, writing the prompt and no echo.
//
// Other goroutines may write to Stdout and call SetPrompt and Refresh
// while a line is typed: on a terminal the editor hands what they write
// to readline's own goroutine, which shows it above the line being typed
// (readline's buffer is not safe to draw from two goroutines).
type Editor struct {
	rl     *readline.Instance // nil: plain line reading
	masked *readline.Config   // the configuration of a masked line
	in     *wakeReader        // readline's input, which the editor can wake
	out    io.Writer
	width  func() int
	plain  *bufio.Scanner // plain line reading

	mu        sync.Mutex
	prompt    string // the prompt last set
	newPrompt bool   // readline has not been given prompt yet
	reading   bool   // readline is reading a line: output goes through its goroutine
	queue     []byte // output waiting for readline's goroutine

	lastPrompt, lastLine string // the line last read in clear, for Conceal
}

// MaskRune is shown for each column of a masked character as it is typed,
// and in place of a line wiped from the screen.
const MaskRune = '*'

// NewEditor starts an editor. Close it when done.
func NewEditor(o Options) (*Editor, error) {
	if o.Width == 0 && !terminalStreams(o) {
		return newPlain(o), nil
	}
	var stdin io.Reader = os.Stdin
	if o.Stdin != nil {
		stdin = o.Stdin
	}
	if err := privateHistory(o.HistoryFile); err != nil {
		return nil, fmt.Errorf("the history file: %w", err)
	}
	e := &Editor{in: newWakeReader(stdin)}
	cfg := &readline.Config{
		Stdin:                  e.in,
		Stdout:                 o.Stdout,
		HistoryFile:            o.HistoryFile,
		HistoryLimit:           o.HistoryLimit,
		DisableAutoSaveHistory: true, // the caller keeps only lines without a credential
		HistorySearchFold:      true,
		InterruptPrompt:        "^C",
		EOFPrompt:              "",
		FuncFilterInputRune:    e.filter,
	}
	if o.Complete != nil {
		cfg.AutoComplete = completeFunc(o.Complete)
	}
	if o.Mask != nil {
		cfg.Painter = maskPainter(o.Mask)
	}
	if o.Width > 0 {
		fakeTerminal(cfg, o.Width)
	}
	rl, err := readline.NewEx(cfg)
	if err != nil {
		e.in.Close()
		return nil, fmt.Errorf("start the line editor: %w", err)
	}
	e.rl, e.out, e.width = rl, cfg.Stdout, cfg.FuncGetWidth
	e.masked = rl.GenPasswordConfig() // no history at all
	e.masked.MaskRune = MaskRune
	// readline would touch the history after returning the line, while
	// ReadPasswordWithConfig swaps the configuration back: a data race
	e.masked.DisableAutoSaveHistory = true
	e.masked.Stdin = io.NopCloser(strings.NewReader("")) // the terminal's reader is rl's; keep os.Stdin out of it
	e.masked.FuncIsTerminal, e.masked.FuncMakeRaw, e.masked.FuncExitRaw = cfg.FuncIsTerminal, cfg.FuncMakeRaw, cfg.FuncExitRaw
	e.masked.FuncGetWidth, e.masked.FuncOnWidthChanged = cfg.FuncGetWidth, cfg.FuncOnWidthChanged
	e.masked.FuncFilterInputRune = e.filter
	return e, nil
}

// privateHistory makes the history file private before readline opens
// it (readline would create it 0666 less the umask): its directory 0700
// when it has to be made, the file 0600, also when an older version left
// it readable by others. No secret is kept there, but what a person types
// is theirs.
func privateHistory(path string) error {
	if path == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.Mode().Perm()&0o077 != 0 {
		return f.Chmod(0o600)
	}
	return nil
}

// terminalStreams reports whether the streams o names are terminals: only
// then is readline used (its completer panics on a TAB read from a pipe).
func terminalStreams(o Options) bool {
	in, out := io.Reader(o.Stdin), o.Stdout
	if in == nil {
		in = os.Stdin
	}
	if out == nil {
		out = os.Stdout
	}
	fin, ok1 := in.(*os.File)
	fout, ok2 := out.(*os.File)
	return ok1 && ok2 && IsTerminal(fin) && IsTerminal(fout)
}

// fakeTerminal makes readline take its streams for a terminal of width
// columns, touching no real terminal.
func fakeTerminal(cfg *readline.Config, width int) {
	cfg.FuncIsTerminal = func() bool { return true }
	cfg.FuncMakeRaw = func() error { return nil }
	cfg.FuncExitRaw = func() error { return nil }
	cfg.FuncGetWidth = func() int { return width }
	cfg.FuncOnWidthChanged = func(func()) {}
}

// newPlain is an editor that reads lines from a pipe or a file.
func newPlain(o Options) *Editor {
	var in io.Reader = os.Stdin
	if o.Stdin != nil {
		in = o.Stdin
	}
	out := io.Writer(os.Stdout)
	if o.Stdout != nil {
		out = o.Stdout
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	return &Editor{plain: sc, out: out}
}

// Terminal reports whether the editor edits lines on a terminal (else it
// reads them as they come).
func (e *Editor) Terminal() bool { return e.rl != nil }

// ReadLine shows prompt and reads one line, without its line ending. A
// secret line is masked as it is typed and never reaches the history.
// Ctrl-C gives ErrInterrupted (with the line thrown away, unless it was a
// secret), Ctrl-D on an empty line (or the end of the input) io.EOF.
func (e *Editor) ReadLine(prompt string, secret bool) (string, error) {
	if !secret || e.rl == nil {
		e.SetPrompt(prompt)
		return e.Read()
	}
	e.lastPrompt, e.lastLine = "", ""
	e.masked.Prompt = prompt
	e.startReading()
	b, err := e.rl.ReadPasswordWithConfig(e.masked)
	e.stopReading()
	if err != nil {
		return "", mapErr(err)
	}
	return string(b), nil
}

// Read reads one line after the prompt last set with SetPrompt (which
// another goroutine may change while the line is typed).
func (e *Editor) Read() (string, error) {
	e.lastPrompt, e.lastLine = "", ""
	if e.rl == nil {
		return e.readPlain()
	}
	e.startReading()
	line, err := e.rl.Readline()
	prompt := e.stopReading()
	if err != nil {
		return line, mapErr(err) // Ctrl-C: what was typed, thrown away
	}
	e.lastPrompt, e.lastLine = prompt, line
	return line, nil
}

func (e *Editor) readPlain() (string, error) {
	e.mu.Lock()
	prompt := e.prompt
	e.mu.Unlock()
	if prompt != "" {
		io.WriteString(e.out, prompt)
	}
	if !e.plain.Scan() {
		if err := e.plain.Err(); err != nil {
			return "", err
		}
		return "", io.EOF
	}
	return strings.TrimRight(e.plain.Text(), "\r"), nil
}

func mapErr(err error) error {
	if errors.Is(err, readline.ErrInterrupt) {
		return ErrInterrupted
	}
	return err // nil, or io.EOF at Ctrl-D
}

// Keep adds a line to the history (and to the history file, if any).
func (e *Editor) Keep(line string) {
	if e.rl != nil && strings.TrimSpace(line) != "" {
		e.rl.SaveHistory(line)
	}
}

// Close gives the terminal back.
func (e *Editor) Close() error {
	if e.rl == nil {
		return nil
	}
	e.in.Close() // readline's reader returns, so that readline can stop
	return e.rl.Close()
}
