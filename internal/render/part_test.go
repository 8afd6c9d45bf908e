package render

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// The lines of a part are written as they always were: each after "S:",
// painted with the server's brush, sanitized unless printable ASCII; an
// event that says its lines are plain gives the same output; one part is
// one write, and a later part does not show an earlier one.
func TestPartLines(t *testing.T) {
	parts := [][]string{
		{"+OK 300 octets", "Subject: hi", "", "..dotted", "tab\there"},
		{"esc \x1b[31m red", "中文", "bad \xff byte", "c1 \u009b"},
	}
	for _, color := range []bool{false, true} {
		w := &countingWriter{}
		r := New(w, color, false)
		var want strings.Builder
		for _, lines := range parts {
			plain := true
			for _, l := range lines {
				plain = plain && protocol.PrintableASCII(l)
				want.WriteString(r.palette.ok("S:") + " " + r.palette.server(Sanitize(l)) + "\n")
			}
			r.Event(session.Event{Kind: session.ReceivedPart, Lines: lines, Plain: plain})
		}
		if got := w.b.String(); got != want.String() {
			t.Errorf("colour %v:\n got %q\nwant %q", color, got, want.String())
		}
		if w.calls != len(parts) {
			t.Errorf("colour %v: %d writes for %d parts", color, w.calls, len(parts))
		}
	}
}

// A body line echoed in scripted mode is "C: " and the line as it was
// shown, one write each, whatever came before in the kept buffer.
func TestBodyLineEcho(t *testing.T) {
	w := &countingWriter{}
	r := New(w, false, false)
	r.EchoSent = true
	r.Event(session.Event{Kind: session.ReceivedPart, Lines: []string{"+OK a long part"}, Plain: true})
	r.Event(session.Event{Kind: session.DataLine, Line: "Subject: hi"})
	r.Event(session.Event{Kind: session.DataLine, Line: "secret", Display: "******"})
	want := "S: +OK a long part\nC: Subject: hi\nC: ******\n"
	if got := w.b.String(); got != want || w.calls != 3 {
		t.Fatalf("%d writes of %q, want 3 of %q", w.calls, got, want)
	}
	r.EchoSent = false
	r.Event(session.Event{Kind: session.DataLine, Line: "not echoed"})
	if w.calls != 3 {
		t.Fatal("a body line was shown without EchoSent")
	}
}
