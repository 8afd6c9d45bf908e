package e2e

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/transcript"
)

// labStartTimeout bounds how long "mailtutor lab" may take to listen.
const labStartTimeout = 20 * time.Second

// labPassword is the lab's password of student (lab.DefaultUsers), which
// must never be stored in a transcript, in clear or in base64.
const labPassword = "secret123"

// labBinary is a "mailtutor lab" process listening on ports the test picked.
type labBinary struct {
	smtp, submission, pop3, imap string // URLs: smtp://127.0.0.1:PORT ...
}

// freeLoopbackPorts returns n distinct loopback ports that were free a
// moment ago: all are held open together, then closed for the caller.
func freeLoopbackPorts(t *testing.T, n int) []int {
	t.Helper()
	ports := make([]int, 0, n)
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatalf("find a free port: %v", err)
		}
		defer ln.Close()
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
	}
	return ports
}

// startLabBinary runs "mailtutor lab" on free loopback ports, with any
// extra flags, and stops it (SIGTERM, then SIGKILL) when the test ends.
func startLabBinary(t *testing.T, extra ...string) labBinary {
	t.Helper()
	if mailtutorBin == "" {
		t.Fatal("the mailtutor binary was not built (TestMain runs only with MAILTUTOR_E2E=1)")
	}
	return startLabWith(t, mailtutorBin, extra...)
}

// startLabWith is startLabBinary with another build of mailtutor.
func startLabWith(t *testing.T, bin string, extra ...string) labBinary {
	t.Helper()
	p := freeLoopbackPorts(t, 7)
	args := []string{"lab", "--host", "127.0.0.1",
		"--smtp-port", strconv.Itoa(p[0]), "--submission-port", strconv.Itoa(p[1]),
		"--smtps-port", strconv.Itoa(p[2]), "--pop3-port", strconv.Itoa(p[3]),
		"--pop3s-port", strconv.Itoa(p[4]), "--imap-port", strconv.Itoa(p[5]),
		"--imaps-port", strconv.Itoa(p[6])}
	args = append(args, extra...)
	logPath := filepath.Join(t.TempDir(), "lab.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatalf("create the lab's log: %v", err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "HOME="+t.TempDir())
	if err := cmd.Start(); err != nil {
		t.Fatalf("start mailtutor lab: %v", err)
	}
	t.Cleanup(func() {
		stopProcess(t, cmd)
		logFile.Close()
		if t.Failed() {
			out, _ := os.ReadFile(logPath)
			t.Logf("mailtutor %s\n--- output:\n%s", strings.Join(args, " "), out)
		}
	})
	l := labBinary{
		smtp:       fmt.Sprintf("smtp://127.0.0.1:%d", p[0]),
		submission: fmt.Sprintf("submission://127.0.0.1:%d", p[1]),
		pop3:       fmt.Sprintf("pop3://127.0.0.1:%d", p[3]),
		imap:       fmt.Sprintf("imap://127.0.0.1:%d", p[5]),
	}
	for _, port := range []int{p[0], p[1], p[3], p[5]} {
		waitListening(t, fmt.Sprintf("127.0.0.1:%d", port))
	}
	return l
}

// waitListening waits until something accepts connections at addr.
func waitListening(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(labStartTimeout)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailtutor lab does not listen on %s within %v: %v", addr, labStartTimeout, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stopProcess asks a process this test started to stop, and kills it if it
// does not within a few seconds.
func stopProcess(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Logf("stop pid %d: %v", cmd.Process.Pid, err)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Errorf("pid %d did not stop on SIGTERM within 5s; killing it", cmd.Process.Pid)
		_ = cmd.Process.Kill()
		<-done
	}
}

// loadTranscript loads a recorded file strictly and fails the test if it
// does not load.
func loadTranscript(t *testing.T, path string) *transcript.Transcript {
	t.Helper()
	tr, warnings, err := transcript.Load(path)
	if err != nil {
		data, _ := os.ReadFile(path)
		t.Fatalf("transcript.Load(%s): %v\n--- file:\n%s", path, err, data)
	}
	for _, w := range warnings {
		t.Logf("transcript.Load(%s) warning: %s", path, w)
	}
	return tr
}

// requireFileHasNoSecret fails the test if the file holds a password in
// clear or in base64.
func requireFileHasNoSecret(t *testing.T, path string, passwords ...string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read the recording: %v", err)
	}
	for _, p := range passwords {
		for _, form := range []string{p, b64(p)} {
			if strings.Contains(string(data), form) {
				t.Errorf("%s holds a password (%d characters, clear or base64) that must be redacted",
					filepath.Base(path), len(form))
			}
		}
	}
}

// wantStep is what one recorded step must be: its kind and how its text starts.
type wantStep struct {
	kind   transcript.Kind
	prefix string
}

// requireStepsStartWith fails the test unless the transcript's first steps
// are want, in order.
func requireStepsStartWith(t *testing.T, tr *transcript.Transcript, want []wantStep) {
	t.Helper()
	if len(tr.Steps) < len(want) {
		t.Fatalf("the transcript holds %d steps, want at least %d:\n%s", len(tr.Steps), len(want), describeSteps(tr))
	}
	for i, w := range want {
		got := tr.Steps[i]
		if got.Kind != w.kind || !strings.HasPrefix(got.Text, w.prefix) {
			t.Errorf("step %d is %s %q, want %s starting with %q", i+1, got.Kind, firstLine(got.Text), w.kind, w.prefix)
		}
	}
	if t.Failed() {
		t.Logf("steps:\n%s", describeSteps(tr))
	}
}

// describeSteps lists the steps of a transcript, one line each.
func describeSteps(tr *transcript.Transcript) string {
	var b strings.Builder
	for i, s := range tr.Steps {
		fmt.Fprintf(&b, "  %d %s %q\n", i+1, s.Kind, firstLine(s.Text))
	}
	return b.String()
}

// firstLine returns text up to its first line end.
func firstLine(text string) string {
	line, _, _ := strings.Cut(text, "\n")
	return line
}
