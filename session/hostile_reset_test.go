package session_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/prompt"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// resetInData accepts a message up to DATA, reads about 64 KiB of the body
// and then resets the connection.
func resetInData(c net.Conn, br *bufio.Reader) {
	c.Write([]byte("220 reset.example ESMTP\r\n"))
	for {
		cmd := strings.ToUpper(readCommand(br))
		switch {
		case cmd == "":
			return
		case cmd == "DATA":
			c.Write([]byte("354 go ahead\r\n"))
			io.CopyN(io.Discard, br, 64<<10)
			reset(c)
			return
		default:
			c.Write([]byte("250 ok\r\n"))
		}
	}
}

// bodyLine is the n-th line of a big test body.
func bodyLine(n int) string {
	return fmt.Sprintf("line %06d of a body that is far bigger than the socket buffers ......", n)
}

func TestHostileResetInTheMiddleOfDATA(t *testing.T) {
	addr := hostilePeer(t, resetInData)
	w := watch(t, "smtp://"+addr, session.Options{Timeout: hostileTimeout})
	w.waitFor("greeting", hostileWait, isKind(session.Received))
	for _, cmd := range []string{"EHLO client.test", "MAIL FROM:<a@client.test>", "RCPT TO:<b@reset.example>", "DATA"} {
		w.send(cmd)
		w.waitFor("reply to "+cmd, hostileWait, isKind(session.Received))
	}
	var sendErr error
	for n := 0; n < 200_000 && sendErr == nil; n++ { // 14 MB: more than any socket buffer
		sendErr = w.s.SendDataLine(bodyLine(n))
	}
	if sendErr == nil {
		t.Fatal("14 MB of body went out to a peer that reset the connection")
	}
	if !strings.Contains(sendErr.Error(), "send to 127.0.0.1") {
		t.Errorf("the failed body write says %q, want it to name the server", sendErr)
	}
	// The kernel reports the reset once: to the read (the close names it and
	// later writes find the connection closed) or to a write (the read then
	// sees a plain end). Either way the user is told of the reset once.
	c := w.closed(hostileWait)
	switch {
	case c.Err != nil && !namesReset(c.Err.Error()):
		t.Errorf("the close says %v, want it to name the reset", c.Err)
	case c.Err == nil && (c.Reason != "closed by the server" || !namesReset(sendErr.Error())):
		t.Errorf("the close says %q and the write %q: neither names the reset", c.Reason, sendErr)
	}
	tr := w.checkTranscript()
	kinds := stepKinds(tr.Steps)
	last := tr.Steps[len(tr.Steps)-2]
	if !strings.HasSuffix(kinds, "client server data closed") || last.Note != "body cut off by the close" || !strings.HasPrefix(last.Text, bodyLine(0)+"\n") {
		t.Errorf("transcript steps %q, body step note %q", kinds, last.Note)
	}
}

// namesReset reports whether an error text names a reset connection as the
// kernel reports it to a read or a write.
func namesReset(text string) bool {
	return strings.Contains(text, "connection reset by peer") || strings.Contains(text, "broken pipe")
}

// The scripted prompt sending a big message to a peer that resets.
func TestHostileScriptResetInDATA(t *testing.T) {
	addr := hostilePeer(t, resetInData)
	var script strings.Builder
	script.WriteString("EHLO client.test\nMAIL FROM:<a@client.test>\nRCPT TO:<b@reset.example>\nDATA\n")
	for n := range 100_000 {
		script.WriteString(bodyLine(n) + "\n")
	}
	script.WriteString(".\nQUIT\n")
	run := runScript(t, "smtp://"+addr, hostileTimeout, script.String())
	if !errors.Is(run.err, prompt.ErrScript) {
		t.Errorf("RunScript = %v, want ErrScript", run.err)
	}
	if !namesReset(run.output) || strings.Contains(run.output, "C: QUIT") {
		t.Errorf("the screen does not name the reset, or QUIT went on:\n%s", run.output[max(0, len(run.output)-2000):])
	}
	// Not the exact order: see TestHostileStepOrder.
	if got := stepKinds(run.steps); !strings.HasSuffix(got, "server data closed") || strings.Count(got, "client") != 4 || strings.Count(got, "server") != 5 {
		t.Errorf("transcript steps %q", got)
	}
}

// resetInRETR is a POP3 server that resets the connection after sending
// part of message 1.
func resetInRETR(c net.Conn, br *bufio.Reader) {
	c.Write([]byte("+OK POP3 ready\r\n"))
	for {
		cmd := strings.ToUpper(readCommand(br))
		switch {
		case cmd == "":
			return
		case strings.HasPrefix(cmd, "RETR"):
			var b strings.Builder
			b.WriteString("+OK 7000000 octets\r\nSubject: big\r\n\r\n")
			for n := range 1000 {
				b.WriteString(bodyLine(n) + "\r\n")
			}
			c.Write([]byte(b.String()))
			reset(c)
			return
		default:
			c.Write([]byte("+OK\r\n"))
		}
	}
}

func TestHostileResetInTheMiddleOfRETR(t *testing.T) {
	addr := hostilePeer(t, resetInRETR)
	w := watch(t, "pop3://"+addr, session.Options{Timeout: hostileTimeout})
	w.waitFor("greeting", hostileWait, isKind(session.Received))
	for _, cmd := range []string{"USER student", "PASS secret123"} {
		w.send(cmd)
		w.waitFor("reply to "+cmd, hostileWait, isKind(session.Received))
	}
	w.send("RETR 1")
	c := w.closed(hostileWait)
	if c.Err == nil || !strings.Contains(c.Err.Error(), "in the middle of a reply") {
		t.Errorf("the close says %.300v, want it to say the reply was cut", c.Err)
	}
	if n := w.count(session.Received); n != 3 {
		t.Errorf("%d replies, want 3: the cut RETR is not a complete reply", n)
	}
	tr := w.checkTranscript()
	if got := stepKinds(tr.Steps); got != "server client server client server client closed" {
		t.Errorf("transcript steps %q", got)
	}
	if raw, _ := os.ReadFile(w.path); strings.Contains(string(raw), "secret123") {
		t.Error("the transcript holds the PASS argument")
	}
	if tr.Steps[3].Secret != transcript.SecretPassword {
		t.Errorf("PASS step %+v is not marked as a password", tr.Steps[3])
	}
}

// What the close after a reset in RETR says: the reset, briefly.
func TestHostileResetInRETRMessage(t *testing.T) {
	addr := hostilePeer(t, resetInRETR)
	w := watch(t, "pop3://"+addr, session.Options{Timeout: hostileTimeout})
	w.waitFor("greeting", hostileWait, isKind(session.Received))
	w.send("RETR 1")
	c := w.closed(hostileWait)
	// The kernel may hand the reset to the reader as ECONNRESET or, when the
	// last bytes were already read, as a plain end of stream: either way the
	// close must say the reply was cut.
	if c.Err == nil || !strings.Contains(c.Err.Error(), "connection reset by peer") && !strings.Contains(c.Err.Error(), "in the middle of a reply") {
		t.Errorf("the close says %.300v, want it to name the reset or the cut reply", c.Err)
	}
	if c.Err != nil && len(c.Err.Error()) > 1000 {
		t.Errorf("the close message is %d bytes long", len(c.Err.Error()))
	}
	if c.Err != nil && strings.Contains(c.Err.Error(), "connection lost") {
		t.Errorf("the close says %q: the renderer's label says \"connection lost: \" already", c.Err)
	}
	w.checkTranscript()
}
