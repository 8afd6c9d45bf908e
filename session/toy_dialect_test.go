package session_test

// The proof that a protocol slots in: a toy line protocol defined only in
// this file is framed, explained, redacted, recorded, replayed and shown
// through the real session, renderer, recorder and playback, with no edit
// anywhere else.

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/internal/replay"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// toy is a line protocol: the server answers each command with "OK text"
// or "NO text"; "OK-text" lines continue a reply; "SECRET word" carries a
// password; BYE ends the session.
const toy protocol.Protocol = "toy"

type toyDialect struct{}

var registerToy sync.Once

func (toyDialect) Protocol() protocol.Protocol { return toy }

func (toyDialect) Schemes() []protocol.Scheme {
	return []protocol.Scheme{{Name: "toy", Port: 7777}, {Name: "toys", Port: 7778, ImplicitTLS: true}}
}

func (toyDialect) NewFramer() protocol.Framer { return &toyFramer{} }

func (toyDialect) Explain(r *protocol.Reply, lang protocol.Lang) (protocol.Explanation, error) {
	words := map[protocol.Lang]map[protocol.Tone]string{
		protocol.English: {protocol.TonePositive: "toy yes", protocol.TonePermanent: "toy no", protocol.ToneMalformed: "toy nonsense"},
		protocol.Chinese: {protocol.TonePositive: "玩具：成功", protocol.TonePermanent: "玩具：失败", protocol.ToneMalformed: "玩具：看不懂"},
	}
	ex := protocol.Explanation{Lang: lang, Class: words[lang][r.Tone], Meaning: "answer to " + r.Command}
	if r.Before.Previous != "" {
		ex.Next = "after " + r.Before.Previous
	}
	return ex, nil
}

func (toyDialect) Redact(line string, st protocol.State) (string, string, bool) {
	if verb, _, ok := strings.Cut(line, " "); ok && strings.EqualFold(verb, "SECRET") {
		return verb + " " + protocol.Redacted, protocol.SecretPassword, true
	}
	return line, "", false
}

func (toyDialect) Check(line string, st protocol.State, lang protocol.Lang) []string {
	if len(line) > 20 {
		return []string{"toy lines are short"}
	}
	return nil
}

func (toyDialect) Commands(protocol.Lang) ([]protocol.CommandInfo, error) {
	return []protocol.CommandInfo{{Protocol: toy, Name: "HELLO", Syntax: "HELLO"}}, nil
}

func (toyDialect) Auth() protocol.AuthSyntax { return protocol.AuthSyntax{} }

func (toyDialect) Body() protocol.BodySyntax { return nil }

// toyFramer frames toy replies: lines up to one that does not start "OK-".
type toyFramer struct {
	queue []string
	cur   *protocol.Reply
	state protocol.State
}

func (f *toyFramer) Expect(line string) protocol.Expected {
	redacted, _, _ := toyDialect{}.Redact(line, f.state)
	f.queue = append(f.queue, redacted)
	return protocol.Expected{}
}

func (f *toyFramer) ExpectBodyEnd() {}

func (f *toyFramer) Feed(line string, _ protocol.LineEnding) *protocol.Reply {
	if f.cur == nil {
		f.cur = &protocol.Reply{Protocol: toy, Before: f.state}
		if len(f.queue) > 0 {
			f.cur.Command, f.queue = f.queue[0], f.queue[1:]
		}
	}
	r := f.cur
	r.Lines = append(r.Lines, line)
	if strings.HasPrefix(line, "OK-") {
		return nil
	}
	f.cur = nil
	status, text, _ := strings.Cut(line, " ")
	r.Status, r.Text = status, text
	switch status {
	case "OK":
		r.Tone = protocol.TonePositive
	case "NO":
		r.Tone = protocol.TonePermanent
	default:
		r.Problems = []string{"not a toy reply"}
	}
	if r.Command == "" && f.state.Greeting == "" {
		f.state.Greeting = text
	}
	f.state.Ended = strings.EqualFold(r.Command, "BYE")
	f.state.Previous = r.Command
	return r
}

