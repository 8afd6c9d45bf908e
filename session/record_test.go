package session_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// recordSession runs a send with AUTH PLAIN, STARTTLS and a DATA body
// while recording, and returns the file.
func recordSession(t *testing.T, keep bool) (string, *session.Recording) {
	t.Helper()
	path, rec := recordSessionOpen(t, keep)
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	return path, rec
}

// recordSessionOpen is recordSession without closing the recording.
func recordSessionOpen(t *testing.T, keep bool) (string, *session.Recording) {
	t.Helper()
	addr, _, ca := startGoSMTP(t)
	c := dial(t, "smtp://"+addr, session.Options{CAPEM: ca})
	rec := session.NewRecording(c.s.Target(), c.s.Started(), "mailtutor test", keep)
	for _, e := range c.events { // the greeting, already consumed
		rec.Observe(e)
	}
	path := filepath.Join(t.TempDir(), "s.yaml")
	if err := rec.SaveTo(path, false); err != nil {
		t.Fatal(err)
	}
	seen := len(c.events)
	c.do("EHLO client.test", 250)
	c.do("STARTTLS", 220)
	c.next(session.TLSUp)
	c.do("EHLO client.test", 250)
	c.do("AUTH PLAIN "+codec.PlainResponse("", "student", "secret123"), 235)
	c.do("MAIL FROM:<a@mail.test>", 250)
	c.do("RCPT TO:<b@mail.test>", 250)
	c.do("DATA", 354)
	if err := c.s.SendData([]string{"Subject: x", "", ".dot"}); err != nil {
		t.Fatal(err)
	}
	c.next(session.Received)
	c.do("QUIT", 221)
	c.events = append(c.events, waitClosed(t, c.s))
	for _, e := range c.events[seen:] {
		rec.Observe(e)
	}
	return path, rec
}

func TestRecordingRedactsAndLoads(t *testing.T) {
	path, _ := recordSession(t, false)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	secret := codec.PlainResponse("", "student", "secret123")
	if strings.Contains(string(raw), secret) || strings.Contains(string(raw), "secret123") {
		t.Fatalf("the transcript holds the credential:\n%s", raw)
	}
	tr, warnings, err := transcript.Load(path)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("load: %v %v", err, warnings)
	}
	var kinds []string
	for _, s := range tr.Steps {
		kinds = append(kinds, string(s.Kind))
	}
	want := "server client server client server tls client server client server client server client server client server data server client server closed"
	if got := strings.Join(kinds, " "); got != want {
		t.Fatalf("steps\n got %s\nwant %s", got, want)
	}
	// The header says how the connection started; the upgrade is a step.
	if tr.Server.TLS != transcript.TLSNone || tr.Steps[5].TLS == nil || !tr.Steps[5].TLS.Verified ||
		tr.Steps[8].Secret != transcript.SecretSASLInitialResponse || tr.Steps[16].Text != "Subject: x\n\n.dot\n" {
		t.Fatalf("header %+v, tls %+v, auth step %+v, data step %q", tr.Server, tr.Steps[5], tr.Steps[8], tr.Steps[16].Text)
	}
}

func TestRecordingKeepsSecretsWhenAsked(t *testing.T) {
	path, _ := recordSession(t, true)
	raw, _ := os.ReadFile(path)
	if !strings.Contains(string(raw), codec.PlainResponse("", "student", "secret123")) {
		t.Fatal("--keep-secrets did not keep the AUTH PLAIN response")
	}
}

func TestSaveAgainCopiesTheLiveFile(t *testing.T) {
	path, rec := recordSessionOpen(t, false)
	second := filepath.Join(t.TempDir(), "again.yaml")
	if err := rec.SaveTo(second, false); err != nil {
		t.Fatal(err)
	}
	rec.Close()
	a, _, errA := transcript.Load(path)
	b, _, errB := transcript.Load(second)
	if errA != nil || errB != nil || len(a.Steps) != len(b.Steps) || len(b.Steps) < 20 {
		t.Fatalf("second :save: %v %v, %d vs %d steps", errA, errB, len(a.Steps), len(b.Steps))
	}
}

