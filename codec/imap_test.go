package codec

import (
	"errors"
	"strings"
	"testing"
)

// IMAP sessions as session.HelperContextOf fills them: SASL verb
// AUTHENTICATE, with or without SASL-IR and UTF-8 in quoted strings.
var (
	imapSASLIR    = Context{Protocol: "imap", SASLVerb: "AUTHENTICATE", Greeting: imapCommand.Greeting, SASLIR: true}
	imapUTF8      = Context{Protocol: "imap", SASLVerb: "AUTHENTICATE", Greeting: imapCommand.Greeting, SASLIR: true, UTF8: true}
	imapPlainOpen = Context{Protocol: "imap", SASLVerb: "AUTHENTICATE", Greeting: imapCommand.Greeting,
		InSASL: true, Mechanism: "PLAIN"}
	imapCramOpen = Context{Protocol: "imap", SASLVerb: "AUTHENTICATE", Greeting: imapCommand.Greeting, SASLIR: true,
		InSASL: true, Mechanism: "CRAM-MD5", Challenge: rfc2195Challenge}
)

func TestAString(t *testing.T) {
	tests := []struct {
		in     string
		utf8OK bool
		want   string
		bad    string
	}{
		{"student", false, "student", ""},
		{"student@example.test", false, "student@example.test", ""},
		{"a]b", false, "a]b", ""}, // resp-specials are ASTRING-CHARs
		{"NIL", false, "NIL", ""},
		{"", false, `""`, ""},
		{"two words", false, `"two words"`, ""},
		{`say "hi"`, false, `"say \"hi\""`, ""},
		{`back\slash`, false, `"back\\slash"`, ""},
		{`\"`, false, `"\\\""`, ""},
		{"{5}", false, `"{5}"`, ""}, // never read as a literal
		{"(x)", false, `"(x)"`, ""},
		{"100%", false, `"100%"`, ""},
		{"a*", false, `"a*"`, ""},
		{"tab\there", false, "\"tab\there\"", ""}, // a CTL, allowed in a quoted string
		{"\x7f", false, "\"\x7f\"", ""},
		{"张三", true, `"张三"`, ""},
		{"pässword", true, `"pässword"`, ""},
		{"张三", false, "", Char8Bit},
		{"a\xffb", true, "", CharNotUTF8},
		{"a\xffb", false, "", Char8Bit},
		{"a\x00b", true, "", CharNUL},
		{"a\rb", true, "", CharLineBreak},
		{"a\nb", false, "", CharLineBreak},
		{"张\x00", false, "", CharNUL}, // the worst first
	}
	for _, tt := range tests {
		got, bad := AString(tt.in, tt.utf8OK)
		if got != tt.want || bad != tt.bad {
			t.Errorf("AString(%q, %v) = %q, %q; want %q, %q", tt.in, tt.utf8OK, got, bad, tt.want, tt.bad)
		}
	}
}