func (f *toyFramer) Partial() []string {
	if f.cur == nil {
		return nil
	}
	return f.cur.Lines
}

func (f *toyFramer) Held() int             { return 0 }
func (f *toyFramer) Drain() []string       { return nil }
func (f *toyFramer) State() protocol.State { return f.state }
func (f *toyFramer) TLSStarted()           { f.state.TLS = true }

// startToyServer serves the toy protocol on 127.0.0.1:0 for one client.
func startToyServer(t *testing.T) string {
	t.Helper()
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
		defer c.Close()
		c.Write([]byte("OK toy ready\r\n"))
		sc := bufio.NewScanner(c)
		for sc.Scan() {
			verb, _, _ := strings.Cut(strings.TrimRight(sc.Text(), "\r"), " ")
			switch strings.ToUpper(verb) {
			case "HELLO":
				c.Write([]byte("OK-hello there\r\nOK hi\r\n"))
			case "SECRET":
				c.Write([]byte("OK secret kept\r\n"))
			case "BYE":
				c.Write([]byte("OK bye\r\n"))
				return
			default:
				c.Write([]byte("NO what?\r\n"))
			}
		}
	}()
	return ln.Addr().String()
}

func TestToyDialectThroughSessionRendererRecorderAndReplay(t *testing.T) {
	registerToy.Do(func() { protocol.Register(toyDialect{}) })
	target, err := session.ParseURL("toy://" + startToyServer(t))
	if err != nil {
		t.Fatalf("ParseURL: %v", err)
	}
	if target.Protocol != toy || target.ImplicitTLS {
		t.Fatalf("target = %+v", target)
	}
	s, err := session.Dial(context.Background(), target, session.Options{Timeout: 5 * time.Second, Lang: protocol.Chinese})
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	var screen bytes.Buffer
	out := render.New(&screen, false, false)
	out.EchoSent, out.Lang = true, "zh"
	rec := session.NewRecording(target, s.Started(), "toy test", false)
	path := filepath.Join(t.TempDir(), "toy.yaml")
	if err := rec.SaveTo(path, false); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for e := range s.Events() {
			out.Event(e)
			rec.Observe(e)
		}
	}()
	for _, line := range []string{"", "HELLO", "SECRET hunter2", "WHAT is this long line about", "BYE"} {
		if line != "" {
			if err := s.Send(line, session.SendOptions{}); err != nil {
				t.Fatalf("Send %q: %v", line, err)
			}
		}
		waitAnswered(t, s)
	}
	<-done
	rec.Close()

	shown := screen.String()
	for _, want := range []string{"S: OK-hello there", "S: OK hi", "玩具：成功", "玩具：失败",
		"C: SECRET ••••••••（已隐藏）", "toy lines are short", "after HELLO"} { // the screen is Chinese: the hidden secret too
		if !strings.Contains(shown, want) {
			t.Errorf("screen lacks %q:\n%s", want, shown)
		}
	}
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(shown, "hunter2") || bytes.Contains(file, []byte("hunter2")) {
		t.Fatalf("the secret leaked:\n%s\n%s", shown, file)
	}
	tr, _, err := transcript.Load(path)
	if err != nil {
		t.Fatalf("the toy transcript does not load: %v\n%s", err, file)
	}
	if tr.Protocol != string(toy) {
		t.Fatalf("protocol = %q", tr.Protocol)
	}
	var played bytes.Buffer
	if err := replay.Playback(&played, tr, replay.PlaybackOptions{Pace: replay.AllAtOnce}); err != nil {
		t.Fatalf("Playback: %v", err)
	}
	for _, want := range []string{"OK-hello there", "toy yes", "toy no", "SECRET " + protocol.Redacted} {
		if !strings.Contains(played.String(), want) {
			t.Errorf("replay lacks %q:\n%s", want, played.String())
		}
	}
}

// waitAnswered waits until every line sent has its reply (the greeting
// first), or the connection is gone.
func waitAnswered(t *testing.T, s *session.Session) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		ch := s.Changed()
		if (s.Greeted() && s.Pending() == 0) || s.Mode() == session.ModeClosed {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatal("no reply within 5s")
		}
	}
}
