package codec

import (
	"errors"
	"strings"
	"testing"
	"unicode"
)

// The states a credential helper can be typed in, as session.HelperContextOf
// fills them for SMTP, POP3 and a dialect whose SASL verb is AUTHENTICATE.
var (
	rfc2195Challenge = "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+"
	smtpPlainOpen    = Context{Protocol: "smtp", SASLVerb: "AUTH", InSASL: true, Mechanism: "PLAIN"}
	pop3Command      = Context{Protocol: "pop3", SASLVerb: "AUTH", APOP: true, Greeting: pop3WithAPOP.Greeting}
	pop3PlainOpen    = Context{Protocol: "pop3", SASLVerb: "AUTH", APOP: true, Greeting: pop3WithAPOP.Greeting,
		InSASL: true, Mechanism: "PLAIN"}
	pop3CramOpen = Context{Protocol: "pop3", SASLVerb: "AUTH", APOP: true, Greeting: pop3WithAPOP.Greeting,
		InSASL: true, Mechanism: "CRAM-MD5", Challenge: rfc2195Challenge}
	imapCommand  = Context{Protocol: "imap", SASLVerb: "AUTHENTICATE", Greeting: "* OK IMAP4rev1 <1@x>"}
	noSASL       = Context{Protocol: "toy", Greeting: "+OK <1@x>"}
	unknownEmpty = Context{Protocol: "smtp", SASLVerb: "AUTH", InSASL: true}
	unknownCram  = Context{Protocol: "smtp", SASLVerb: "AUTH", InSASL: true, Challenge: rfc2195Challenge}
)

