package e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/lessons"
)

// The tests below run lessons as `mailtutor lesson NAME --server ...` does
// for a student, with the student's lines piped into the binary, against
// Postfix and Dovecot. A real server may answer otherwise than the lab the
// lessons were recorded on; the runner says so with a line that starts
// with "≈ " where the lesson allows for it (Step.Accept) and "≠ " where it
// does not, and stops when the lesson cannot go on.

// TestBuiltinLessonsOnRealServers runs every built-in lesson start to end
// in both languages, as a student who types every model answer, and wants
// each run to reach the lesson's end with every typed step accepted and no
// reply the lesson does not plan for.
func TestBuiltinLessonsOnRealServers(t *testing.T) {
	s := needServers(t)
	smtps := needSMTPS(t)
	all, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeLessonMail(t, s.maildir, all) })
	keepFolders(t, s)
	acct := lessons.Account{User: s.user, Password: s.pass, Domain: mailDomain}
	for _, l := range all {
		for _, lang := range lessons.Langs {
			t.Run(strconv.Itoa(l.Number)+"-"+l.Name+"/"+string(lang), func(t *testing.T) {
				args := append(lessonArgs(s, smtps, lang), strconv.Itoa(l.Number))
				res := runMailtutor(t, l.StudentScript(&acct), args...)
				if res.code != 0 {
					t.Fatalf("exit status %d, want 0", res.code)
				}
				want := lessons.Result{Steps: l.StepCount(), Right: typedSteps(l)}.Summary(lang)
				if !strings.Contains(res.stdout, want) {
					t.Fatalf("the lesson did not reach its end with every step typed right: no %q in the output", want)
				}
				for _, line := range noteLines(res.stdout, "≠ ") {
					t.Errorf("a reply the lesson does not plan for (give the step accept and otherwise, or change it):\n%s", line)
				}
				for _, line := range noteLines(res.stdout, "≈ ") {
					t.Logf("allowed: %s", line)
				}
				for _, subject := range shownSubjects(l) { // the lesson read its own letters, not older mail
					if !serverShows(res.stdout, subject) {
						t.Errorf("the output never shows the lesson's letter %q, which the lesson reads", subject)
					}
				}
				for _, line := range strings.Split(res.stdout, "\n") { // the notes name the practice password on purpose
					if strings.HasPrefix(line, "C: ") && (strings.Contains(line, s.pass) || strings.Contains(line, b64(s.pass))) {
						t.Errorf("a sent line shows the password: %q", line)
					}
				}
			})
		}
	}
}

// TestLessonOnRealServerDiffers: a lesson that did not plan for Postfix's
// answer goes on and says so; one whose next step cannot follow (a message
// body after a DATA that Postfix refused) stops, and the binary fails.
func TestLessonOnRealServerDiffers(t *testing.T) {
	s := needServers(t)
	dir := t.TempDir()
	head := `mailtutor-lesson: 1
parts:
- service: submission
  steps:
  - server: "220 mail.example.test ESMTP"
  - client: "EHLO e2e.example.test"
  - server: "250 mail.example.test"
`
	tail := `  - client: "QUIT"
  - server: "221 2.0.0 Bye"
  - closed: true
`
	unexpected := filepath.Join(dir, "unexpected.yaml")
	writeLesson(t, unexpected, head+`  - client: "MAIL FROM:<student@example.test>"
  - server: "530 5.7.0 Authentication required"
`+tail)
	res := runMailtutor(t, "EHLO e2e.example.test\nMAIL FROM:<student@example.test>\nQUIT\n",
		append(lessonArgs(s, "", lessons.English), unexpected)...)
	if res.code != 0 {
		t.Errorf("exit status %d, want 0: an unplanned reply is pointed out, and the lesson goes on", res.code)
	}
	if got := noteLines(res.stdout, "≠ "); len(got) != 1 || !strings.Contains(got[0], "answered 250 here") {
		t.Errorf("want one ≠ line about the 250, got %q", got)
	}

	stuck := filepath.Join(dir, "stuck.yaml")
	writeLesson(t, stuck, head+`  - client: "DATA"
  - server: "354 End data with <CR><LF>.<CR><LF>"
  - data: |
      Subject: never sent
  - server: "250 2.0.0 Ok"
`+tail)
	res = runMailtutor(t, "EHLO e2e.example.test\nDATA\nSubject: never sent\n.\nQUIT\n",
		append(lessonArgs(s, "", lessons.Chinese), stuck)...)
	if res.code == 0 {
		t.Error("exit status 0, want a failure: the lesson cannot go on")
	}
	if !strings.Contains(res.stdout, "课程没法在这里继续了") || strings.Contains(res.stdout, "C: Subject: never sent") {
		t.Errorf("the lesson did not stop before the body with the Chinese explanation")
	}
}

