package proxy_test

import (
	"bytes"
	"io"
	"net"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/proxy"
)

// exchange is one turn of a scripted server: the exact bytes it expects
// from the client (none for the greeting), then the bytes it answers.
type exchange struct {
	want   string
	answer string
}

// scripted runs a server on 127.0.0.1:0 that plays script to one client
// and closes; it reports on done whether the client sent what it wanted.
func scripted(t *testing.T, script []exchange) (addr string, done <-chan string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	out := make(chan string, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			out <- err.Error()
			return
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(20 * time.Second))
		for i, x := range script {
			got := make([]byte, len(x.want))
			if _, err := io.ReadFull(c, got); err != nil || string(got) != x.want {
				out <- "turn " + string(rune('0'+i)) + ": got " + string(got) + " want " + x.want
				return
			}
			if _, err := io.WriteString(c, x.answer); err != nil {
				out <- err.Error()
				return
			}
		}
		out <- ""
	}()
	return ln.Addr().String(), out
}

// play is the client side of a script through addr: it sends each want
// and checks the answer comes byte for byte.
func play(t *testing.T, addr string, script []exchange) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(20 * time.Second))
	for _, x := range script {
		if _, err := io.WriteString(c, x.want); err != nil {
			t.Fatal(err)
		}
		got := make([]byte, len(x.answer))
		if _, err := io.ReadFull(c, got); err != nil || !bytes.Equal(got, []byte(x.answer)) {
			t.Fatalf("after %q: got %q (%v), want %q", x.want, got, err, x.answer)
		}
	}
}

// TestIMAPLiteralsThroughProxy: a LOGIN whose user name and password are
// literals, an APPEND whose literal holds CRLFs and a bare LF, and a
// FETCH that answers with a literal, relayed byte for byte both ways; the
// password reaches neither the screen nor the transcript, and the framing
// stays in step (LOGOUT's OK answers LOGOUT).
func TestIMAPLiteralsThroughProxy(t *testing.T) {
	msg := "Subject: x\r\n\r\nline one\nbare LF above\r\n"
	n := itoa(len(msg))
	script := []exchange{
		{"", "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
		{"a1 LOGIN {7}\r\n", "+ Ready\r\n"},
		{"student {9}\r\n", "+ Ready\r\n"},
		{"secret123\r\n", "a1 OK Logged in\r\n"},
		{"a2 APPEND INBOX {" + n + "}\r\n", "+ OK\r\n"},
		{msg + "\r\n", "a2 OK [APPENDUID 1 1] Append completed.\r\n"},
		{"a3 FETCH 1 BODY[]\r\n", "* 1 FETCH (BODY[] {" + n + "}\r\n" + msg + ")\r\na3 OK Fetch completed.\r\n"},
		{"a4 LOGOUT\r\n", "* BYE Logging out\r\na4 OK Logout completed.\r\n"},
	}
	addr, done := scripted(t, script)
	p := startProxy(t, "imap://"+addr, proxy.Config{}, i18n.English)
	play(t, p.addr, script)
	if why := <-done; why != "" {
		t.Fatalf("the server: %s", why)
	}
	data := p.transcripts(t, 1)[1]
	noSecret(t, "the transcript", data, testPass)
	screen := p.screen.String()
	noSecret(t, "the screen", []byte(screen), testPass)
	for _, want := range []string{"#1 C: a4 LOGOUT", "#1 S: a4 OK Logout completed."} {
		if !strings.Contains(screen, want) {
			t.Errorf("the screen does not show %q", want)
		}
	}
	if strings.Contains(screen, "protocol problem") {
		t.Errorf("the framing went out of step:\n%s", screen)
	}
}

// TestLongLinesStayBounded: a reply line of 200 KiB and a client line of
// 300 KiB are relayed whole, framed from their first 64 KiB.
func TestLongLinesStayBounded(t *testing.T) {
	long := strings.Repeat("x", 200<<10)
	script := []exchange{
		{"", "220 hostile.test\r\n"},
		{"NOOP " + strings.Repeat("y", 300<<10) + "\r\n", "250-" + long + "\r\n250 ok\r\n"},
		{"QUIT\r\n", "221 bye\r\n"},
	}
	addr, done := scripted(t, script)
	p := startProxy(t, "smtp://"+addr, proxy.Config{}, i18n.English)
	play(t, p.addr, script)
	if why := <-done; why != "" {
		t.Fatalf("the server: %s", why)
	}
	p.transcripts(t, 1)
	for _, want := range []string{"a client line of 307205 bytes", "a server line of 204804 bytes"} {
		if !strings.Contains(p.screen.String(), want) {
			t.Errorf("the screen does not say %q", want)
		}
	}
}

// TestEndlessReplyStreams: a reply that never ends (32 MiB of SMTP "250-"
// lines) is relayed whole as it comes while the proxy's memory stays
// flat (the dialect's framer keeps a bounded number of lines), and the
// close in its middle is reported.
func TestEndlessReplyStreams(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	line := []byte("250-" + strings.Repeat("z", 1000) + "\r\n")
	block := bytes.Repeat(line, 1000)
	blocks := 2 * proxy.MaxHeld / len(block)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		io.WriteString(c, "220 hostile.test\r\n")
		io.ReadFull(c, make([]byte, len("EHLO x\r\n")))
		for i := 0; i < blocks; i++ {
			if _, err := c.Write(block); err != nil {
				return
			}
		}
	}()
	p := startProxy(t, "smtp://"+ln.Addr().String(), proxy.Config{}, i18n.English)
	c, err := net.Dial("tcp", p.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	defer debug.SetGCPercent(debug.SetGCPercent(10)) // HeapAlloc then tells what is held, not garbage
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	io.WriteString(c, "EHLO x\r\n")
	n, _ := io.Copy(io.Discard, c)
	close(stop)
	if want := int64(len("220 hostile.test\r\n") + blocks*len(block)); n != want {
		t.Errorf("%d bytes relayed, want %d", n, want)
	}
	if peak.Load() > 16<<20 {
		t.Errorf("the heap grew to %d MiB while 32 MiB went through", peak.Load()>>20)
	}
	p.transcripts(t, 1)
	if !strings.Contains(p.screen.String(), "in the middle of a reply") {
		t.Error("the screen does not say the server closed in the middle of a reply")
	}
}

func itoa(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		if n /= 10; n == 0 {
			return string(b)
		}
	}
}
