package prompt

import (
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/internal/testkit"
	"github.com/mailtutor/mailtutor/session"
)

// slowScreen is a terminal that takes its time with every write.
type slowScreen struct{ out *testkit.SyncBuffer }

func (s slowScreen) Write(p []byte) (int, error) {
	time.Sleep(30 * time.Millisecond)
	return s.out.Write(p)
}

// TestScriptErrorComesAfterTheReplyItFollows: a server that greets and
// hangs up at once: the script's error about the closed connection is
// shown after the greeting, not before it, however slow the screen.
func TestScriptErrorComesAfterTheReplyItFollows(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		c.Write([]byte("220 busy.example ESMTP\r\n"))
		c.Close()
	}()
	target, _ := session.ParseURL("smtp://" + ln.Addr().String())
	s, err := session.Dial(context.Background(), target, session.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for s.Mode() != session.ModeClosed { // the hang-up has come
		select {
		case <-s.Changed():
		case <-time.After(5 * time.Second):
			t.Fatal("the server's close never came")
		}
	}
	out := &testkit.SyncBuffer{}
	r := &Runner{Session: s, Render: render.New(slowScreen{out}, false, false)}
	r.RunScript(strings.NewReader("EHLO me.example\n"))
	text := out.String()
	greeting, closed := strings.Index(text, "S: 220"), strings.Index(text, "error: ")
	if greeting < 0 || closed >= 0 && closed < greeting {
		t.Errorf("the error comes before the greeting it follows:\n%s", text)
	}
}

var _ io.Writer = slowScreen{}
