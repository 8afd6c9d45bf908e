package lab

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/lab/mailstore"
)

// The memory test's mailbox: bigMessages messages of bigMessageBytes
// (400 MiB in all), and what the lab may hold while three POP3 logins
// each LIST it and RETR one big message (issue 12: under 64 MB RSS).
const (
	bigMessages     = 40
	bigMessageBytes = 10 << 20
	maxLabRSS       = int64(64 << 20)
	maxHeapGrowth   = uint64(32 << 20) // in process, under -race: the heap alone
)

// bigMessage streams message n of the test: a header, 76-character lines
// (every tenth starting with a dot, to be stuffed) and a last line naming
// it, bigMessageBytes in all. It is never whole in memory.
func bigMessage(n int) io.Reader {
	var block bytes.Buffer // 10 lines of 78 octets
	for i := range 10 {
		lead := "x"
		if i == 0 {
			lead = "."
		}
		block.WriteString(lead + strings.Repeat("y", 75) + "\r\n")
	}
	trailer := fmt.Sprintf("the end of message %d\r\n", n)
	lines := int64(bigMessageBytes-300) / 78 * 78
	subject := fmt.Sprintf("Subject: big %d\r\nX-Pad: ", n)
	pad := bigMessageBytes - int(lines) - len(trailer) - len(subject) - len("\r\n\r\n")
	header := subject + strings.Repeat("p", pad) + "\r\n\r\n"
	return io.MultiReader(strings.NewReader(header), io.LimitReader(repeat(block.Bytes()), lines),
		strings.NewReader(trailer))
}

// repeat is an endless reader of block.
func repeat(block []byte) io.Reader {
	off := 0
	return readerFunc(func(p []byte) (int, error) {
		n := 0
		for n < len(p) {
			c := copy(p[n:], block[off:])
			n, off = n+c, (off+c)%len(block)
		}
		return n, nil
	})
}

// readerFunc is a function as an io.Reader.
type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// fillBigMailbox writes the test's mailbox into dir through the store.
func fillBigMailbox(t *testing.T, dir string) {
	t.Helper()
	s, err := mailstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for n := range bigMessages {
		if _, err := s.Deliver([]string{"student"}, bigMessage(n+1)); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLabMemoryWithBigMailbox fills a mailbox with 400 MiB and logs in
// three times by POP3, each time LIST and RETR of one 10 MiB message. The
// lab runs in a child process (the test binary itself, see
// TestLabMemoryChild) whose peak resident set (VmHWM) must stay under
// 64 MB; under -race, which inflates a process, the lab runs in process
// and its heap's peak growth is sampled instead.
func TestLabMemoryWithBigMailbox(t *testing.T) {
	if testing.Short() {
		t.Skip("fills 400 MiB on disk")
	}
	dir := t.TempDir()
	start := time.Now()
	fillBigMailbox(t, dir)
	t.Logf("filled %d × %d MiB in %v", bigMessages, bigMessageBytes>>20, time.Since(start).Round(time.Millisecond))
	if raceEnabled {
		measureInProcess(t, dir)
		return
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc to read a child's peak RSS from")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestLabMemoryChild$")
	cmd.Env = append(os.Environ(), "MAILTUTOR_MEMTEST_DIR="+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); _ = cmd.Wait() }()
	addr, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("the child lab did not start: %v", err)
	}
	before := vmHWM(t, cmd.Process.Pid)
	threeLogins(t, strings.TrimSpace(addr))
	peak := vmHWM(t, cmd.Process.Pid)
	t.Logf("lab process: VmHWM %.1f MiB after start, %.1f MiB after 3 logins (mailbox %d MiB)",
		mib(before), mib(peak), bigMessages*bigMessageBytes>>20)
	if peak >= maxLabRSS {
		t.Errorf("peak RSS %.1f MiB, want under %.0f MiB: the lab holds messages in memory", mib(peak), mib(maxLabRSS))
	}
}

// TestLabMemoryChild is the lab process of TestLabMemoryWithBigMailbox:
// it serves MAILTUTOR_MEMTEST_DIR, prints its POP3 address and runs until
// its standard input closes.
func TestLabMemoryChild(t *testing.T) {
	dir := os.Getenv("MAILTUTOR_MEMTEST_DIR")
	if dir == "" {
		t.Skip("the child of TestLabMemoryWithBigMailbox")
	}
	cfg := TestConfig()
	cfg.Dir = dir
	l, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	svc, _ := l.Service("pop3")
	fmt.Println(svc.Addr)
	_, _ = io.Copy(io.Discard, os.Stdin)
}

// heapDuring runs work after a garbage collection and returns the heap in
// use before it and the most seen while it ran, sampled every 5 ms.
func heapDuring(work func()) (base, peak uint64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak = ms.HeapInuse, ms.HeapInuse
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
	}()
	work()
	close(stop)
	<-done
	return base, peak
}

