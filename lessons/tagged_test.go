package lessons

import (
	"bufio"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

// imapLesson is a small IMAP lesson: the greeting, LOGIN, one command
// with its recorded exchange, LOGOUT.
func imapLesson(t *testing.T, command, exchange string, extra string) *Lesson {
	t.Helper()
	src := `mailtutor-lesson: 1
parts:
- service: imap
  steps:
  - server: "* OK [CAPABILITY IMAP4rev1 IDLE] ready"
  - client: "LOGIN {user} {pass}"
  - server: "a1 OK Logged in"
  - client: "` + command + `"
  - server: |
` + indentBy(exchange, "      ") + extra + `  - client: "LOGOUT"
  - server: |
      * BYE bye
      a3 OK Logout completed.
  - closed: true
`
	l, err := Parse([]byte(src), "imap.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	return l
}

func indentBy(text, prefix string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		b.WriteString(prefix + line + "\n")
	}
	return b.String()
}

// fakeIMAP serves one IMAP connection on 127.0.0.1: the greeting, then for
// each command line read the lines of answers[verb], with TAG replaced by
// the command's tag; an unknown verb gets BAD. It returns the imap server
// of a lesson and the lines it read.
func fakeIMAP(t *testing.T, answers map[string][]string) (Servers, *[]string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	done := make(chan struct{})
	t.Cleanup(func() {
		ln.Close()
		<-done
	})
	go func() {
		defer close(done)
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		w := bufio.NewWriter(conn)
		w.WriteString("* OK [CAPABILITY IMAP4rev1 IDLE] fake ready\r\n")
		w.Flush()
		sc := bufio.NewScanner(conn)
		for sc.Scan() {
			line := sc.Text()
			got = append(got, line)
			tag, rest, _ := strings.Cut(line, " ")
			verb, _, _ := strings.Cut(rest, " ")
			lines, ok := answers[strings.ToUpper(verb)]
			if !ok {
				lines = []string{"TAG BAD unknown"}
			}
			for _, l := range lines {
				w.WriteString(strings.ReplaceAll(l, "TAG", tag) + "\r\n")
			}
			w.Flush()
			if strings.EqualFold(verb, "LOGOUT") {
				return
			}
		}
	}()
	return Servers{"imap": {URL: "imap://" + ln.Addr().String()}}, &got
}

var fakeBasics = map[string][]string{
	"LOGIN":  {"TAG OK Logged in"},
	"LOGOUT": {"* BYE bye", "TAG OK Logout completed."},
}

func withBasics(more map[string][]string) map[string][]string {
	out := map[string][]string{}
	for k, v := range fakeBasics {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// TestIMAPTagsAsRecorded: the runner tags an untagged command with the tag
// the lesson recorded; a student's own tag is sent as typed, and the
// recorded completion is read under it, live and offline.
func TestIMAPTagsAsRecorded(t *testing.T) {
	exchange := "* CAPABILITY IMAP4rev1 IDLE\na2 OK done"
	for _, typed := range []string{"CAPABILITY", "x9 capability"} {
		l := imapLesson(t, "CAPABILITY", exchange, "")
		script := strings.Replace(l.StudentScript(nil), "CAPABILITY\n", typed+"\n", 1)
		servers, got := fakeIMAP(t, withBasics(map[string][]string{"CAPABILITY": {"* CAPABILITY IMAP4rev1 IDLE", "TAG OK done"}}))
		out, res, err := runWith(t, l, Options{Servers: servers, Strict: true}, script)
		if err != nil || !res.Completed || res.Right != 3 {
			t.Fatalf("%s: %v %+v\n%s", typed, err, res, out)
		}
		want := "a2 CAPABILITY"
		if typed != "CAPABILITY" {
			want = typed
		}
		if len(*got) < 2 || (*got)[1] != want {
			t.Errorf("%s: the server read %q, want %q second", typed, *got, want)
		}
		out, res, err = runWith(t, l, Options{Offline: true, Strict: true}, script)
		if err != nil || !res.Completed {
			t.Fatalf("%s offline: %v %+v\n%s", typed, err, res, out)
		}
		if tag, _, _ := strings.Cut(want, " "); !strings.Contains(out, "S: "+tag+" OK done") {
			t.Errorf("%s offline: the recorded completion is not shown under the tag %s:\n%s", typed, tag, out)
		}
	}
}

// TestIMAPExchangeJudged: a live exchange is judged by the tagged status
// and the kinds of untagged data the lesson recorded; data the server adds
// is no difference, data it leaves out is one, and a "+" answered by a
// completion stops the lesson.
func TestIMAPExchangeJudged(t *testing.T) {
	tests := []struct {
		name     string
		command  string
		exchange string
		extra    string   // lines after the server step (accept, otherwise)
		live     []string // the fake's answer to the command
		strict   bool
		want     string // "" completes; "≠", "≈" in the output; "stuck"; "error"
	}{
		{"same, with more data", "SELECT INBOX", "* 2 EXISTS\n* OK [UIDVALIDITY 7] ok\na2 OK [READ-WRITE] done", "",
			[]string{"* FLAGS (\\Seen)", "* 5 EXISTS", "* OK [HIGHESTMODSEQ 3] x", "* OK [UIDVALIDITY 9] ok", "TAG OK [READ-WRITE] done"}, true, ""},
		{"data left out", "SELECT INBOX", "* FLAGS (\\Seen)\n* 2 EXISTS\na2 OK done", "",
			[]string{"* 2 EXISTS", "TAG OK done"}, false, "≠ Your server sent no FLAGS response"},
		{"data left out, strict", "SELECT INBOX", "* FLAGS (\\Seen)\na2 OK done", "",
			[]string{"TAG OK done"}, true, "error"},
		{"another status", "CREATE Trash", "a2 OK done", "",
			[]string{"TAG NO [ALREADYEXISTS] exists"}, false, "≠ Your server answered NO here"},
		{"another status allowed", "CREATE Trash", "a2 OK done", "    accept: [NO]\n    otherwise: {en: \"it exists\", zh: \"已经存在\"}\n",
			[]string{"TAG NO [ALREADYEXISTS] exists"}, true, "≈ Your server answered NO here"},
		{"a completion instead of +", "IDLE", "+ idling", "",
			[]string{"TAG NO not now"}, false, "stuck"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := imapLesson(t, tt.command, tt.exchange, tt.extra)
			verb, _, _ := strings.Cut(tt.command, " ")
			servers, _ := fakeIMAP(t, withBasics(map[string][]string{verb: tt.live}))
			out, res, err := runWith(t, l, Options{Servers: servers, Strict: tt.strict}, l.StudentScript(nil))
			switch tt.want {
			case "":
				if err != nil || !res.Completed || len(res.Mismatch) > 0 {
					t.Fatalf("%v %+v\n%s", err, res, out)
				}
			case "error":
				if err == nil || errors.Is(err, ErrCannotContinue) {
					t.Fatalf("err = %v, want a strict failure\n%s", err, out)
				}
			case "stuck":
				if !errors.Is(err, ErrCannotContinue) {
					t.Fatalf("err = %v, want ErrCannotContinue\n%s", err, out)
				}
			default:
				if err != nil || !strings.Contains(out, tt.want) {
					t.Fatalf("err %v; want %q in:\n%s", err, tt.want, out)
				}
			}
		})
	}
}

// TestIMAPLiteralCounted: literal text whose lines do not make the size the
// command announced is refused with the numbers, nothing sent; the right
// text goes, and the empty line that ends the command line after it.
func TestIMAPLiteralCounted(t *testing.T) {
	src := `mailtutor-lesson: 1
parts:
- service: imap
  steps:
  - server: "* OK ready"
  - client: "LOGIN {user} {pass}"
  - server: "a1 OK Logged in"
  - client: "APPEND Drafts {9}"
  - server: "+ OK"
  - data: |
      Subject
  - server: "a2 OK [APPENDUID 1 1] Append completed."
`
	l, err := Parse([]byte(src), "literal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	script := "LOGIN student secret123\nAPPEND Drafts {9}\nSubjects\n.\nSubject\n.\n"
	out, res, _ := runWith(t, l, Options{Offline: true}, script)
	if res.Misses != 1 || !res.Completed || !strings.Contains(out, "announced a literal of 9 bytes, and these lines make 10") {
		t.Fatalf("result %+v; want one miss with the sizes:\n%s", res, out)
	}
	if strings.Contains(out, "C: Subjects") || !strings.Contains(out, "C: Subject\n") {
		t.Errorf("the wrong literal was sent, or the right one not:\n%s", out)
	}
}

// TestDeliverStep: offline, a deliver step says what the lesson would do;
// with no smtp server it tells the student to send a message themselves.
func TestDeliverStep(t *testing.T) {
	src := `mailtutor-lesson: 1
parts:
- service: imap
  steps:
  - server: "* OK ready"
  - deliver:
      from: teacher@example.test
      to: "{me}"
      body: |
        Subject: Ring ring

        Hello.
`
	l, err := Parse([]byte(src), "deliver.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if l.Letters() != 1 {
		t.Errorf("Letters() = %d, want 1", l.Letters())
	}
	out, _, err := runWith(t, l, Options{Offline: true, Lang: Chinese}, "")
	if err != nil || !strings.Contains(out, "离线：课程在这里通过 SMTP 向你的邮箱投递邮件“Ring ring”") {
		t.Errorf("offline: %v\n%s", err, out)
	}
	servers, _ := fakeIMAP(t, fakeBasics)
	out, _, err = runWith(t, l, Options{Servers: servers}, "")
	if err != nil || !strings.Contains(out, "No smtp server to deliver the message \"Ring ring\"") {
		t.Errorf("without smtp: %v\n%s", err, out)
	}
}

// TestIMAPRules: the rules of the format for IMAP parts, deliver steps and
// {uid:K}, each with the message that names what is wrong.
func TestIMAPRules(t *testing.T) {
	tests := []struct{ name, steps, want string }{
		{"accept names a tagged status", "  - server: \"a1 OK done\"\n    accept: [\"250\"]\n", `accept "250": want OK, NO or BAD`},
		{"accept without a completion", "  - server: \"* 1 EXISTS\"\n    accept: [NO]\n", "records no tagged completion"},
		{"accept NO", "  - server: \"a1 OK done\"\n    accept: [no]\n", ""},
		{"literal text in data", "  - data: \"Subject: x\\n\"\n", ""},
		{"a deliver step without a body", "  - deliver: {from: a@example.test, to: \"{me}\"}\n", "deliver: from, to and body are required"},
		{"{uid:K} past the setup", "  - client: \"UID FETCH {uid:1} FLAGS\"\n", "{uid:1}: the setup delivers 0 message(s)"},
		{"{msg:K} of a delivered message", "  - deliver: {from: a@example.test, to: \"{me}\", body: \"Subject: x\\n\"}\n  - client: \"FETCH {msg:1} FLAGS\"\n", ""},
	}
	for _, tt := range tests {
		src := "mailtutor-lesson: 1\nparts:\n- service: imap\n  steps:\n  - server: \"* OK hi\"\n" + tt.steps
		_, err := Parse([]byte(src), "rules.yaml")
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestTagShownOnTerminal: where typed lines are not echoed (a terminal),
// the runner says which tag it put before a command; a credential's line
// is shown masked by the renderer instead, never in this note.
func TestTagShownOnTerminal(t *testing.T) {
	l := imapLesson(t, "CAPABILITY", "* CAPABILITY IMAP4rev1\na2 OK done", "")
	var out testkitBuffer
	r := newTestRenderer(&out)
	_, err := Run(l, Options{Offline: true, Out: r, In: strings.NewReader(l.StudentScript(nil))})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "(sent as a2 CAPABILITY: the tag a2 in front is mailtutor's)") {
		t.Errorf("the tag is not shown:\n%s", out.String())
	}
	if strings.Contains(out.String(), "(sent as a1 LOGIN") {
		t.Errorf("the LOGIN line has a note of its own:\n%s", out.String())
	}
}
