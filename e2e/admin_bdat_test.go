package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// chunkSize is the size of lines sent as a BDAT chunk: each with its CRLF.
func chunkSize(lines []string) int {
	n := 0
	for _, l := range lines {
		n += len(l) + 2
	}
	return n
}

// TestBDATThroughPostfix sends a message in two BDAT chunks (Postfix
// advertises CHUNKING): the script's lines after "BDAT n" are the chunk's
// bytes; no dot-stuffing, so lines starting with a dot arrive as typed.
func TestBDATThroughPostfix(t *testing.T) {
	s := needServers(t)
	token := newToken(t)
	rcpt := s.user + "@example.test"
	msg := testMessage(token, rcpt, rcpt)
	head, body := msg[:6], msg[6:]
	lines := []string{"EHLO e2e.example.test", "MAIL FROM:<" + rcpt + ">", "RCPT TO:<" + rcpt + ">",
		fmt.Sprintf("BDAT %d", chunkSize(head))}
	lines = append(lines, head...)
	lines = append(lines, fmt.Sprintf("BDAT %d LAST", chunkSize(body)))
	lines = append(append(lines, body...), "QUIT")

	res := runMailtutor(t, scriptOf(lines...), "connect", "--no-color", "--timeout", "10s", s.smtp)
	if res.code != 0 {
		t.Fatalf("exit status %d, want 0", res.code)
	}
	requireReplies(t, res.stdout, "250 CHUNKING", "221")
	first := fmt.Sprintf("BDAT %d", chunkSize(head))
	if got, _ := replyAfter(res.stdout, first); got != fmt.Sprintf("250 2.0.0 Ok: %d bytes", chunkSize(head)) {
		t.Errorf("%s: Postfix answered %q, want the bytes it took", first, got)
	}
	last := fmt.Sprintf("BDAT %d LAST", chunkSize(body))
	if got, _ := replyAfter(res.stdout, last); !strings.HasPrefix(got, "250 2.0.0 Ok") || !strings.Contains(got, "queued") {
		t.Errorf("%s: Postfix answered %q, want 250 2.0.0 Ok: ... queued", last, got)
	}
	path, data := waitForMessage(t, s.maildir, token)
	removeAfter(t, path)
	requireDelivered(t, data, msg, rcpt)
}
