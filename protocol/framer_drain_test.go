package protocol

import (
	"fmt"
	"strings"
	"testing"
)

// TestDrainStreamsABody feeds a RETR reply, draining every few lines, and
// checks that the parts and the final reply together are exactly the reply
// framed in one piece, while the framer never holds more than one part.
func TestDrainStreamsABody(t *testing.T) {
	var wire []string
	wire = append(wire, "+OK 500 lines")
	for i := range 500 {
		l := fmt.Sprintf("line %d", i)
		if i%7 == 0 {
			l = "." + l // dot-stuffed
		}
		wire = append(wire, l)
	}
	wire = append(wire, ".")

	whole := NewFramer(POP3)
	whole.Expect("RETR 1")
	var want *Reply
	for _, l := range wire {
		want = whole.Feed(l, CRLF)
	}

	for _, every := range []int{1, 3, 64, 499, 1000} {
		t.Run(fmt.Sprint("every ", every), func(t *testing.T) {
			f := NewFramer(POP3)
			f.Expect("RETR 1")
			var got []string
			var final *Reply
			for i, l := range wire {
				final = f.Feed(l, CRLF)
				if final != nil {
					break
				}
				if held := f.Held(); held > 0 && (i+1)%every == 0 {
					got = append(got, f.Drain()...)
					if f.Held() != len(wire[0]) {
						t.Fatalf("after Drain the framer holds %d bytes, want only the status line's %d", f.Held(), len(wire[0]))
					}
					if f.Drain() != nil {
						t.Fatal("a second Drain with nothing new returned lines")
					}
				}
			}
			if final == nil {
				t.Fatal("no reply")
			}
			if final.Drained != (len(got) > 0) {
				t.Errorf("Drained = %v after %d drained lines", final.Drained, len(got))
			}
			lines := final.Lines
			if final.Drained {
				lines = lines[1:] // the status line went out with the first part
			}
			if all := append(got, lines...); strings.Join(all, "\n") != strings.Join(want.Lines, "\n") {
				t.Errorf("parts + final lines differ from the whole reply:\n%q\n%q", all, want.Lines)
			}
			if final.Streamed+len(final.Body) != len(want.Body) {
				t.Errorf("Streamed %d + body %d != %d body lines", final.Streamed, len(final.Body), len(want.Body))
			}
			if final.Lines[0] != wire[0] || final.Class != ClassOK || final.Text != "500 lines" {
				t.Errorf("final reply lost its status: %q %v %q", final.Lines[0], final.Class, final.Text)
			}
			if !equalStrings(final.Body, want.Body[len(want.Body)-len(final.Body):]) {
				t.Errorf("final body is not the tail of the whole body")
			}
		})
	}
}

// TestDrainKeepsLineNumbers checks that a problem found after a Drain names
// the line's place in the whole reply, not in the part.
func TestDrainKeepsLineNumbers(t *testing.T) {
	f := NewFramer(POP3)
	f.Expect("RETR 1")
	f.Feed("+OK", CRLF)
	f.Feed("a", CRLF)
	f.Feed("b", CRLF)
	f.Drain()
	f.Feed(".unstuffed", CRLF) // line 4 of the reply
	r := f.Feed(".", CRLF)
	if r == nil || len(r.Problems) != 1 || !strings.Contains(r.Problems[0], "4") {
		t.Fatalf("problems = %q, want one naming line 4", r.Problems)
	}
}

func TestDrainOutsideABody(t *testing.T) {
	f := NewFramer(POP3)
	if f.Drain() != nil || f.Held() != 0 {
		t.Error("Drain/Held before any reply")
	}
	f.Expect("STAT")
	f.Feed("+OK 1 2", CRLF)
	if f.Drain() != nil {
		t.Error("Drain after a single-line reply")
	}
	s := NewFramer(SMTP)
	s.Expect("EHLO x")
	s.Feed("250-a", CRLF)
	if s.Drain() != nil {
		t.Error("Drain of an SMTP reply")
	}
}