// Before :save the recording lives in an unnamed temporary file: nothing is
// left in TMPDIR, and a later save holds every step from the first.
func TestRecordingBeforeSaveLeavesNoFile(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	addr, _, ca := startGoSMTP(t)
	c := dial(t, "smtp://"+addr, session.Options{CAPEM: ca})
	rec := session.NewRecording(c.s.Target(), c.s.Started(), "mailtutor test", false)
	c.do("EHLO client.test", 250)
	c.do("MAIL FROM:<a@mail.test>", 250)
	for _, e := range c.events {
		rec.Observe(e)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Fatalf("the unsaved recording left %d file(s) in TMPDIR: %v", len(left), left[0].Name())
	}
	path := filepath.Join(t.TempDir(), "late.yaml")
	if err := rec.SaveTo(path, false); err != nil {
		t.Fatal(err)
	}
	seen := len(c.events)
	c.do("QUIT", 221)
	c.events = append(c.events, waitClosed(t, c.s))
	for _, e := range c.events[seen:] {
		rec.Observe(e)
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	tr, _, err := transcript.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, s := range tr.Steps {
		kinds = append(kinds, string(s.Kind)+":"+strings.SplitN(s.Text, " ", 2)[0])
	}
	want := "server:220 client:EHLO server:250-[127.0.0.1] client:MAIL server:250 client:QUIT server:221 closed:closed"
	if got := strings.Join(kinds, " "); !strings.HasPrefix(got, "server:220 client:EHLO") || !strings.Contains(got, "client:MAIL") ||
		!strings.HasSuffix(got, "client:QUIT server:221 closed:closed") || len(tr.Steps) != 8 {
		t.Fatalf("steps %s\nwant like %s", got, want)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Fatalf("%d file(s) left in TMPDIR after Close", len(left))
	}
}

// TestRecordingSavedTwiceGoesOnInBoth: :save during --record (the
// recording named already) starts a second file that holds the session so
// far and goes on like the first: both hold every step, a DATA body and
// the close included (issue 14, bug 2: the first file used to end there).
func TestRecordingSavedTwiceGoesOnInBoth(t *testing.T) {
	addr, _, _ := startGoSMTP(t)
	c := dial(t, "smtp://"+addr, session.Options{})
	rec := session.NewRecording(c.s.Target(), c.s.Started(), "mailtutor test", false)
	dir := t.TempDir()
	first, second := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	if err := rec.SaveTo(first, false); err != nil {
		t.Fatal(err)
	}
	observe := func() {
		for _, e := range c.events {
			rec.Observe(e)
		}
		c.events = nil
	}
	observe()
	c.do("EHLO client.test", 250)
	observe()
	if err := rec.SaveTo(second, false); err != nil {
		t.Fatal(err)
	}
	if n := rec.Files(); n != 2 {
		t.Errorf("Files() = %d, want 2", n)
	}
	c.do("MAIL FROM:<a@mail.test>", 250)
	c.do("RCPT TO:<b@mail.test>", 250)
	c.do("DATA", 354)
	if err := c.s.SendData([]string{"Subject: x", "", "body"}); err != nil {
		t.Fatal(err)
	}
	c.next(session.Received)
	c.do("QUIT", 221)
	c.events = append(c.events, waitClosed(t, c.s))
	observe()
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	want := "server client server client server client server client server data server client server closed"
	for _, path := range []string{first, second} {
		tr, warnings, err := transcript.Load(path)
		if err != nil || len(warnings) > 0 {
			t.Fatalf("load %s: %v %v", path, err, warnings)
		}
		var kinds []string
		for _, s := range tr.Steps {
			kinds = append(kinds, string(s.Kind))
		}
		if got := strings.Join(kinds, " "); got != want {
			t.Errorf("%s: steps\n got %s\nwant %s", filepath.Base(path), got, want)
		}
	}
}
