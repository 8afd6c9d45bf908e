package codec

import (
	"errors"
	"fmt"
	"strings"
)

// What a credential helper refuses to build in the session it is typed in.
// [Expand] returns them wrapped in a [*RefusedError]; test with errors.Is.
var (
	// ErrNoChallenge: :cram with no challenge open.
	ErrNoChallenge = errors.New("no CRAM-MD5 challenge is open")
	// ErrNoAPOPTimestamp: :apop where the greeting has no <timestamp>.
	ErrNoAPOPTimestamp = errors.New("the server greeting has no <timestamp>")
	// ErrNoAPOP: :apop in a protocol without APOP.
	ErrNoAPOP = errors.New("the protocol has no APOP")
	// ErrNoSASL: :plain or :cram in a protocol without SASL.
	ErrNoSASL = errors.New("the protocol has no SASL authentication")
	// ErrOtherExchange: a helper that cannot answer the SASL exchange open
	// now (:plain during CRAM-MD5, :cram during LOGIN, :apop during any).
	ErrOtherExchange = errors.New("a SASL exchange the helper cannot answer is open")
	// ErrNoLogin: :login in a protocol without IMAP's LOGIN command.
	ErrNoLogin = errors.New("the protocol has no LOGIN command")
	// ErrUnquotable: :login with a user name or password that an IMAP
	// quoted string cannot carry ([RefusedError.Field] and
	// [RefusedError.Char] say which and why); only a literal can.
	ErrUnquotable = errors.New("an IMAP quoted string cannot carry the user name or password")
)

// What [RefusedError.Char] holds for ErrUnquotable: what a quoted string
// cannot carry.
const (
	CharNUL       = "NUL"        // a NUL byte: no IMAP string, not even a literal, carries it
	CharLineBreak = "line break" // CR or LF
	Char8Bit      = "8-bit"      // non-ASCII, and the server did not say it takes UTF-8
	CharNotUTF8   = "not UTF-8"  // bytes that are not UTF-8, where UTF-8 is allowed
)

// RefusedError is a credential helper refused locally: nothing is sent.
// Its message says why and what to do, in English ([RefusedError.Error])
// or in another language ([RefusedError.In], [Localize]).
type RefusedError struct {
	Err       error  // why: ErrNoChallenge, ErrNoAPOP, ...
	Helper    string // the helper refused: "plain", "cram", "apop"
	Protocol  string // the session's protocol ("smtp"), "" if unknown
	Verb      string // the protocol's SASL verb ("AUTH"), "" if none
	Mechanism string // the mechanism of the open exchange, "" if unknown or none
	Field     string // ErrUnquotable: "user" or "password"
	Char      string // ErrUnquotable: CharNUL, CharLineBreak, Char8Bit or CharNotUTF8
}

// refuse builds the refusal of helper in the session ctx describes.
func (ctx Context) refuse(why error, helper string) *RefusedError {
	return &RefusedError{Err: why, Helper: helper, Protocol: ctx.Protocol, Verb: ctx.SASLVerb, Mechanism: ctx.Mechanism}
}

// Error is the message in English.
func (e *RefusedError) Error() string { return e.In("en") }

// Unwrap returns the reason, for errors.Is.
func (e *RefusedError) Unwrap() error { return e.Err }

// In is the message in lang: "zh" for Chinese, English otherwise.
func (e *RefusedError) In(lang string) string {
	zh := isChinese(lang)
	proto := strings.ToUpper(e.Protocol)
	if proto == "" {
		proto = pick(zh, "this protocol", "这个协议")
	}
	helper := ":" + e.Helper
	switch e.Err {
	case ErrNoChallenge:
		return fmt.Sprintf(pick(zh,
			"no CRAM-MD5 challenge is open: send %s CRAM-MD5 first, then answer its challenge with :cram USER PASS",
			"当前没有 CRAM-MD5 质询：请先发送 %s CRAM-MD5，再用 :cram USER PASS 回应质询"), e.Verb)
	case ErrNoAPOPTimestamp:
		return pick(zh,
			"the server greeting has no <timestamp>: this server does not offer APOP, so :apop cannot log in here",
			"服务器的问候中没有 <时间戳>：这台服务器不提供 APOP，这里不能用 :apop 登录")
	case ErrNoAPOP:
		if e.Verb != "" {
			return fmt.Sprintf(pick(zh, "%s has no APOP command: log in with :plain USER PASS instead",
				"%s 没有 APOP 命令：请改用 :plain USER PASS 登录"), proto)
		}
		return fmt.Sprintf(pick(zh, "%s has no APOP command: :apop cannot be used here",
			"%s 没有 APOP 命令：这里不能用 :apop"), proto)
	case ErrNoSASL:
		return fmt.Sprintf(pick(zh, "%s has no SASL authentication: %s cannot be used here",
			"%s 没有 SASL 认证：这里不能用 %s"), proto, helper)
	case ErrNoLogin:
		return e.noLogin(zh, proto)
	case ErrUnquotable:
		return e.unquotable(zh)
	case ErrOtherExchange:
		mech, answer := e.Mechanism, ":b64 TEXT"
		switch mech {
		case "":
			mech = "SASL"
		case "PLAIN":
			answer = ":plain USER PASS"
		case "CRAM-MD5":
			answer = ":cram USER PASS"
		}
		return fmt.Sprintf(pick(zh,
			"a %s exchange is open and %s cannot answer its challenge: answer it (%s), or type * to cancel it",
			"%s 认证正在进行，%s 无法回应它的质询：请回应质询（%s），或输入 * 取消认证"), mech, helper, answer)
	}
	return helper + ": " + e.Err.Error()
}

