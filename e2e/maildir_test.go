package e2e

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// deliveryTimeout bounds how long Postfix may take to deliver a message.
const deliveryTimeout = 30 * time.Second

// testMessage returns the lines of a message to send, as typed: headers
// (with Date and Message-ID, so Postfix adds none at the end of them), an
// empty line, and a body with the lines that need care on the wire.
func testMessage(token, from, to string) []string {
	return []string{
		"From: Student <" + from + ">",
		"To: <" + to + ">",
		"Subject: mailtutor e2e " + token,
		"Date: " + time.Now().Format(time.RFC1123Z),
		"Message-ID: <" + token + "@e2e.example.test>",
		"",
		"Hello from the mailtutor end-to-end test.",
		".A line that starts with a dot: sent as \"..\", stored as typed.",
		"..Two dots stay two dots.",
		"",
		"\tA line indented with a tab, and two trailing spaces  ",
		"Last line.",
	}
}

// findMessages returns the Maildir files (in new/ or cur/ under root) that
// hold token.
func findMessages(root, token string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if dir := filepath.Base(filepath.Dir(path)); dir != "new" && dir != "cur" {
			return nil
		}
		data, err := os.ReadFile(path)
		if os.IsNotExist(err) {
			return nil // moved from new/ to cur/ or deleted meanwhile
		}
		if err != nil {
			return err
		}
		if bytes.Contains(data, []byte(token)) {
			found = append(found, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("search the Maildirs under %s: %w", root, err)
	}
	return found, nil
}

// waitForMessage waits until exactly one message holding token has been
// delivered under root and returns its path and content.
func waitForMessage(t *testing.T, root, token string) (string, []byte) {
	t.Helper()
	deadline := time.Now().Add(deliveryTimeout)
	for {
		found, err := findMessages(root, token)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) > 1 {
			t.Fatalf("%d messages hold %s, want one: %v", len(found), token, found)
		}
		if len(found) == 1 {
			data, err := os.ReadFile(found[0])
			if err == nil {
				return found[0], data
			}
			if !os.IsNotExist(err) { // else Dovecot moved it: look again
				t.Fatalf("read the delivered message: %v", err)
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no message holding %s arrived under %s within %v (see postfix.log in the servers' state dir)",
				token, root, deliveryTimeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// removeAfter deletes a delivered test message when the test ends, so the
// test mailbox does not grow from run to run.
func removeAfter(t *testing.T, path string) {
	t.Helper()
	t.Cleanup(func() {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			t.Logf("remove the test message: %v", err)
		}
	})
}

// requireGone fails the test unless no message holding token is left.
func requireGone(t *testing.T, root, token string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		found, err := findMessages(root, token)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after DELE and QUIT the message is still in the Maildir: %v", found)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// requireDelivered checks a delivered Maildir file: LF line ends, the lines
// sent byte for byte at the end, and before them only the header lines
// Postfix prepends (Return-Path, Delivered-To, Received ...).
func requireDelivered(t *testing.T, data []byte, sent []string, rcpt string) {
	t.Helper()
	if bytes.Contains(data, []byte("\r")) {
		t.Errorf("the Maildir file holds a CR; Maildir stores lines ending in LF")
	}
	text := string(data)
	want := strings.Join(sent, "\n") + "\n"
	if !strings.HasSuffix(text, want) {
		t.Fatalf("the message did not arrive as sent:\n%s", firstDifference(sent, lastLines(text, len(sent))))
	}
	added := strings.Split(strings.TrimSuffix(text, want), "\n")
	added = added[:len(added)-1] // the split leaves "" after the last LF
	if err := headerLinesOnly(added); err != nil {
		t.Errorf("before the message Postfix added more than headers: %v", err)
	}
	if !strings.Contains(text, "Delivered-To: "+rcpt+"\n") {
		t.Errorf("no \"Delivered-To: %s\" header: the message did not come through Postfix's virtual delivery", rcpt)
	}
}

// headerLinesOnly reports a line that is neither a "Name: value" header
// line nor the folded continuation of one.
func headerLinesOnly(lines []string) error {
	for i, line := range lines {
		folded := strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")
		name, _, isHeader := strings.Cut(line, ":")
		if (folded && i > 0) || (isHeader && name != "" && !strings.ContainsAny(name, " \t")) {
			continue
		}
		return fmt.Errorf("line %d %q", i+1, line)
	}
	return nil
}

// lastLines returns the last n lines of text (which ends in LF).
func lastLines(text string, n int) []string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return lines
}

// firstDifference describes where got first differs from want.
func firstDifference(want, got []string) string {
	for i := range max(len(want), len(got)) {
		var w, g string
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if i >= len(want) || i >= len(got) || w != g {
			return fmt.Sprintf("line %d: want %q, got %q (want %d lines, got %d)", i+1, w, g, len(want), len(got))
		}
	}
	return "no difference"
}
