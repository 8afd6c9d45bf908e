package prompt

import (
	"context"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/internal/testkit"
	"github.com/mailtutor/mailtutor/session"
)

// sink is a go-smtp backend that keeps every message.
type sink struct {
	mu   sync.Mutex
	msgs []string
}

func (b *sink) NewSession(*smtp.Conn) (smtp.Session, error) { return sinkSession{b}, nil }

func (b *sink) messages() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.msgs...)
}

type sinkSession struct{ b *sink }

func (sinkSession) Mail(string, *smtp.MailOptions) error { return nil }
func (sinkSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s sinkSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	s.b.mu.Lock()
	s.b.msgs = append(s.b.msgs, string(data))
	s.b.mu.Unlock()
	return err
}
func (sinkSession) Reset()        {}
func (sinkSession) Logout() error { return nil }

// goSMTPRunner runs a go-smtp server (it advertises CHUNKING) on
// 127.0.0.1:0 and a runner connected to it.
func goSMTPRunner(t *testing.T) (*Runner, *testkit.SyncBuffer, *sink) {
	t.Helper()
	be := &sink{}
	srv := smtp.NewServer(be)
	srv.Domain = "mail.test"
	srv.ReadTimeout = 10 * time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	target, _ := session.ParseURL("smtp://" + ln.Addr().String())
	s, err := session.Dial(context.Background(), target, session.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	out := &testkit.SyncBuffer{}
	return &Runner{Session: s, Render: render.New(out, false, false)}, out, be
}

// TestScriptSendsBDATChunks: in a script, the lines after "BDAT n" are the
// chunk's bytes (each with its CRLF, the last one without when it fills
// the chunk), and the next command follows.
func TestScriptSendsBDATChunks(t *testing.T) {
	r, out, be := goSMTPRunner(t)
	script := strings.Join([]string{
		"EHLO me.test", "MAIL FROM:<a@b.test>", "RCPT TO:<c@d.test>",
		"BDAT 28", "Subject: chunked", "", "body", // 18 + 2 + 6 = 26: two bytes more
		"", // the last two: an empty line
		"BDAT 3 LAST", "end",
		"QUIT", "",
	}, "\n")
	if err := r.RunScript(strings.NewReader(script)); err != nil {
		t.Fatalf("RunScript: %v\n%s", err, out)
	}
	want := "Subject: chunked\r\n\r\nbody\r\n\r\nend"
	if got := be.messages(); len(got) != 1 || got[0] != want {
		t.Fatalf("go-smtp received %q, want %q\n%s", got, want, out)
	}
	text := out.String()
	for _, w := range []string{"C: BDAT 28", "C: BDAT 3 LAST", "S: 221", i18n.Text(i18n.English, i18n.ChunkDone)} {
		if !strings.Contains(text, w) {
			t.Errorf("output lacks %q:\n%s", w, text)
		}
	}
}

// TestScriptRefusesALineLongerThanTheChunk: a line that would run past
// the chunk is not sent, and says by how much.
func TestScriptRefusesALineLongerThanTheChunk(t *testing.T) {
	r, out, _ := goSMTPRunner(t)
	err := r.RunScript(strings.NewReader("EHLO me\nMAIL FROM:<a@b.test>\nRCPT TO:<c@d.test>\nBDAT 4\ntoo long\n"))
	if err == nil {
		t.Fatalf("a line of 8 bytes in a chunk of 4 was accepted\n%s", out)
	}
	if want := i18n.Textf(i18n.English, i18n.ChunkTooLong, 8, 10, 4, 2, 4); !strings.Contains(out.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
}

// TestInteractiveChunkPromptCounts: at the prompt, "BDAT 12" turns the
// prompt into a byte count, in English and in Chinese.
func TestInteractiveChunkPromptCounts(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.English, i18n.Chinese} {
		t.Run(string(lang), func(t *testing.T) {
			r, _, be := goSMTPRunner(t)
			r.Lang = lang
			tm := runTerminal(t, r, "")
			tm.wait("smtp> ")
			tm.keys("EHLO me\rMAIL FROM:<a@b.test>\rRCPT TO:<c@d.test>\r")
			tm.wait("S: 250 2.0.0 I'll make sure <c@d.test> gets this")
			tm.keys("BDAT 12 LAST\r")
			tm.wait(i18n.Textf(lang, i18n.PromptChunk, 12))
			tm.keys("Subject\r")
			tm.wait(i18n.Textf(lang, i18n.PromptChunk, 3))
			tm.keys("x\r")
			tm.wait("chunk accepted")
			tm.keys("\x04") // Ctrl-D: QUIT and leave
			tm.end()
			if got := be.messages(); len(got) != 1 || got[0] != "Subject\r\nx\r\n" {
				t.Fatalf("go-smtp received %q", got)
			}
		})
	}
}
