package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The IMAP prompt through the real binary in scripted mode, against
// Dovecot: tags put in front for the student, literals typed and sent from
// a file, LITERAL+, IDLE with a delivery, STARTTLS, IMAPS, LOGOUT.

// imapFolder returns a folder name no other run uses; a raw connection
// deletes it when the test ends, whatever happened.
func imapFolder(t *testing.T, s servers) string {
	t.Helper()
	name := "e2eprompt-" + strings.TrimPrefix(newToken(t), "e2e-")
	t.Cleanup(func() {
		w := dialWire(t, hostPort(t, s.imap), "")
		w.imap("c1 LOGIN " + s.user + " " + s.pass)
		w.imap("c2 DELETE " + name)
		w.imap("c3 LOGOUT")
	})
	return name
}

// imap sends a tagged command on a raw connection and reads up to its
// tagged answer, which it returns.
func (w *wireConn) imap(cmd string) string {
	w.t.Helper()
	tag, _, _ := strings.Cut(cmd, " ")
	w.conn.SetDeadline(time.Now().Add(wireTimeout))
	if err := w.text.PrintfLine("%s", cmd); err != nil {
		w.t.Fatalf("%s: %v", cmd, err)
	}
	for {
		line, err := w.text.ReadLine()
		if err != nil {
			w.t.Fatalf("%s: %v", cmd, err)
		}
		if strings.HasPrefix(line, tag+" ") {
			return line
		}
	}
}

func TestIMAPPromptTagsAndAppend(t *testing.T) {
	s := needServers(t)
	folder := imapFolder(t, s)
	token := newToken(t)
	typed := []string{"Subject: typed " + token, "", "hello"}
	file := filepath.Join(t.TempDir(), "m.eml")
	fileText := "Subject: file " + token + "\nX-Test: yes\n\nfrom a file\n"
	if err := os.WriteFile(file, []byte(fileText), 0o600); err != nil {
		t.Fatal(err)
	}
	plus := []string{"Subject: plus " + token, "", "no wait"}
	size := func(lines []string) int { return len(strings.Join(lines, "\r\n")) + 2 }
	script := scriptOf(
		"CAPABILITY",
		":login "+s.user+" "+s.pass,
		"CREATE "+folder,
		"t1 SELECT "+folder,
		fmt.Sprintf("APPEND %s {%d}", folder, size(typed)),
	) + scriptOf(typed...) + scriptOf(
		":append "+folder+" "+file,
		fmt.Sprintf("APPEND %s {%d+}", folder, size(plus)),
	) + scriptOf(plus...) + scriptOf(
		"FETCH 1:3 BODY[]",
		"UNSELECT",
		"LOGOUT",
	)
	res := runMailtutor(t, script, "connect", s.imap)
	if res.code != 0 {
		t.Fatalf("exit status %d", res.code)
	}
	for _, want := range []string{
		"C: a1 CAPABILITY\n", "C: a2 LOGIN " + s.user + " ******", "C: a3 CREATE " + folder, "C: t1 SELECT " + folder,
		fmt.Sprintf("C: a4 APPEND %s {%d}\n", folder, size(typed)), "C: a5 APPEND " + folder + " {",
		fmt.Sprintf("C: a6 APPEND %s {%d+}\nC: Subject: plus", folder, size(plus)), "C: a7 FETCH 1:3 BODY[]",
	} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("the output lacks %q", want)
		}
	}
	requireReplies(t, res.stdout, "a2 OK", "t1 OK [READ-WRITE]", "a4 OK [APPENDUID", "a5 OK [APPENDUID", "a6 OK [APPENDUID", "a7 OK", "* BYE", "a9 OK")
	if strings.Count(res.stdout, "is a tag") != 1 || strings.Contains(res.stdout, s.pass) {
		t.Errorf("want one note on tags and no password in the output")
	}
	// FETCH shows each message as Dovecot stored it: the typed lines, the
	// file with CRLF, the LITERAL+ lines.
	shown := strings.Join(serverLines(res.stdout), "\n")
	for _, msg := range [][]string{typed, strings.Split(strings.TrimSuffix(fileText, "\n"), "\n"), plus} {
		if !strings.Contains(shown, strings.Join(msg, "\n")+"\n)") {
			t.Errorf("FETCH does not show %q", msg)
		}
	}
	// and the Maildir holds them byte for byte (Dovecot stores LF line ends)
	found, err := findMessages(s.maildir, token)
	if err != nil {
		t.Fatal(err)
	}
	var stored []string
	for _, path := range found {
		data, _ := os.ReadFile(path)
		stored = append(stored, string(data))
	}
	for _, want := range []string{strings.Join(typed, "\n") + "\n", fileText, strings.Join(plus, "\n") + "\n"} {
		if !containsString(stored, want, "\r\n") {
			t.Errorf("no Maildir file holds %q (found %q)", want, stored)
		}
	}
}

