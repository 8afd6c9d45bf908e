package replay_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/lab"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// target is the session target of a lab service.
func target(t *testing.T, l *lab.Lab, service string) session.Target {
	t.Helper()
	svc, ok := l.Service(service)
	if !ok {
		t.Fatalf("the lab has no service %q", service)
	}
	tg, err := session.ParseURL(svc.URL)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// sessionOptions trust the lab's certificate.
func sessionOptions(l *lab.Lab) session.Options {
	return session.Options{Timeout: 5 * time.Second, CAPEM: l.CertPEM()}
}

// driver runs a live session against the lab while recording it to a file,
// and keeps every event it saw.
type driver struct {
	t      *testing.T
	s      *session.Session
	rec    *session.Recording
	path   string
	events []session.Event
}

func newDriver(t *testing.T, l *lab.Lab, service string, keepSecrets bool) *driver {
	t.Helper()
	return newDriverAt(t, target(t, l, service), sessionOptions(l), keepSecrets)
}

// newDriverAt is newDriver for any server.
func newDriverAt(t *testing.T, tg session.Target, opts session.Options, keepSecrets bool) *driver {
	t.Helper()
	s, err := session.Dial(context.Background(), tg, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	d := &driver{t: t, s: s, path: filepath.Join(t.TempDir(), "session.yaml")}
	d.rec = session.NewRecording(s.Target(), s.Started(), "mailtutor test", keepSecrets)
	if err := d.rec.SaveTo(d.path, false); err != nil {
		t.Fatal(err)
	}
	d.next(session.Received) // the greeting
	return d
}

// next consumes events up to one of kind, recording every one.
func (d *driver) next(kind session.Kind) session.Event {
	d.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case e, ok := <-d.s.Events():
			if !ok {
				d.t.Fatalf("events ended while waiting for kind %d", kind)
			}
			d.events = append(d.events, e)
			d.rec.Observe(e)
			if e.Kind == kind {
				return e
			}
			if e.Kind == session.Closed {
				d.t.Fatalf("closed while waiting for kind %d: %v", kind, e.Err)
			}
		case <-timeout:
			d.t.Fatalf("no event of kind %d within 10s", kind)
		}
	}
}

// do sends a line and checks the first line of its reply.
func (d *driver) do(line, wantFirst string) {
	d.t.Helper()
	if err := d.s.Send(line, session.SendOptions{}); err != nil {
		d.t.Fatal(err)
	}
	if got := d.next(session.Received).Reply.Lines[0]; len(got) < len(wantFirst) || got[:len(wantFirst)] != wantFirst {
		d.t.Fatalf("%s: got %q, want it to start with %q", line, got, wantFirst)
	}
}

// finish awaits the close and returns the loaded transcript.
func (d *driver) finish() *transcript.Transcript {
	d.t.Helper()
	d.next(session.Closed)
	if err := d.rec.Close(); err != nil {
		d.t.Fatal(err)
	}
	tr, warnings, err := transcript.Load(d.path)
	if err != nil || len(warnings) > 0 {
		d.t.Fatalf("load %s: %v %v", d.path, err, warnings)
	}
	return tr
}

// recordSubmission sends a message through the submission service with
// STARTTLS and AUTH LOGIN, as a learner would type it.
func recordSubmission(t *testing.T, l *lab.Lab, keepSecrets bool) *driver {
	t.Helper()
	d := newDriver(t, l, "submission", keepSecrets)
	d.do("EHLO client.example.test", "250-")
	d.do("STARTTLS", "220")
	d.next(session.TLSUp)
	d.do("EHLO client.example.test", "250-")
	d.do("AUTH LOGIN", "334")
	d.do(codec.B64("student"), "334")
	d.do(codec.B64("secret123"), "235")
	d.do("MAIL FROM:<student@example.test>", "250")
	d.do("RCPT TO:<teacher@example.test>", "250")
	d.do("DATA", "354")
	if err := d.s.SendData([]string{"Subject: replay", "", "Hello.", ".a dotted line"}); err != nil {
		t.Fatal(err)
	}
	d.next(session.Received)
	d.do("QUIT", "221")
	return d
}

// recordPOP3 logs in with USER/PASS, or APOP, and looks at the mailbox.
func recordPOP3(t *testing.T, l *lab.Lab, apop bool) *driver {
	t.Helper()
	d := newDriver(t, l, "pop3", false)
	if apop {
		stamp, ok := codec.APOPTimestamp(d.s.Greeting())
		if !ok {
			t.Fatalf("no APOP timestamp in %q", d.s.Greeting())
		}
		d.do("APOP student "+codec.APOPDigest(stamp, "secret123"), "+OK")
	} else {
		d.do("USER student", "+OK")
		d.do("PASS secret123", "+OK")
	}
	d.do("STAT", "+OK")
	d.do("LIST", "+OK")
	d.do("QUIT", "+OK")
	return d
}

// secrets are the lab's student credentials, as --secret gives them.
func studentSecrets() map[string]string {
	return map[string]string{
		transcript.SecretUsername:   "student",
		transcript.SecretPassword:   "secret123",
		transcript.SecretAPOPDigest: "secret123",
	}
}