// TestCredentialHelpersAskTheContext: each credential helper in each state
// either sends what that state wants or is refused with its reason.
func TestCredentialHelpersAskTheContext(t *testing.T) {
	const (
		plainTim = "AHRpbQB0YW5zdGFhZnRhbnN0YWFm"                     // RFC 4616 "tim" / "tanstaaftanstaaf"
		cramTim  = "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw" // RFC 2195
	)
	tests := []struct {
		name    string
		line    string
		ctx     Context
		send    string // want this sent, or
		refused error  // want this refusal
	}{
		{"SMTP :plain starts the exchange", ":plain tim tanstaaftanstaaf", smtpCommand, "AUTH PLAIN " + plainTim, nil},
		{"SMTP :plain answers an open PLAIN", ":plain tim tanstaaftanstaaf", smtpPlainOpen, plainTim, nil},
		{"SMTP {plain:} answers an open PLAIN", "{plain:tim tanstaaftanstaaf}", smtpPlainOpen, plainTim, nil},
		{"SMTP :plain, unknown exchange with empty challenge", ":plain tim tanstaaftanstaaf", unknownEmpty, plainTim, nil},
		{"SMTP :plain during LOGIN", ":plain tim tanstaaftanstaaf", loginUser, "", ErrOtherExchange},
		{"SMTP :plain during CRAM-MD5", ":plain tim tanstaaftanstaaf", cramSMTP, "", ErrOtherExchange},
		{"SMTP :plain, unknown exchange with a challenge", ":plain tim tanstaaftanstaaf", unknownCram, "", ErrOtherExchange},
		{"POP3 :plain starts the exchange", ":plain tim tanstaaftanstaaf", pop3Command, "AUTH PLAIN " + plainTim, nil},
		{"POP3 :plain answers an open PLAIN", ":plain tim tanstaaftanstaaf", pop3PlainOpen, plainTim, nil},
		{"AUTHENTICATE :plain without SASL-IR", ":plain tim tanstaaftanstaaf", imapCommand, "AUTHENTICATE PLAIN", nil},
		{"AUTHENTICATE :plain with SASL-IR", ":plain tim tanstaaftanstaaf", imapSASLIR, "AUTHENTICATE PLAIN " + plainTim, nil},
		{"AUTHENTICATE :plain answers an open PLAIN", ":plain tim tanstaaftanstaaf", imapPlainOpen, plainTim, nil},
		{"AUTHENTICATE :cram answers CRAM-MD5", ":cram tim tanstaaftanstaaf", imapCramOpen, cramTim, nil},
		{"AUTHENTICATE :cram with nothing open", ":cram tim tanstaaftanstaaf", imapSASLIR, "", ErrNoChallenge},
		{"IMAP :apop", ":apop mrose tanstaaf", imapCommand, "", ErrNoAPOP},
		{"IMAP :login", ":login tim tanstaaftanstaaf", imapCommand, "LOGIN tim tanstaaftanstaaf", nil},
		{"SMTP :login", ":login tim tanstaaftanstaaf", smtpCommand, "", ErrNoLogin},
		{"POP3 :login", ":login tim tanstaaftanstaaf", pop3Command, "", ErrNoLogin},
		{"IMAP :login during CRAM-MD5", ":login tim tanstaaftanstaaf", imapCramOpen, "", ErrOtherExchange},
		{"no SASL :plain", ":plain tim tanstaaftanstaaf", noSASL, "", ErrNoSASL},
		{"zero Context :plain", ":plain tim tanstaaftanstaaf", noSession, "", ErrNoSASL},

		{"SMTP :cram answers CRAM-MD5", ":cram tim tanstaaftanstaaf", cramSMTP, cramTim, nil},
		{"POP3 :cram answers CRAM-MD5", ":cram tim tanstaaftanstaaf", pop3CramOpen, cramTim, nil},
		{"SMTP :cram, unknown exchange with a CRAM challenge", ":cram tim tanstaaftanstaaf", unknownCram, cramTim, nil},
		{"SMTP :cram with nothing open", ":cram tim tanstaaftanstaaf", smtpCommand, "", ErrNoChallenge},
		{"POP3 :cram with nothing open", ":cram tim tanstaaftanstaaf", pop3Command, "", ErrNoChallenge},
		{"SMTP :cram during LOGIN", ":cram tim tanstaaftanstaaf", loginPass, "", ErrOtherExchange},
		{"SMTP :cram during PLAIN", ":cram tim tanstaaftanstaaf", smtpPlainOpen, "", ErrOtherExchange},
		{"SMTP :cram, unknown exchange with empty challenge", ":cram tim tanstaaftanstaaf", unknownEmpty, "", ErrOtherExchange},
		{"no SASL :cram", ":cram tim tanstaaftanstaaf", noSASL, "", ErrNoSASL},

		{"POP3 :apop", ":apop mrose tanstaaf", pop3Command, "APOP mrose c4c9334bac560ecc979e58001b3e22fb", nil},
		{"POP3 :apop without timestamp", ":apop mrose tanstaaf", pop3NoAPOP, "", ErrNoAPOPTimestamp},
		{"POP3 :apop during a SASL exchange", ":apop mrose tanstaaf", pop3PlainOpen, "", ErrOtherExchange},
		{"SMTP :apop", ":apop mrose tanstaaf", smtpCommand, "", ErrNoAPOP},
		{"SMTP :apop with a timestamp", ":apop mrose tanstaaf", Context{Protocol: "smtp", SASLVerb: "AUTH",
			Greeting: "220 x <1@x>"}, "", ErrNoAPOP},
		{"AUTHENTICATE dialect :apop", ":apop mrose tanstaaf", imapCommand, "", ErrNoAPOP},
		{"zero Context :apop", ":apop mrose tanstaaf", Context{Greeting: pop3WithAPOP.Greeting}, "", ErrNoAPOP},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exp, err := Expand(tt.line, tt.ctx)
			if tt.refused != nil {
				var refused *RefusedError
				if !errors.Is(err, tt.refused) || !errors.As(err, &refused) {
					t.Fatalf("Expand(%q) = %#v, %v; want a *RefusedError for %v", tt.line, exp, err, tt.refused)
				}
				if exp != (Expansion{}) {
					t.Errorf("a refusal returned %#v: nothing may be sent", exp)
				}
				if strings.Contains(err.Error(), "tanstaaf") {
					t.Errorf("the refusal %q shows the password", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Expand(%q): %v", tt.line, err)
			}
			if exp.Send != tt.send || !exp.Secret {
				t.Errorf("Expand(%q) sends %q (secret %v), want %q", tt.line, exp.Send, exp.Secret, tt.send)
			}
			if strings.Contains(exp.Display, "tanstaaf") {
				t.Errorf("Display %q shows the password", exp.Display)
			}
		})
	}
}

