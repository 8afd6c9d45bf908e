package replay_test

import (
	"bytes"
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/replay"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// imap sends a line and consumes replies up to the one that completes or
// continues the command, whose first line must start with want.
func (d *driver) imap(line, want string) *protocol.Reply {
	d.t.Helper()
	if err := d.s.Send(line, session.SendOptions{}); err != nil {
		d.t.Fatal(err)
	}
	for {
		r := d.next(session.Received).Reply
		if r.Pending && r.Tag != "+" {
			continue
		}
		if !strings.HasPrefix(r.Lines[0], want) {
			d.t.Fatalf("%s: got %q, want it to start with %q", line, r.Lines[0], want)
		}
		return r
	}
}

// recordIMAP records a session with the fake server, tagged x1, x2, …: a
// LOGIN whose password goes as a literal, SELECT, a FETCH of the tricky
// message, NOOP and LOGOUT.
func recordIMAP(t *testing.T, url string) *driver {
	t.Helper()
	tg, err := session.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	d := newDriverAt(t, tg, session.Options{Timeout: 5 * time.Second}, false)
	d.imap("x1 CAPABILITY", "x1 OK")
	d.imap("x2 LOGIN student {9}", "+")
	d.imap("secret123", "x2 OK")
	d.imap("x3 SELECT INBOX", "x3 OK")
	d.imap("x4 FETCH 1 BODY[]", "x4 OK")
	d.imap("x5 NOOP", "x5 OK")
	d.imap("x6 LOGOUT", "x6 OK")
	return d
}

func liveReplies(d *driver) [][]string {
	var out [][]string
	for _, e := range d.events {
		if e.Kind == session.Received {
			out = append(out, e.Reply.Lines)
		}
	}
	return out
}

// An IMAP session recorded live comes back from the file byte for byte,
// literal included, without the password sent as a literal.
func TestIMAPRecordingRoundTrip(t *testing.T) {
	fake := &fakeIMAP{fakeConfig: fakeConfig{Password: "secret123", UIDValidity: 7, Exists: 1, Body: tricky}}
	d := recordIMAP(t, fake.start(t))
	tr := d.finish()
	raw, err := os.ReadFile(d.path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("secret123")) {
		t.Fatalf("the transcript holds the password:\n%s", raw)
	}
	if !bytes.Contains(raw, []byte("\n  wire: true\n")) || !bytes.HasPrefix(raw, []byte("mailtutor: 2\n")) {
		t.Fatalf("the FETCH reply is not in the wire form:\n%s", raw)
	}
	off, err := session.NewOffline(session.Target{Protocol: "imap"}, session.Options{}, tr.Recorded)
	if err != nil {
		t.Fatal(err)
	}
	var played [][]string
	for _, s := range tr.Steps {
		var events []session.Event
		switch s.Kind {
		case transcript.KindClient:
			off.Send(s.Text, session.SendOptions{Secret: s.Secret != ""})
		case transcript.KindServer:
			if s.Wire {
				events, err = off.ReceiveWire(s.Text)
			} else {
				events, err = off.Receive(s.Text)
			}
			if err != nil {
				t.Fatalf("step %q: %v", s.Text, err)
			}
		}
		for _, e := range events {
			played = append(played, e.Reply.Lines)
		}
	}
	live := liveReplies(d)
	if len(played) != len(live) {
		t.Fatalf("%d replies played, %d live", len(played), len(live))
	}
	for i := range live {
		if !slices.Equal(played[i], live[i]) {
			t.Errorf("reply %d played %q, live %q", i+1, played[i], live[i])
		}
	}
	var out bytes.Buffer
	if err := replay.Playback(&out, tr, replay.PlaybackOptions{Raw: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "secret123") || !strings.Contains(out.String(), "x2 OK Logged in") {
		t.Fatalf("playback:\n%s", out.String())
	}
}

// Replayed against a server, the commands go with the replay's own tags
// (a1, a2, …: the recorded ones were x1, x2, …) and the replies are
// compared command by command.
func TestIMAPAgainst(t *testing.T) {
	recorded := &fakeIMAP{fakeConfig: fakeConfig{Password: "secret123", UIDValidity: 7, Exists: 1, Body: tricky}}
	d := recordIMAP(t, recorded.start(t))
	tr := d.finish()
	tests := []struct {
		name     string
		live     fakeConfig
		password string
		strict   bool
		mismatch string // the Why of the first mismatch; "" for none
		differs  []string
	}{
		{"the same server", fakeConfig{Password: "secret123", UIDValidity: 7, Exists: 1, Body: tricky}, "secret123", false, "", nil},
		{"another UIDVALIDITY and count", fakeConfig{Password: "secret123", UIDValidity: 9, Exists: 3, Body: tricky}, "secret123", false, "",
			[]string{"other values in: EXISTS, OK [UIDVALIDITY]"}},
		{"the same, strict", fakeConfig{Password: "secret123", UIDValidity: 9, Exists: 3, Body: tricky}, "secret123", true,
			"other values in: EXISTS, OK [UIDVALIDITY]", nil},
		{"a password of another length as a literal", fakeConfig{Password: "a much longer one", UIDValidity: 7, Exists: 1, Body: tricky}, "a much longer one", false, "", nil},
		{"another message", fakeConfig{Password: "secret123", UIDValidity: 7, Exists: 1, Body: "Subject: x\r\n\r\nother"}, "secret123", false, "",
			[]string{"other values in: FETCH"}},
		{"FETCH fails", fakeConfig{Password: "secret123", UIDValidity: 7, Exists: 1, FetchNO: true}, "secret123", false,
			`"x4 FETCH 1 BODY[]": recorded OK, live NO; untagged data missing: FETCH`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			live := &fakeIMAP{fakeConfig: tt.live}
			tg, err := session.ParseURL(live.start(t))
			if err != nil {
				t.Fatal(err)
			}
			opts := replay.AgainstOptions{Strict: tt.strict, Session: session.Options{Timeout: 3 * time.Second},
				Secrets: &replay.Secrets{Values: map[string]string{transcript.SecretPassword: tt.password}}}
			res, err := replay.Against(context.Background(), tr, tg, opts)
			if err != nil {
				t.Fatal(err)
			}
			var table bytes.Buffer
			replay.WriteTable(&table, res, false)
			if strings.Contains(table.String(), tt.password) {
				t.Fatalf("the table shows the password:\n%s", table.String())
			}
			if strings.ContainsAny(strings.ReplaceAll(table.String(), "\n", ""), "\r\x00") {
				t.Fatalf("the table prints a raw control byte:\n%q", table.String())
			}
			checkAgainst(t, res, table.String(), tt.mismatch, tt.differs)
			if tt.mismatch == "" {
				if want := []string{"a1", "a2", "a3", "a4", "a5", "a6"}; !slices.Equal(live.Tags(), want) {
					t.Errorf("the live server saw tags %q, want %q", live.Tags(), want)
				}
			}
		})
	}
}

func checkAgainst(t *testing.T, res replay.Result, table, mismatch string, differs []string) {
	t.Helper()
	var whys []string
	for _, row := range res.Rows {
		whys = append(whys, row.Why)
		if row.Verdict == replay.Mismatch && mismatch == "" {
			t.Errorf("step %d %s: MISMATCH: %s %s\n%s", row.Step, row.Sent, row.Why, row.Problem, table)
		}
	}
	if mismatch != "" {
		if res.FirstMismatch == 0 || res.Err() == nil {
			t.Fatalf("no mismatch, want %q\n%s", mismatch, table)
		}
		if !strings.Contains(table, mismatch) {
			t.Errorf("the table does not say %q:\n%s", mismatch, table)
		}
		return
	}
	for _, want := range differs {
		if !slices.ContainsFunc(whys, func(w string) bool { return strings.Contains(w, want) }) {
			t.Errorf("no row says %q:\n%s", want, table)
		}
	}
}

// A FETCH long enough to stream in parts, whose literal holds a bare LF
// only near its end: the recording spools the parts, turns to the wire form
// at that line, and the step holds the reply exactly; playback frames it as
// the live session did. The parts before the LF are plain (Event.Plain),
// and are recorded without a second look at their characters.
func TestIMAPStreamedLiteralRecorded(t *testing.T) {
	var body strings.Builder
	for i := 0; body.Len() < 300<<10; i++ {
		body.WriteString("line of a long message, number " + strings.Repeat("x", i%50) + "\r\n")
	}
	body.WriteString("a bare\nLF, a bare\rCR\r\r\nthe end")
	fake := &fakeIMAP{fakeConfig: fakeConfig{Password: "secret123", UIDValidity: 7, Exists: 1, Body: body.String()}}
	tg, err := session.ParseURL(fake.start(t))
	if err != nil {
		t.Fatal(err)
	}
	d := newDriverAt(t, tg, session.Options{Timeout: 5 * time.Second, StreamBodies: true}, false)
	d.imap("a1 LOGIN student secret123", "a1 OK")
	d.imap("a2 FETCH 1 BODY[]", "a2 OK")
	d.imap("a3 LOGOUT", "a3 OK")
	var live []string
	parts, plain := 0, 0
	for _, e := range d.events {
		switch {
		case e.Kind == session.ReceivedPart:
			live, parts = append(live, e.Lines...), parts+1
			if e.Plain { // the screen and the recording trust it
				plain++
				for _, l := range e.Lines {
					if !protocol.PrintableASCII(l) {
						t.Fatalf("a part says Plain and holds %q", l)
					}
				}
			}
		case e.Kind == session.Received && e.Reply.Drained:
			live = append(live, e.Reply.Lines[1:]...)
		}
	}
	tr := d.finish()
	if parts < 2 || plain == 0 {
		t.Fatalf("the FETCH came in %d parts, %d of them plain: not streamed, or not found plain", parts, plain)
	}
	var fetch *transcript.Step
	for i := range tr.Steps {
		if s := &tr.Steps[i]; s.Kind == transcript.KindServer && strings.HasPrefix(s.Text, "* 1 FETCH") {
			fetch = s
		}
	}
	if fetch == nil || !fetch.Wire {
		t.Fatalf("no FETCH step in the wire form: %+v", fetch)
	}
	if got := fetch.ReplyLines(); !slices.Equal(got, live) {
		t.Fatalf("the step holds %d lines, the session showed %d", len(got), len(live))
	}
	off, _ := session.NewOffline(tg, session.Options{}, tr.Recorded)
	off.Send("a2 FETCH 1 BODY[]", session.SendOptions{})
	events, err := off.ReceiveWire(fetch.Text)
	if err != nil || len(events) != 1 || !slices.Equal(events[0].Reply.Lines, live) {
		t.Fatalf("played back: %d replies, %v", len(events), err)
	}
}
