package codec

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

var (
	noSession   = Context{}
	smtpCommand = Context{Protocol: "smtp", SASLVerb: "AUTH", Greeting: "220 mail.test ESMTP"}
	loginUser   = Context{Protocol: "smtp", SASLVerb: "AUTH", InSASL: true, Mechanism: "LOGIN",
		Challenge: "VXNlcm5hbWU6"} // "Username:"
	loginPass = Context{Protocol: "smtp", SASLVerb: "AUTH", InSASL: true, Mechanism: "LOGIN",
		Challenge: "UGFzc3dvcmQ6"} // "Password:"
	cramSMTP = Context{Protocol: "smtp", SASLVerb: "AUTH", InSASL: true, Mechanism: "CRAM-MD5",
		Challenge: "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+"}
	pop3WithAPOP = Context{Protocol: "pop3", SASLVerb: "AUTH", APOP: true,
		Greeting: "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>"}
	pop3NoAPOP = Context{Protocol: "pop3", SASLVerb: "AUTH", APOP: true, Greeting: "+OK Dovecot ready."}
)

func TestExpand(t *testing.T) {
	tests := []struct {
		name string
		line string
		ctx  Context
		want Expansion
	}{
		{"plain line", "EHLO student.example", noSession,
			Expansion{Send: "EHLO student.example", Display: "EHLO student.example"}},
		{"empty line", "", noSession, Expansion{}},
		{"colon later in line", "RCPT TO:<a@b>", noSession,
			Expansion{Send: "RCPT TO:<a@b>", Display: "RCPT TO:<a@b>"}},
		{"helper not in first column", " :b64 x", noSession,
			Expansion{Send: " :b64 x", Display: " :b64 x"}},

		{":b64 user name", ":b64 student", loginUser, Expansion{Send: "c3R1ZGVudA==",
			Display: `c3R1ZGVudA==  (base64 of "student")`, Secret: true, Helper: "b64"}},
		{":b64 leading spaces trimmed", ":b64   \tstudent", loginUser, Expansion{Send: "c3R1ZGVudA==",
			Display: `c3R1ZGVudA==  (base64 of "student")`, Secret: true, Helper: "b64"}},
		{":b64 inner and trailing spaces kept", ":b64 my pass ", noSession, Expansion{Send: "bXkgcGFzcyA=",
			Display: `bXkgcGFzcyA=  (base64 of "my pass ")`, Secret: true, Helper: "b64"}},
		{":b64 upper-case name", ":B64 student", noSession, Expansion{Send: "c3R1ZGVudA==",
			Display: `c3R1ZGVudA==  (base64 of "student")`, Secret: true, Helper: "b64"}},
		{":b64 password masked", ":b64 secret123", loginPass, Expansion{Send: "c2VjcmV0MTIz",
			Display: "••••••••  (base64 of ******)", Secret: true, Helper: "b64"}},

		{":unb64 text", ":unb64 VXNlcm5hbWU6", noSession, Expansion{Show: "Username:", Helper: "unb64"}},
		{":unb64 last challenge", ":unb64", loginPass, Expansion{Show: "Password:", Helper: "unb64"}},
		{":unb64 quotes NULs", ":unb64 AHRpbQB0YW5zdGFhZnRhbnN0YWFm", noSession,
			Expansion{Show: `"\x00tim\x00tanstaaftanstaaf"`, Helper: "unb64"}},
		{":unb64 keeps line breaks in Show", ":unb64 YQ0KYg==", noSession, Expansion{Show: "a\r\nb", Helper: "unb64"}},
		{":unb64 utf-8", ":unb64 5L2g5aW977yM5LiW55WM", noSession, Expansion{Show: "你好，世界", Helper: "unb64"}},

		{":plain", ":plain student secret123", smtpCommand, Expansion{Send: "AUTH PLAIN AHN0dWRlbnQAc2VjcmV0MTIz",
			Display: `AUTH PLAIN ••••••••  (PLAIN: "" / "student" / ******)`, Secret: true, Helper: "plain"}},
		{":plain RFC 4616 vector", ":plain tim tanstaaftanstaaf", smtpCommand, Expansion{Send: "AUTH PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm",
			Display: `AUTH PLAIN ••••••••  (PLAIN: "" / "tim" / ******)`, Secret: true, Helper: "plain"}},
		{":plain password with a space", ":plain  tim  tanstaaf tanstaaf", smtpCommand, Expansion{Send: "AUTH PLAIN AHRpbQB0YW5zdGFhZiB0YW5zdGFhZg==",
			Display: `AUTH PLAIN ••••••••  (PLAIN: "" / "tim" / ******)`, Secret: true, Helper: "plain"}},

		{":cram RFC 2195 vector", ":cram tim tanstaaftanstaaf", cramSMTP, Expansion{Send: "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw",
			Display: `••••••••  (CRAM-MD5: "tim" + HMAC-MD5 of "<1896.697170952@postoffice.reston.mci.net>" keyed with ******)`,
			Secret:  true, Helper: "cram"}},

		{":apop RFC 1939 vector", ":apop mrose tanstaaf", pop3WithAPOP, Expansion{Send: "APOP mrose c4c9334bac560ecc979e58001b3e22fb",
			Display: `APOP mrose ••••••••  (MD5 of "<1896.697170952@dbc.mtview.ca.us>" + ******)`, Secret: true, Helper: "apop"}},

		{"inline b64", "AUTH LOGIN {b64:student}", noSession, Expansion{Send: "AUTH LOGIN c3R1ZGVudA==",
			Display: `AUTH LOGIN c3R1ZGVudA==  (base64 of "student")`, Secret: true, Helper: "b64"}},
		{"inline b64 keeps spaces", "{b64: my pass }", noSession, Expansion{Send: "IG15IHBhc3Mg",
			Display: `IG15IHBhc3Mg  (base64 of " my pass ")`, Secret: true, Helper: "b64"}},
		{"inline b64 upper-case name", "{B64:student}", noSession, Expansion{Send: "c3R1ZGVudA==",
			Display: `c3R1ZGVudA==  (base64 of "student")`, Secret: true, Helper: "b64"}},
		{"inline b64 password masked", "{b64:secret123}", loginPass, Expansion{Send: "c2VjcmV0MTIz",
			Display: "••••••••  (base64 of ******)", Secret: true, Helper: "b64"}},
		{"inline plain", "AUTH PLAIN {plain:student secret123}", noSession, Expansion{Send: "AUTH PLAIN AHN0dWRlbnQAc2VjcmV0MTIz",
			Display: `AUTH PLAIN ••••••••  (PLAIN: "" / "student" / ******)`, Secret: true, Helper: "plain"}},
		{"two inline helpers", "{b64:a} {b64:b}", noSession, Expansion{Send: "YQ== Yg==",
			Display: `YQ== Yg==  (base64 of "a"; base64 of "b")`, Secret: true, Helper: "b64"}},
		{"mixed inline helpers", "X {plain:tim tanstaaftanstaaf} {b64:x}", noSession, Expansion{
			Send:    "X AHRpbQB0YW5zdGFhZnRhbnN0YWFm eA==",
			Display: `X •••••••• eA==  (PLAIN: "" / "tim" / ******; base64 of "x")`, Secret: true, Helper: "plain"}},

		{"escaped brace", "{{b64:student}", noSession, Expansion{Send: "{b64:student}", Display: "{b64:student}"}},
		{"escaped brace before helper", "{{{b64:x}", noSession, Expansion{Send: "{eA==",
			Display: `{eA==  (base64 of "x")`, Secret: true, Helper: "b64"}},
		{"IMAP literal left alone", "A1 LOGIN {5}", noSession, Expansion{Send: "A1 LOGIN {5}", Display: "A1 LOGIN {5}"}},
		{"unknown inline word left alone", "{qp:x} and {b64", noSession,
			Expansion{Send: "{qp:x} and {b64", Display: "{qp:x} and {b64"}},
		{"closing brace alone", "a } b", noSession, Expansion{Send: "a } b", Display: "a } b"}},

		{"double colon", "::b64 x", noSession, Expansion{Send: ":b64 x", Display: ":b64 x"}},
		{"double colon keeps inline helpers", "::{b64:x}", noSession, Expansion{Send: ":eA==",
			Display: `:eA==  (base64 of "x")`, Secret: true, Helper: "b64"}},
		{"triple colon", ":::", noSession, Expansion{Send: "::", Display: "::"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Expand(tt.line, tt.ctx)
			if err != nil {
				t.Fatalf("Expand(%q) error: %v", tt.line, err)
			}
			if got != tt.want {
				t.Errorf("Expand(%q)\n got %#v\nwant %#v", tt.line, got, tt.want)
			}
		})
	}
}

