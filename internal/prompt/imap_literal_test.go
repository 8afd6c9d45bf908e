package prompt

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/internal/testkit"
	"github.com/mailtutor/mailtutor/lab/labtest"
	"github.com/mailtutor/mailtutor/session"
)

// fakeIMAP is an IMAP server on 127.0.0.1:0 that advertises no LITERAL+:
// it answers every literal {n} with "+" (after a delay for a command that
// names "slow"), refuses APPEND to "nosuch" before the "+", and completes
// every command with OK. wire is everything it read.
type fakeIMAP struct {
	addr string
	mu   sync.Mutex
	wire strings.Builder
}

func startFakeIMAP(t *testing.T) *fakeIMAP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	f := &fakeIMAP{addr: ln.Addr().String()}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go f.serve(c)
		}
	}()
	return f
}

func (f *fakeIMAP) serve(c net.Conn) {
	defer c.Close()
	br := bufio.NewReader(c)
	fmt.Fprintf(c, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] fake ready\r\n")
	for {
		line, err := f.readLine(br)
		if err != nil {
			return
		}
		tag, _, _ := strings.Cut(line, " ")
		for n, ok := literalAtEnd(line); ok; n, ok = literalAtEnd(line) {
			if strings.Contains(line, "nosuch") {
				fmt.Fprintf(c, "%s NO [TRYCREATE] no such mailbox\r\n", tag)
				break
			}
			if strings.Contains(line, "slow") {
				time.Sleep(300 * time.Millisecond)
			}
			fmt.Fprintf(c, "+ go ahead\r\n")
			buf := make([]byte, n)
			if _, err := io.ReadFull(br, buf); err != nil {
				return
			}
			f.record(string(buf))
			if line, err = f.readLine(br); err != nil {
				return
			}
		}
		if strings.Contains(line, "nosuch") {
			continue
		}
		fmt.Fprintf(c, "%s OK done\r\n", tag)
		if strings.Contains(strings.ToUpper(line), "LOGOUT") {
			return
		}
	}
}

func (f *fakeIMAP) readLine(br *bufio.Reader) (string, error) {
	line, err := br.ReadString('\n')
	f.record(line)
	return strings.TrimSuffix(line, "\r\n"), err
}

func (f *fakeIMAP) record(s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.wire.WriteString(s)
}

func (f *fakeIMAP) received() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.wire.String()
}

// literalAtEnd reads a synchronizing literal {n} at the end of a line.
func literalAtEnd(line string) (int, bool) {
	i := strings.LastIndex(line, "{")
	if i < 0 || !strings.HasSuffix(line, "}") {
		return 0, false
	}
	n, err := strconv.Atoi(line[i+1 : len(line)-1])
	return n, err == nil
}

