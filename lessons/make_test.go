package lessons

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
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

// TestServiceOf: the service of a transcript is a scheme of its protocol
// and TLS mode, by port, else by whether the client logged in.
func TestServiceOf(t *testing.T) {
	tests := []struct {
		proto, tls string
		port       int
		client     string
		want       string
	}{
		{transcript.ProtocolSMTP, transcript.TLSNone, 25, "EHLO a", "smtp"},
		{transcript.ProtocolSMTP, transcript.TLSStartTLS, 587, "EHLO a", "submission"},
		{transcript.ProtocolSMTP, transcript.TLSNone, 1587, "EHLO a", "submission"},
		{transcript.ProtocolSMTP, transcript.TLSNone, 40000, "auth login", "submission"},
		{transcript.ProtocolSMTP, transcript.TLSNone, 40000, "EHLO a", "smtp"},
		{transcript.ProtocolSMTP, transcript.TLSImplicit, 40000, "AUTH PLAIN", "smtps"},
		{transcript.ProtocolPOP3, transcript.TLSNone, 40000, "AUTH PLAIN", "pop3"},
		{transcript.ProtocolPOP3, transcript.TLSImplicit, 995, "USER a", "pop3s"},
	}
	for _, tt := range tests {
		tr := &transcript.Transcript{Protocol: tt.proto, Server: transcript.Server{Host: "h", Port: tt.port, TLS: tt.tls},
			Steps: []transcript.Step{{Kind: transcript.KindClient, Text: tt.client}}}
		if got := serviceOf(tr); got != tt.want {
			t.Errorf("%s %s port %d %q: %q, want %q", tt.proto, tt.tls, tt.port, tt.client, got, tt.want)
		}
	}
}

// TestModelAnswers: each recorded client line becomes the answer a
// student types, credentials from the student's account, read in the
// state the line was sent in.
func TestModelAnswers(t *testing.T) {
	step := func(text, secret string) transcript.Step {
		return transcript.Step{Kind: transcript.KindClient, Text: text, Secret: secret}
	}
	server := func(text string) transcript.Step { return transcript.Step{Kind: transcript.KindServer, Text: text} }
	tests := []struct {
		name  string
		proto string
		steps []transcript.Step // the last one is answered
		want  string
	}{
		{"POP3 user name", transcript.ProtocolPOP3, []transcript.Step{server("+OK"), step("USER teacher", "")}, "USER {user}"},
		{"POP3 password", transcript.ProtocolPOP3, []transcript.Step{server("+OK"), step("PASS <redacted>", transcript.SecretPassword)}, "PASS {pass}"},
		{"POP3 AUTH LOGIN user name", transcript.ProtocolPOP3, []transcript.Step{server("+OK"), step("AUTH LOGIN", ""), server("+ VXNlcm5hbWU6"),
			step("<redacted>", transcript.SecretUsername)}, ":b64 {user}"},
		{"SMTP AUTH LOGIN password", transcript.ProtocolSMTP, []transcript.Step{server("220 hi"), step("AUTH LOGIN", ""), server("334 VXNlcm5hbWU6"),
			step("<redacted>", transcript.SecretUsername), server("334 UGFzc3dvcmQ6"), step("<redacted>", transcript.SecretPassword)}, ":b64 {pass}"},
		{"CRAM-MD5", transcript.ProtocolSMTP, []transcript.Step{server("220 hi"), step("AUTH CRAM-MD5", ""), server("334 PDEyMzQ1QGV4YW1wbGUudGVzdD4="),
			step("<redacted>", transcript.SecretSASLResponse)}, ":cram {user} {pass}"},
		{"another SASL answer", transcript.ProtocolSMTP, []transcript.Step{server("220 hi"), step("AUTH XOAUTH2", ""), server("334 "),
			step("<redacted>", transcript.SecretSASLResponse)}, ":b64 {pass}"},
		{"AUTH PLAIN", transcript.ProtocolSMTP, []transcript.Step{server("220 hi"), step("AUTH PLAIN <redacted>", transcript.SecretSASLInitialResponse)}, ":plain {user} {pass}"},
		{"APOP", transcript.ProtocolPOP3, []transcript.Step{server("+OK <1.2@h>"), step("APOP me <redacted>", transcript.SecretAPOPDigest)}, ":apop {user} {pass}"},
		{"a command", transcript.ProtocolSMTP, []transcript.Step{server("220 hi"), step("MAIL FROM:<a@b>", "")}, "MAIL FROM:<a@b>"},
	}
	for _, tt := range tests {
		tr := &transcript.Transcript{Protocol: tt.proto, Server: transcript.Server{Host: "h", Port: 40000, TLS: transcript.TLSNone}, Steps: tt.steps}
		skeleton := string(FromTranscript(tr))
		if want := "  - client: " + strconv.Quote(tt.want) + "\n"; !strings.Contains(skeleton, want) {
			t.Errorf("%s: no %q in\n%s", tt.name, want, skeleton)
		}
	}
}

