//go:build benchprofile

// Package profile drives the scripted prompt in-process, exactly as
// "mailtutor connect URL < script" does (session, renderer to a discarded
// screen, in-memory recording), against the bench servers started as
// separate processes, so that go test -cpuprofile / -memprofile show where
// mailtutor's own time goes. It needs the build tag benchprofile and the
// binaries from bench/run.sh in ../.bin (or $BENCH_BIN):
//
//	go test -tags benchprofile -run '^$' -bench Data -cpuprofile cpu.out ./bench/profile
package profile

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/prompt"
	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/session"
)

// startServer runs a bench server binary and returns its loopback port.
func startServer(tb testing.TB, name string, args ...string) string {
	tb.Helper()
	dir := os.Getenv("BENCH_BIN")
	if dir == "" {
		dir = filepath.Join("..", ".bin")
	}
	cmd := exec.Command(filepath.Join(dir, name), args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatalf("pipe for %s: %v", name, err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatalf("start %s (run bench/run.sh once to build it): %v", name, err)
	}
	tb.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening ") {
		tb.Fatalf("%s did not announce its address: %q, %v", name, line, err)
	}
	addr := strings.TrimSpace(strings.TrimPrefix(line, "listening "))
	return addr[strings.LastIndex(addr, ":")+1:]
}

// runScript is the body of "mailtutor connect URL < script" with output
// thrown away.
func runScript(tb testing.TB, url string, script []byte) {
	tb.Helper()
	target, err := session.ParseURL(url)
	if err != nil {
		tb.Fatalf("parse %s: %v", url, err)
	}
	sess, err := session.Dial(context.Background(), target, session.Options{Timeout: 10 * time.Second, StreamBodies: true})
	if err != nil {
		tb.Fatalf("dial: %v", err)
	}
	rec := session.NewRecording(target, sess.Started(), "mailtutor bench", false)
	r := &prompt.Runner{Session: sess, Render: render.New(io.Discard, false, false), Observers: []prompt.Observer{rec}}
	if err := r.RunScript(bytes.NewReader(script)); err != nil {
		tb.Fatalf("script: %v", err)
	}
	if err := rec.Close(); err != nil {
		tb.Fatalf("recording: %v", err)
	}
}

// message is a size-byte message as bench/genmsg writes it.
func message(tb testing.TB, size int) []byte {
	tb.Helper()
	dir := os.Getenv("BENCH_BIN")
	if dir == "" {
		dir = filepath.Join("..", ".bin")
	}
	out, err := exec.Command(filepath.Join(dir, "genmsg"), "-size", fmt.Sprint(size)).Output()
	if err != nil {
		tb.Fatalf("genmsg: %v", err)
	}
	return out
}

func benchSize() int {
	if s := os.Getenv("BENCH_SIZE"); s != "" {
		var n int
		fmt.Sscan(s, &n)
		return n
	}
	return 20_000_000
}

// BenchmarkData sends one message through DATA per iteration.
func BenchmarkData(b *testing.B) {
	port := startServer(b, "sink", "-idle", "30s")
	msg := message(b, benchSize())
	script := []byte("EHLO bench.example.test\nMAIL FROM:<student@example.test>\nRCPT TO:<teacher@example.test>\nDATA\n" +
		string(msg) + ".\nQUIT\n")
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		runScript(b, "smtp://127.0.0.1:"+port, script)
	}
}

// BenchmarkNoop sends 10,000 NOOPs per iteration.
func BenchmarkNoop(b *testing.B) {
	port := startServer(b, "sink", "-idle", "30s")
	script := []byte(strings.Repeat("NOOP\n", 10_000) + "QUIT\n")
	for b.Loop() {
		runScript(b, "smtp://127.0.0.1:"+port, script)
	}
}

// BenchmarkRetr fetches one message per iteration.
func BenchmarkRetr(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "msg.eml")
	if err := os.WriteFile(path, message(b, benchSize()), 0o600); err != nil {
		b.Fatal(err)
	}
	port := startServer(b, "pop3sink", "-file", path)
	script := []byte("USER student\nPASS secret123\nRETR 1\nQUIT\n")
	b.SetBytes(int64(benchSize()))
	for b.Loop() {
		runScript(b, "pop3://127.0.0.1:"+port, script)
	}
}

// BenchmarkFetch fetches one message with IMAP FETCH 1 BODY[] per iteration.
func BenchmarkFetch(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "msg.eml")
	if err := os.WriteFile(path, message(b, benchSize()), 0o600); err != nil {
		b.Fatal(err)
	}
	port := startServer(b, "imapsink", "-file", path)
	script := []byte("a1 LOGIN student secret123\na2 SELECT INBOX\na3 FETCH 1 BODY[]\na4 LOGOUT\n")
	b.SetBytes(int64(benchSize()))
	for b.Loop() {
		runScript(b, "imap://127.0.0.1:"+port, script)
	}
}
