package proxy

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/internal/term"
	"github.com/mailtutor/mailtutor/session"
)

// Screen shows every connection on one writer with the prompt's framing
// and annotations: client lines after "C:", replies explained, each line
// after its connection's number ("#2 "). Each event is written whole, so
// connections running at once show one event after another, never mixed
// inside a reply.
type Screen struct {
	mu    sync.Mutex
	w     io.Writer
	color bool
	terse bool
	lang  i18n.Lang
	dim   func(a ...any) string
	warn  func(a ...any) string
}

// NewScreen shows connections on w, in colour if color, explanations in lang.
func NewScreen(w io.Writer, color, terse bool, lang i18n.Lang) *Screen {
	return &Screen{w: w, color: color, terse: terse, lang: lang,
		dim:  term.Brush(color, term.Style{Faint: true}),
		warn: term.Brush(color, term.Style{Color: term.Yellow})}
}

// Info writes a line of the proxy's own, for no connection in particular.
func (s *Screen) Info(text string) { s.put(s.dim(text) + "\n") }

// Notice writes a line the user should notice.
func (s *Screen) Notice(text string) { s.put(s.warn(text) + "\n") }

func (s *Screen) put(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	io.WriteString(s.w, text)
}

// Handler returns the handler that shows connection id.
func (s *Screen) Handler(id int) Handler {
	sc := &screenConn{s: s, prefix: s.dim(fmt.Sprintf("#%d", id)) + " "}
	sc.r = render.New(&sc.buf, s.color, false)
	sc.r.EchoSent, sc.r.Terse, sc.r.Lang = true, s.terse, s.lang
	return sc
}

// screenConn shows one connection; its calls come one at a time.
type screenConn struct {
	s      *Screen
	prefix string
	buf    bytes.Buffer
	r      *render.Renderer
}

func (c *screenConn) Event(e session.Event) {
	switch e.Kind {
	case session.Connected:
		return // NoteOpened says more
	case session.Closed:
		c.closed(e)
	default:
		c.r.Event(e)
	}
	c.flush()
}

func (c *screenConn) closed(e session.Event) {
	switch {
	case e.Err != nil:
		c.buf.WriteString(c.s.warn(i18n.Text(c.s.lang, i18n.ConnectionLost)) + errorLines(e.Err.Error()) + "\n")
	case e.Reason == closedByClient:
		c.buf.WriteString(c.s.dim(i18n.Text(c.s.lang, i18n.ProxyClosedByClient)) + "\n")
	case e.Reason == closedByServer:
		c.buf.WriteString(c.s.dim(i18n.Text(c.s.lang, i18n.ClosedByServer)) + "\n")
	default:
		c.buf.WriteString(c.s.dim(i18n.Text(c.s.lang, i18n.ClosedByMailtutor)) + "\n")
	}
}

func (c *screenConn) Note(n Note) {
	lang := c.s.lang
	var text string
	switch n.Kind {
	case NoteOpened:
		text = c.s.dim(i18n.Textf(lang, i18n.ProxyOpened, n.Client, n.Upstream))
	case NoteClientTLS:
		text = c.s.dim(i18n.Textf(lang, i18n.ProxyClientTLS, n.TLS))
	case NoteInjected:
		text = "   " + c.s.warn(i18n.Textf(lang, i18n.ProxyInjected, render.Sanitize(n.Line)))
	case NoteRefusedTLS:
		text = "   " + c.s.warn(i18n.Text(lang, i18n.ProxyRefusedTLS))
	case NoteDropped:
		text = "   " + c.s.warn(i18n.Textf(lang, i18n.ProxyDropNote, n.N, render.Sanitize(n.Line)))
	default:
		return
	}
	c.buf.WriteString(text + "\n")
	c.flush()
}

// flush writes what the buffer holds, each line after the connection's
// number, in one write.
func (c *screenConn) flush() {
	if c.buf.Len() == 0 {
		return
	}
	text := strings.TrimSuffix(c.buf.String(), "\n")
	c.buf.Reset()
	var b strings.Builder
	b.Grow(len(text) + 16)
	for _, l := range strings.Split(text, "\n") {
		b.WriteString(c.prefix)
		b.WriteString(l)
		b.WriteByte('\n')
	}
	c.s.put(b.String())
}

// Handlers is a Handler that hands everything to each of its handlers in turn.
type Handlers []Handler

// Event hands e to each handler.
func (hs Handlers) Event(e session.Event) {
	for _, h := range hs {
		h.Event(e)
	}
}

// Note hands n to each handler.
func (hs Handlers) Note(n Note) {
	for _, h := range hs {
		h.Note(n)
	}
}

// errorLines is an error's text made safe for the terminal line by line:
// a hint on a line of its own stays on a line of its own, indented.
func errorLines(text string) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i, l := range lines {
		lines[i] = render.Sanitize(strings.TrimSpace(l))
	}
	return strings.Join(lines, "\n  ")
}
