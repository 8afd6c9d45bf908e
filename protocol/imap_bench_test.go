package protocol

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// BenchmarkIMAPFetch100MB frames "* 1 FETCH (BODY[] {104857600}" and its
// literal the way the live session reads it: 32 KiB raw reads, a Drain
// whenever 8 KiB are held (session.PartBytes). Besides time and bytes
// allocated in all (each line is handed out once, so that is the size of
// the message), it reports the most bytes the framer held and the largest
// live heap (after a GC, every 10 MiB): both must stay the size of a
// part, not of the message.
func BenchmarkIMAPFetch100MB(b *testing.B) {
	const size = 100 << 20
	const partBytes = 8 << 10
	line := strings.Repeat("x", 76) + "\r\n"
	chunk := []byte(strings.Repeat(line, 32<<10/len(line)+1)[:32<<10]) // lines cross chunk ends
	var peakHeld int
	var peakHeap uint64
	var ms runtime.MemStats
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		f := newIMAPFramer()
		f.greeted = true
		f.Feed(fmt.Sprintf("* 1 FETCH (BODY[] {%d}", size), CRLF)
		lines := 0
		for n := 0; f.Literal() > 0; n++ {
			p := chunk[:min(int64(len(chunk)), f.Literal())]
			f.FeedLiteral(p)
			peakHeld = max(peakHeld, f.Held())
			if f.Held() >= partBytes {
				lines += len(f.Drain())
			}
			if n%320 == 0 { // every 10 MiB, what is live
				runtime.GC()
				runtime.ReadMemStats(&ms)
				peakHeap = max(peakHeap, ms.HeapAlloc)
			}
		}
		r := f.Feed(")", CRLF)
		// the first Drain hands out the first line, the reply holds it again
		want := strings.Count(string(chunk), "\n")*(size/len(chunk)) + 1
		if r == nil || lines-1+len(r.Lines)-1 != want {
			b.Fatalf("framed %d lines of the literal, want %d", lines+len(r.Lines)-2, want)
		}
	}
	b.ReportMetric(float64(peakHeld), "peak-held-B")
	b.ReportMetric(float64(peakHeap)/(1<<20), "peak-live-heap-MiB")
}
