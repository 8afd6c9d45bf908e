package transcript

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// writeNoops writes a transcript of n NOOP round-trip steps to a new file.
func writeNoops(t testing.TB, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "noops.yaml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	h := smtpHeader()
	w.Write(appendHeader(nil, &h))
	var b []byte
	for i := range n {
		s := Step{At: ms(i * 10), Kind: KindClient, Text: "NOOP"}
		if i%2 == 1 {
			s.Kind, s.Text = KindServer, "250 2.0.0 Ok"
		}
		b = appendStep(b[:0], &s)
		w.Write(b)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// Open and File.Steps hold one step at a time: the live heap while a
// transcript is checked and read again does not grow with its length.
// (Load would hold every step: some 30 MB for these 300,000.)
func TestStreamBoundedMemory(t *testing.T) {
	const n = 300_000
	path := writeNoops(t, n)
	base := liveHeap()
	var peak uint64
	sample := func() { peak = max(peak, liveHeap()) }
	f, warnings, err := Open(path)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("Open: %v %q", err, warnings)
	}
	sample()
	count := 0
	for s, err := range f.Steps() {
		if err != nil {
			t.Fatal(err)
		}
		if count%50_000 == 0 {
			sample()
		}
		if want := ms(count * 10); s.At != want {
			t.Fatalf("step %d at %v, want %v", count+1, s.At, want)
		}
		count++
	}
	if count != n || f.Summary().Steps != n {
		t.Fatalf("read %d steps, Summary says %d, want %d", count, f.Summary().Steps, n)
	}
	grew := int64(peak) - int64(base)
	t.Logf("live heap grew by at most %d KB while reading %d steps twice", grew/1024, n)
	if grew > 4<<20 {
		t.Fatalf("the live heap grew by %d KB: the steps are being kept", grew/1024)
	}
}

// BenchmarkStreamNoops200k checks and reads again 200,000 NOOP steps, as
// "mailtutor replay" does: the allocation per step stays small and the
// memory in use stays flat (TestStreamBoundedMemory).
func BenchmarkStreamNoops200k(b *testing.B) {
	path := writeNoops(b, 200_000)
	b.ReportAllocs()
	for b.Loop() {
		f, _, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		for _, err := range f.Steps() {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}
