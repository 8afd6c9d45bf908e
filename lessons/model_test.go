package lessons

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/codec"
)

const minimal = `mailtutor-lesson: 1
title: {en: "T", zh: "标题"}
parts:
- service: smtp
  steps:
  - server: "220 ready"
  - client: "QUIT"
    explain: {en: "Quit.", zh: "退出。"}
`

func TestParseMinimal(t *testing.T) {
	l, err := Parse([]byte(minimal), "lessons/09-tiny.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "tiny" || l.StepCount() != 2 || l.Account.User != "student" {
		t.Errorf("got name %q, %d steps, user %q", l.Name, l.StepCount(), l.Account.User)
	}
	if k := l.Parts[0].Steps[1].Kind(); k != KindClient {
		t.Errorf("kind %q, want client", k)
	}
	if line := l.Parts[0].Steps[1].Line; line != 7 {
		t.Errorf("step line %d, want 7", line)
	}
}

// TestParseRejects: every broken lesson is refused, naming the problem and,
// where it is on one line, the line.
func TestParseRejects(t *testing.T) {
	tests := []struct {
		name, edit, want string
	}{
		{"missing zh", `explain: {en: "Quit.", zh: "退出。"}` + "=>" + `explain: {en: "Quit."}`, ":7: explain: missing the zh (Chinese) translation"},
		{"missing en", `title: {en: "T", zh: "标题"}` + "=>" + `title: {zh: "标题"}`, "title: missing the en (English) translation"},
		{"unknown language", `title: {en: "T", zh: "标题"}` + "=>" + `title: {en: "T", zh: "标题", fr: "Titre"}`, "field fr not found"},
		{"unknown key", `  - server: "220 ready"` + "=>" + `  - server: "220 ready"` + "\n    colour: red", "field colour not found"},
		{"two kinds", `  - server: "220 ready"` + "=>" + `  - server: "220 ready"` + "\n    client: HELO", ":6: a step needs exactly one of"},
		{"unknown language in a step", `explain: {en: "Quit.", zh: "退出。"}` + "=>" + `explain: {en: "Quit.", zh: "退出。", de: "Ende."}`, "line 8: field de not found"},
		{"unknown key in a part", "service: smtp=>service: smtp\n  port: 25", "field port not found in a part"},
		{"bad service", "service: smtp=>service: gopher", `service "gopher"`},
		{"bad version", "mailtutor-lesson: 1=>mailtutor-lesson: 2", "want 1"},
		{"bad pattern", `  - client: "QUIT"` + "=>" + `  - client: "QUIT"` + "\n    expect: \"QUIT {oops}\"", "unknown placeholder {oops}"},
		{"expect on server", `  - server: "220 ready"` + "=>" + `  - server: "220 ready"` + "\n    expect: x", "expect is only for client and data steps"},
		{"wire without CRLF", `  - server: "220 ready"` + "=>" + `  - server: "220 ready"` + "\n    wire: true", "wire is for a server reply written as it came"},
		{"wire on a client step", `  - client: "QUIT"` + "=>" + `  - client: "QUIT"` + "\n    wire: true", "wire is for a server reply"},
		{"wire reply", `  - server: "220 ready"` + "=>" + `  - server: "220 ready\r\n"` + "\n    wire: true", ""},
		{"data in pop3", "service: smtp=>service: pop3\n  explain: {en: \"\", zh: \"\"}", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from, to, _ := strings.Cut(tt.edit, "=>")
			src := strings.Replace(minimal, from, to, 1)
			if src == minimal {
				t.Fatalf("edit %q changed nothing", from)
			}
			_, err := Parse([]byte(src), "x.yaml")
			if tt.want == "" {
				if err != nil {
					t.Fatalf("valid lesson refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestBuiltinNotesComplete: the built-in course is complete in both
// languages, in order, and every typed step explains itself and has a hint.
func TestBuiltinNotesComplete(t *testing.T) {
	all, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"first-message", "reading-replies", "auth-mechanisms", "complete-message", "pop3", "encryption", "recovering",
		"imap-login", "imap-reading", "imap-idle", "server-to-server"}
	if len(all) != len(want) {
		t.Fatalf("%d built-in lessons, want %d", len(all), len(want))
	}
	for i, l := range all {
		if l.Name != want[i] || l.Number != i+1 {
			t.Errorf("lesson %d is %q (number %d), want %q", i+1, l.Name, l.Number, want[i])
		}
		if missing := l.MissingNotes(); len(missing) > 0 {
			t.Errorf("%s lacks notes: %s", l.Name, strings.Join(missing, "; "))
		}
		if l.Title.En == "" || l.Title.Zh == "" || l.Summary.En == "" || l.Summary.Zh == "" {
			t.Errorf("%s: title or summary missing in a language", l.Name)
		}
	}
}

// TestUIMessagesTranslated: every message of the runner exists in both
// languages, with the same formatting verbs.
func TestUIMessagesTranslated(t *testing.T) {
	for key, text := range ui {
		if text.En == "" || text.Zh == "" {
			t.Errorf("message %q lacks a language: %+v", key, text)
		}
		if verbs(text.En) != verbs(text.Zh) {
			t.Errorf("message %q: verbs %q in en, %q in zh", key, verbs(text.En), verbs(text.Zh))
		}
	}
}

func verbs(s string) string {
	var out []string
	for i := 0; i < len(s)-1; i++ {
		if s[i] == '%' {
			out = append(out, s[i:i+2])
			i++
		}
	}
	return strings.Join(out, " ")
}

// TestEncodedSubject: lesson 4's subject is what codec.EncodeWord makes of
// the Chinese text it explains.
func TestEncodedSubject(t *testing.T) {
	l := mustBuiltin(t, "complete-message")
	word := codec.EncodeWord("第一封中文邮件")
	var body string
	for _, s := range l.Parts[0].Steps {
		if s.Kind() == KindData {
			body = s.Data
		}
	}
	if !strings.Contains(body, "Subject: "+word+"\n") {
		t.Errorf("the body does not carry Subject: %s", word)
	}
	if got, err := codec.DecodeWords(word); err != nil || got != "第一封中文邮件" {
		t.Errorf("DecodeWords(%q) = %q, %v", word, got, err)
	}
}

func TestNameOf(t *testing.T) {
	for in, want := range map[string]string{
		"lessons/01-first-message.yaml": "first-message",
		"my-lesson.yml":                 "my-lesson",
		`C:\x\2-pop3.yaml`:              "pop3",
		"no-number.yaml":                "no-number",
	} {
		if got := nameOf(in); got != want {
			t.Errorf("nameOf(%q) = %q, want %q", in, got, want)
		}
	}
}
