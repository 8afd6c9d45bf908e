package e2e

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// bigTranscriptSteps is the length of the transcript the bounded-memory
// test checks, replays and exports, and maxTranscriptRSS what the binary
// may hold meanwhile. Loaded whole, the file took over 700 MB to check.
const (
	bigTranscriptSteps = 600_000
	maxTranscriptRSS   = 64 << 20
)

// writeNoopTranscript writes a transcript of n steps of NOOP round trips
// in the recorder's layout.
func writeNoopTranscript(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprint(w, "mailtutor: 1\nprotocol: smtp\nserver: {host: \"127.0.0.1\", port: 2525, tls: none}\nsteps:\n")
	for i := range n {
		if i%2 == 0 {
			fmt.Fprintf(w, "- client: \"NOOP\"\n  at: \"%d.%03d\"\n", i/100, i%100*10)
		} else {
			fmt.Fprintf(w, "- server: \"250 2.0.0 Ok\"\n  at: \"%d.%03d\"\n", i/100, i%100*10)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// A transcript of any length is checked, replayed and exported by the
// real binary step by step: its peak memory stays flat, far below what
// the file would take loaded whole, and every step is there.
func TestBigTranscriptBoundedMemory(t *testing.T) {
	if mailtutorBin == "" {
		t.Skip(skipMessage)
	}
	dir := t.TempDir()
	bin := plainBinary(t, dir)
	path := filepath.Join(dir, "big.yaml")
	writeNoopTranscript(t, path, bigTranscriptSteps)
	runs := []struct {
		name string
		args []string
		want string // in the last lines of the output
	}{
		{"check", []string{"transcript", "check", path}, fmt.Sprintf("ok: %d steps", bigTranscriptSteps)},
		{"replay", []string{"replay", "--no-wait", "--no-color", path}, "S: 250 2.0.0 Ok\n   2xx positive completion"},
		{"export md", []string{"transcript", "export", path}, fmt.Sprintf("**%d · S:**", bigTranscriptSteps)},
	}
	for _, r := range runs {
		resetPeakRSS()
		out, rss := runToFile(t, bin, os.DevNull, filepath.Join(dir, "out"), r.args...)
		t.Logf("%s of %d steps: peak RSS %d MB", r.name, bigTranscriptSteps, rss>>20)
		if rss >= maxTranscriptRSS {
			t.Errorf("%s: peak RSS %d MB: the transcript is held in memory", r.name, rss>>20)
		}
		if tail := tailOf(t, out, 4096); !strings.Contains(tail, r.want) {
			t.Errorf("%s: the output does not end with %q; it ends:\n%s", r.name, r.want, tail)
		}
	}
}

// resetPeakRSS lowers this process's peak resident memory to what it
// holds now. A child started by fork and exec reports, as its own peak,
// at least the peak of the process that started it: after a test that
// loaded a large transcript, every binary run would seem to take that.
func resetPeakRSS() {
	debug.FreeOSMemory()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // Linux; elsewhere nothing to do
}