func TestExpandErrors(t *testing.T) {
	const password = "s3cr3t-pw"
	tests := []struct {
		name        string
		line        string
		ctx         Context
		wantInError string
		wantIs      error
	}{
		{":b64 without text", ":b64", noSession, "usage: :b64 TEXT", nil},
		{":b64 with only spaces", ":b64   ", noSession, "usage: :b64 TEXT", nil},
		{":unb64 nothing to decode", ":unb64", noSession, "usage: :unb64", nil},
		{":unb64 invalid", ":unb64 c2Vj!", noSession, "position 5", nil},
		{":plain without password", ":plain student", smtpCommand, "usage: :plain USER PASS", nil},
		{":plain without anything", ":plain", smtpCommand, "usage: :plain USER PASS", nil},
		{":cram without challenge", ":cram tim " + password, smtpCommand,
			"no CRAM-MD5 challenge is open: send AUTH CRAM-MD5 first", ErrNoChallenge},
		{":cram bad challenge", ":cram tim " + password, Context{InSASL: true, Mechanism: "CRAM-MD5", Challenge: "%%%"},
			"CRAM-MD5 challenge", nil},
		{":cram without password", ":cram tim", cramSMTP, "usage: :cram USER PASS", nil},
		{":apop without timestamp", ":apop mrose " + password, pop3NoAPOP, "does not offer APOP", ErrNoAPOPTimestamp},
		{":apop in SMTP", ":apop mrose " + password, Context{Greeting: "220 x <1@x>", Protocol: "smtp", SASLVerb: "AUTH"},
			"SMTP has no APOP command", ErrNoAPOP},
		{":apop without password", ":apop mrose", pop3WithAPOP, "usage: :apop USER PASS", nil},
		{"unterminated b64", "AUTH LOGIN {b64:" + password, noSession, "unterminated {b64: at column 12", nil},
		{"unterminated plain", "AUTH PLAIN {plain:tim " + password, noSession, "unterminated {plain:", nil},
		{"empty inline b64", "{b64:}", noSession, "usage: {b64:TEXT}", nil},
		{"inline plain without password", "{plain:student}", noSession, "usage: {plain:USER PASS}", nil},
		{"CRLF in a plain line", "EHLO x\r\nQUIT", noSession, "line break", ErrLineBreak},
		{"LF after double colon", "::a\nb", noSession, "line break", ErrLineBreak},
		{"CR in inline b64 line", "{b64:" + password + "}\r", noSession, "line break", ErrLineBreak},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Expand(tt.line, tt.ctx)
			if err == nil {
				t.Fatalf("Expand(%q) = %#v, want an error", tt.line, got)
			}
			if got != (Expansion{}) {
				t.Errorf("Expand(%q) returned %#v with its error, want the zero Expansion", tt.line, got)
			}
			if !strings.Contains(err.Error(), tt.wantInError) {
				t.Errorf("Expand(%q) error %q does not contain %q", tt.line, err, tt.wantInError)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("Expand(%q) error %v is not %v", tt.line, err, tt.wantIs)
			}
			if strings.Contains(err.Error(), password) {
				t.Errorf("Expand(%q) error %q leaks the password", tt.line, err)
			}
		})
	}
}

