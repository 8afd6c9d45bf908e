package prompt

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/term"
	"github.com/mailtutor/mailtutor/lab"
)

// wrapScripts drive the lab to real annotated replies: a 535 after a bad
// AUTH, a 235 and a 250 with enhanced codes, a refused relay, a POP3
// -ERR [AUTH], an IMAP NO [AUTHENTICATIONFAILED], the :help and :status
// pages.
var wrapScripts = []struct {
	service, script string
	wants           []string // the replies the script is for
}{
	{"submission", "EHLO me.example.test\nAUTH LOGIN\n:b64 student\n:b64 wrongpass\n" +
		"AUTH CRAM-MD5\n:cram student secret123\nAUTH LOGIN\n:b64 student\n:b64 secret123\n" +
		"MAIL FROM:<student@example.test>\nRCPT TO:<someone@elsewhere.example>\n:help\n:help AUTH\n:help 535\n:status\nQUIT\n",
		[]string{"S: 535 5.7.8", "S: 235 2.7.0", "S: 250 2.1.0", "S: 554 5.7.1"}},
	{"pop3", "CAPA\nUSER student\nPASS wrongpass\nSTAT\n:help\nQUIT\n", []string{"S: -ERR [AUTH]"}},
	{"imap", "CAPABILITY\nLOGIN student wrongpass\nSELECT INBOX\n:help\nLOGOUT\n", []string{"NO [AUTHENTICATIONFAILED]"}},
}

// TestNoticesWrapToTheScreen: at 60, 80 and 100 columns, in English and
// Chinese, every line the prompt writes fits the screen (the wire's S:
// and C: lines aside, which are never re-wrapped), no line starts with
// closing punctuation nor ends with opening punctuation, no English word
// is split, and every continuation line of a notice hangs under the text
// after its label (term.Hang of the notice's first line).
func TestNoticesWrapToTheScreen(t *testing.T) {
	cfg := lab.TestConfig()
	cfg.AuthFreeFailures = 1000 // the scripts fail logins on purpose, 18 times from one address: no delays
	l, err := lab.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	for _, lang := range []i18n.Lang{i18n.English, i18n.Chinese} {
		for _, sc := range wrapScripts {
			whole := runWrapped(t, l, sc.service, sc.script, lang, 0)
			for _, want := range sc.wants {
				if !strings.Contains(whole, want) {
					t.Errorf("%s/%s: no %q in\n%s", lang, sc.service, want, whole)
				}
			}
			for _, width := range []int{60, 80, 100} {
				got := runWrapped(t, l, sc.service, sc.script, lang, width)
				checkLayout(t, string(lang)+"/"+sc.service, width, whole, got)
			}
		}
	}
}

// runWrapped runs script on a lab service with the prompt in lang and the
// screen width columns wide (0: not wrapped).
func runWrapped(t *testing.T, l *lab.Lab, service, script string, lang i18n.Lang, width int) string {
	t.Helper()
	r, out := runner(t, l, service)
	r.Lang, r.Render.Lang, r.Render.Width = lang, lang, width
	if err := r.RunScript(strings.NewReader(script)); err != nil {
		t.Fatalf("RunScript: %v\n%s", err, out)
	}
	return out.String()
}

// elapsed is the response time after a class line (wrapped or not), and
// stamp the time stamp in a challenge: they differ from run to run.
var (
	elapsed = regexp.MustCompile(`\s+·\s+[0-9.]+\s*(µs|ms|s)`)
	stamp   = regexp.MustCompile(`<[0-9.]+@`)
)

// layoutLines are the lines of out to compare: the wire's lines (which
// carry the POP3 greeting's time stamp) left out, response times removed.
func layoutLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(stamp.ReplaceAllString(elapsed.ReplaceAllString(out, ""), "<@"), "\n"), "\n") {
		if !term.Wire(l) && !strings.HasPrefix(l, "-- ") { // who closed first varies
			lines = append(lines, l)
		}
	}
	return lines
}

func checkLayout(t *testing.T, name string, width int, whole, got string) {
	t.Helper()
	want, lines := layoutLines(whole), layoutLines(got)
	wrapped := 0
	j := 0
	for _, w := range want {
		if j >= len(lines) {
			t.Fatalf("%s at %d: the output ends before %q:\n%s", name, width, w, got)
		}
		first := lines[j]
		j++
		hang := term.Hang(w, "connection lost: ", "protocol problem: ", "连接中断：", "协议问题：", "解码结果：")
		joined := first
		for j < len(lines) && strings.HasPrefix(squeeze(w), squeeze(joined+lines[j])) && strings.HasPrefix(lines[j], hang) {
			cont := lines[j]
			body := strings.TrimPrefix(cont, hang)
			if r, _ := utf8.DecodeRuneInString(body); r == ' ' {
				t.Errorf("%s at %d: continuation indented deeper than %d: %q (of %q)", name, width, len(hang), cont, w)
			}
			prev, _ := utf8.DecodeLastRuneInString(joined)
			next, _ := utf8.DecodeRuneInString(body)
			if latin(prev) && latin(next) && !regexp.MustCompile(regexp.QuoteMeta(lastWord(joined))+` +`+regexp.QuoteMeta(firstWord(body))).MatchString(w) {
				t.Errorf("%s at %d: a word split: %q | %q", name, width, joined, body)
			}
			joined += "\n" + body
			wrapped++
			j++
		}
		if squeeze(joined) != squeeze(w) {
			t.Errorf("%s at %d: %q laid out as %q", name, width, w, joined)
			return
		}
		for i, l := range strings.Split(joined, "\n") {
			if i > 0 {
				l = hang + l
			}
			if n := term.Width(l); n > width {
				t.Errorf("%s at %d: a line of %d columns: %q", name, width, n, l)
			}
			b := strings.TrimLeft(l, " ")
			if r, _ := utf8.DecodeRuneInString(b); strings.ContainsRune("。，、；：？！）」』”", r) {
				t.Errorf("%s at %d: a line starts with %q: %q", name, width, r, l)
			}
			if r, _ := utf8.DecodeLastRuneInString(l); strings.ContainsRune("（「『“", r) {
				t.Errorf("%s at %d: a line ends with %q: %q", name, width, r, l)
			}
		}
	}
	if j != len(lines) {
		t.Errorf("%s at %d: %d lines more than unwrapped:\n%s", name, width, len(lines)-j, got)
	}
	if width == 60 && wrapped == 0 {
		t.Errorf("%s at %d: nothing wrapped:\n%s", name, width, got)
	}
}

// squeeze is s without spaces and line breaks: what a wrap may change.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' {
			return -1
		}
		return r
	}, s)
}

func latin(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

func lastWord(s string) string {
	f := strings.Fields(s[strings.LastIndex(s, "\n")+1:])
	return f[len(f)-1]
}

func firstWord(s string) string { return strings.Fields(s)[0] }
