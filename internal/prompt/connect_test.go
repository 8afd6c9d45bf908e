package prompt

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/lab"
	"github.com/mailtutor/mailtutor/lab/labtest"
	"github.com/mailtutor/mailtutor/session"
)

// kinds is an observer that keeps the kinds of the events it saw.
type kinds struct {
	mu   sync.Mutex
	seen []session.Kind
}

func (k *kinds) Observe(e session.Event) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.seen = append(k.seen, e.Kind)
}

func (k *kinds) closed() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.seen) > 0 && k.seen[len(k.seen)-1] == session.Closed
}

// labConnect is a Runner.Connect on the services of l.
func labConnect(t *testing.T, l *lab.Lab, obs Observer) func(string) (Switch, error) {
	return func(name string) (Switch, error) {
		svc, ok := l.Service(name)
		if !ok {
			t.Fatalf("no lab service %s", name)
		}
		target, err := session.ParseURL(svc.URL)
		if err != nil {
			return Switch{}, err
		}
		s, err := session.Dial(context.Background(), target, session.Options{Timeout: 5 * time.Second, CAPEM: l.CertPEM()})
		if err != nil {
			return Switch{}, err
		}
		return Switch{Session: s, Observers: []Observer{obs}, Note: "now on " + name}, nil
	}
}

// TestConnectSwitchesToAnotherServiceOfTheLab: ":connect pop3" after a
// message was sent on submission says goodbye there (its observers see
// the close) and fetches the message from the same lab (issue 14 bug 1:
// "connect --lab pop3" started a second, empty lab).
func TestConnectSwitchesToAnotherServiceOfTheLab(t *testing.T) {
	l := labtest.Start(t)
	r, out := runner(t, l, "submission")
	first, second := &kinds{}, &kinds{}
	r.Observers = []Observer{first}
	r.Connect = labConnect(t, l, second)
	script := strings.Join([]string{
		"EHLO me", "AUTH PLAIN {plain:student secret123}",
		"MAIL FROM:<student@example.test>", "RCPT TO:<student@example.test>", "DATA",
		"Subject: switch", "", "hello", ".",
		":connect pop3", "USER student", "PASS secret123", "STAT", "QUIT", "",
	}, "\n")
	if err := r.RunScript(strings.NewReader(script)); err != nil {
		t.Fatalf("RunScript: %v\n%s", err, out)
	}
	text := out.String()
	bye, note, stat := strings.Index(text, "S: 221"), strings.Index(text, "now on pop3"), strings.Index(text, "S: +OK 1 ")
	if bye < 0 || note < bye || stat < note {
		t.Errorf("want the 221 to QUIT on submission, the note, then STAT finding the message:\n%s", text)
	}
	if !first.closed() || !second.closed() {
		t.Errorf("each session's observers must see its close: %v %v", first.seen, second.seen)
	}
	if r.Session.Target().Protocol != "pop3" {
		t.Errorf("the runner is on %s, want pop3", r.Session.Target())
	}
}

// TestConnectOutsideALab: without a lab, :connect says what it is for and
// sends nothing.
func TestConnectOutsideALab(t *testing.T) {
	l := labtest.Start(t)
	r, out := runner(t, l, "submission")
	if err := r.RunScript(strings.NewReader(":connect pop3\nQUIT\n")); err == nil {
		t.Fatalf("RunScript went on after :connect without a lab:\n%s", out)
	}
	if text := out.String(); !strings.Contains(text, "practice lab") {
		t.Errorf("no word on what :connect is for:\n%s", text)
	}
}

// TestConnectAtTheInteractivePrompt: the prompt follows the switch: the
// next prompt is POP3's, drawn after its greeting.
func TestConnectAtTheInteractivePrompt(t *testing.T) {
	l := labtest.Start(t)
	r, _ := runner(t, l, "submission")
	r.Connect = labConnect(t, l, &kinds{})
	tm := runTerminal(t, r, "")
	tm.wait("smtp> ")
	tm.keys(":connect pop3\r")
	tm.wait("S: +OK mailtutor lab POP3")
	tm.wait("pop3> ")
	tm.keys("\x04") // Ctrl-D
	tm.end()
}