func TestExpandUnknownHelper(t *testing.T) {
	tests := []struct{ line, wantName string }{
		{":help", "help"},
		{":quit now", "quit"},
		{":save session.yaml", "save"},
		{":", ""},
		{": b64 x", ""},
		{":logon student secret", "logon"},
	}
	for _, tt := range tests {
		_, err := Expand(tt.line, noSession)
		var unknown *UnknownHelperError
		if !errors.As(err, &unknown) {
			t.Errorf("Expand(%q) error = %v, want *UnknownHelperError", tt.line, err)
			continue
		}
		if unknown.Name != tt.wantName {
			t.Errorf("Expand(%q) unknown helper name = %q, want %q", tt.line, unknown.Name, tt.wantName)
		}
		for _, known := range []string{":b64", ":unb64", ":plain", ":cram", ":apop", ":login", ":unmutf7",
			"{b64:", "{plain:", "{mutf7:", "::"} {
			if !strings.Contains(err.Error(), known) {
				t.Errorf("error %q does not list %s", err, known)
			}
		}
	}
}

// TestSyntaxListsEveryHelper keeps the printed help, in both languages,
// in step with the expander.
func TestSyntaxListsEveryHelper(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		syntax := SyntaxIn(lang)
		for name := range colonHelpers {
			if !strings.Contains(syntax, ":"+name+" ") {
				t.Errorf("SyntaxIn(%s) does not document :%s", lang, name)
			}
		}
		for _, name := range inlineHelpers {
			if !strings.Contains(syntax, "{"+name+":") {
				t.Errorf("SyntaxIn(%s) does not document {%s:...}", lang, name)
			}
		}
	}
	if SyntaxIn("en") != Syntax || SyntaxIn("fr") != Syntax || SyntaxIn("zh_CN.UTF-8") != SyntaxIn("zh") {
		t.Error("SyntaxIn picks the wrong language")
	}
	zh := SyntaxIn("zh")
	if zh == Syntax || !hasHan(zh) || strings.ContainsAny(zh, `"'`) {
		t.Errorf("SyntaxIn(zh) is not Chinese or holds ASCII quotes:\n%s", zh)
	}
	if len(strings.Split(zh, "\n")) != len(strings.Split(Syntax, "\n")) {
		t.Error("the English and Chinese helper references have different line counts")
	}
	for _, line := range strings.Split(zh, "\n") {
		first, _ := utf8.DecodeRuneInString(strings.TrimSpace(line))
		if strings.ContainsRune("。，、；：）", first) || strings.HasSuffix(line, "（") {
			t.Errorf("SyntaxIn(zh) line %q breaks the Chinese line-breaking rules", line)
		}
	}
}
