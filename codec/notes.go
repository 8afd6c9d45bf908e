package codec

import (
	"fmt"
	"strconv"
)

// The notes shown after a line a helper made, and the helpers' usage
// errors, in the language of Context.Lang ("zh" for Chinese, English
// otherwise). The English texts are those the tests and transcripts of
// older versions know.

// zh reports whether the helpers speak Chinese in this context.
func (ctx Context) zh() bool { return isChinese(ctx.Lang) }

// noted is display followed by its note, in parentheses of the language.
func (ctx Context) noted(display, note string) string {
	if ctx.zh() {
		return display + "  （" + note + "）"
	}
	return display + "  (" + note + ")"
}

// b64Note: what a base64 line holds, text already quoted or masked.
func (ctx Context) b64Note(text string) string {
	return pick(ctx.zh(), "base64 of "+text, text+"的 base64 编码")
}

// quote is text in the quotes of the language.
func (ctx Context) quote(text string) string {
	if ctx.zh() {
		return "“" + text + "”"
	}
	return strconv.Quote(text)
}

// plainNote: the three parts of a PLAIN response, the password masked.
func (ctx Context) plainNote(user string) string {
	if ctx.zh() {
		return fmt.Sprintf("PLAIN：授权身份为空 / 用户名%s / 密码 %s", ctx.quote(user), maskedPassword)
	}
	return fmt.Sprintf(`PLAIN: "" / %s / %s`, strconv.Quote(user), maskedPassword)
}

// loginNote: the two parts of IMAP's LOGIN, the password masked.
func (ctx Context) loginNote(user string) string {
	if ctx.zh() {
		return fmt.Sprintf("用户名%s，密码 %s", ctx.quote(user), maskedPassword)
	}
	return fmt.Sprintf("user %s, password %s", strconv.Quote(user), maskedPassword)
}

// cramNote: how the CRAM-MD5 response was made.
func (ctx Context) cramNote(user, challenge string) string {
	if ctx.zh() {
		return fmt.Sprintf("CRAM-MD5：用户名%s，加上以密码 %s 为密钥、对%s算出的 HMAC-MD5",
			ctx.quote(user), maskedPassword, ctx.quote(challenge))
	}
	return fmt.Sprintf("CRAM-MD5: %s + HMAC-MD5 of %s keyed with %s",
		strconv.Quote(user), strconv.Quote(challenge), maskedPassword)
}

// apopNote: how the APOP digest was made.
func (ctx Context) apopNote(timestamp string) string {
	if ctx.zh() {
		return fmt.Sprintf("%s后接密码 %s，算出的 MD5 摘要", ctx.quote(timestamp), maskedPassword)
	}
	return fmt.Sprintf("MD5 of %s + %s", strconv.Quote(timestamp), maskedPassword)
}

// mutf7Note: what a modified UTF-7 name stands for.
func (ctx Context) mutf7Note(name string) string {
	return pick(ctx.zh(), "modified UTF-7 of "+strconv.Quote(name), ctx.quote(name)+"的修改版 UTF-7 编码")
}

// noSASLIRNote is the note of a bare "AUTHENTICATE PLAIN": the server
// takes no initial response, so the PLAIN response waits for its "+".
func (ctx Context) noSASLIRNote() string {
	return pick(ctx.zh(), `the server did not advertise SASL-IR: after its "+", type :plain USER PASS again to send the response`,
		"服务器没有公布 SASL-IR：等它发来“+”之后，再输入一次 :plain USER PASS 发送回应")
}

// UsageError is a helper typed without what it needs (":b64" alone, an
// empty "{b64:}"): Usage is how to type it, Why what was missing.
type UsageError struct {
	Usage string   // ":b64 TEXT", "{plain:USER PASS}"
	Why   UsageWhy // what was missing; "" says nothing more
}

// UsageWhy says what a helper typed wrong was missing.
type UsageWhy string

// The reasons of a UsageError.
const (
	WhyEmpty       UsageWhy = "empty"        // the TEXT of an inline helper is empty
	WhyNoChallenge UsageWhy = "no-challenge" // :unb64 alone with no challenge yet
	WhyMailbox     UsageWhy = "mailbox"      // :unmutf7 alone
)

// usageWhy are the reasons in English and Chinese.
var usageWhy = map[UsageWhy][2]string{
	WhyEmpty:       {"TEXT is empty", "TEXT 为空"},
	WhyNoChallenge: {"no challenge to decode yet", "还没有可以解码的质询"},
	WhyMailbox:     {"a mailbox name as the server writes it, e.g. &ZTZO9nux-", "写服务器给出的文件夹名，例如 &ZTZO9nux-"},
}

func (e *UsageError) Error() string { return e.In("en") }

// In is the message in lang: "zh" for Chinese, English otherwise.
func (e *UsageError) In(lang string) string {
	zh := isChinese(lang)
	msg := pick(zh, "usage: ", "用法：") + e.Usage
	if why, ok := usageWhy[e.Why]; ok {
		msg += pick(zh, " ("+why[0]+")", "（"+why[1]+"）")
	}
	return msg
}

// UnterminatedError is an inline helper whose "}" is missing.
type UnterminatedError struct {
	Name   string // "b64", "plain", "mutf7"
	Column int    // where its "{" is, from 1
}

func (e *UnterminatedError) Error() string { return e.In("en") }

// In is the message in lang: "zh" for Chinese, English otherwise.
func (e *UnterminatedError) In(lang string) string {
	if isChinese(lang) {
		return fmt.Sprintf("第 %d 列的“{%s:”没有结束：在后面补上“}”", e.Column, e.Name)
	}
	return fmt.Sprintf("unterminated {%s: at column %d: close it with '}'", e.Name, e.Column)
}
