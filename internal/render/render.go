// Package render turns session events into the annotated text a learner
// reads: colour on a terminal, plain text elsewhere. Each event is written
// with a single Write call so output never interleaves with the prompt.
package render

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/term"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// Renderer writes annotated events.
type Renderer struct {
	W        io.Writer
	Color    bool // ANSI colour
	Raw      bool // show CR, LF and non-printable bytes of what crosses the wire
	EchoSent bool // print every client line (scripted mode); else only lines that differ from what was typed
	Terse    bool // no explanations, only the class line
	// Lang is the language of the labels and explanations; the zero value
	// (and any language the tool does not speak) is English.
	Lang i18n.Lang
	// Leaving says the person asked to leave (:quit, Ctrl-D): the end of
	// the connection is not followed by "(press Enter to leave)". It may
	// be set while another goroutine writes events.
	Leaving atomic.Bool
	// Width is the screen's width in columns, fixed (tests, a replay for
	// a given width); when 0, Columns is asked before each notice, so
	// that a resized terminal is followed. With neither, nothing is
	// wrapped. Notices are wrapped (see term.Fit); the lines of the wire
	// (S:, C:) never are.
	Width   int
	Columns func() int

	palette     palette
	lastProblem string // the text of the last Problem shown (guarded by partMu)
	partMu      sync.Mutex
	partBuf     []byte // the lines of the last part of a long reply, laid out
}

type palette struct {
	client, server, dim, ok, inter, transient, permanent, bad, tls, next, warn func(a ...any) string
}

// New returns a renderer for w. A renderer for standard output lays its
// notices out to the width of the terminal (term.Columns); for any other
// writer set Width or Columns.
func New(w io.Writer, useColor, raw bool) *Renderer {
	r := &Renderer{W: w, Color: useColor, Raw: raw}
	r.palette = makePalette(useColor)
	if f, ok := w.(*os.File); ok && f == os.Stdout {
		r.Columns = term.Columns
	}
	return r
}

// width is the width to lay notices out to, 0 for none.
func (r *Renderer) width() int {
	if r.Width != 0 || r.Columns == nil {
		return r.Width
	}
	return r.Columns()
}

// labels are the renderer's labels, for the hanging indent of a notice
// (term.Hang finds the short one-word ones by itself).
func (r *Renderer) labels() []string {
	return []string{r.text(i18n.ConnectionLost), r.text(i18n.ProblemLabel), r.text(i18n.TLSNotVerified),
		r.text(i18n.DecodedLabel), r.text(i18n.WarningLabel), r.text(i18n.NextLabel), r.text(i18n.ErrorLabel)}
}

// makePalette paints with term's brushes; without colour a brush hands
// a single string back as it is (once per line of a long body).
func makePalette(on bool) palette {
	mk := func(c term.Color, bold bool) func(a ...any) string {
		return term.Brush(on, term.Style{Color: c, Bold: bold})
	}
	return palette{
		client:    mk(term.Cyan, true),
		server:    term.Brush(false, term.Style{}), // the terminal's own colour: white is unreadable on a light one
		dim:       term.Brush(on, term.Style{Faint: true}),
		ok:        mk(term.Green, true),
		inter:     mk(term.Blue, true),
		transient: mk(term.Yellow, true),
		permanent: mk(term.Red, true),
		bad:       mk(term.Magenta, true),
		tls:       mk(term.Green, false),
		next:      mk(term.Cyan, false),
		warn:      mk(term.Yellow, false),
	}
}

// Event writes one event.
func (r *Renderer) Event(e session.Event) {
	var b strings.Builder
	switch e.Kind {
	case session.Connected:
		fmt.Fprintf(&b, "%s\n", r.palette.dim(r.textf(i18n.Connected, e.Line)))
	case session.Sent, session.DataEnd:
		r.sent(&b, e)
		r.warnings(&b, e)
	case session.DataLine:
		if r.EchoSent {
			r.bodyLine(e)
		}
		return
	case session.ReceivedPart:
		r.part(e)
		return
	case session.Received:
		r.reply(&b, e)
	case session.TLSUp:
		r.tlsInfo(&b, e.TLS)
	case session.Problem:
		r.partMu.Lock()
		r.lastProblem = e.Err.Error()
		r.partMu.Unlock()
		fmt.Fprintf(&b, "   %s %s\n", r.palette.warn("!"), errorText(e.Err.Error(), "     "))
	case session.Closed:
		r.closed(&b, e)
	}
	r.write(b.String())
}