// TestBuiltinLessonsOffline runs every built-in lesson through the binary
// with --offline, in both languages, as a student who types every model
// answer: no server at all, the recorded replies answer.
func TestBuiltinLessonsOffline(t *testing.T) {
	all, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range all {
		for _, lang := range lessons.Langs {
			t.Run(strconv.Itoa(l.Number)+"-"+l.Name+"/"+string(lang), func(t *testing.T) {
				res := runMailtutor(t, l.StudentScript(nil), "lesson", "--offline", "--lang", string(lang), "--no-color", strconv.Itoa(l.Number))
				if res.code != 0 {
					t.Fatalf("exit status %d, want 0", res.code)
				}
				want := lessons.Result{Steps: l.StepCount(), Right: typedSteps(l)}.Summary(lang)
				if !strings.Contains(res.stdout, want) {
					t.Fatalf("the lesson did not reach its end with every step typed right: no %q in the output", want)
				}
			})
		}
	}
}

// needSMTPS returns the SMTPS URL of the servers (submission over
// implicit TLS), which lesson 6 needs.
func needSMTPS(t *testing.T) string {
	t.Helper()
	u := os.Getenv("MAILTUTOR_E2E_SMTPS")
	if u == "" {
		t.Fatal("MAILTUTOR_E2E=1 but MAILTUTOR_E2E_SMTPS is not set: eval \"$(scripts/mailservers.sh env)\"")
	}
	return u
}

// lessonArgs are the arguments of `mailtutor lesson` that map every
// service to the real servers (smtps only when given), before the name.
func lessonArgs(s servers, smtps string, lang lessons.Lang) []string {
	args := []string{"lesson", "--lang", string(lang), "--no-color", "--timeout", "10s", "--ca", s.ca,
		"--user", s.user, "--password", s.pass,
		"--server", "smtp=" + s.smtp, "--server", "submission=" + s.submission,
		"--server", "pop3=" + s.pop3, "--server", "pop3s=" + s.pop3s,
		"--server", "imap=" + s.imap, "--server", "imaps=" + s.imaps}
	if smtps != "" {
		args = append(args, "--server", "smtps="+smtps)
	}
	return args
}

// typedSteps counts the steps where the student types something.
func typedSteps(l *lessons.Lesson) int {
	n := 0
	for _, p := range l.Parts {
		for _, st := range p.Steps {
			if k := st.Kind(); k == lessons.KindClient || k == lessons.KindData {
				n++
			}
		}
	}
	return n
}

// noteLines returns the output lines that start with prefix.
func noteLines(stdout, prefix string) []string {
	var out []string
	for _, line := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(line, prefix) {
			out = append(out, line)
		}
	}
	return out
}

// subjectOf returns the Subject header line of a message body.
func subjectOf(body string) string {
	for _, line := range strings.Split(body, "\n") {
		if strings.HasPrefix(line, "Subject: ") {
			return line
		}
	}
	return ""
}

