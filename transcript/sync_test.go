package transcript

import (
	"errors"
	"io"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// memFile is a recorder file in memory that counts syncs and writes. Its
// own lock lets a test read the counters while the sync timer runs.
type memFile struct {
	mu       sync.Mutex
	data     []byte
	syncs    int
	writes   int
	maxWrite int
	ends     []int // the file's size after each write
	closed   bool
	misuse   error // a call after Close
}

func (m *memFile) Write(p []byte) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.check("write")
	m.data = append(m.data, p...)
	m.writes++
	m.maxWrite = max(m.maxWrite, len(p))
	m.ends = append(m.ends, len(m.data))
	return len(p), nil
}

func (m *memFile) ReadAt(p []byte, off int64) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if off >= int64(len(m.data)) {
		return 0, io.EOF
	}
	n := copy(p, m.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func (m *memFile) Sync() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.check("sync")
	m.syncs++
	return nil
}

func (m *memFile) Truncate(size int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.data = m.data[:size]
	return nil
}

func (m *memFile) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.check("close")
	m.closed = true
	return nil
}

func (m *memFile) check(op string) {
	if m.closed && m.misuse == nil {
		m.misuse = errors.New(op + " after close")
	}
}

func (m *memFile) counts() (syncs, writes int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.syncs, m.writes
}

func (m *memFile) bytes() []byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]byte(nil), m.data...)
}

func newMemRecorder(t testing.TB, opts Options) (*Recorder, *memFile) {
	t.Helper()
	f := &memFile{}
	r, err := newRecorder(f, smtpHeader(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return r, f
}

func noop(i int) Step { return Step{At: ms(i), Kind: KindClient, Text: "NOOP"} }

func TestSyncThrottled(t *testing.T) {
	r, f := newMemRecorder(t, Options{})
	if syncs, _ := f.counts(); syncs != 1 {
		t.Fatalf("%d syncs after the header, want 1", syncs)
	}
	start := time.Now()
	for i := range 1000 {
		if err := r.Add(noop(i)); err != nil {
			t.Fatal(err)
		}
	}
	elapsed := time.Since(start)
	syncs, writes := f.counts()
	if most := 2 + int(elapsed/syncEvery); syncs > most {
		t.Fatalf("1000 Adds in %v: %d syncs, want at most %d", elapsed, syncs, most)
	}
	if writes != 1001 {
		t.Fatalf("%d writes, want one per step and one for the header", writes)
	}
	r.Close()
	if f.misuse != nil {
		t.Fatal(f.misuse)
	}
}

func TestSyncAfterQuietPeriodIsImmediate(t *testing.T) {
	r, f := newMemRecorder(t, Options{})
	defer r.Close()
	r.mu.Lock()
	r.lastSync = time.Now().Add(-syncEvery - time.Millisecond)
	r.mu.Unlock()
	before, _ := f.counts()
	if err := r.Add(noop(1)); err != nil {
		t.Fatal(err)
	}
	if after, _ := f.counts(); after != before+1 {
		t.Fatalf("a step more than %v after the last sync: %d syncs, want %d", syncEvery, after, before+1)
	}
}

func TestCloseSyncsPendingSteps(t *testing.T) {
	r, f := newMemRecorder(t, Options{})
	r.mu.Lock()
	r.lastSync = time.Now().Add(time.Hour) // the timer will not fire during the test
	r.mu.Unlock()
	before, _ := f.counts()
	if err := r.Add(noop(1)); err != nil {
		t.Fatal(err)
	}
	if after, _ := f.counts(); after != before {
		t.Fatalf("a step right after a sync was synced at once (%d syncs, want %d)", after, before)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if after, _ := f.counts(); after != before+1 {
		t.Fatalf("Close: %d syncs, want %d", after, before+1)
	}
	if f.misuse != nil {
		t.Fatal(f.misuse)
	}
}

func TestPendingStepsSyncedByTimer(t *testing.T) {
	r, f := newMemRecorder(t, Options{})
	defer r.Close()
	before, _ := f.counts()
	start := time.Now()
	if err := r.Add(noop(1)); err != nil { // right after the header's sync
		t.Fatal(err)
	}
	for {
		if syncs, _ := f.counts(); syncs > before {
			break
		}
		if time.Since(start) > 5*time.Second {
			t.Fatal("a pending step was never synced")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if waited := time.Since(start); waited < syncEvery/2 {
		t.Fatalf("synced after %v: sooner than the %v throttle", waited, syncEvery)
	}
}

func TestNoSyncNeverSyncs(t *testing.T) {
	r, f := newMemRecorder(t, Options{NoSync: true})
	for i := range 10 {
		if err := r.Add(noop(i)); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(syncEvery + 50*time.Millisecond)
	r.Close()
	if syncs, _ := f.counts(); syncs != 0 {
		t.Fatalf("NoSync: %d syncs", syncs)
	}
}

func TestNoSyncAfterClose(t *testing.T) {
	r, f := newMemRecorder(t, Options{})
	r.Add(noop(1)) // pending, with a timer
	r.Close()
	time.Sleep(syncEvery + 50*time.Millisecond)
	if f.misuse != nil {
		t.Fatal(f.misuse)
	}
}

// BenchmarkAdd records a NOOP step per iteration to a real file: one write
// per step, an fsync at most every 100 ms.
func BenchmarkAdd(b *testing.B) {
	r, err := Create(filepath.Join(b.TempDir(), "x.yaml"), smtpHeader(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Add(noop(1)); err != nil {
			b.Fatal(err)
		}
	}
}