// Info writes a line of the tool's own (not from the server).
func (r *Renderer) Info(text string) { r.write(r.palette.dim(text) + "\n") }

// Notice writes something the user should notice.
func (r *Renderer) Notice(text string) { r.write(r.palette.warn(text) + "\n") }

// Error writes an error of the tool's own.
func (r *Renderer) Error(err error) {
	r.write(r.palette.permanent(r.text(i18n.ErrorLabel)) + err.Error() + "\n")
}

// text is the label key in the renderer's language.
func (r *Renderer) text(key i18n.Key) string { return i18n.Text(r.Lang, key) }

// textf formats the label key in the renderer's language.
func (r *Renderer) textf(key i18n.Key, args ...any) string { return i18n.Textf(r.Lang, key, args...) }

// closed writes the end of the connection.
func (r *Renderer) closed(b *strings.Builder, e session.Event) {
	switch {
	case e.Err != nil:
		// a transcript recorded before the session stopped saying it
		// itself holds "connection lost: ..." already
		why := strings.TrimPrefix(e.Err.Error(), "connection lost: ")
		r.partMu.Lock()
		same := why == r.lastProblem
		r.partMu.Unlock()
		if same { // a failed TLS handshake: said once, just above
			fmt.Fprintf(b, "%s\n", r.palette.permanent(r.text(i18n.ConnectionLostAbove)))
			break
		}
		label := r.text(i18n.ConnectionLost)
		fmt.Fprintf(b, "%s%s\n", r.palette.permanent(label), errorText(why, strings.Repeat(" ", term.Width(label))))
	case e.Reason == "closed by the server":
		fmt.Fprintf(b, "%s\n", r.palette.dim(r.text(i18n.ClosedByServer)))
	case e.Reason == "closed by mailtutor":
		fmt.Fprintf(b, "%s\n", r.palette.dim(r.text(i18n.ClosedByMailtutor)))
	default:
		fmt.Fprintf(b, "%s\n", r.palette.dim(r.textf(i18n.ClosedOther, e.Reason)))
	}
	if !r.EchoSent && !r.Leaving.Load() {
		b.WriteString(r.palette.dim(r.text(i18n.PressEnter)) + "\n")
	}
}

// errorText is an error's text made safe for the terminal, line by line:
// a hint on a line of its own (a failed TLS handshake) stays on a line
// of its own, indented by indent, rather than shown as \x0a.
func errorText(text, indent string) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i, l := range lines {
		lines[i] = Sanitize(strings.TrimSpace(l))
	}
	return strings.Join(lines, "\n"+indent)
}

// Text writes text as is (help pages, decodings).
func (r *Renderer) Text(text string) {
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	r.write(text)
}

// Prompt writes text as is, without a line break, and not wrapped.
func (r *Renderer) Prompt(text string) {
	if text != "" && r.W != nil {
		io.WriteString(r.W, text)
	}
}

// write writes s, a whole event or notice, in one Write call, its notices
// wrapped to the screen's width (see term.Fit).
func (r *Renderer) write(s string) {
	if s != "" && r.W != nil {
		io.WriteString(r.W, term.Fit(s, r.width(), r.labels()...))
	}
}

func (r *Renderer) sent(b *strings.Builder, e session.Event) {
	shown := e.Display
	if shown == "" {
		shown = e.Line
	}
	if !r.EchoSent && (shown == e.Line || e.Kind == session.DataEnd) {
		return // the user sees what they typed at the prompt
	}
	if r.Raw && e.Secret == "" {
		shown = Escape(e.Raw)
	}
	if e.Secret != "" { // "PASS <redacted>" in the screen's language
		shown = strings.ReplaceAll(shown, protocol.Redacted, r.text(i18n.RedactedMark))
	}
	b.Grow(len(shown) + 16)
	b.WriteString(r.palette.client("C:")) // once per line of a long body: no formatting
	b.WriteByte(' ')
	b.WriteString(shown)
	b.WriteByte('\n')
}

// warnings writes the dialect's local warnings about a sent line.
func (r *Renderer) warnings(b *strings.Builder, e session.Event) {
	for _, w := range e.Warnings {
		fmt.Fprintf(b, "   %s%s\n", r.palette.warn(r.text(i18n.WarningLabel)), Sanitize(w))
	}
}

