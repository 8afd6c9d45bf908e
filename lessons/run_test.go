package lessons

import (
	"errors"
	"strings"
	"testing"
)

// TestBuiltinLessonsAgainstLab runs every built-in lesson start to end as a
// scripted student against the lab, in both languages: every reply must
// have the code the lesson recorded.
func TestBuiltinLessonsAgainstLab(t *testing.T) {
	all, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range all {
		for _, lang := range Langs {
			t.Run(l.Name+"/"+string(lang), func(t *testing.T) {
				_, servers := startLab(t)
				skipWithoutServices(t, l, servers)
				out, res, err := runWith(t, l, Options{Lang: lang, Servers: servers, Strict: true}, studentScript(l))
				if err != nil {
					t.Fatalf("run: %v\n%s", err, out)
				}
				if !res.Completed || res.Right != typedSteps(l) || res.Misses != 0 || len(res.Mismatch)+len(res.Allowed) != 0 {
					t.Fatalf("result %+v, want all %d typed steps right\n%s", res, typedSteps(l), out)
				}
				if !strings.Contains(out, l.TitleIn(lang)) {
					t.Errorf("the %s title %q is not shown", lang, l.TitleIn(lang))
				}
			})
		}
	}
}

// TestBuiltinLessonsOffline runs every built-in lesson against its own
// recorded replies, in both languages, with the model answers typed.
func TestBuiltinLessonsOffline(t *testing.T) {
	all, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range all {
		for _, lang := range Langs {
			t.Run(l.Name+"/"+string(lang), func(t *testing.T) {
				out, res, err := runWith(t, l, Options{Lang: lang, Offline: true, Auto: true, Strict: true}, "")
				if err != nil {
					t.Fatalf("run: %v\n%s", err, out)
				}
				if !res.Completed || res.Done != l.StepCount() {
					t.Fatalf("result %+v, want %d steps done", res, l.StepCount())
				}
			})
		}
	}
}

// TestWrongAnswerGetsHint types HELO where the lesson asks for EHLO: the
// hint appears, nothing reaches the server, and the right answer passes.
func TestWrongAnswerGetsHint(t *testing.T) {
	l := mustBuiltin(t, "first-message")
	_, servers := startLab(t)
	script := strings.Replace(studentScript(l), "EHLO student.example\n", "HELO student.example\nehlo  my-laptop\n", 1)
	out, res, err := runWith(t, l, Options{Lang: English, Servers: servers, Strict: true}, script)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out)
	}
	if res.Misses != 1 || !res.Completed {
		t.Fatalf("result %+v, want one miss and a completed lesson", res)
	}
	hint := l.Parts[0].Steps[1].Hint.En
	if !strings.Contains(out, "hint: "+hint) {
		t.Errorf("the hint %q was not shown:\n%s", hint, out)
	}
	if strings.Contains(out, "S: 250 mail.example.test\n") {
		t.Errorf("the wrong HELO reached the server:\n%s", out)
	}
	if !strings.Contains(out, "C: ehlo  my-laptop") {
		t.Errorf("the accepted variant was not sent as typed:\n%s", out)
	}
}

// TestChineseHint shows the hint in Chinese after a miss.
func TestChineseHint(t *testing.T) {
	l := mustBuiltin(t, "first-message")
	_, servers := startLab(t)
	script := strings.Replace(studentScript(l), "EHLO student.example\n", "QUIT now\nEHLO student.example\n", 1)
	out, _, err := runWith(t, l, Options{Lang: Chinese, Servers: servers}, script)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out)
	}
	if want := "提示：" + l.Parts[0].Steps[1].Hint.Zh; !strings.Contains(out, want) {
		t.Errorf("want %q in:\n%s", want, out)
	}
}

// TestAnswerAndSkip: :answer shows the answer and sends nothing, :skip
// sends it for the student and counts as skipped.
func TestAnswerAndSkip(t *testing.T) {
	l := mustBuiltin(t, "first-message")
	_, servers := startLab(t)
	script := strings.Replace(studentScript(l), "EHLO student.example\n", ":answer\n:skip\n", 1)
	out, res, err := runWith(t, l, Options{Lang: English, Servers: servers, Strict: true}, script)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out)
	}
	if !strings.Contains(out, "answer: EHLO student.example") {
		t.Errorf(":answer did not show the answer:\n%s", out)
	}
	if res.Skipped != 1 || res.Right != typedSteps(l)-1 {
		t.Errorf("result %+v, want one skipped step", res)
	}
}

