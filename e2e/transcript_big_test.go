package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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
		{"replay", []string{"replay", "--no-wait", "--no-color", path}, "S: 250 2.0.0 Ok\n   2xx success"},
		{"export md", []string{"transcript", "export", path}, fmt.Sprintf("**%d · S:**", bigTranscriptSteps)},
	}
	for _, r := range runs {
		out := filepath.Join(dir, "out")
		rss := peakRSS(t, bin, out, r.args...)
		t.Logf("%s of %d steps: peak RSS %d MB", r.name, bigTranscriptSteps, rss>>20)
		if rss >= maxTranscriptRSS {
			t.Errorf("%s: peak RSS %d MB: the transcript is held in memory", r.name, rss>>20)
		}
		if tail := tailOf(t, out, 4096); !strings.Contains(tail, r.want) {
			t.Errorf("%s: the output does not end with %q; it ends:\n%s", r.name, r.want, tail)
		}
	}
}

// peakRSS runs bin with args, standard output to outPath, and returns the
// peak resident memory of the binary itself: VmHWM, read from /proc while
// it runs. (The rusage of a child started by this process counts this
// process's own peak, which a -race test binary or an earlier test makes
// large.) Where /proc has no VmHWM it falls back on the rusage.
func peakRSS(t *testing.T, bin, outPath string, args ...string) int64 {
	t.Helper()
	return peakRSSIn(t, bin, nil, outPath, args...)
}

// peakRSSIn is peakRSS with stdin on the binary's standard input.
func peakRSSIn(t *testing.T, bin string, stdin io.Reader, outPath string, args ...string) int64 {
	t.Helper()
	out, err := os.Create(outPath)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 4*runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	var stderr strings.Builder
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, out, &stderr
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "HOME="+t.TempDir())
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	var hwm int64
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("mailtutor %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
			}
			if hwm == 0 {
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					hwm = ru.Maxrss * 1024
				}
			}
			return hwm
		case <-time.After(5 * time.Millisecond):
			hwm = max(hwm, vmHWM(status))
		}
	}
}

// vmHWM reads the peak resident memory from a /proc/PID/status file, in
// bytes; 0 when it cannot.
func vmHWM(path string) int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kb)
			return kb * 1024
		}
	}
	return 0
}
