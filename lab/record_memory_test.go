package lab

import (
	"bufio"
	"io"
	"os"
	"strings"
	"testing"
)

// TestRecordBigMessageInPlace sends a 10 MiB message and fetches it back
// by POP3 with recording on: the heap does not follow the message (the
// recording spools it on disk) and the transcript holds it whole.
func TestRecordBigMessageInPlace(t *testing.T) {
	l, dir := recordedLab(t)
	base, peak := heapDuring(func() {
		c := dialRaw(t, addr(t, l, "smtp"), nil)
		c.line()
		c.send("EHLO me")
		c.smtpReply()
		c.cmd("MAIL FROM:<teacher@example.test>", "250 2.1.0 Ok")
		c.cmd("RCPT TO:<student@example.test>", "250 2.1.5 Ok")
		c.cmd("DATA", "354 End data with <CR><LF>.<CR><LF>")
		bw := bufio.NewWriter(c.conn)
		if _, err := io.Copy(bw, bigMessage(1)); err != nil {
			t.Fatal(err)
		}
		_, _ = bw.WriteString(".\r\n")
		if err := bw.Flush(); err != nil {
			t.Fatal(err)
		}
		if got := c.line(); !strings.HasPrefix(got, "250 ") {
			t.Fatalf("DATA: %q", got)
		}
		c.cmd("QUIT", "221 2.0.0 Bye")

		p := dialRaw(t, addr(t, l, "pop3"), nil)
		p.line()
		p.cmd("USER student", "+OK")
		p.cmd("PASS secret123", "+OK Logged in.")
		p.send("RETR 1")
		p.line()
		for {
			line, err := p.text.R.ReadSlice('\n')
			if err != nil {
				t.Fatal(err)
			}
			if string(line) == ".\r\n" {
				break
			}
		}
		p.cmd("QUIT", "+OK mailtutor lab POP3 server signing off (1 message left)")
		l.Close()
	})
	growth := peak - min(base, peak)
	t.Logf("heap grew by %.1f MiB while a %d MiB message was sent and fetched, recorded", float64(growth)/(1<<20), bigMessageBytes>>20)
	if growth > maxHeapGrowth {
		t.Errorf("the heap grew by %d MiB recording a %d MiB message (limit %d MiB)", growth>>20, bigMessageBytes>>20, maxHeapGrowth>>20)
	}
	for sub, n := range map[string]int{AnonymousDir: 1, "student": 1} {
		paths := recordings(t, dir, sub)
		if len(paths) != n {
			t.Fatalf("%s: %v", sub, paths)
		}
		info, err := os.Stat(paths[0])
		if err != nil || info.Size() < bigMessageBytes {
			t.Errorf("%s: %v bytes, want the whole message in it (%v)", paths[0], info.Size(), err)
		}
		_, steps := steps(t, paths[0])
		if len(steps) < 5 {
			t.Errorf("%s: %d steps", paths[0], len(steps))
		}
	}
}
