package protocol

import (
	"strings"
	"testing"
)

// TestIMAPRedact covers the IMAP credential forms (the forms every
// dialect hides are in TestRedactEveryCredentialForm).
func TestIMAPRedact(t *testing.T) {
	const plainIR = "AHN0dWRlbnQAc2VjcmV0MTIz"
	cmd := State{}
	lit := func(continuing string, n int64) State {
		return State{Input: InputLiteral, Literal: n, Continuing: continuing}
	}
	after := func(continuing string) State { return State{Continuing: continuing} }
	tests := []struct {
		name, line string
		st         State
		secret     string // what must not survive
		redacted   string
		kind       string
	}{
		{"quoted password", `a1 LOGIN "student" "se cret"`, cmd, "se cret", `a1 LOGIN "student" <redacted>`, SecretPassword},
		{"quoted password with an escaped quote", `a1 LOGIN student "a\"b c"`, cmd, `a\"b c`, "a1 LOGIN student <redacted>", SecretPassword},
		{"quoted user name with a space", `a1 LOGIN "stu dent" pass`, cmd, "pass", `a1 LOGIN "stu dent" <redacted>`, SecretPassword},
		{"an open quote hides the rest", `a1 LOGIN "student pass`, cmd, "pass", "a1 LOGIN <redacted>", SecretPassword},
		{"password announced as a literal", "a1 LOGIN student {9}", cmd, "", "a1 LOGIN student {9}", ""},
		{"password announced as literal+", "a1 LOGIN student {9+}", cmd, "", "a1 LOGIN student {9+}", ""},
		{"user name as a literal", "a1 LOGIN {7}", cmd, "", "a1 LOGIN {7}", ""},
		{"the literal user name and the password after it", "student secret123", lit("a1 LOGIN {7}", 7), "secret123", "student <redacted>", SecretPassword},
		{"the literal user name and a quoted password", `student "se cret"`, lit("a1 LOGIN {7}", 7), "se cret", "student <redacted>", SecretPassword},
		{"the literal user name and a password literal", "student {9}", lit("a1 LOGIN {7}", 7), "", "student {9}", ""},
		{"the password literal", "secret123", lit("a1 LOGIN {7} {9}", 9), "secret123", Redacted, SecretPassword},
		{"the password literal before its +", "secret123", State{Literal: 9, Continuing: "a1 LOGIN student {9}"}, "secret123", Redacted, SecretPassword},
		{"a password line after the user literal ended", " secret123", after("a1 LOGIN {7}"), "secret123", " <redacted>", SecretPassword},
		{"the line after the password literal", "", after("a1 LOGIN {7} {9}"), "", "", ""},
		{"APPEND text is no secret", "Subject: LOGIN a b", lit("a1 APPEND INBOX {100}", 100), "", "Subject: LOGIN a b", ""},
		{"AUTHENTICATE with SASL-IR", "a1 AUTHENTICATE PLAIN " + plainIR, cmd, plainIR, "a1 AUTHENTICATE PLAIN <redacted>", SecretSASLInitialResponse},
		{"untagged AUTHENTICATE", "authenticate plain " + plainIR, cmd, plainIR, "authenticate plain <redacted>", SecretSASLInitialResponse},
		{"a SASL answer", plainIR, State{Input: InputSASL}, plainIR, Redacted, SecretSASLResponse},
		{"DONE is no secret", "DONE", State{Input: InputIdle}, "", "DONE", ""},
		{"SELECT is no secret", `a1 SELECT "LOGIN x y"`, cmd, "", `a1 SELECT "LOGIN x y"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			red, kind, secret := imapDialect{}.Redact(tt.line, tt.st)
			if red != tt.redacted || kind != tt.kind || secret != (tt.kind != "") {
				t.Errorf("Redact(%q) = %q, %q, %v; want %q, %q", tt.line, red, kind, secret, tt.redacted, tt.kind)
			}
			if tt.secret != "" && strings.Contains(red, tt.secret) {
				t.Errorf("the secret %q survives in %q", tt.secret, red)
			}
		})
	}
}

// TestIMAPFramerKeepsNoSecret: the command lines a framer keeps (in its
// replies and its state) hold no password, whichever form it was sent in.
func TestIMAPFramerKeepsNoSecret(t *testing.T) {
	convs := [][]imapStep{
		{sent(`a1 LOGIN "student" "hunter2 x"`), recv("a1 OK done\r\n")},
		{sent("a1 LOGIN {7}"), recv("+ OK\r\n"), sent("student hunter2"), recv("a1 OK done\r\n")},
		{sent("a1 LOGIN {7}"), recv("+ OK\r\n"), sent("student {7}"), recv("+ OK\r\n"), sent("hunter2"), recv("a1 OK done\r\n")},
		{sent("a1 LOGIN student {7+}"), sent("hunter2"), recv("a1 OK done\r\n")},
		{sent("a1 AUTHENTICATE PLAIN"), recv("+ \r\n"), sent("aHVudGVyMg=="), recv("a1 OK done\r\n")},
	}
	for _, steps := range convs {
		f, replies := imapConversation(t, append([]imapStep{recv("* OK hi\r\n")}, steps...))
		for _, r := range replies {
			if strings.Contains(r.Command, "hunter2") || strings.Contains(r.Command, "aHVudGVyMg") {
				t.Errorf("a reply keeps the secret: %q", r.Command)
			}
		}
		if st := f.State(); strings.Contains(st.Previous, "hunter2") || !strings.Contains(st.Previous, "a1 ") {
			t.Errorf("the state keeps %q", st.Previous)
		}
	}
}
