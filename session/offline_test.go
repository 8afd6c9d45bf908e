package session_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/lab/labtest"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// replayOffline plays the events of a live session on an Offline session
// the way a recording keeps them (lines and reply text), and returns the
// events it gives back.
func replayOffline(t *testing.T, s *session.Session, lang protocol.Lang, live []session.Event) []session.Event {
	t.Helper()
	o, err := session.NewOffline(s.Target(), session.Options{Lang: lang, KeepRaw: true}, s.Started())
	if err != nil {
		t.Fatal(err)
	}
	var out []session.Event
	for _, e := range live {
		o.SetTime(e.Time)
		switch e.Kind {
		case session.Sent:
			out = append(out, o.Send(e.Line, session.SendOptions{}))
		case session.DataLine:
			got, err := o.BodyLine(e.Line)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, got)
		case session.DataEnd:
			got, err := o.BodyEnd()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, got)
		case session.Received:
			got, err := o.Receive(strings.Join(e.Reply.Lines, "\n"))
			if err != nil || len(got) != 1 {
				t.Fatalf("receive %q: %d events, %v", e.Reply.Lines, len(got), err)
			}
			out = append(out, got...)
		case session.TLSUp:
			out = append(out, o.TLS(e.TLS))
		case session.Closed:
			out = append(out, o.Close(e.Reason, e.Err))
		}
	}
	if got, want := o.State(), s.State(); !reflect.DeepEqual(got, want) {
		t.Errorf("offline state %+v\nlive state    %+v", got, want)
	}
	return out
}

// sameEvent reports how an offline event differs from the live one, or "".
// Times are the offline session's to choose; Elapsed is measured from the
// event time offline and from the first line live, so it is not compared.
func sameEvent(live, off session.Event) string {
	switch {
	case live.Kind != off.Kind:
		return "kind"
	case live.Line != off.Line || live.Display != off.Display || live.Redacted != off.Redacted || live.Secret != off.Secret:
		return "line, display, redaction or secret"
	case !slices.Equal(live.Warnings, off.Warnings):
		return "warnings"
	case string(live.Raw) != string(off.Raw):
		return "raw bytes"
	case !reflect.DeepEqual(live.Reply, off.Reply):
		return "reply"
	case !reflect.DeepEqual(live.Explanation, off.Explanation):
		return "explanation"
	case live.TLS != off.TLS || live.Reason != off.Reason || live.Err != off.Err:
		return "TLS or close"
	}
	return ""
}

// TestOfflineGivesTheLiveEvents plays real sessions with the lab again
// from what a recording keeps of them: every event must be the live one.
func TestOfflineGivesTheLiveEvents(t *testing.T) {
	l := labtest.Start(t)
	deliverToLab(t, l, []string{"Subject: offline", "", ".a dotted line", "end"})
	tests := []struct {
		service string
		lang    protocol.Lang
		play    func(c *conv)
	}{
		{"submission", protocol.English, func(c *conv) {
			c.do("EHLO client.test", 250)
			c.do("STARTTLS", 220)
			c.next(session.TLSUp)
			c.do("EHLO client.test", 250)
			c.do("AUTH LOGIN", 334)
			c.do(codec.B64("student"), 334)
			c.do(codec.B64("secret123"), 235)
			c.do("MAIL FROM:<student@example.test>", 250)
			c.do("RCPT TO:<teacher@example.test>", 250)
			c.do("DATA", 354)
			if err := c.s.SendData([]string{"Subject: hi", "", ".dot", "bye"}); err != nil {
				c.t.Fatal(err)
			}
			c.next(session.Received)
			c.do("QUIT", 221)
			c.next(session.Closed)
		}},
		{"smtps", protocol.Chinese, func(c *conv) {
			c.do("EHLO client.test", 250)
			c.do("AUTH PLAIN "+codec.B64("\x00student\x00secret123"), 235)
			c.do("RSET", 250)
			c.do("QUIT", 221)
			c.next(session.Closed)
		}},
		{"pop3", protocol.English, func(c *conv) {
			c.do("CAPA", 0)
			c.do("USER student", 0)
			c.do("PASS secret123", 0)
			c.do("LIST", 0)
			c.do("RETR 1", 0)
			c.do("QUIT", 0)
			c.next(session.Closed)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.service, func(t *testing.T) {
			svc, _ := l.Service(tt.service)
			c := dial(t, svc.URL, session.Options{CAPEM: l.CertPEM(), Lang: tt.lang, KeepRaw: true})
			tt.play(c)
			var live []session.Event
			for _, e := range c.events {
				if e.Kind != session.Connected && e.Kind != session.Problem {
					live = append(live, e)
				}
			}
			off := replayOffline(t, c.s, tt.lang, live)
			for i := range live {
				if why := sameEvent(live[i], off[i]); why != "" {
					t.Errorf("event %d: the %s differs\nlive    %+v\noffline %+v", i, why, live[i], off[i])
				}
			}
		})
	}
}

// offline starts an offline SMTP conversation at a fixed time.
func offline(t *testing.T, p protocol.Protocol, implicitTLS bool) (*session.Offline, time.Time) {
	t.Helper()
	start := time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC)
	o, err := session.NewOffline(session.Target{Protocol: p, ImplicitTLS: implicitTLS}, session.Options{}, start)
	if err != nil {
		t.Fatal(err)
	}
	return o, start
}

