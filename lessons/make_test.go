package lessons

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// recordSession records a real submission session against the lab (AUTH
// LOGIN with both credentials redacted) and returns the transcript file.
func recordSession(t *testing.T, servers Servers) string {
	t.Helper()
	srv := servers["submission"]
	target, err := session.ParseURL(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	s, err := session.Dial(context.Background(), target, session.Options{Timeout: 5 * time.Second, CAPEM: srv.CAPEM})
	if err != nil {
		t.Fatal(err)
	}
	rec := session.NewRecording(target, s.Started(), "lessons test", false)
	path := filepath.Join(t.TempDir(), "session.yaml")
	if err := rec.SaveTo(path, false); err != nil {
		t.Fatal(err)
	}
	await := func(kind session.Kind) {
		t.Helper()
		for e := range s.Events() {
			rec.Observe(e)
			if e.Kind == kind {
				return
			}
		}
		t.Fatalf("the session ended before a %v event", kind)
	}
	await(session.Received)
	for _, line := range []string{"EHLO recorder.example", "AUTH LOGIN", codec.B64("student"), codec.B64("secret123"),
		"MAIL FROM:<student@example.test>", "RCPT TO:<teacher@example.test>", "DATA"} {
		if err := s.Send(line, session.SendOptions{}); err != nil {
			t.Fatal(err)
		}
		await(session.Received)
	}
	if err := s.SendData([]string{"Subject: recorded", "", "made into a lesson"}); err != nil {
		t.Fatal(err)
	}
	await(session.Received)
	if err := s.Send("QUIT", session.SendOptions{}); err != nil {
		t.Fatal(err)
	}
	await(session.Closed)
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestLessonFromTranscript: a recorded session becomes a lesson skeleton
// that loads, lists its missing notes, and runs against the lab (the
// redacted credentials typed from the student's account) and offline.
func TestLessonFromTranscript(t *testing.T) {
	lb, servers := startLab(t)
	tr, _, err := transcript.Load(recordSession(t, servers))
	if err != nil {
		t.Fatal(err)
	}
	skeleton := FromTranscript(tr)
	if strings.Contains(string(skeleton), "secret123") || strings.Contains(string(skeleton), codec.B64("secret123")) {
		t.Fatalf("the skeleton holds the password:\n%s", skeleton)
	}
	path := filepath.Join(t.TempDir(), "made.yaml")
	if err := os.WriteFile(path, skeleton, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := Load(path)
	if err != nil {
		t.Fatalf("the skeleton does not load: %v\n%s", err, skeleton)
	}
	if l.Parts[0].Service != "submission" {
		t.Errorf("service %q, want submission", l.Parts[0].Service)
	}
	if n := len(l.MissingNotes()); n != 2+2*typedSteps(l) {
		t.Errorf("%d missing notes, want title, summary and explain+hint of %d typed steps", n, typedSteps(l))
	}
	before := len(lb.Mailbox("teacher"))
	out, res, err := runWith(t, l, Options{Servers: servers, Strict: true}, studentScript(l))
	if err != nil || !res.Completed || res.Right != typedSteps(l) {
		t.Fatalf("live run: %v, %+v\n%s", err, res, out)
	}
	if got := len(lb.Mailbox("teacher")); got != before+1 {
		t.Errorf("teacher has %d messages, want %d: the lesson did not deliver", got, before+1)
	}
	if _, res, err := runWith(t, l, Options{Offline: true, Auto: true, Strict: true}, ""); err != nil || !res.Completed {
		t.Fatalf("offline run: %v, %+v", err, res)
	}
}
