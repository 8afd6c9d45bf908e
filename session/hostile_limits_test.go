package session_test

import (
	"bufio"
	"bytes"
	"errors"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// endlessAfter greets with greet and answers the first command with
// prefix and then line after line forever (every pause, or as fast as the
// socket takes them), until the client goes.
func endlessAfter(greet, prefix, line string, pause time.Duration) func(net.Conn, *bufio.Reader) {
	return func(c net.Conn, br *bufio.Reader) {
		c.Write([]byte(greet))
		if readCommand(br) == "" {
			return
		}
		if _, err := c.Write([]byte(prefix)); err != nil {
			return
		}
		chunk := []byte(line)
		if pause == 0 {
			chunk = bytes.Repeat(chunk, 2000)
		}
		for {
			if _, err := c.Write(chunk); err != nil {
				return
			}
			time.Sleep(pause)
		}
	}
}

// A reply that never ends is cut at its total deadline, however steadily
// its lines come: the silence timeout never fires, yet the connection ends
// with a message naming --reply-timeout, in the session's language.
func TestHostileEndlessReplyEndsAtTotalDeadline(t *testing.T) {
	const total = 2 * time.Second
	for _, tc := range []struct {
		name  string
		pause time.Duration
		lang  protocol.Lang
		want  string
	}{
		{"one 250- line per 100ms", 100 * time.Millisecond, protocol.English, "--reply-timeout"},
		{"250- lines as fast as they go", 0, protocol.English, "--reply-timeout"},
		{"in Chinese", 100 * time.Millisecond, protocol.Chinese, "连接已关闭"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := hostilePeer(t, endlessAfter("220 endless.example ESMTP\r\n", "250-endless.example\r\n", "250-AND-MORE\r\n", tc.pause))
			w := startWatch(t, "smtp://"+addr, session.Options{Timeout: time.Second, ReplyTimeout: total, Lang: tc.lang}, false)
			w.waitFor("greeting", hostileWait, isKind(session.Received))
			start := time.Now()
			w.send("EHLO client.test")
			c := w.closed(total + hostileWait)
			took := time.Since(start)
			if took < total*9/10 || took > total+hostileWait {
				t.Errorf("the reply was cut after %s, want about %s", took, total)
			}
			var limit *session.ReplyLimitError
			if !errors.As(c.Err, &limit) || limit.TooLarge {
				t.Fatalf("the close says %T %v, want a ReplyLimitError for the deadline", c.Err, c.Err)
			}
			if !strings.Contains(c.Err.Error(), tc.want) || !strings.Contains(c.Err.Error(), "2s") {
				t.Errorf("the close says %q, want it to name %q and the limit", c.Err, tc.want)
			}
			if n := w.count(session.Problem); n != 0 {
				t.Errorf("%d problems (a silence timeout?) while lines kept coming: %s", n, w.summary())
			}
		})
	}
}

// An endless POP3 RETR is cut at the reply size limit: the bytes shown
// stay under the limit, the session's memory stays flat, and the
// connection ends with a message naming --max-reply. Streamed (as at the
// prompt) or held whole (as in a lesson), the same.
func TestHostileEndlessRETREndsAtSizeLimit(t *testing.T) {
	const limit = 8 << 20
	for _, stream := range []bool{true, false} {
		t.Run(map[bool]string{true: "streamed", false: "held whole"}[stream], func(t *testing.T) {
			line := strings.Repeat("x", 70) + "\r\n"
			addr := hostilePeer(t, endlessAfter("+OK endless.example\r\n", "+OK message follows\r\n", line, 0))
			before := liveHeap()
			target, _ := session.ParseURL("pop3://" + addr)
			s, err := session.Dial(t.Context(), target, session.Options{Timeout: hostileTimeout, StreamBodies: stream, MaxReply: limit})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			var out countBytes
			r := render.New(&out, false, false)
			done := make(chan session.Event)
			go func() {
				var last session.Event
				for e := range s.Events() {
					r.Event(e)
					last = e
				}
				done <- last
			}()
			if err := s.Send("RETR 1", session.SendOptions{}); err != nil {
				t.Fatal(err)
			}
			var c session.Event
			select {
			case c = <-done:
			case <-time.After(30 * time.Second):
				t.Fatalf("the endless RETR still runs after 30s; %d bytes shown", out.n.Load())
			}
			var lim *session.ReplyLimitError
			if !errors.As(c.Err, &lim) || !lim.TooLarge || !strings.Contains(c.Err.Error(), "--max-reply") || !strings.Contains(c.Err.Error(), "8 MiB") {
				t.Fatalf("the close says %T %v, want a ReplyLimitError naming --max-reply and 8 MiB", c.Err, c.Err)
			}
			if n := out.n.Load(); n > limit*5/4 {
				t.Errorf("%d bytes shown for a reply limited to %d", n, limit)
			}
			checkGrowth(t, before, limit*3, "an endless RETR")
		})
	}
}

// countBytes counts what is written to it and keeps nothing.
type countBytes struct{ n atomic.Int64 }

func (c *countBytes) Write(p []byte) (int, error) {
	c.n.Add(int64(len(p)))
	return len(p), nil
}

// A reply within the limits, on a session with small ones, arrives whole:
// the limits count each reply anew.
func TestReplyLimitsCountEachReply(t *testing.T) {
	reply := "250-a\r\n" + strings.Repeat("250-"+strings.Repeat("y", 60)+"\r\n", 100) + "250 end\r\n" // about 6.5 KB
	addr := hostilePeer(t, lineServer("220 ok\r\n", reply, "221 bye\r\n"))
	w := watch(t, "smtp://"+addr, session.Options{Timeout: hostileTimeout, MaxReply: 10 << 10})
	w.waitFor("greeting", hostileWait, isKind(session.Received))
	for range 5 { // 32 KB in all, more than the limit of one reply
		w.send("NOOP")
		w.waitFor("the long reply", hostileWait, func(e session.Event) bool { return e.Kind == session.Received && len(e.Reply.Lines) == 102 })
	}
	w.send("QUIT")
	if c := w.closed(hostileWait); c.Err != nil {
		t.Errorf("the session ended with %v", c.Err)
	}
}
