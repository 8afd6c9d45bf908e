package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// skipMessage is the reason every test gives when the servers are not asked for.
const skipMessage = "set MAILTUTOR_E2E=1 (scripts/test.sh does) to run against Postfix and Dovecot"

// runTimeout bounds one run of the mailtutor binary.
const runTimeout = 60 * time.Second

// mailtutorBin is the binary TestMain built, or "" when the suite is skipped.
var mailtutorBin string

func TestMain(m *testing.M) {
	os.Exit(runSuite(m))
}

// runSuite builds the mailtutor binary once (only when the suite runs) and
// runs the tests.
func runSuite(m *testing.M) int {
	if os.Getenv("MAILTUTOR_E2E") != "1" {
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "mailtutor-e2e-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: make a directory for the binary: %v\n", err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "mailtutor")
	args := []string{"build", "-o", bin}
	if raceEnabled {
		args = append(args, "-race")
	}
	args = append(args, "../cmd/mailtutor")
	if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: go %s: %v\n%s", strings.Join(args, " "), err, out)
		return 1
	}
	mailtutorBin = bin
	return m.Run()
}

// servers is where the real servers listen, from the MAILTUTOR_E2E_*
// variables that "scripts/mailservers.sh env" prints.
type servers struct {
	smtp, submission, pop3, pop3s string // URLs: smtp://127.0.0.1:2525 ...
	submissionTLS                 string // submission that wants STARTTLS before MAIL and AUTH
	imap, imaps                   string // Dovecot IMAP
	ca                            string // PEM file of the servers' certificate
	maildir                       string // root of the Maildirs Postfix delivers into
	user, pass                    string // a test account
}

// needServers skips the test unless MAILTUTOR_E2E=1, and fails it when a
// variable the suite needs is missing.
func needServers(t *testing.T) servers {
	t.Helper()
	if os.Getenv("MAILTUTOR_E2E") != "1" {
		t.Skip(skipMessage)
	}
	get := func(name string) string {
		v := os.Getenv(name)
		if v == "" {
			t.Fatalf("MAILTUTOR_E2E=1 but %s is not set: eval \"$(scripts/mailservers.sh env)\"", name)
		}
		return v
	}
	return servers{
		smtp:       get("MAILTUTOR_E2E_SMTP"),
		submission: get("MAILTUTOR_E2E_SUBMISSION"),
		pop3:       get("MAILTUTOR_E2E_POP3"),
		pop3s:      get("MAILTUTOR_E2E_POP3S"),
		imap:       get("MAILTUTOR_E2E_IMAP"),
		imaps:      get("MAILTUTOR_E2E_IMAPS"),
		// the servers of a checkout older than this variable lack the port
		submissionTLS: get("MAILTUTOR_E2E_SUBMISSION_TLS"),
		ca:            get("MAILTUTOR_E2E_CA"),
		maildir:       get("MAILTUTOR_E2E_MAILDIR"),
		user:          get("MAILTUTOR_E2E_USER"),
		pass:          get("MAILTUTOR_E2E_PASS"),
	}
}

// hostPort returns the host:port of a server URL such as pop3://127.0.0.1:2110.
func hostPort(t *testing.T, rawURL string) string {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil || u.Port() == "" {
		t.Fatalf("server URL %q: want scheme://host:port (err %v)", rawURL, err)
	}
	return u.Host
}

// newToken returns a string unique to one test run, to find its message.
func newToken(t *testing.T) string {
	t.Helper()
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatalf("random token: %v", err)
	}
	return "e2e-" + hex.EncodeToString(b)
}

// runResult is what one run of the binary left behind.
type runResult struct {
	stdout, stderr string
	code           int // exit status; -1 when it did not exit by itself
}

// runMailtutor runs the binary with args and script on its standard input
// (not a terminal: scripted mode), and logs everything if the test fails.
func runMailtutor(t *testing.T, script string, args ...string) runResult {
	t.Helper()
	if mailtutorBin == "" {
		t.Fatal("the mailtutor binary was not built (TestMain runs only with MAILTUTOR_E2E=1)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, mailtutorBin, args...)
	cmd.Stdin = strings.NewReader(script)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "HOME="+t.TempDir())
	err := cmd.Run()
	res := runResult{stdout: stdout.String(), stderr: stderr.String()}
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case ctx.Err() != nil:
		res.code = -1
		t.Errorf("mailtutor %s did not finish within %v", strings.Join(args, " "), runTimeout)
	case errors.As(err, &exitErr):
		res.code = exitErr.ExitCode()
	default:
		t.Fatalf("run mailtutor: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("mailtutor %s\n--- exit status: %d\n--- stdin:\n%s--- stdout:\n%s--- stderr:\n%s",
				strings.Join(args, " "), res.code, script, res.stdout, res.stderr)
		}
	})
	return res
}

// scriptOf joins lines into a script for standard input.
func scriptOf(lines ...string) string {
	return strings.Join(lines, "\n") + "\n"
}

// serverLines returns what the server sent, from the "S: " lines of the
// output, in order.
func serverLines(stdout string) []string {
	var got []string
	for _, line := range strings.Split(stdout, "\n") {
		if text, ok := serverText(line); ok {
			got = append(got, text)
		}
	}
	return got
}

// serverText returns the server's text of an output line "S: text".
func serverText(line string) (string, bool) {
	if line == "S:" {
		return "", true
	}
	return strings.CutPrefix(line, "S: ")
}

// requireReplies fails the test unless, for each prefix, some server line
// starts with it.
func requireReplies(t *testing.T, stdout string, prefixes ...string) {
	t.Helper()
	lines := serverLines(stdout)
	for _, p := range prefixes {
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, p) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no server reply starting with %q in the output", p)
		}
	}
}

// replyAfter returns the first server line after the output line that
// shows the client sending sent ("C: " + sent).
func replyAfter(stdout, sent string) (string, bool) {
	lines := strings.Split(stdout, "\n")
	for i, line := range lines {
		if !strings.HasPrefix(line, "C: "+sent) {
			continue
		}
		for _, next := range lines[i+1:] {
			if text, ok := serverText(next); ok {
				return text, true
			}
		}
	}
	return "", false
}

// multiLineReply returns the lines of the POP3 multi-line reply to the
// command sent: the "S: " lines after its "+OK" line up to "S: .".
func multiLineReply(stdout, sent string) ([]string, error) {
	lines := strings.Split(stdout, "\n")
	start := -1
	for i, line := range lines {
		if line == "C: "+sent || strings.HasPrefix(line, "C: "+sent+" ") {
			start = i + 1
			break
		}
	}
	if start < 0 {
		return nil, fmt.Errorf("the output never shows the client sending %q", sent)
	}
	var body []string
	seenOK := false
	for _, line := range lines[start:] {
		text, ok := serverText(line)
		switch {
		case !ok:
			continue // annotations and other output
		case !seenOK && strings.HasPrefix(text, "+OK"):
			seenOK = true
		case !seenOK:
			return nil, fmt.Errorf("%s: the reply is %q, not +OK", sent, text)
		case text == ".":
			return body, nil
		default:
			body = append(body, text)
		}
	}
	return nil, fmt.Errorf("%s: the reply never ends with \"S: .\"", sent)
}

// closedPort returns a loopback address where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("find a free port: %v", err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatalf("close the probe listener: %v", err)
	}
	return addr
}