// TestLessonFromIMAP: an IMAP recording (a LOGIN password sent as a
// literal, a FETCH whose literal holds a bare LF: the wire form) becomes a
// skeleton that loads, keeps the reply exactly and asks for the student's
// password as the literal text.
func TestLessonFromIMAP(t *testing.T) {
	wire, _ := transcript.ReplyText([]string{"* 1 FETCH (BODY[] {5}", "ab\ncd)"})
	tr := &transcript.Transcript{Protocol: "imap", Server: transcript.Server{Host: "h", Port: 2143, TLS: transcript.TLSNone},
		Steps: []transcript.Step{
			{Kind: transcript.KindServer, Text: "* OK [CAPABILITY IMAP4rev1 LITERAL+] ready"},
			{Kind: transcript.KindClient, Text: "a1 LOGIN student {9}"},
			{Kind: transcript.KindServer, Text: "+ OK"},
			{Kind: transcript.KindClient, Text: "<redacted>", Secret: transcript.SecretPassword},
			{Kind: transcript.KindServer, Text: "a1 OK Logged in"},
			{Kind: transcript.KindClient, Text: "a2 LOGIN student <redacted>", Secret: transcript.SecretPassword},
			{Kind: transcript.KindServer, Text: "a2 BAD Already logged in"},
			{Kind: transcript.KindClient, Text: "a3 FETCH 1 BODY[]"},
			{Kind: transcript.KindServer, Text: wire, Wire: true},
			{Kind: transcript.KindServer, Text: "a3 OK Fetch completed"},
		}}
	skeleton := FromTranscript(tr)
	for _, want := range []string{"- service: imap\n", `  - client: "{pass}"` + "\n", `  - client: "LOGIN {user} {pass}"` + "\n",
		"  - server: " + strconv.Quote(wire) + "\n    wire: true\n"} {
		if !strings.Contains(string(skeleton), want) {
			t.Errorf("no %q in\n%s", want, skeleton)
		}
	}
	l, err := Parse(skeleton, "made.yaml")
	if err != nil {
		t.Fatalf("the skeleton does not load: %v\n%s", err, skeleton)
	}
	var fetch *Step
	for i := range l.Parts[0].Steps {
		if s := &l.Parts[0].Steps[i]; s.Wire {
			fetch = s
		}
	}
	if fetch == nil || fetch.Server != wire {
		t.Fatalf("the wire reply came back as %+v", fetch)
	}
	if out, res, err := runWith(t, l, Options{Offline: true, Auto: true, Strict: true}, ""); err != nil || !res.Completed {
		t.Fatalf("the skeleton does not run offline: %v %+v\n%s", err, res, out)
	}
	rec, err := newRecording("imap", English)
	if err != nil {
		t.Fatal(err)
	}
	rec.off.Send("a3 FETCH 1 BODY[]", session.SendOptions{})
	e, err := rec.reply(fetch.Server, true)
	if err != nil || len(e.Reply.Lines) != 2 || e.Reply.Lines[1] != "ab\ncd)" {
		t.Fatalf("the recorded reply plays as %+v, %v", e.Reply, err)
	}
}