// noLogin says that :login does not work in proto, and what does.
func (e *RefusedError) noLogin(zh bool, proto string) string {
	if e.Verb != "" {
		return fmt.Sprintf(pick(zh, "%s has no LOGIN command (LOGIN is IMAP's): log in with :plain USER PASS instead",
			"%s 没有 LOGIN 命令（LOGIN 是 IMAP 的命令）：请改用 :plain USER PASS 登录"), proto)
	}
	return fmt.Sprintf(pick(zh, "%s has no LOGIN command: :login cannot be used here",
		"%s 没有 LOGIN 命令：这里不能用 :login"), proto)
}

// unquotable says what in the user name or password no quoted string can
// carry, and how to send it anyway. It never shows the value.
func (e *RefusedError) unquotable(zh bool) string {
	field := pick(zh, "password", "密码")
	if e.Field == "user" {
		field = pick(zh, "user name", "用户名")
	}
	literal := pick(zh,
		"send it as a literal instead, typing the LOGIN command yourself with {N} in its place (N: its length in bytes; RFC 9051 section 4.3)",
		"请改用字面量发送，自己输入 LOGIN 命令，在它的位置写 {N}（N 是它的字节数；RFC 9051 第 4.3 节）")
	var what string
	switch e.Char {
	case CharNUL:
		return fmt.Sprintf(pick(zh, "the %s holds a NUL byte, which IMAP cannot carry in LOGIN at all, not even in a literal",
			"%s中有 NUL 字节，IMAP 的 LOGIN 无法传送它，用字面量也不行"), field)
	case CharLineBreak:
		what = pick(zh, "a line break (CR or LF)", "换行符（CR 或 LF）")
	case Char8Bit:
		what = pick(zh, "non-ASCII characters and the server did not advertise UTF8=ACCEPT or IMAP4rev2",
			"非 ASCII 字符，而服务器没有公布 UTF8=ACCEPT 或 IMAP4rev2")
	case CharNotUTF8:
		what = pick(zh, "bytes that are not UTF-8", "不是 UTF-8 的字节")
	default:
		what = pick(zh, "characters", "字符")
	}
	return fmt.Sprintf(pick(zh, "the %s holds %s, so a quoted string cannot carry it: %s",
		"%s中有%s，带引号的字符串无法传送它：%s"), field, what, literal)
}

// UnknownHelperError is returned by [Expand] for a line starting with a
// colon that names no helper, so the prompt can try its own meta-commands
// (":help", ":quit", ...).
type UnknownHelperError struct {
	Name string // the word after the colon, as typed
}

// Error names the unknown helper and lists the known ones, in English.
func (e *UnknownHelperError) Error() string { return e.In("en") }

// In is the message in lang: "zh" for Chinese, English otherwise.
func (e *UnknownHelperError) In(lang string) string {
	if isChinese(lang) {
		return fmt.Sprintf("没有“:%s”这个辅助命令（辅助命令有 :b64 :unb64 :plain :cram :apop :login :unmutf7；"+
			"行内写法有 {b64:TEXT} {plain:USER PASS} {mutf7:TEXT}；要发送以冒号开头的行，请在行首写“::”）", e.Name)
	}
	return fmt.Sprintf("unknown helper %q (helpers: :b64 :unb64 :plain :cram :apop :login :unmutf7; "+
		"inline {b64:TEXT} {plain:USER PASS} {mutf7:TEXT}; start a line with \"::\" to send a literal ':')", ":"+e.Name)
}

// Localize returns err with its message in lang ("en", "zh") when it is
// one of the expander's typed errors ([*RefusedError],
// [*UnknownHelperError], [*MUTF7Error]); any other error comes back as it is, in
// English. The result still answers errors.Is and errors.As as err does.
func Localize(err error, lang string) error {
	var l interface{ In(lang string) string }
	if err == nil || !errors.As(err, &l) {
		return err
	}
	return &localized{err: err, text: l.In(lang)}
}

// localized is an error shown in a chosen language.
type localized struct {
	err  error
	text string
}

func (l *localized) Error() string { return l.text }
func (l *localized) Unwrap() error { return l.err }

// isChinese reports whether lang names Chinese ("zh", "zh_CN", ...).
func isChinese(lang string) bool { return strings.HasPrefix(strings.ToLower(lang), "zh") }

// pick returns zh's text when zh is set, else en's.
func pick(zh bool, en, zhText string) string {
	if zh {
		return zhText
	}
	return en
}