// TestRefusalsInBothLanguages: every refusal reads differently in English
// and Chinese, says which helper or mechanism it is about, and the Chinese
// follows the project's typography.
func TestRefusalsInBothLanguages(t *testing.T) {
	reasons := []error{ErrNoChallenge, ErrNoAPOPTimestamp, ErrNoAPOP, ErrNoSASL, ErrOtherExchange, ErrNoLogin, ErrUnquotable}
	ctxs := []Context{smtpCommand, cramSMTP, pop3PlainOpen, noSASL, noSession, unknownEmpty, imapCommand, imapCramOpen}
	for _, why := range reasons {
		for _, ctx := range ctxs {
			for _, helper := range []string{"plain", "cram", "apop", "login"} {
				e := ctx.refuse(why, helper)
				en, zh := e.In("en"), e.In("zh")
				if en != e.Error() || en == zh || !hasHan(zh) || hasHan(en) {
					t.Errorf("%v: en %q, zh %q", why, en, zh)
				}
				if strings.ContainsAny(zh, `"'`) || strings.Contains(zh, " “") || strings.Contains(zh, "” ") {
					t.Errorf("%v: zh %q has ASCII quotes or spaces around “”", why, zh)
				}
				if e.In("zh_CN.UTF-8") != zh || e.In("fr") != en {
					t.Errorf("%v: zh_CN or fr picks the wrong language", why)
				}
				if why == ErrOtherExchange && ctx.Mechanism != "" && !strings.Contains(zh, ctx.Mechanism) {
					t.Errorf("%v: %q does not name the open mechanism %s", why, zh, ctx.Mechanism)
				}
				if why == ErrOtherExchange && ctx.Mechanism == "CRAM-MD5" && !strings.Contains(en, "(:cram USER PASS)") {
					t.Errorf("%v: %q does not tell how to answer CRAM-MD5", why, en)
				}
			}
		}
	}
}

func TestLocalize(t *testing.T) {
	_, err := Expand(":cram tim x", smtpCommand)
	zh := Localize(err, "zh")
	if !errors.Is(zh, ErrNoChallenge) || !hasHan(zh.Error()) || !strings.Contains(zh.Error(), "AUTH CRAM-MD5") {
		t.Errorf("Localize(zh) = %q, want Chinese that still Is ErrNoChallenge", zh)
	}
	if en := Localize(err, "en"); en.Error() != err.Error() {
		t.Errorf("Localize(en) = %q, want %q", en, err)
	}
	_, err = Expand(":logon x", smtpCommand)
	var unknown *UnknownHelperError
	if zh := Localize(err, "zh"); !errors.As(zh, &unknown) || !hasHan(zh.Error()) || !strings.Contains(zh.Error(), "“:logon”") {
		t.Errorf("Localize(unknown helper, zh) = %q", zh)
	}
	_, err = Expand(":plain onlyuser", smtpCommand) // a usage error is typed and localized too
	var usage *UsageError
	if got := Localize(err, "zh"); !errors.As(got, &usage) || got.Error() != "用法：:plain USER PASS" {
		t.Errorf("Localize(%v, zh) = %v, want 用法：:plain USER PASS", err, got)
	}
	if got := Localize(errors.New("other"), "zh"); got.Error() != "other" {
		t.Errorf("Localize changed an untyped error: %v", got)
	}
	if Localize(nil, "zh") != nil {
		t.Error("Localize(nil) is not nil")
	}
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