func fakeRunner(t *testing.T, f *fakeIMAP) (*Runner, *testkit.SyncBuffer) {
	t.Helper()
	target, err := session.ParseURL("imap://" + f.addr)
	if err != nil {
		t.Fatal(err)
	}
	s, err := session.Dial(context.Background(), target, session.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	out := &testkit.SyncBuffer{}
	return &Runner{Session: s, Render: render.New(out, false, false)}, out
}

// TestScriptLiteralsWithoutLiteralPlus: where the server did not advertise
// LITERAL+, :append waits for the "+"; a literal's text may go on with the
// command line ("LOGIN {7}" then "student {9}"), and the wire holds
// exactly the bytes IMAP wants.
func TestScriptLiteralsWithoutLiteralPlus(t *testing.T) {
	f := startFakeIMAP(t)
	file := filepath.Join(t.TempDir(), "m.eml")
	if err := os.WriteFile(file, []byte("Subject: s\n\nbody"), 0o600); err != nil {
		t.Fatal(err)
	}
	r, out := fakeRunner(t, f)
	script := "LOGIN {7}\nstudent {9}\nsecret123\n:append \"My Box\" " + file + "\n:append 收件箱 " + file + "\nLOGOUT\n"
	if err := r.RunScript(strings.NewReader(script)); err != nil {
		t.Fatalf("RunScript: %v\n%s", err, out)
	}
	want := "a1 LOGIN {7}\r\nstudent {9}\r\nsecret123\r\n" +
		"a2 APPEND \"My Box\" {20}\r\nSubject: s\r\n\r\nbody\r\n\r\n" +
		"a3 APPEND &ZTZO9nux- {20}\r\nSubject: s\r\n\r\nbody\r\n\r\n" +
		"a4 LOGOUT\r\n"
	if got := f.received(); got != want {
		t.Errorf("the server read\n%q\nwant\n%q\n%s", got, want, out)
	}
	if strings.Contains(out.String(), "secret123") {
		t.Errorf("the password sent as a literal reached the screen:\n%s", out)
	}
}

// TestLiteralRefusals: nothing goes out while the server has yet to say
// "+", nor a line that would run past the literal's count; :append says
// why it cannot run.
func TestLiteralRefusals(t *testing.T) {
	f := startFakeIMAP(t)
	r, out := fakeRunner(t, f)
	r.start()
	defer r.finish()
	if err := r.awaitReplies(); err != nil { // the greeting
		t.Fatal(err)
	}
	expectErr := func(err error, want string) {
		t.Helper()
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("err = %v, want %q\n%s", err, want, out)
		}
	}
	expectErr(r.appendFile("INBOX"), "usage: :append MAILBOX FILE")
	expectErr(r.appendFile("INBOX "+filepath.Join(t.TempDir(), "none.eml")), "cannot read")
	empty := filepath.Join(t.TempDir(), "empty.eml")
	os.WriteFile(empty, nil, 0o600)
	expectErr(r.appendFile("INBOX "+empty), "is empty")
	cr := filepath.Join(t.TempDir(), "cr.eml")
	os.WriteFile(cr, []byte("a\nb\rc\n"), 0o600)
	expectErr(r.appendFile("INBOX "+cr), "on line 2")

	if err := r.sendCommand(expansion("APPEND slow {5}"), false); err != nil {
		t.Fatal(err)
	}
	expectErr(r.sendCommand(expansion("NOOP"), false), "has not yet agreed")
	expectErr(r.appendFile("INBOX "+cr), "needs the command prompt")
	if !r.awaitLiteral() {
		t.Fatalf("no + came\n%s", out)
	}
	expectErr(r.literalLine("abcd"), "this line is 4 bytes, 6 with its CRLF, but the literal has 5 bytes left. Type at most 3 bytes")
	if err := r.literalLine("ab"); err != nil {
		t.Fatal(err)
	}
	expectErr(r.literalLine("ab"), "has 1 byte left")
	if err := r.literalLine("a"); err != nil {
		t.Fatal(err)
	}
	if st := r.Session.State(); st.Continuing != "" || st.Literal != 0 {
		t.Errorf("the command line did not end: %+v", st)
	}
}

// TestAppendOutsideIMAP: :append in a protocol without APPEND.
func TestAppendOutsideIMAP(t *testing.T) {
	l := labtest.Start(t)
	r, _ := runner(t, l, "pop3")
	err := r.appendFile("INBOX x.eml")
	if err == nil || !strings.Contains(err.Error(), "POP3 has no such command") {
		t.Fatalf("err = %v", err)
	}
	r.Session.Close()
}

// expansion is a typed line without helpers.
func expansion(line string) codec.Expansion { return codec.Expansion{Send: line, Display: line} }

func TestAppendArgs(t *testing.T) {
	tests := []struct {
		in, mailbox, file string
		ok                bool
	}{
		{"INBOX m.eml", "INBOX", "m.eml", true},
		{`"My Box" a b.eml`, "My Box", "a b.eml", true},
		{`"say \"hi\"" m.eml`, `say "hi"`, "m.eml", true},
		{"INBOX", "", "", false},
		{`"open m.eml`, "", "", false},
		{`"" m.eml`, "", "", false},
	}
	for _, tt := range tests {
		mb, file, ok := appendArgs(tt.in)
		if ok != tt.ok || ok && (mb != tt.mailbox || file != tt.file) {
			t.Errorf("appendArgs(%q) = %q, %q, %v", tt.in, mb, file, ok)
		}
	}
}
