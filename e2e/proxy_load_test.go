package e2e

import (
	"fmt"
	"strings"
	"sync"
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
	send := func(addr string) (time.Duration, []string) {
		t.Helper()
		tokens := make([]string, loadClients)
		var wg sync.WaitGroup
		start := time.Now()
		for i := range loadClients {
			tokens[i] = newToken(t)
			msg := writeMessage(t, testMessage(tokens[i], rcpt, rcpt))
			wg.Add(1)
			go func() {
				defer wg.Done()
				out, code := runTool(t, "", "swaks", "--server", addr, "--auth", "LOGIN", "--auth-user", s.user,
					"--auth-password", s.pass, "--from", rcpt, "--to", rcpt, "--data", "@"+msg)
				if code != 0 {
					t.Errorf("swaks %d: exit status %d\n%s", i, code, out)
				}
			}()
		}
		wg.Wait()
		return time.Since(start), tokens
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
