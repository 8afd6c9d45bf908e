package lessons

import "github.com/mailtutor/mailtutor/session"

// Output is where a lesson shows what happens: the connection's events,
// annotated, and the runner's own lines. The mailtutor command gives the
// renderer of internal/render, which paints them for a terminal.
type Output interface {
	// Event shows a session event: a line sent, a reply with its
	// explanation, a TLS handshake, a problem.
	Event(e session.Event)
	// Info shows a line of the tool's own, set apart from the server's.
	Info(text string)
	// Notice shows something the student should notice.
	Notice(text string)
	// Error shows an error of the tool's own.
	Error(err error)
	// Text shows text as it is, ending with a line break.
	Text(text string)
	// Prompt shows text as it is, without a line break: the prompt of a
	// line read from a pipe.
	Prompt(text string)
}

// Discard is an Output that shows nothing.
var Discard Output = discard{}

type discard struct{}

func (discard) Event(session.Event) {}
func (discard) Info(string)         {}
func (discard) Notice(string)       {}
func (discard) Error(error)         {}
func (discard) Text(string)         {}
func (discard) Prompt(string)       {}

// screen is a run's Output with the language of the runner's own lines
// and the width they are wrapped to (0: not wrapped).
type screen struct {
	Output
	Lang  Lang
	Width int
}

// quiet is a screen that shows nothing, for the lesson's setup.
func quiet() *screen { return &screen{Output: Discard, Lang: English} }