// Pipelined commands answered by one recorded step: each reply answers
// its own command, and its Elapsed counts from that command.
func TestOfflinePipelinedReplies(t *testing.T) {
	o, start := offline(t, protocol.SMTP, false)
	o.SetTime(start.Add(50 * time.Millisecond))
	greeting, err := o.Receive("220 ready\n")
	if err != nil || len(greeting) != 1 || greeting[0].Elapsed != 50*time.Millisecond {
		t.Fatalf("greeting: %+v, %v", greeting, err)
	}
	o.SetTime(start.Add(time.Second))
	o.Send("MAIL FROM:<a@b>", session.SendOptions{})
	o.SetTime(start.Add(2 * time.Second))
	o.Send("RCPT TO:<c@d>", session.SendOptions{})
	o.SetTime(start.Add(3 * time.Second))
	got, err := o.Receive("250 2.1.0 Ok\n550 5.1.1 No such user")
	if err != nil || len(got) != 2 {
		t.Fatalf("%d events, %v", len(got), err)
	}
	for i, want := range []struct {
		command string
		tone    protocol.Tone
		elapsed time.Duration
	}{{"MAIL FROM:<a@b>", protocol.TonePositive, 2 * time.Second}, {"RCPT TO:<c@d>", protocol.TonePermanent, time.Second}} {
		e := got[i]
		if e.Kind != session.Received || e.Reply.Command != want.command || e.Reply.Tone != want.tone ||
			e.Elapsed != want.elapsed || e.Explanation == nil || e.Explanation.Lang != protocol.English || e.Raw != nil {
			t.Errorf("reply %d: %+v", i, e)
		}
	}
	if !o.State().Transaction {
		t.Error("the accepted MAIL FROM opened no mail transaction")
	}
}

// Recorded text cut off in a reply gives that reply, malformed, and the
// framing starts afresh for the next step; the encryption is kept.
func TestOfflineIncompleteReply(t *testing.T) {
	o, _ := offline(t, protocol.SMTP, true)
	o.Receive("220 ready")
	o.Send("EHLO me", session.SendOptions{})
	got, err := o.Receive("250-mail.example.test\n250-PIPELINING")
	if !errors.Is(err, session.ErrIncompleteReply) || len(got) != 1 {
		t.Fatalf("%+v, %v; want one reply and ErrIncompleteReply", got, err)
	}
	r := got[0].Reply
	if r.Class != protocol.ClassMalformed || r.Tone != protocol.ToneMalformed || len(r.Lines) != 2 ||
		!slices.Contains(r.Problems, session.ErrIncompleteReply.Error()) || got[0].Explanation == nil {
		t.Errorf("incomplete reply %+v", got[0])
	}
	o.Send("NOOP", session.SendOptions{})
	got, err = o.Receive("250 2.0.0 Ok")
	if err != nil || len(got) != 1 || got[0].Reply.Command != "NOOP" || got[0].Reply.Tone != protocol.TonePositive {
		t.Fatalf("after the incomplete reply: %+v, %v", got, err)
	}
	if !o.State().TLS {
		t.Error("the encryption was forgotten with the framing")
	}
}

