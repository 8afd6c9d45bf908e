package render

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/term"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// TestWrapFollowsTheTerminal: the width is asked before each notice, so
// a terminal resized between two replies (SIGWINCH) lays the next one out
// at its new width; a painted reply is still one Write, its colours kept,
// its S: line whole.
func TestWrapFollowsTheTerminal(t *testing.T) {
	w := &countingWriter{}
	r := New(w, true, false)
	r.Lang = i18n.Chinese
	cols := 60
	r.Columns = func() int { return cols }
	bad := "535 5.7.8 Error: authentication failed: authentication failure, and some more words from the server"
	for _, width := range []int{60, 100, 40} {
		cols = width
		before, writes := w.b.Len(), w.calls
		r.Event(session.Event{Kind: session.Received, Reply: frame(t, protocol.SMTP, "AUTH PLAIN", bad)})
		if w.calls != writes+1 {
			t.Errorf("at %d: %d writes for one reply", width, w.calls-writes)
		}
		out := w.b.String()[before:]
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if term.StripANSI(lines[0]) != "S: "+bad {
			t.Errorf("at %d: the server's line was changed: %q", width, lines[0])
		}
		widest := 0
		for _, l := range lines[1:] {
			widest = max(widest, term.Width(l))
		}
		if widest > width || widest < width-12 {
			t.Errorf("at %d: the widest notice line takes %d columns:\n%s", width, widest, term.StripANSI(out))
		}
		plain := &countingWriter{}
		whole := New(plain, true, false)
		whole.Lang = i18n.Chinese
		whole.Event(session.Event{Kind: session.Received, Reply: frame(t, protocol.SMTP, "AUTH PLAIN", bad)})
		if n := strings.Count(out, "\x1b["); n == 0 || n != strings.Count(plain.b.String(), "\x1b[") {
			t.Errorf("at %d: %d colour sequences, want those of the unwrapped reply: %q", width, n, out)
		}
		if squeeze(term.StripANSI(out)) != squeeze(term.StripANSI(plain.b.String())) {
			t.Errorf("at %d: the text changed:\n%s", width, out)
		}
	}
}

// squeeze is s without spaces and line breaks: what a wrap may change.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }
