package e2e

import (
	"bufio"
	"context"

	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// proxyBinary is a "mailtutor proxy" this test started: where it listens,
// the PEM its clients trust, the directory of its transcripts, and its
// output so far.
type proxyBinary struct {
	addr string // host:port
	pem  string // the certificate to trust
	dir  string // --record-dir
	cmd  *exec.Cmd
	out  *proxyOutput
	done chan struct{}
}

// proxyOutput is an output buffer written by one goroutine and read by the test.
type proxyOutput struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *proxyOutput) add(s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b.WriteString(s)
}

func (l *proxyOutput) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var listeningLine = regexp.MustCompile(`listening on (127\.0\.0\.1:\d+),`)

// startProxyBinary runs "mailtutor proxy --to target" on a free port with
// a transcript per connection, and the extra flags; it stops when the
// test ends.
func startProxyBinary(t *testing.T, target string, extra ...string) *proxyBinary {
	t.Helper()
	if mailtutorBin == "" {
		t.Fatal("the mailtutor binary was not built (TestMain runs only with MAILTUTOR_E2E=1)")
	}
	dir := t.TempDir()
	p := &proxyBinary{pem: filepath.Join(dir, "proxy.pem"), dir: filepath.Join(dir, "rec"), out: &proxyOutput{}, done: make(chan struct{})}
	args := append([]string{"proxy", "--to", target, "--listen", "127.0.0.1:0", "--no-color",
		"--record-dir", p.dir, "--cert-out", p.pem}, extra...)
	p.cmd = exec.Command(mailtutorBin, args...)
	p.cmd.Env = append(os.Environ(), "NO_COLOR=1", "HOME="+t.TempDir())
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p.cmd.Stderr = p.cmd.Stdout
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	found := make(chan string, 1)
	go func() {
		defer close(p.done)
		r := bufio.NewReader(stdout)
		for {
			line, err := r.ReadString('\n')
			p.out.add(line)
			if m := listeningLine.FindStringSubmatch(line); m != nil {
				found <- m[1]
			}
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		p.stop(t)
		if t.Failed() {
			t.Logf("mailtutor %s\n--- output:\n%s", strings.Join(args, " "), p.out.String())
		}
	})
	select {
	case p.addr = <-found:
	case <-time.After(labStartTimeout):
		t.Fatalf("mailtutor proxy did not say where it listens within %v", labStartTimeout)
	}
	return p
}

// stop ends the proxy (SIGTERM) and waits for its output to end.
func (p *proxyBinary) stop(t *testing.T) {
	t.Helper()
	if p.cmd.ProcessState == nil {
		stopProcess(t, p.cmd)
	}
	<-p.done
}

// transcripts waits until n transcripts are complete (their connection
// ended) and returns their paths, oldest first.
func (p *proxyBinary) transcripts(t *testing.T, n int) []string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		done := strings.Count(p.out.String(), " recorded to ")
		if done >= n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d connections were recorded within 20s", done, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
	paths, err := filepath.Glob(filepath.Join(p.dir, "*.yaml"))
	if err != nil || len(paths) < n {
		t.Fatalf("%d transcript(s) in %s, want %d (%v)", len(paths), p.dir, n, err)
	}
	sort.Strings(paths)
	return paths
}

// runTool runs a client program (swaks, curl, python3) with a timeout and
// returns its output and exit status; it skips the test when the program
// is not installed.
func runTool(t *testing.T, stdin string, name string, args ...string) (string, int) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s is not installed (scripts/mailservers.sh installs it): %v", name, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %s: %v", name, err)
	}
	return string(out), code
}

// requireOutput fails the test unless out holds every want.
func requireOutput(t *testing.T, what, out string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Errorf("%s does not show %q", what, w)
		}
	}
}

// checkRecording loads a proxy's transcript strictly, checks it holds no
// password, plays it back with "mailtutor replay" and exports it as a
// handout; it returns the loaded steps' text.
func checkRecording(t *testing.T, path string, passwords ...string) string {
	t.Helper()
	tr := loadTranscript(t, path)
	requireFileHasNoSecret(t, path, passwords...)
	res := runMailtutor(t, "", "replay", "--no-wait", "--no-color", path)
	if res.code != 0 {
		t.Errorf("replay of the proxy's transcript: exit status %d", res.code)
	}
	html := filepath.Join(t.TempDir(), "handout.html")
	if res := runMailtutor(t, "", "transcript", "export", path, "--format", "html", "-o", html); res.code != 0 {
		t.Errorf("export of the proxy's transcript: exit status %d", res.code)
	}
	var b strings.Builder
	for _, s := range tr.Steps {
		b.WriteString(string(s.Kind) + ": " + s.Text + "\n")
	}
	return b.String()
}
