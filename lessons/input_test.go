package lessons

import (
	"bufio"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/codec"
)

// fakeTerminal is a LineReader that types a script and records how each
// line was asked for, what went to the history and what was concealed.
type fakeTerminal struct {
	in        *bufio.Scanner
	asked     []string // the lines typed, each with " (secret)" when read masked
	kept      []string
	concealed []string
	last      string
}

func newFakeTerminal(script string) *fakeTerminal {
	return &fakeTerminal{in: bufio.NewScanner(strings.NewReader(script))}
}

func (f *fakeTerminal) ReadLine(_ string, secret bool) (string, error) {
	if !f.in.Scan() {
		return "", ErrInputEnded
	}
	f.last = f.in.Text()
	if secret {
		f.asked = append(f.asked, f.last+" (secret)")
	} else {
		f.asked = append(f.asked, f.last)
	}
	return f.last, nil
}

func (f *fakeTerminal) Keep(line string) { f.kept = append(f.kept, line) }
func (f *fakeTerminal) Conceal()         { f.concealed = append(f.concealed, f.last) }

// TestCredentialsAreMaskedAndNeverKept: on a terminal, every step whose
// answer is a credential is read masked, no credential reaches the
// history, and a credential typed where none was expected is concealed.
func TestCredentialsAreMaskedAndNeverKept(t *testing.T) {
	for _, name := range []string{"first-message", "auth-mechanisms", "pop3", "reading-replies"} {
		t.Run(name, func(t *testing.T) {
			l := mustBuiltin(t, name)
			script := l.StudentScript(nil)
			if name == "pop3" { // a password typed at the USER step is refused, and hidden
				script = strings.Replace(script, "USER student\n", "PASS hunter2\nUSER student\n", 1)
			}
			term := newFakeTerminal(script)
			_, servers := startLab(t)
			out, res, err := runWith(t, l, Options{Servers: servers, Lines: term}, "")
			if err != nil || !res.Completed {
				t.Fatalf("run: %v %+v\n%s", err, res, out)
			}
			for _, line := range term.asked {
				typed, masked := strings.CutSuffix(line, " (secret)")
				secret := isCredential(typed) && typed != "PASS hunter2" // not expected there: concealed afterwards
				if secret != masked {
					t.Errorf("%q was read masked=%v, want %v (asked: %q)", typed, masked, secret, term.asked)
				}
			}
			for _, line := range term.kept {
				if isCredential(line) {
					t.Errorf("the credential line %q went to the history", line)
				}
			}
			if name == "pop3" && (len(term.concealed) != 1 || term.concealed[0] != "PASS hunter2") {
				t.Errorf("concealed %q, want the stray PASS", term.concealed)
			}
			if len(term.kept) == 0 {
				t.Error("no line was kept in the history")
			}
		})
	}
}

// isCredential says which model answers of the built-in lessons carry a
// credential (the user name of AUTH LOGIN counts: it answers a challenge).
func isCredential(line string) bool {
	for _, p := range []string{":b64 ", ":plain ", ":cram ", ":apop ", "PASS ", "AUTH PLAIN "} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

// TestMessageNumbersFollowTheMailbox: when the mailbox already holds mail,
// {msg:K} names the lesson's own messages, in model answers, in notes
// and in typed lines, so RETR reads and DELE deletes the lesson's message.
func TestMessageNumbersFollowTheMailbox(t *testing.T) {
	l := mustBuiltin(t, "pop3")
	old := Letter{From: "friend@example.test", To: "{me}", Body: "Subject: keep me\n\nAn older message.\n"}
	for _, typed := range []bool{true, false} {
		_, servers := startLab(t)
		if err := deliver(servers["smtp"], old, l.Account, 5*time.Second); err != nil {
			t.Fatal(err)
		}
		script := l.StudentScript(nil) // types "RETR {msg:1}"
		if !typed {
			script = strings.NewReplacer("RETR {msg:1}", "RETR 2", "TOP {msg:2} 0", "TOP 3 0", "DELE {msg:1}", "DELE 2").Replace(script)
		}
		out, res, err := runWith(t, l, Options{Servers: servers, Strict: true}, script)
		if err != nil || !res.Completed || res.Misses != 0 {
			t.Fatalf("run: %v %+v\n%s", err, res, out)
		}
		for _, want := range []string{"(your mailbox already held 1 message(s): the lesson's messages start at number 2)",
			"C: RETR 2\nS: +OK", "S: Subject: Welcome to POP3", "C: TOP 3 0", "S: Subject: Homework", "C: DELE 2",
			"Read the first message of the lesson, number 2: RETR 2.", "numbers 2 and 3."} {
			if !strings.Contains(out, want) {
				t.Errorf("want %q in:\n%s", want, out)
			}
		}
		if box := mailbox(t, servers); !strings.Contains(box, "keep me") {
			t.Errorf("the older message was deleted; the mailbox holds:\n%s", box)
		}
	}
}

// mailbox lists the subjects in the student's mailbox.
func mailbox(t *testing.T, servers Servers) string {
	t.Helper()
	c, err := dialLive(servers["pop3"], quiet(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	var b strings.Builder
	for _, line := range []string{"", "USER student", "PASS secret123", "TOP 1 0"} {
		if line != "" {
			c.send(codec.Expansion{Send: line})
		}
		rep, err := c.reply("", false)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(strings.Join(rep.Lines, "\n") + "\n")
	}
	return b.String()
}