func (r *Renderer) reply(b *strings.Builder, e session.Event) {
	rep := e.Reply
	paint := r.tonePaint(rep.Tone)
	b.Write(r.appendServerLines(nil, paint, e.Raw, shownLines(rep), false))
	lang := i18n.Resolve(r.Lang)
	var ex protocol.Explanation
	if e.Explanation != nil && e.Explanation.Lang == lang {
		ex = *e.Explanation // computed once, by the dialect, in the session's state
	} else {
		// a session in another language, or an event made by hand: the
		// reply still carries the state it arrived in (Reply.Before)
		ex, _ = protocol.ExplainIn(rep, lang) // Resolve leaves only supported languages
	}
	took := ""
	if e.Elapsed > 0 { // none for a reply played back or explained offline
		took = " · " + FormatDuration(e.Elapsed)
	}
	fmt.Fprintf(b, "   %s%s\n", paint(ex.Class), r.palette.dim(took))
	if r.Terse {
		return
	}
	if ex.Meaning != "" {
		m := ex.Meaning
		if ex.RFC != "" {
			ref := r.textf(i18n.RFCRef, ex.RFC)
			if open, ok := strings.CutSuffix(m, "）"); ok && strings.HasPrefix(ref, "（") {
				m, ref = open, "；"+strings.TrimPrefix(ref, "（") // one pair: （字节；RFC 1939 第 5 节）
			}
			m += r.palette.dim(ref)
		}
		fmt.Fprintf(b, "   %s\n", m)
	}
	if ex.Enhanced != "" {
		fmt.Fprintf(b, "   %s\n", ex.Enhanced)
	}
	if ex.Decoded != "" {
		fmt.Fprintf(b, "   %s%s\n", r.text(i18n.DecodedLabel), r.quoted(ex.Decoded))
	}
	if ex.Warning != "" {
		fmt.Fprintf(b, "   %s%s\n", r.palette.warn(r.text(i18n.WarningLabel)), ex.Warning)
	}
	problems, _ := protocol.ProblemsIn(rep, lang)
	for _, p := range problems {
		fmt.Fprintf(b, "   %s%s\n", r.palette.bad(r.text(i18n.ProblemLabel)), Sanitize(p))
	}
	if ex.Next != "" {
		fmt.Fprintf(b, "   %s%s\n", r.palette.next(r.text(i18n.NextLabel)), ex.Next)
	}
}

// part writes the lines of a long reply that came so far, as the dialect
// says a learner reads them; the explanation follows with the reply's
// end. Only a positive reply streams a body, hence its colour. The lines
// are laid out in a buffer kept from one part to the next.
func (r *Renderer) part(e session.Event) {
	lines := e.Shown
	if lines == nil {
		lines = e.Lines
	}
	r.partMu.Lock()
	defer r.partMu.Unlock()
	r.partBuf = r.appendServerLines(r.partBuf[:0], r.tonePaint(protocol.TonePositive), e.Raw, lines, e.Plain)
	if len(r.partBuf) > 0 && r.W != nil {
		r.W.Write(r.partBuf)
	}
	if cap(r.partBuf) > 1<<20 {
		r.partBuf = nil // do not keep a buffer made for an unusual part
	}
}

// bodyLine writes a line of a message body as sent, the hot path of a long
// DATA body: laid out in the buffer kept for the parts of a long reply.
func (r *Renderer) bodyLine(e session.Event) {
	shown := e.Display
	if shown == "" {
		shown = e.Line
	}
	if r.Raw && e.Secret == "" {
		shown = Escape(e.Raw)
	}
	r.partMu.Lock()
	defer r.partMu.Unlock()
	b := append(r.partBuf[:0], r.palette.client("C:")...)
	b = append(append(append(b, ' '), shown...), '\n')
	if r.W != nil {
		r.W.Write(b)
	}
	r.partBuf = b
	if cap(b) > 1<<20 {
		r.partBuf = nil
	}
}