func TestIMAPHelpers(t *testing.T) {
	const plainTim = "AHRpbQB0YW5zdGFhZnRhbnN0YWFm"
	tests := []struct {
		name string
		line string
		ctx  Context
		want Expansion
	}{
		{":login atoms", ":login student secret123", imapCommand, Expansion{Send: "LOGIN student secret123",
			Display: `LOGIN student ******  (user "student", password ******)`, Secret: true, Helper: "login"}},
		{":login upper case", ":LOGIN student secret123", imapSASLIR, Expansion{Send: "LOGIN student secret123",
			Display: `LOGIN student ******  (user "student", password ******)`, Secret: true, Helper: "login"}},
		{":login password with spaces", ":login tim tanstaaf tanstaaf", imapCommand, Expansion{Send: `LOGIN tim "tanstaaf tanstaaf"`,
			Display: `LOGIN tim ******  (user "tim", password ******)`, Secret: true, Helper: "login"}},
		{":login quotes and backslashes", `:login "tim" p"w\d`, imapCommand, Expansion{Send: `LOGIN "\"tim\"" "p\"w\\d"`,
			Display: `LOGIN "\"tim\"" ******  (user "\"tim\"", password ******)`, Secret: true, Helper: "login"}},
		{":login literal-looking password", ":login tim {5}", imapCommand, Expansion{Send: `LOGIN tim "{5}"`,
			Display: `LOGIN tim ******  (user "tim", password ******)`, Secret: true, Helper: "login"}},
		{":login UTF-8 accepted", ":login 张三 密码123", imapUTF8, Expansion{Send: `LOGIN "张三" "密码123"`,
			Display: `LOGIN "张三" ******  (user "张三", password ******)`, Secret: true, Helper: "login"}},
		{":login helpers in the password are not expanded", ":login tim {b64:x}", imapCommand, Expansion{Send: `LOGIN tim "{b64:x}"`,
			Display: `LOGIN tim ******  (user "tim", password ******)`, Secret: true, Helper: "login"}},

		{":plain without SASL-IR", ":plain tim tanstaaftanstaaf", imapCommand, Expansion{Send: "AUTHENTICATE PLAIN",
			Display: "AUTHENTICATE PLAIN  (" + Context{}.noSASLIRNote() + ")", Secret: true, Helper: "plain"}},
		{":plain with SASL-IR", ":plain tim tanstaaftanstaaf", imapSASLIR, Expansion{Send: "AUTHENTICATE PLAIN " + plainTim,
			Display: `AUTHENTICATE PLAIN ••••••••  (PLAIN: "" / "tim" / ******)`, Secret: true, Helper: "plain"}},
		{":plain after the +", ":plain tim tanstaaftanstaaf", imapPlainOpen, Expansion{Send: plainTim,
			Display: `••••••••  (PLAIN: "" / "tim" / ******)`, Secret: true, Helper: "plain"}},
		{"SMTP ignores SASL-IR", ":plain tim tanstaaftanstaaf", Context{Protocol: "smtp", SASLVerb: "AUTH", SASLIR: true},
			Expansion{Send: "AUTH PLAIN " + plainTim, Display: `AUTH PLAIN ••••••••  (PLAIN: "" / "tim" / ******)`, Secret: true, Helper: "plain"}},
		{":cram after AUTHENTICATE CRAM-MD5", ":cram tim tanstaaftanstaaf", imapCramOpen, Expansion{
			Send:    "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw",
			Display: `••••••••  (CRAM-MD5: "tim" + HMAC-MD5 of "<1896.697170952@postoffice.reston.mci.net>" keyed with ******)`,
			Secret:  true, Helper: "cram"}},

		{":unmutf7", ":unmutf7 &ZTZO9nux-", imapCommand, Expansion{Show: "收件箱", Helper: "unmutf7"}},
		{":unmutf7 RFC path", ":unmutf7 ~peter/mail/&U,BTFw-/&ZeVnLIqe-", noSession,
			Expansion{Show: "~peter/mail/台北/日本語", Helper: "unmutf7"}},
		{":unmutf7 control character", ":unmutf7 a&AAk-b", noSession, Expansion{Show: "a\tb", Helper: "unmutf7"}},
		{":unmutf7 NUL quoted", ":unmutf7 a&AAA-", noSession, Expansion{Show: `"a\x00"`, Helper: "unmutf7"}},

		{"inline mutf7", "a1 SELECT {mutf7:收件箱}", imapCommand, Expansion{Send: "a1 SELECT &ZTZO9nux-",
			Display: `a1 SELECT &ZTZO9nux-  (modified UTF-7 of "收件箱")`, Helper: "mutf7"}},
		{"inline mutf7 quoted by hand", `CREATE "{mutf7:我的 文件夹}"`, imapCommand, Expansion{Send: `CREATE "&YhF2hA- &ZYdO9lk5-"`,
			Display: `CREATE "&YhF2hA- &ZYdO9lk5-"  (modified UTF-7 of "我的 文件夹")`, Helper: "mutf7"}},
		{"inline mutf7 upper case", "RENAME {MUTF7:草稿} {mutf7:已发送}", imapCommand, Expansion{Send: "RENAME &g0l6Pw- &XfJT0ZAB-",
			Display: `RENAME &g0l6Pw- &XfJT0ZAB-  (modified UTF-7 of "草稿"; modified UTF-7 of "已发送")`, Helper: "mutf7"}},
		{"inline mutf7 and plain", "{mutf7:x} {plain:tim tanstaaftanstaaf}", imapCommand, Expansion{Send: "x " + plainTim,
			Display: `x ••••••••  (modified UTF-7 of "x"; PLAIN: "" / "tim" / ******)`, Secret: true, Helper: "mutf7"}},
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

func TestIMAPHelperRefusals(t *testing.T) {
	const password = "tanstaaf"
	tests := []struct {
		name        string
		line        string
		ctx         Context
		wantIs      error
		field, char string // ErrUnquotable
		wantInError string
	}{
		{":login in SMTP", ":login tim " + password, smtpCommand, ErrNoLogin, "", "", "SMTP has no LOGIN command"},
		{":login in POP3", ":login tim " + password, pop3Command, ErrNoLogin, "", "", ":plain USER PASS"},
		{":login with no protocol", ":login tim " + password, noSession, ErrNoLogin, "", "", ":login cannot be used here"},
		{":login during AUTHENTICATE PLAIN", ":login tim " + password, imapPlainOpen, ErrOtherExchange, "", "", "type * to cancel"},
		{":login non-ASCII user", ":login 张三 " + password, imapSASLIR, ErrUnquotable, "user", Char8Bit, "user name holds non-ASCII"},
		{":login non-ASCII password", ":login tim p\u00e4" + password, imapCommand, ErrUnquotable, "password", Char8Bit, "UTF8=ACCEPT"},
		{":login password not UTF-8", ":login tim \xff" + password, imapUTF8, ErrUnquotable, "password", CharNotUTF8, "not UTF-8"},
		{":login NUL in the password", ":login tim a\x00" + password, imapUTF8, ErrUnquotable, "password", CharNUL, "not even in a literal"},
		{":login CR in the password", ":login tim a\r" + password, imapUTF8, ErrUnquotable, "password", CharLineBreak, "{N}"},
		{":login without password", ":login tim", imapCommand, nil, "", "", "usage: :login USER PASS"},
		{":cram with no challenge", ":cram tim " + password, imapSASLIR, ErrNoChallenge, "", "", "send AUTHENTICATE CRAM-MD5 first"},
		{":unmutf7 without text", ":unmutf7", imapCommand, nil, "", "", "usage: :unmutf7 TEXT"},
		{":unmutf7 of raw UTF-8", ":unmutf7 收件箱", imapCommand, nil, "", "", "U+6536 at position 1"},
		{"empty inline mutf7", "SELECT {mutf7:}", imapCommand, nil, "", "", "usage: {mutf7:TEXT}"},
		{"unterminated inline mutf7", "SELECT {mutf7:收件箱", imapCommand, nil, "", "", "unterminated {mutf7:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Expand(tt.line, tt.ctx)
			if err == nil || got != (Expansion{}) {
				t.Fatalf("Expand(%q) = %#v, %v; want only an error", tt.line, got, err)
			}
			if !strings.Contains(err.Error(), tt.wantInError) {
				t.Errorf("Expand(%q) error %q does not contain %q", tt.line, err, tt.wantInError)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("Expand(%q) error %v is not %v", tt.line, err, tt.wantIs)
			}
			var refused *RefusedError
			if tt.field != "" && (!errors.As(err, &refused) || refused.Field != tt.field || refused.Char != tt.char) {
				t.Errorf("Expand(%q) error %#v, want field %q char %q", tt.line, err, tt.field, tt.char)
			}
			for _, lang := range []string{"en", "zh"} {
				if msg := Localize(err, lang).Error(); strings.Contains(msg, password) {
					t.Errorf("Expand(%q) error %q shows the password", tt.line, msg)
				}
			}
		})
	}
}

// TestLoginRefusalsInBothLanguages: the refusals :login adds read
// differently in English and Chinese, name the field, and follow the
// Chinese typography.
func TestLoginRefusalsInBothLanguages(t *testing.T) {
	var refusals []*RefusedError
	for _, ctx := range []Context{smtpCommand, pop3Command, noSession, noSASL} {
		refusals = append(refusals, ctx.refuse(ErrNoLogin, "login"))
	}
	for _, field := range []string{"user", "password"} {
		for _, char := range []string{CharNUL, CharLineBreak, Char8Bit, CharNotUTF8, ""} {
			refusals = append(refusals, imapCommand.refuseUnquotable(field, char))
		}
	}
	for _, e := range refusals {
		en, zh := e.In("en"), e.In("zh")
		if en != e.Error() || en == zh || !hasHan(zh) || hasHan(en) {
			t.Errorf("%v %s %s: en %q, zh %q", e.Err, e.Field, e.Char, en, zh)
		}
		if strings.ContainsAny(zh, `"'`) || strings.Contains(zh, " “") || strings.Contains(zh, "” ") {
			t.Errorf("zh %q has ASCII quotes or spaces around “”", zh)
		}
		if e.Field == "user" && (!strings.Contains(en, "user name") || !strings.Contains(zh, "用户名")) ||
			e.Field == "password" && (!strings.Contains(en, "password") || !strings.Contains(zh, "密码")) {
			t.Errorf("%q / %q does not name the %s", en, zh, e.Field)
		}
		if e.Err == ErrUnquotable && e.Char != CharNUL && (!strings.Contains(en, "literal") || !strings.Contains(zh, "字面量")) {
			t.Errorf("%q / %q does not say a literal can carry it", en, zh)
		}
	}
}

func TestWithTag(t *testing.T) {
	exp, err := Expand(":login student secret123", imapCommand)
	if err != nil {
		t.Fatal(err)
	}
	tagged := exp.WithTag("a1")
	if tagged.Send != "a1 LOGIN student secret123" || !strings.HasPrefix(tagged.Display, "a1 LOGIN student ******") ||
		!tagged.Secret || tagged.Helper != "login" {
		t.Errorf("WithTag(a1) = %#v", tagged)
	}
	if exp.WithTag("") != exp {
		t.Error("WithTag(\"\") changed the expansion")
	}
	show, _ := Expand(":unmutf7 &ZTZO9nux-", imapCommand)
	if show.WithTag("a2") != show {
		t.Error("WithTag tagged an expansion that sends nothing")
	}
}
