package codec

import (
	"strings"
	"testing"
	"unicode"
)

// TestNotesInChinese: with Lang "zh" every note after a helper's line and
// every usage error is Chinese, in full-width parentheses; English stays
// as it was.
func TestNotesInChinese(t *testing.T) {
	zh := func(c Context) Context { c.Lang = "zh"; return c }
	pop3 := Context{Protocol: "pop3", SASLVerb: "AUTH", APOP: true, Greeting: "+OK ready <1.2@x>"}
	cram := Context{Protocol: "smtp", SASLVerb: "AUTH", InSASL: true, Mechanism: "CRAM-MD5", Challenge: B64("<1.2@x>")}
	imap := Context{Protocol: "imap", SASLVerb: "AUTHENTICATE"}
	tests := []struct {
		line    string
		ctx     Context
		en, zh  string // what the display ends with
		english string // a word of the English note that Chinese must not hold
	}{
		{":b64 student", smtpCommand, `(base64 of "student")`, `（“student”的 base64 编码）`, "of"},
		{":plain student pw", smtpCommand, `(PLAIN: "" / "student" / ******)`, `（PLAIN：授权身份为空 / 用户名“student” / 密码 ******）`, `""`},
		{":cram student pw", cram, `keyed with ******)`, `（CRAM-MD5：用户名“student”，加上以密码 ****** 为密钥、对“<1.2@x>”算出的 HMAC-MD5）`, "keyed"},
		{":apop student pw", pop3, `(MD5 of "<1.2@x>" + ******)`, `（“<1.2@x>”后接密码 ******，算出的 MD5 摘要）`, "MD5 of"},
		{"SELECT {mutf7:已发送}", imap, `(modified UTF-7 of "已发送")`, `（“已发送”的修改版 UTF-7 编码）`, "modified"},
		{":login student pw", imap, `LOGIN student ******  (user "student", password ******)`, `LOGIN student ******  （用户名“student”，密码 ******）`, "password"},
		{":plain a b", imap, `type :plain USER PASS again to send the response)`, `再输入一次 :plain USER PASS 发送回应）`, "advertise"},
	}
	for _, tt := range tests {
		en, err := Expand(tt.line, tt.ctx)
		if err != nil {
			t.Fatalf("%s: %v", tt.line, err)
		}
		cn, err := Expand(tt.line, zh(tt.ctx))
		if err != nil {
			t.Fatalf("%s (zh): %v", tt.line, err)
		}
		if !strings.HasSuffix(en.Display, tt.en) {
			t.Errorf("%s: English display %q, want it to end with %q", tt.line, en.Display, tt.en)
		}
		if !strings.HasSuffix(cn.Display, tt.zh) || strings.Contains(cn.Display, tt.english) {
			t.Errorf("%s: Chinese display %q, want it to end with %q", tt.line, cn.Display, tt.zh)
		}
		if en.Send != cn.Send {
			t.Errorf("%s: the language changed what is sent: %q / %q", tt.line, en.Send, cn.Send)
		}
	}
}

// TestUsageErrorsInChinese: every usage mistake is a typed error that
// Localize turns into Chinese.
func TestUsageErrorsInChinese(t *testing.T) {
	imap := Context{Protocol: "imap", SASLVerb: "AUTHENTICATE"}
	for _, tt := range []struct {
		line string
		ctx  Context
		zh   string
	}{
		{":b64", smtpCommand, "用法：:b64 TEXT"},
		{":unb64", smtpCommand, "用法：:unb64 TEXT（还没有可以解码的质询）"},
		{":plain onlyuser", smtpCommand, "用法：:plain USER PASS"},
		{"AUTH PLAIN {b64:}", smtpCommand, "用法：{b64:TEXT}（TEXT 为空）"},
		{"AUTH PLAIN {plain:x}", smtpCommand, "用法：{plain:USER PASS}"},
		{"AUTH PLAIN {b64:abc", smtpCommand, "第 12 列的“{b64:”没有结束：在后面补上“}”"},
		{":unmutf7", imap, "用法：:unmutf7 TEXT（写服务器给出的文件夹名，例如 &ZTZO9nux-）"},
	} {
		_, err := Expand(tt.line, tt.ctx)
		if err == nil {
			t.Fatalf("%s: no error", tt.line)
		}
		if got := Localize(err, "zh").Error(); got != tt.zh {
			t.Errorf("%s: %q, want %q", tt.line, got, tt.zh)
		}
		if en := Localize(err, "en").Error(); strings.IndexFunc(en, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0 {
			t.Errorf("%s: English %q holds Chinese", tt.line, en)
		}
	}
}