// The dialect redacts what is sent in the state the recording left: the
// answers to SASL LOGIN challenges are a user name and a password.
func TestOfflineRedactsInContext(t *testing.T) {
	o, _ := offline(t, protocol.SMTP, false)
	o.Receive("220 ready")
	steps := []struct {
		line, reply string
		so          session.SendOptions
		redacted    string
		kind        string
		mode        session.Mode
	}{
		{"AUTH LOGIN", "334 VXNlcm5hbWU6", session.SendOptions{}, "AUTH LOGIN", "", session.ModeAuth},
		{codec.B64("student"), "334 UGFzc3dvcmQ6", session.SendOptions{}, protocol.Redacted, protocol.SecretUsername, session.ModeAuth},
		{codec.B64("secret123"), "235 2.7.0 Authentication successful", session.SendOptions{}, protocol.Redacted, protocol.SecretPassword, session.ModeCommand},
		{"XSECRET hunter2", "500 5.5.2 Error", session.SendOptions{Secret: true, Display: "XSECRET ****"}, protocol.Redacted, "credential", session.ModeCommand},
		{"DATA", "354 go ahead", session.SendOptions{}, "DATA", "", session.ModeData},
	}
	for _, s := range steps {
		sent := o.Send(s.line, s.so)
		if sent.Kind != session.Sent || sent.Redacted != s.redacted || sent.Secret != s.kind || sent.Line != s.line {
			t.Errorf("%q: sent %+v, want redacted %q kind %q", s.line, sent, s.redacted, s.kind)
		}
		if s.so.Display != "" && sent.Display != s.so.Display {
			t.Errorf("%q: display %q, want %q", s.line, sent.Display, s.so.Display)
		}
		if _, err := o.Receive(s.reply); err != nil {
			t.Fatal(err)
		}
		if o.Mode() != s.mode {
			t.Errorf("after %q: mode %d, want %d", s.reply, o.Mode(), s.mode)
		}
	}
	line, err := o.BodyLine(".dot")
	if err != nil || string(line.Raw) != "..dot\r\n" || line.Line != ".dot" {
		t.Errorf("body line %+v, %v", line, err)
	}
	end, err := o.BodyEnd()
	if err != nil || end.Kind != session.DataEnd || end.Line != "." {
		t.Errorf("body end %+v, %v", end, err)
	}
	if got, _ := o.Receive("250 2.0.0 Ok: queued"); len(got) != 1 || got[0].Reply.Command != "." || o.State().Transaction {
		t.Errorf("the end of the body is not answered: %+v", got)
	}
	if e := o.Close("closed by the server", nil); e.Kind != session.Closed || o.Mode() != session.ModeClosed {
		t.Errorf("close %+v, mode %d", e, o.Mode())
	}
}

func TestOfflineRefuses(t *testing.T) {
	if _, err := session.NewOffline(session.Target{Protocol: "gopher"}, session.Options{}, time.Now()); err == nil {
		t.Error("a protocol without a dialect was accepted")
	}
	if _, err := session.NewOffline(session.Target{Protocol: protocol.SMTP}, session.Options{Lang: "tlh"}, time.Now()); !errors.Is(err, protocol.ErrUnsupportedLang) {
		t.Errorf("an unsupported language: %v", err)
	}
	o, _ := offline(t, protocol.POP3, false)
	if _, err := o.BodyLine("x"); err == nil {
		t.Error("POP3 took a message body line")
	}
	if _, err := o.BodyEnd(); err == nil {
		t.Error("POP3 took the end of a message body")
	}
}
