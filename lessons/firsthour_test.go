package lessons

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mailtutor/mailtutor/internal/term"
)

// TestExtraRecipients: lesson 1 says RCPT TO may be repeated for more
// recipients, so a second RCPT TO typed where DATA is asked for is sent
// and answered (on the lab and offline), is no wrong try, and the message
// reaches both recipients; a line that is neither is still a miss.
func TestExtraRecipients(t *testing.T) {
	l := mustBuiltin(t, "first-message")
	script := strings.Replace(studentScript(l), "RCPT TO:<teacher@example.test>\n",
		"RCPT TO:<teacher@example.test>\nrcpt to:<student@example.test>\nNOOP\n", 1)
	for _, offline := range []bool{false, true} {
		lb, servers := startLab(t)
		out, res, err := runWith(t, l, Options{Servers: servers, Offline: offline, Strict: true}, script)
		if err != nil || !res.Completed {
			t.Fatalf("offline=%v: %v %+v\n%s", offline, err, res, out)
		}
		if res.Misses != 1 || res.Right != typedSteps(l) {
			t.Errorf("offline=%v: %+v, want every step right and one miss (the NOOP)", offline, res)
		}
		if !strings.Contains(out, "C: rcpt to:<student@example.test>") || strings.Count(out, "S: 250 2.1.5") != 2 {
			t.Errorf("offline=%v: the second recipient was not sent and answered:\n%s", offline, out)
		}
		if strings.Contains(out, "C: NOOP") {
			t.Errorf("offline=%v: the refused NOOP was sent:\n%s", offline, out)
		}
		if !offline {
			if got := len(lb.Mailbox("student")); got != 1 {
				t.Errorf("the student's copy: %d message(s) in the mailbox, want 1", got)
			}
		}
	}
}

// TestPOP3UserWithAddress: lesson 5 takes USER with the whole address, as
// the lab (and the README's "your own credentials") do.
func TestPOP3UserWithAddress(t *testing.T) {
	l := mustBuiltin(t, "pop3")
	script := strings.Replace(studentScript(l), "USER student\n", "USER student@example.test\n", 1)
	for _, offline := range []bool{false, true} {
		_, servers := startLab(t)
		out, res, err := runWith(t, l, Options{Servers: servers, Offline: offline, Strict: true}, script)
		if err != nil || !res.Completed || res.Misses != 0 {
			t.Fatalf("offline=%v: %v %+v\n%s", offline, err, res, out)
		}
		if !strings.Contains(out, "C: USER student@example.test") {
			t.Errorf("offline=%v: USER with the address was not sent:\n%s", offline, out)
		}
	}
}

// TestPromptShowsTLS: after STARTTLS, STLS and on the implicit-TLS
// services the lesson's prompt says "+tls", as the connect prompt does.
func TestPromptShowsTLS(t *testing.T) {
	l := mustBuiltin(t, "encryption")
	for _, offline := range []bool{false, true} {
		_, servers := startLab(t)
		out, res, err := runWith(t, l, Options{Servers: servers, Offline: offline, Strict: true}, studentScript(l))
		if err != nil || !res.Completed {
			t.Fatalf("offline=%v: %v %+v\n%s", offline, err, res, out)
		}
		for _, want := range []string{"] smtp> \nC: STARTTLS", "] smtp+tls> \nC: EHLO", "] pop3> \nC: STLS", "] pop3+tls> \nC: QUIT"} {
			if !strings.Contains(out, want) {
				t.Errorf("offline=%v: no %q in:\n%s", offline, want, out)
			}
		}
	}
}

// TestProseFitsTheTerminal: at 60 and 100 columns, in English and
// Chinese, the lessons' own lines (notes, hints, the runner's messages)
// fit the terminal, words are whole, and no Chinese line starts with
// closing punctuation. The renderer's lines (S:, C:, annotations) are the
// renderer's.
func TestProseFitsTheTerminal(t *testing.T) {
	for _, name := range []string{"first-message", "complete-message", "encryption", "pop3", "imap-reading", "server-to-server"} {
		l := mustBuiltin(t, name)
		for _, lang := range Langs {
			for _, width := range []int{60, 100} {
				out, res, err := runWith(t, l, Options{Lang: lang, Offline: true, Auto: true, Width: width}, "")
				if err != nil || !res.Completed {
					t.Fatalf("%s/%s: %v\n%s", name, lang, err, out)
				}
				for _, line := range strings.Split(out, "\n") {
					if strings.HasPrefix(line, "S: ") || strings.HasPrefix(line, "C: ") || strings.HasPrefix(line, "   ") {
						continue
					}
					if w := term.Width(line); w > width {
						t.Errorf("%s/%s at %d columns: a line of %d columns: %q", name, lang, width, w, line)
					}
					if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(line, " ")); strings.ContainsRune("。，、；：）」", r) {
						t.Errorf("%s/%s at %d columns: a line starts with %q: %q", name, lang, width, r, line)
					}
				}
				if lang == English && !strings.Contains(strings.Join(strings.Fields(out), " "), strings.Join(strings.Fields(l.Parts[0].Steps[1].Explain.En), " ")) {
					t.Errorf("%s at %d columns: the first explanation's words changed:\n%s", name, width, out)
				}
			}
		}
	}
}
