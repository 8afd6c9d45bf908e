package lessons

import (
	"bufio"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/codec"
)

// fakeTerminal is a LineReader that types a script and records how each
// line was drawn (its masked part as "*") and what went to the history.
type fakeTerminal struct {
	in    *bufio.Scanner
	drawn []string // the lines typed, as a terminal showed them
	kept  []string
}

func newFakeTerminal(script string) *fakeTerminal {
	return &fakeTerminal{in: bufio.NewScanner(strings.NewReader(script))}
}

func (f *fakeTerminal) ReadLine(_ string, mask Mask) (string, error) {
	if !f.in.Scan() {
		return "", ErrInputEnded
	}
	line := f.in.Text()
	shown := len(line)
	if mask != nil {
		for i := range line { // as typed, a character at a time: the mask must not flicker
			if n := mask(line[:i+1]); n < i+1 {
				shown = min(shown, n)
			}
		}
	}
	f.drawn = append(f.drawn, line[:shown]+strings.Repeat("*", len(line)-shown))
	return line, nil
}

func (f *fakeTerminal) Keep(line string) { f.kept = append(f.kept, line) }

// TestOnlySecretsAreMasked: on a terminal, what is a secret is drawn
// masked from its first character and never reaches the history (a
// password, PASS's argument, a password's answer to a challenge, an AUTH
// PLAIN response, a stray PASS typed at the USER step), while the runner's
// commands, the user name and the rest of each line stay readable, as at
// the connect prompt.
func TestOnlySecretsAreMasked(t *testing.T) {
	for _, name := range []string{"first-message", "auth-mechanisms", "pop3", "reading-replies", "imap-login"} {
		t.Run(name, func(t *testing.T) {
			l := mustBuiltin(t, name)
			script := l.StudentScript(nil)
			switch name {
			case "pop3": // a password typed at the USER step is refused, and was masked
				script = strings.Replace(script, "USER student\n", "PASS hunter2\nUSER student\n", 1)
			case "first-message": // the runner's commands at the auth> prompt stay readable
				script = strings.Replace(script, ":b64 student\n", ":answer\n:hint\nc3R1ZGVudA==\n", 1)
				script = strings.Replace(script, ":b64 secret123\n", ":answer\n"+codec.B64("secret123")+"\n", 1)
			}
			term := newFakeTerminal(script)
			_, servers := startLab(t)
			out, res, err := runWith(t, l, Options{Servers: servers, Lines: term}, "")
			if err != nil || !res.Completed {
				t.Fatalf("run: %v %+v\n%s", err, res, out)
			}
			drawn := strings.Join(term.drawn, "\n")
			for _, secret := range []string{"secret123", "hunter2", "wrongpassword", codec.B64("secret123"), codec.B64("secret123")[:4],
				codec.PlainResponse("", "student", "secret123")[:8]} {
				if strings.Contains(drawn, secret) {
					t.Errorf("%q was drawn in clear:\n%s", secret, drawn)
				}
				for _, kept := range term.kept {
					if strings.Contains(kept, secret) || isCredential(kept) {
						t.Errorf("the credential line %q went to the history", kept)
					}
				}
			}
			want := map[string][]string{
				"first-message":   {":answer", ":hint", "c3R1ZGVudA==", "EHLO student.example", "MAIL FROM:<student@example.test>"},
				"auth-mechanisms": {":b64 student", ":cram student *********", "AUTH PLAIN *"},
				"pop3":            {"USER student", "PASS *********", "PASS *******", ":apop student *********"},
				"reading-replies": {":plain student *************"},
				"imap-login":      {"LOGIN student *********", ":plain student *********", "CAPABILITY"},
			}[name]
			for _, w := range want {
				if !strings.Contains(drawn, w) {
					t.Errorf("%q was not drawn so:\n%s", w, drawn)
				}
			}
			if len(term.kept) == 0 {
				t.Error("no line was kept in the history")
			}
		})
	}
}

// isCredential says which model answers of the built-in lessons carry a
// credential (the user name of AUTH LOGIN counts: it answers a challenge,
// and stays out of the history as at the connect prompt).
func isCredential(line string) bool {
	for _, p := range []string{":b64 ", ":plain ", ":cram ", ":apop ", "PASS ", "AUTH PLAIN ", "c3R1ZGVudA=="} {
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