func writeLesson(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// shownSubjects are the subjects of the letters a lesson delivers (its
// setup and its deliver steps) that its recorded replies show: a live run
// must show them too, or it read other mail than its own.
func shownSubjects(l *lessons.Lesson) []string {
	var recorded strings.Builder
	for _, p := range l.Parts {
		for _, st := range p.Steps {
			recorded.WriteString(st.Server + "\n")
		}
	}
	var out []string
	for _, m := range letters(l) {
		subject := strings.TrimPrefix(subjectOf(m.Body), "Subject: ")
		if subject != "" && strings.Contains(recorded.String(), subject) {
			out = append(out, subject)
		}
	}
	return out
}

// letters are the messages a lesson delivers: its setup, then its deliver
// steps.
func letters(l *lessons.Lesson) []lessons.Letter {
	out := append([]lessons.Letter(nil), l.Setup...)
	for _, p := range l.Parts {
		for _, st := range p.Steps {
			if st.Deliver != nil {
				out = append(out, *st.Deliver)
			}
		}
	}
	return out
}

// serverShows reports whether a line the server sent holds text.
func serverShows(stdout, text string) bool {
	for _, line := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(line, "S: ") && strings.Contains(line, text) {
			return true
		}
	}
	return false
}

// lessonFolders are the folders the IMAP lessons create: Trash and Drafts
// (which the lab makes at first login, and a bare Dovecot account lacks)
// and 作业 in modified UTF-7, which lesson 8 deletes again.
var lessonFolders = []string{"Trash", "Drafts", "&T1xOGg-"}

// keepFolders deletes, when the test ends, the lessons' folders that the
// account did not have when it began, with what they hold: the shared
// Dovecot account is left as it was found.
func keepFolders(t *testing.T, s servers) {
	t.Helper()
	had := map[string]bool{}
	c := dialIMAP(t, hostPort(t, s.imap), "")
	c.login(s)
	for _, l := range c.do(`LIST "" *`) {
		had[strings.Trim(l[strings.LastIndexByte(l, ' ')+1:], `"`)] = true
	}
	c.try("LOGOUT")
	t.Cleanup(func() {
		c := dialIMAP(t, hostPort(t, s.imap), "")
		c.login(s)
		for _, name := range lessonFolders {
			if !had[name] {
				c.try(`DELETE "%s"`, name) // NO when the lesson did not create it
			}
		}
		c.try("LOGOUT")
	})
}

// removeLessonMail deletes the messages the lessons delivered (their
// letters and the messages the student sent, found by Subject), once
// Postfix has delivered them all: when two looks a second apart find the
// same messages.
func removeLessonMail(t *testing.T, maildir string, all []*lessons.Lesson) {
	t.Helper()
	var subjects []string
	for _, l := range all {
		for _, m := range letters(l) {
			subjects = append(subjects, subjectOf(m.Body))
		}
		for _, p := range l.Parts {
			for _, st := range p.Steps {
				if st.Kind() == lessons.KindData {
					subjects = append(subjects, subjectOf(st.Data))
				}
			}
		}
	}
	find := func() []string {
		var found []string
		for _, subject := range subjects {
			paths, err := findMessages(maildir, subject+"\n")
			if err != nil {
				t.Logf("clean up the lessons' mail: %v", err)
			}
			found = append(found, paths...)
		}
		return found
	}
	prev := find()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		time.Sleep(time.Second)
		found := find()
		if strings.Join(found, "\n") == strings.Join(prev, "\n") {
			break
		}
		prev = found
	}
	for _, path := range find() {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			t.Logf("remove a lesson's message: %v", err)
		}
	}
}