// appendServerLines appends received lines to b, each after an "S:" in
// the reply's colour: escaped from the raw bytes with --raw, else as a
// learner reads them. It is the hot path of a long reply (RETR of a large
// message): a line of printable ASCII, the usual body line, goes out as it
// is, and the colour is painted around each line without formatting it.
// plain says the lines are known to be printable ASCII (session.Event.Plain).
func (r *Renderer) appendServerLines(b []byte, paint func(a ...any) string, raw []byte, lines []string, plain bool) []byte {
	prefix := paint("S:") + " "
	if r.Raw {
		for _, l := range splitRaw(raw) {
			b = append(b, prefix...)
			b = append(b, Escape(l)...)
			b = append(b, '\n')
		}
		return b
	}
	open, end := brushEnds(r.palette.server)
	n := len(b)
	for _, l := range lines {
		n += len(prefix) + len(open) + len(l) + len(end) + 1
	}
	b = slices.Grow(b, n-len(b))
	for _, l := range lines {
		if !plain && !protocol.PrintableASCII(l) {
			l = Sanitize(l)
		}
		b = append(b, prefix...)
		b = append(b, open...)
		b = append(b, l...)
		b = append(b, end...)
		b = append(b, '\n')
	}
	return b
}

// brushEnds is what a brush writes before and after a text: nothing
// without colour, the escape sequences with it.
func brushEnds(brush func(a ...any) string) (open, end string) {
	open, end, _ = strings.Cut(brush("\x00"), "\x00")
	return open, end
}

// shownLines are the reply's lines as a learner should read them: a POP3
// multi-line body dot-unstuffed; for a reply streamed in parts, only what
// the parts did not show.
func shownLines(rep *protocol.Reply) []string {
	if rep.Drained && !rep.Multi && len(rep.Lines) > 0 {
		return rep.Lines[1:] // the first line came with the first part
	}
	if !rep.Multi || len(rep.Lines) == 0 {
		return rep.Lines
	}
	out := make([]string, 0, len(rep.Body)+2)
	if !rep.Drained {
		out = append(out, rep.Lines[0])
	}
	out = append(out, rep.Body...)
	return append(out, ".")
}

// tonePaint is the colour of a reply of tone t, the same in every dialect.
func (r *Renderer) tonePaint(t protocol.Tone) func(a ...any) string {
	switch t {
	case protocol.TonePositive:
		return r.palette.ok
	case protocol.ToneIntermediate:
		return r.palette.inter
	case protocol.ToneTransient:
		return r.palette.transient
	case protocol.TonePermanent:
		return r.palette.permanent
	}
	return r.palette.bad
}

func (r *Renderer) tlsInfo(b *strings.Builder, t *session.TLSInfo) {
	fmt.Fprintf(b, "   %s%s, %s\n", r.palette.tls(r.text(i18n.TLSLabel)), t.Version, t.Cipher)
	// the certificate's words are the server's: sanitized like its replies
	fmt.Fprintf(b, "   %s\n", r.textf(i18n.TLSCertificate, Sanitize(t.Subject)))
	fmt.Fprintf(b, "   %s\n", r.textf(i18n.TLSIssuer, Sanitize(t.Issuer)))
	if len(t.DNSNames) > 0 {
		fmt.Fprintf(b, "   %s\n", r.textf(i18n.TLSNames, Sanitize(strings.Join(t.DNSNames, ", "))))
	}
	fmt.Fprintf(b, "   %s\n", r.textf(i18n.TLSValid, t.NotBefore.UTC().Format("2006-01-02"), t.NotAfter.UTC().Format("2006-01-02")))
	fmt.Fprintf(b, "   %s\n", r.textf(i18n.TLSFingerprint, t.Fingerprint))
	if t.Verified {
		fmt.Fprintf(b, "   %s\n", r.palette.ok(r.textf(i18n.TLSVerified, t.ServerName)))
	} else {
		fmt.Fprintf(b, "   %s%s\n", r.palette.permanent(r.text(i18n.TLSNotVerified)), Sanitize(t.VerifyError))
	}
	if t.Warning != "" { // --tls-min lowered the minimum (in the session's language)
		fmt.Fprintf(b, "   %s%s\n", r.palette.warn(r.text(i18n.WarningLabel)), t.Warning)
	}
}

// FormatDuration shows a server's response time compactly.
func FormatDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%d µs", d.Microseconds())
	case d < 10*time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return d.Round(100 * time.Millisecond).String()
}

// quoted shows a decoded challenge: Go-quoted (escapes show control
// bytes), except that printable text on a Chinese screen goes between
// “ and ”, as the glossary wants quotes there.
func (r *Renderer) quoted(text string) string {
	q := strconv.Quote(text)
	if i18n.Resolve(r.Lang) == i18n.Chinese && q == `"`+text+`"` {
		return "“" + text + "”"
	}
	return q
}
