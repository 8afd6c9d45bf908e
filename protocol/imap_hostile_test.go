package protocol

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// fetchWire is a FETCH response whose literal holds n lines of text.
func fetchWire(n int) (wire string, body []string) {
	var b strings.Builder
	for i := range n {
		l := fmt.Sprintf("line %d of the message", i)
		body = append(body, l)
		b.WriteString(l + "\r\n")
	}
	return fmt.Sprintf("* 1 FETCH (BODY[] {%d}\r\n%s)\r\n", b.Len(), b.String()), body
}

// TestIMAPDrainStreamsALiteral drains a long literal as it comes: the
// parts and the final reply together are the reply framed whole, and the
// framer never holds more than a part.
func TestIMAPDrainStreamsALiteral(t *testing.T) {
	wire, _ := fetchWire(500)
	whole := newIMAPReader(newIMAPFramer()).feed(wire)[0]
	for _, every := range []int{1, 100, 1000, 4096} {
		for _, chunk := range []int{0, 1, 7, 512} {
			t.Run(fmt.Sprintf("drain at %d, chunks of %d", every, chunk), func(t *testing.T) {
				f := newIMAPFramer()
				rd := newIMAPReader(f)
				rd.drain, rd.chunk = every, chunk
				rs := rd.feed(wire)
				if len(rs) != 1 {
					t.Fatalf("%d replies", len(rs))
				}
				final := rs[0]
				// a drain comes once a chunk or a line has made Held reach every
				if chunk > 0 && rd.peak > every+chunk+32+len(whole.Lines[0])+2 {
					t.Errorf("the framer held %d bytes, draining at %d", rd.peak, every)
				}
				if final == nil || !final.Drained || final.Lines[0] != whole.Lines[0] {
					t.Fatalf("final reply %+v", final)
				}
				if got := append(rd.drained, final.Lines[1:]...); !equalStrings(got, whole.Lines) {
					t.Errorf("parts and final lines differ from the whole reply:\n%q\n%q", got[:3], whole.Lines[:3])
				}
				if final.Streamed+len(final.Lines)-1 != len(whole.Lines)-1 {
					t.Errorf("Streamed %d + %d kept != %d", final.Streamed, len(final.Lines)-1, len(whole.Lines)-1)
				}
				if final.Status != "FETCH" || final.Text != whole.Text || final.Text == "" {
					t.Errorf("final reply lost its first line: %s", summary(final))
				}
			})
		}
	}
	if f := newIMAPFramer(); f.Drain() != nil || f.Held() != 0 {
		t.Error("Drain or Held between responses")
	}
	f := newIMAPFramer()
	f.Feed("* 1 FETCH (BODY[] {10}", CRLF)
	if f.Drain() != nil {
		t.Error("Drain of a response of one line")
	}
}

// TestIMAPLiteralLongerThanWhatFollows: the server announces more than it
// sends. The framer waits for the bytes (the session's timeout ends the
// wait) and Partial tells what came.
func TestIMAPLiteralLongerThanWhatFollows(t *testing.T) {
	f := newIMAPFramer()
	f.Expect("a1 FETCH 1 BODY[]")
	rd := newIMAPReader(f)
	if rs := rd.feed("* 1 FETCH (BODY[] {1000}\r\nshort\r\na1 OK done\r\npart"); len(rs) != 0 {
		t.Fatalf("a reply before the literal's end: %s", summary(rs[0]))
	}
	if n := f.Literal(); n != 1000-7-12-4 {
		t.Errorf("Literal() = %d", n)
	}
	want := []string{"* 1 FETCH (BODY[] {1000}", "short", "a1 OK done", "part"}
	if p := f.Partial(); !equalStrings(p, want) {
		t.Errorf("Partial() = %q, want %q", p, want)
	}
	if f.State().Input != InputCommand || len(f.pending) != 1 {
		t.Errorf("the command is not pending any more: %+v", f.State())
	}
}

// TestIMAPHugeLiteral announces a literal of 2^31 bytes: it is counted,
// streamed and never allocated.
func TestIMAPHugeLiteral(t *testing.T) {
	f := newIMAPFramer()
	f.Feed("* 1 FETCH (BINARY[] ~{2147483648}", CRLF)
	if f.Literal() != 1<<31 {
		t.Fatalf("Literal() = %d", f.Literal())
	}
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	chunk := []byte(strings.Repeat("0123456789abcdef", 4096)) // 64 KiB, no line end
	const fed = 64 << 20
	peak := 0
	for range fed / len(chunk) {
		f.FeedLiteral(chunk)
		peak = max(peak, f.Held())
		f.Drain()
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	if f.Literal() != 1<<31-fed {
		t.Errorf("Literal() = %d after %d bytes", f.Literal(), fed)
	}
	if peak > maxIMAPLineBytes+100 {
		t.Errorf("held %d bytes of a line without end", peak)
	}
	if grew := int64(after.HeapInuse) - int64(before.HeapInuse); grew > 8<<20 {
		t.Errorf("the heap grew by %d bytes", grew)
	}
	f.FeedLiteral([]byte("\r\n"))
	p := f.Partial()
	if len(p) != 2 || len(p[1]) != maxIMAPLineBytes {
		t.Errorf("Partial has %d lines", len(p))
	}
}

// TestIMAPEndlessResponse: a response that goes on forever, literal after
// literal, is read without end but kept only up to the bounds; drained as
// the session does, nothing is lost.
func TestIMAPEndlessResponse(t *testing.T) {
	for _, drain := range []bool{false, true} {
		f := newIMAPFramer()
		f.Feed("* 1 FETCH (X {0}", CRLF)
		for range MaxIMAPResponseLines + 10 {
			if r := f.Feed(" X {0}", CRLF); r != nil {
				t.Fatal("the response ended")
			}
			if drain && f.Held() > 8<<10 {
				f.Drain()
			}
		}
		r := f.Feed(")", CRLF)
		if r == nil {
			t.Fatal("no reply at the end")
		}
		capped := hasProblem(r, fmt.Sprint(MaxIMAPResponseLines), "not kept")
		if capped == drain || !drain && len(r.Lines) != MaxIMAPResponseLines {
			t.Errorf("drain %v: %d lines, problems %q", drain, len(r.Lines), r.Problems)
		}
	}
	f := newIMAPFramer()
	f.greeted = true
	for i := range 10000 { // an endless stream of untagged responses: each its own reply
		if r := f.Feed("* OK [ALERT] flood", CRLF); r == nil || f.Held() != 0 {
			t.Fatalf("response %d: %v, held %d", i, r, f.Held())
		}
	}
}
