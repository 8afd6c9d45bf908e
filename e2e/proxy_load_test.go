package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// loadClients is how many swaks run at once in the load test.
const loadClients = 50

// TestProxyFiftySwaksAtOnce: 50 swaks at once through one proxy to
// Postfix, each with AUTH LOGIN: every message arrives, each connection
// gets its transcript, and the wall time is logged next to 50 swaks
// straight to Postfix (the per-message overhead is measured without
// swaks's start-up in BenchmarkMessage, docs/benchmarks.md).
func TestProxyFiftySwaksAtOnce(t *testing.T) {
	s := needServers(t)
	rcpt := s.user + "@example.test"
	p := startProxyBinary(t, s.submission, "--terse")
	// One shell starts the 50 swaks, so that this test process does not
	// grow by 50 goroutines' exec (the race detector's memory would be
	// counted in the peak RSS of every child started after it, which the
	// streaming test measures).
	dir := t.TempDir()
	send := func(addr string) (time.Duration, []string) {
		t.Helper()
		tokens := make([]string, loadClients)
		var script strings.Builder
		for i := range loadClients {
			tokens[i] = newToken(t)
			msg := writeMessage(t, testMessage(tokens[i], rcpt, rcpt))
			fmt.Fprintf(&script, "(swaks --server %s --auth LOGIN --auth-user %s --auth-password %s --from %s --to %s --data @%s >%s/%d.out 2>&1; echo $? >%s/%d.rc) &\n",
				addr, s.user, s.pass, rcpt, rcpt, msg, dir, i, dir, i)
		}
		script.WriteString("wait\n")
		start := time.Now()
		if out, code := runTool(t, script.String(), "sh"); code != 0 {
			t.Fatalf("sh: exit status %d\n%s", code, out)
		}
		took := time.Since(start)
		for i := range loadClients {
			rc, _ := os.ReadFile(fmt.Sprintf("%s/%d.rc", dir, i))
			if strings.TrimSpace(string(rc)) != "0" {
				out, _ := os.ReadFile(fmt.Sprintf("%s/%d.out", dir, i))
				t.Errorf("swaks %d to %s: exit status %q\n%s", i, addr, rc, out)
			}
		}
		return took, tokens
	}
	if _, err := exec.LookPath("swaks"); err != nil {
		t.Skipf("swaks is not installed (scripts/mailservers.sh installs it): %v", err)
	}
	direct, directTokens := send(hostPort(t, s.submission))
	proxied, tokens := send(p.addr)
	for _, token := range append(tokens, directTokens...) {
		path, _ := waitForMessage(t, s.maildir, token)
		removeAfter(t, path)
	}
	if got := len(p.transcripts(t, loadClients)); got != loadClients {
		t.Errorf("%d transcripts, want %d", got, loadClients)
	}
	if n := strings.Count(p.out.String(), "S: 250 2.0.0 Ok: queued"); n != loadClients {
		t.Errorf("the proxy showed %d messages queued, want %d", n, loadClients)
	}
	t.Logf("%d swaks at once: %v straight to Postfix, %v through the proxy (%s per message more)",
		loadClients, direct.Round(time.Millisecond), proxied.Round(time.Millisecond),
		fmt.Sprint(((proxied - direct) / loadClients).Round(time.Microsecond)))
}