// containsString reports whether one of files is want, with its line ends
// as LF or as CRLF (how Dovecot stores them is its setting).
func containsString(files []string, want, crlf string) bool {
	for _, f := range files {
		if f == want || f == strings.ReplaceAll(want, "\n", crlf) {
			return true
		}
	}
	return false
}

func TestIMAPPromptTLSAndAuthenticate(t *testing.T) {
	s := needServers(t)
	plain := ":plain " + s.user + " " + s.pass
	res := runMailtutor(t, scriptOf("STARTTLS", "CAPABILITY", plain, "LOGOUT"), "connect", "--ca", s.ca, s.imap)
	if res.code != 0 {
		t.Fatalf("STARTTLS: exit status %d", res.code)
	}
	requireReplies(t, res.stdout, "a1 OK", "a3 OK", "* BYE", "a4 OK")
	if !strings.Contains(res.stdout, "C: a3 AUTHENTICATE PLAIN ••••••••") || !strings.Contains(res.stdout, "TLS") {
		t.Errorf("no AUTHENTICATE PLAIN with SASL-IR after STARTTLS")
	}
	res = runMailtutor(t, scriptOf("AUTHENTICATE PLAIN", plain, "NOOP", "LOGOUT"), "connect", "--lang", "zh", "--ca", s.ca, s.imaps)
	if res.code != 0 {
		t.Fatalf("IMAPS: exit status %d", res.code)
	}
	requireReplies(t, res.stdout, "+ ", "a1 OK", "a2 OK", "a3 OK")
	if !strings.Contains(res.stdout, "a1 是标签") {
		t.Errorf("no note on tags in Chinese")
	}
	if strings.Contains(res.stdout, s.pass) {
		t.Errorf("the password reached the output")
	}
}

// TestIMAPPromptIdle: the script waits at "+ idling" (its standard input
// is a pipe that says nothing more); a message delivered by Postfix
// meanwhile shows as EXISTS within a few seconds; DONE ends the IDLE.
func TestIMAPPromptIdle(t *testing.T) {
	s := needServers(t)
	p := startPiped(t, "connect", s.imap)
	fmt.Fprintf(p.stdin, ":login %s %s\nSELECT INBOX\nIDLE\n", s.user, s.pass)
	p.waitFor(t, 0, "S: + idling")
	mark := p.len()
	token := newToken(t)
	delivered := time.Now()
	send := runMailtutor(t, scriptOf("EHLO me.example.test", "MAIL FROM:<idle@example.test>", "RCPT TO:<"+s.user+"@example.test>",
		"DATA", "Subject: idle "+token, "", "delivered while idling", ".", "QUIT"), "connect", s.smtp)
	if send.code != 0 {
		t.Fatalf("deliver: exit status %d", send.code)
	}
	path, _ := waitForMessage(t, s.maildir, token)
	removeAfter(t, path)
	p.waitFor(t, mark, " EXISTS")
	t.Logf("EXISTS shown %v after the delivery started", time.Since(delivered).Round(time.Millisecond))
	fmt.Fprintf(p.stdin, "DONE\nLOGOUT\n")
	p.stdin.Close()
	if code := p.wait(t); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	requireReplies(t, p.out.String(), "a3 OK", "a4 OK")
}

// piped is the binary run with its standard input a pipe the test writes
// as it goes, its output collected.
type piped struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   *lockedBuffer
}

func startPiped(t *testing.T, args ...string) *piped {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, mailtutorBin, args...)
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "HOME="+t.TempDir())
	p := &piped{cmd: cmd, out: &lockedBuffer{}}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	var err error
	if p.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("mailtutor %s\n--- output:\n%s", strings.Join(args, " "), p.out)
		}
	})
	return p
}

func (p *piped) len() int { return len(p.out.String()) }

// waitFor waits up to 10 seconds until the output after its first from
// bytes holds want.
func (p *piped) waitFor(t *testing.T, from int, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(p.out.String()[from:], want) {
		if time.Now().After(deadline) {
			t.Fatalf("%q never shown", want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// wait waits for the binary to exit and returns its status.
func (p *piped) wait(t *testing.T) int {
	t.Helper()
	err := p.cmd.Wait()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

// lockedBuffer is a bytes.Buffer safe for a writer and a reader at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