// TestInputEnds stops with ErrInputEnded when the student's lines run out.
func TestInputEnds(t *testing.T) {
	l := mustBuiltin(t, "first-message")
	_, servers := startLab(t)
	_, res, err := runWith(t, l, Options{Lang: English, Servers: servers}, "EHLO a.example\n")
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("err = %v, want ErrInputEnded", err)
	}
	if res.Done != 3 || res.Completed {
		t.Errorf("result %+v, want 3 steps done", res)
	}
}

// TestDataStepChecksTheBody: a body without the Subject the step asks for
// is refused with the hint, and nothing is sent until a right one comes.
func TestDataStepChecksTheBody(t *testing.T) {
	l := mustBuiltin(t, "recovering")
	model := "Subject: Second try\n\nThis time the address is right.\n.\n"
	script := strings.Replace(studentScript(l), model, "no subject here\n.\nsubject: fixed\n\nbody\n.\n", 1)
	if script == studentScript(l) {
		t.Fatal("the model body was not found in the script")
	}
	_, servers := startLab(t)
	out, res, err := runWith(t, l, Options{Lang: Chinese, Servers: servers, Strict: true}, script)
	if err != nil || res.Misses != 1 {
		t.Fatalf("run: %v %+v\n%s", err, res, out)
	}
	if !strings.Contains(out, "✗ 邮件内容还缺点东西") || strings.Contains(out, "C: no subject here") {
		t.Errorf("the wrong body was not refused, or was sent:\n%s", out)
	}
	if !strings.Contains(out, "C: subject: fixed") {
		t.Errorf("the right body was not sent:\n%s", out)
	}
}

// TestWrongSecretIsNotShown: a wrong credential typed at a SASL step is
// refused and never shown in clear, nor in base64 (the hint names the
// practice password on purpose; what the student typed is masked).
func TestWrongSecretIsNotShown(t *testing.T) {
	l := mustBuiltin(t, "first-message")
	_, servers := startLab(t)
	script := strings.Replace(studentScript(l), ":b64 secret123\n", ":b64 hunter2\naHVudGVyMw==\n:b64 secret123\n", 1)
	out, res, err := runWith(t, l, Options{Servers: servers, Strict: true}, script)
	if err != nil || res.Misses != 2 {
		t.Fatalf("run: %v %+v\n%s", err, res, out)
	}
	for _, leak := range []string{"hunter2", "aHVudGVyMg==", "aHVudGVyMw==", "c2VjcmV0MTIz"} {
		if strings.Contains(out, leak) {
			t.Errorf("the output shows %q:\n%s", leak, out)
		}
	}
	if !strings.Contains(out, "(stuck? :answer shows the answer") {
		t.Errorf("two misses did not point at :answer:\n%s", out)
	}
}

// TestOwnAccount: with another account the patterns and the model answers
// follow it, and the lab logs the student in as that user.
func TestOwnAccount(t *testing.T) {
	for _, name := range []string{"first-message", "pop3", "auth-mechanisms"} {
		t.Run(name, func(t *testing.T) {
			l := mustBuiltin(t, name)
			_, servers := startLab(t)
			acct := Account{User: "teacher", Password: "teach456", Domain: "example.test"}
			out, res, err := runWith(t, l, Options{Servers: servers, Auto: true, Strict: true, Account: &acct}, "")
			if err != nil || !res.Completed {
				t.Fatalf("run as teacher: %v %+v\n%s", err, res, out)
			}
			if strings.Contains(out, "teach456") {
				t.Errorf("the password is shown:\n%s", out)
			}
		})
	}
	// the student's own password is not accepted for another account
	l := mustBuiltin(t, "first-message")
	_, servers := startLab(t)
	acct := Account{User: "teacher", Password: "teach456", Domain: "example.test"}
	_, res, err := runWith(t, l, Options{Servers: servers, Account: &acct}, "EHLO a.example\nAUTH LOGIN\n:b64 teacher\n:b64 secret123\n")
	if !errors.Is(err, ErrInputEnded) || res.Misses != 1 {
		t.Errorf("another account's password: err %v, %+v; want one miss", err, res)
	}
}
