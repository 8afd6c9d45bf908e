package lessons

import (
	"strings"
	"testing"
)

// TestServiceRules: a part's service is a scheme of a dialect, and data
// steps need a protocol with a message body.
func TestServiceRules(t *testing.T) {
	tests := []struct {
		name, service, steps, want string
	}{
		{"unknown service", "gopher", `  - server: "220 hi"` + "\n", `service "gopher": want smtp, submission, smtps, pop3, pop3s, imap or imaps`},
		{"a name in capitals", "SMTP", `  - server: "220 hi"` + "\n", `service "SMTP": want`},
		{"data without a body", "pop3", "  - server: \"+OK\"\n  - data: \"Subject: x\\n\"\n", "data steps are only for a protocol with a message body or literals: pop3 has neither"},
	}
	for _, tt := range tests {
		src := "mailtutor-lesson: 1\nparts:\n- service: " + tt.service + "\n  steps:\n" + tt.steps
		_, err := Parse([]byte(src), "rules.yaml")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	for _, name := range []string{"smtp", "submission", "smtps", "pop3", "pop3s", "imap", "imaps"} {
		if _, ok := ServiceProtocol(name); !ok {
			t.Errorf("service %q is unknown", name)
		}
	}
}

// TestExampleInThePartsProtocol: an example reply is framed and explained
// as a reply of the part's protocol to the step's command.
func TestExampleInThePartsProtocol(t *testing.T) {
	src := `mailtutor-lesson: 1
parts:
- service: pop3
  steps:
  - server: "+OK ready"
  - example: "-ERR [IN-USE] Mailbox is locked by another POP3 session"
    command: "PASS secret"
  - client: "QUIT"
  - server: "+OK bye"
  - closed: true
`
	l, err := Parse([]byte(src), "example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Langs {
		out, _, err := runWith(t, l, Options{Lang: lang, Offline: true, Auto: true, Strict: true}, "")
		if err != nil {
			t.Fatalf("%s: %v\n%s", lang, err, out)
		}
		want := map[Lang]string{English: "S: -ERR [IN-USE] Mailbox is locked", Chinese: "S: -ERR [IN-USE] Mailbox is locked"}[lang]
		if !strings.Contains(out, want) || !strings.Contains(out, "IN-USE") || strings.Contains(out, "malformed") {
			t.Errorf("%s: the example is not shown as a POP3 -ERR:\n%s", lang, out)
		}
	}
}

// TestOfflineLessonRedactsInContext: offline, the answers to a SASL LOGIN
// challenge are masked as the live session masks them, and the student's
// helpers see the recorded challenge.
func TestOfflineLessonRedactsInContext(t *testing.T) {
	src := `mailtutor-lesson: 1
account: {user: student, password: secret123}
parts:
- service: submission
  steps:
  - server: "220 mail.example.test ESMTP"
  - client: "AUTH LOGIN"
  - server: "334 VXNlcm5hbWU6"
  - client: ":b64 {user}"
  - server: "334 UGFzc3dvcmQ6"
  - client: ":b64 {pass}"
  - server: "235 2.7.0 Authentication successful"
`
	l, err := Parse([]byte(src), "login.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out, res, err := runWith(t, l, Options{Lang: English, Offline: true}, studentScript(l))
	if err != nil || !res.Completed {
		t.Fatalf("run: %v %+v\n%s", err, res, out)
	}
	for _, secret := range []string{"c2VjcmV0MTIz", "secret123"} {
		if strings.Contains(out, secret) {
			t.Errorf("the password is shown:\n%s", out)
		}
	}
	if !strings.Contains(out, `decoded: "Password:"`) || !strings.Contains(out, "auth> ") {
		t.Errorf("the challenge is not explained, or the prompt is not in SASL mode:\n%s", out)
	}
}