// TestLessonFirstHourOnRealServers runs, through the binary on Postfix and
// Dovecot, what a new student typed in issue 14: a second RCPT TO in
// lesson 1 (which says RCPT TO may be repeated) is sent and accepted, and
// lesson 5 takes USER with the whole address, which Dovecot accepts; both
// lessons reach their end with no wrong try, and the Received: header the
// lesson's notes describe is in the message Dovecot hands out.
func TestLessonFirstHourOnRealServers(t *testing.T) {
	s := needServers(t)
	all, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeLessonMail(t, s.maildir, all) })
	acct := lessons.Account{User: s.user, Password: s.pass, Domain: mailDomain}
	me := s.user + "@" + mailDomain
	tests := []struct {
		lesson   int
		from, to string
		want     []string
	}{
		{1, "RCPT TO:<teacher@example.test>\n", "RCPT TO:<teacher@example.test>\nRCPT TO:<" + me + ">\n",
			[]string{"C: RCPT TO:<" + me + ">\nS: 250 2.1.5"}},
		{5, "USER " + s.user + "\n", "USER " + me + "\n",
			[]string{"C: USER " + me + "\nS: +OK", "S: Received: from "}},
	}
	for _, tt := range tests {
		l := all[tt.lesson-1]
		t.Run(l.Name, func(t *testing.T) {
			script := strings.Replace(l.StudentScript(&acct), tt.from, tt.to, 1)
			res := runMailtutor(t, script, append(lessonArgs(s, "", lessons.English), strconv.Itoa(tt.lesson))...)
			want := lessons.Result{Steps: l.StepCount(), Right: typedSteps(l)}.Summary(lessons.English)
			if res.code != 0 || !strings.Contains(res.stdout, want) {
				t.Fatalf("exit status %d; no %q in:\n%s", res.code, want, res.stdout)
			}
			for _, w := range tt.want {
				if !strings.Contains(res.stdout, w) {
					t.Errorf("no %q in:\n%s", w, res.stdout)
				}
			}
		})
	}
}

// TestLessonMadeOfIMAPRecording records an IMAP session on Dovecot through
// the binary (LOGIN, SELECT, FETCH, a tag of the student's own, LOGOUT),
// makes a lesson of it, and runs that lesson as a scripted student on
// Dovecot and offline: the runner tags the commands again, as recorded.
func TestLessonMadeOfIMAPRecording(t *testing.T) {
	s := needServers(t)
	dir := t.TempDir()
	rec, made := filepath.Join(dir, "imap.yaml"), filepath.Join(dir, "lesson.yaml")
	res := runMailtutor(t, "LOGIN "+s.user+" "+s.pass+"\nSELECT INBOX\nx7 NOOP\nFETCH 1 (FLAGS)\nLOGOUT\n",
		"connect", "--no-color", "--history", "", "--record", rec, s.imap)
	if res.code != 0 {
		t.Fatalf("connect --record: exit status %d", res.code)
	}
	if res = runMailtutor(t, "", "lesson", "make", rec, "-o", made); res.code != 0 {
		t.Fatalf("lesson make: exit status %d", res.code)
	}
	l, err := lessons.Load(made)
	if err != nil {
		t.Fatal(err)
	}
	var typed []string
	for _, st := range l.Parts[0].Steps {
		if st.Kind() == lessons.KindClient {
			typed = append(typed, st.Client)
		}
	}
	if want := []string{"LOGIN {user} {pass}", "SELECT INBOX", "x7 NOOP", "FETCH 1 (FLAGS)", "LOGOUT"}; strings.Join(typed, "|") != strings.Join(want, "|") {
		t.Errorf("the lesson's model answers are %q, want %q (the runner's tags left out, the student's own kept)", typed, want)
	}
	acct := lessons.Account{User: s.user, Password: s.pass, Domain: mailDomain}
	for _, mode := range [][]string{{"--server", "imap=" + s.imap, "--user", s.user, "--password", s.pass}, {"--offline"}} {
		res := runMailtutor(t, l.StudentScript(&acct), append(append([]string{"lesson", "--no-color"}, mode...), made)...)
		want := lessons.Result{Steps: l.StepCount(), Right: typedSteps(l)}.Summary(lessons.English)
		if res.code != 0 || !strings.Contains(res.stdout, want) || len(noteLines(res.stdout, "≠ ")) > 0 {
			t.Errorf("lesson %s: exit status %d, want the end (%q) and no ≠ line", mode[0], res.code, want)
		}
		if !strings.Contains(res.stdout, "C: a3 FETCH 1 (FLAGS)") || !strings.Contains(res.stdout, "C: x7 NOOP") {
			t.Errorf("lesson %s: the commands were not tagged as recorded", mode[0])
		}
	}
}