// measureInProcess runs the logins against a lab in this process, sampling
// the heap every few milliseconds.
func measureInProcess(t *testing.T, dir string) {
	l, _ := startLab(t, func(cfg *Config) { cfg.Dir = dir })
	svc, _ := l.Service("pop3")
	base, peak := heapDuring(func() { threeLogins(t, svc.Addr) })
	t.Logf("heap in use: %.1f MiB before, peak %.1f MiB during 3 logins", mib(base), mib(peak))
	if peak-base >= maxHeapGrowth {
		t.Errorf("heap grew by %.1f MiB, want under %.0f MiB: messages are held in memory", mib(peak-base), mib(maxHeapGrowth))
	}
}

// mib is a number of bytes in MiB.
func mib[N int64 | uint64](n N) float64 {
	return float64(n) / (1 << 20)
}

// vmHWM reads a process's peak resident set size in bytes.
func vmHWM(t *testing.T, pid int) int64 {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(raw)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc/<pid>/status")
	return 0
}

// threeLogins logs in three times in a row and, each time, lists the
// mailbox and fetches a different big message, checking its size and end.
func threeLogins(t *testing.T, addr string) {
	t.Helper()
	for i, n := range []int{1, 20, 40} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		r := bufio.NewReader(conn)
		fmt.Fprintf(conn, "USER student\r\nPASS secret123\r\nLIST\r\nRETR %d\r\nQUIT\r\n", n)
		for _, want := range []string{"+OK mailtutor lab POP3 ready", "+OK", "+OK Logged in.", "+OK 40 messages"} {
			if line, _ := r.ReadString('\n'); !strings.HasPrefix(line, want) {
				t.Fatalf("login %d: %q", i+1, line)
			}
		}
		if lines := skipDotBody(t, r); lines != bigMessages {
			t.Errorf("LIST gave %d lines, want %d", lines, bigMessages)
		}
		if line, _ := r.ReadString('\n'); line != fmt.Sprintf("+OK %d octets\r\n", bigMessageBytes) {
			t.Fatalf("RETR %d: %q", n, line)
		}
		last, size := readRETR(t, r)
		if size != bigMessageBytes || last != fmt.Sprintf("the end of message %d", n) {
			t.Errorf("RETR %d: %d octets ending %q", n, size, last)
		}
		if line, _ := r.ReadString('\n'); !strings.HasPrefix(line, "+OK") {
			t.Errorf("QUIT: %q", line)
		}
		conn.Close()
	}
}

// skipDotBody reads a multi-line reply to its "." and counts its lines.
func skipDotBody(t *testing.T, r *bufio.Reader) int {
	t.Helper()
	n := 0
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			t.Fatal(err)
		}
		if string(line) == ".\r\n" {
			return n
		}
		n++
	}
}

// readRETR reads a RETR body line by line without keeping it: its last
// line and its size unstuffed.
func readRETR(t *testing.T, r *bufio.Reader) (last string, size int) {
	t.Helper()
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			t.Fatal(err)
		}
		if string(line) == ".\r\n" {
			return last, size
		}
		line = bytes.TrimPrefix(line, []byte("."))
		size += len(line)
		last = strings.TrimSuffix(string(line), "\r\n")
	}
}
