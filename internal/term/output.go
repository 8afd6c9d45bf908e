package term

import (
	"io"
	"sync"

	"github.com/chzyer/readline"
)

// wakeRune is fed to readline, between the keys typed, to have its own
// goroutine show what other goroutines wrote meanwhile (see filter). It is
// a noncharacter, which Unicode keeps for such internal use.
const wakeRune = '\uFDD0'

// Stdout is where to write while a line is being typed: on a terminal
// the text appears above the line, which is drawn again below it. Each
// Write reaches the screen whole.
func (e *Editor) Stdout() io.Writer {
	if e.rl == nil {
		return e.out
	}
	return editorWriter{e}
}

type editorWriter struct{ e *Editor }

func (w editorWriter) Write(p []byte) (int, error) {
	e := w.e
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.reading {
		return e.out.Write(p)
	}
	e.queue = append(e.queue, p...)
	e.in.Wake()
	return len(p), nil
}

// SetPrompt changes the prompt, and redraws the line being typed.
func (e *Editor) SetPrompt(prompt string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.prompt, e.newPrompt = prompt, true
	if e.rl != nil && e.reading {
		e.in.Wake()
	}
}

// Refresh redraws the line being typed (after its mask changed).
func (e *Editor) Refresh() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.rl != nil && e.reading {
		e.in.Wake()
	}
}

// startReading hands the screen to readline for one line.
func (e *Editor) startReading() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.applyPrompt()
	e.reading = true
}

// stopReading takes the screen back after a line, writes what came
// while readline was returning it, and says the line's prompt.
func (e *Editor) stopReading() (prompt string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.reading = false
	e.flush()
	return e.prompt
}

// filter runs in readline's goroutine before each key. At a wakeRune it
// shows the prompt and the output that came meanwhile through readline's
// own writer, which draws the line again below them, and hands readline
// Ctrl-G instead, a key that changes nothing in the line (it ends a
// Ctrl-R search or a list of completions). Ignoring the key instead would
// have readline read ahead the keys of the next line before it is asked.
func (e *Editor) filter(r rune) (rune, bool) {
	if r != wakeRune {
		return r, true
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.applyPrompt()
	if len(e.queue) > 0 {
		e.rl.Stdout().Write(e.queue)
		e.queue = e.queue[:0]
	} else {
		e.rl.Refresh()
	}
	return readline.CharBell, true
}

func (e *Editor) applyPrompt() {
	if e.newPrompt {
		e.rl.SetPrompt(e.prompt)
		e.newPrompt = false
	}
}

func (e *Editor) flush() {
	if len(e.queue) > 0 {
		e.out.Write(e.queue)
		e.queue = e.queue[:0]
	}
}

// wakeReader is readline's input: the keys typed, with a wakeRune
// slipped in between two reads when Wake is called.
type wakeReader struct {
	chunks chan chunk
	wake   chan struct{}
	done   chan struct{}
	once   sync.Once

	pending []byte // read and not yet given to readline
	err     error  // what ended the input, given after pending
}

type chunk struct {
	b   []byte
	err error
}

func newWakeReader(in io.Reader) *wakeReader {
	w := &wakeReader{chunks: make(chan chunk), wake: make(chan struct{}, 1), done: make(chan struct{})}
	go w.pump(in)
	return w
}

// pump reads the input in its own goroutine, so that Read can wait for
// a key and for a wake-up at once.
func (w *wakeReader) pump(in io.Reader) {
	for {
		b := make([]byte, 512)
		n, err := in.Read(b)
		select {
		case w.chunks <- chunk{b[:n], err}:
		case <-w.done:
			return
		}
		if err != nil {
			return
		}
	}
}

// Read gives readline the keys typed, or a wakeRune.
func (w *wakeReader) Read(p []byte) (int, error) {
	for len(w.pending) == 0 {
		if w.err != nil {
			return 0, w.err
		}
		select {
		case c := <-w.chunks:
			w.pending, w.err = c.b, c.err
		case <-w.wake:
			w.pending = []byte(string(wakeRune))
		case <-w.done:
			return 0, io.EOF
		}
	}
	n := copy(p, w.pending)
	w.pending = w.pending[n:]
	return n, nil
}

// Wake has readline's goroutine call the filter soon.
func (w *wakeReader) Wake() {
	select {
	case w.wake <- struct{}{}:
	default: // a wake-up is on its way already
	}
}

// Close ends the input; a read of the underlying input under way is left
// to finish on its own.
func (w *wakeReader) Close() error {
	w.once.Do(func() { close(w.done) })
	return nil
}
