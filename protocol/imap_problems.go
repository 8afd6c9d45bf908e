package protocol

import "fmt"

// The protocol violations the IMAP framer reports, after the SMTP and POP3
// ones (problems.go); their texts are added to the language tables below.
const (
	probIMAPNotResponse problemKind = iota + 100
	probIMAPGreeting
	probIMAPTagNeverSent
	probIMAPContSpace
	probIMAPContUnasked
	probIMAPCodeOpen
	probIMAPLiteralSize
	probIMAPLiteralNonSync
	probIMAPLiteralNUL
	probIMAPQuoteOpen
	probIMAPLineCut
	probIMAPTooMuch
)

// MaxIMAPResponseLines and MaxIMAPResponseBytes bound what the IMAP framer
// holds of one response between two Drains: a hostile server could send
// one response forever (literal after literal). Past either bound, lines
// are read and counted but not kept, and a problem says so. A caller that
// drains as the session does never reaches them.
const (
	MaxIMAPResponseLines = 1 << 16
	MaxIMAPResponseBytes = 32 << 20
)

// maxIMAPLineBytes bounds one line inside a literal, as the session's line
// reader bounds the others (session.MaxLineBytes): a longer one is cut.
const maxIMAPLineBytes = 64 << 10

var enIMAPProblems = map[problemKind]string{
	probIMAPNotResponse:    "expected a response starting with a tag, \"*\" or \"+\" (RFC 9051 2.2.2), but got %s",
	probIMAPGreeting:       "the first response should be the greeting, \"* OK\", \"* PREAUTH\" or \"* BYE\" (RFC 9051 7.1), but got %s",
	probIMAPTagNeverSent:   "a tagged response for a tag never sent: %s",
	probIMAPContSpace:      "a continuation request is \"+\" followed by a space (RFC 9051 7.5)",
	probIMAPContUnasked:    "a continuation request \"+\" while no command waits for one: no literal, AUTHENTICATE or IDLE is pending (RFC 9051 7.5)",
	probIMAPCodeOpen:       "the response code has no closing \"]\" (RFC 9051 7.1)",
	probIMAPLiteralSize:    "the literal size %s is too large to count; the bytes that follow are read as lines (RFC 9051 4.3)",
	probIMAPLiteralNonSync: "a server never sends a non-synchronizing literal {n+}; it was read as a literal of %d bytes (RFC 7888 3)",
	probIMAPLiteralNUL:     "a literal {n} holds a NUL byte; only a binary literal ~{n} may (RFC 9051 4.3, RFC 3516 4.2)",
	probIMAPQuoteOpen:      "line %d ends inside a quoted string (RFC 9051 4.3)",
	probIMAPLineCut:        "line %d of the response is longer than %d bytes; only its start was kept, to keep memory bounded",
	probIMAPTooMuch:        "the response grew past %d lines or %d bytes not yet shown; the rest was read but not kept, to keep memory bounded",
}

var zhIMAPProblems = map[problemKind]string{
	probIMAPNotResponse:    "响应应以标签、“*”或“+”开头（RFC 9051 第 2.2.2 节），实际收到的是 %s",
	probIMAPGreeting:       "第一条响应应当是问候：“* OK”、“* PREAUTH”或“* BYE”（RFC 9051 第 7.1 节），实际收到的是 %s",
	probIMAPTagNeverSent:   "收到一条带标签响应，但从没发送过这个标签的命令：%s",
	probIMAPContSpace:      "继续请求是“+”后面跟一个空格（RFC 9051 第 7.5 节）",
	probIMAPContUnasked:    "收到继续请求“+”，但没有命令在等它：没有待发送的字面量，也没有进行中的 AUTHENTICATE 或 IDLE（RFC 9051 第 7.5 节）",
	probIMAPCodeOpen:       "响应代码缺少右方括号“]”（RFC 9051 第 7.1 节）",
	probIMAPLiteralSize:    "字面量长度 %s 太大，无法计数；后面的字节将按行读取（RFC 9051 第 4.3 节）",
	probIMAPLiteralNonSync: "服务器不应发送非同步字面量 {n+}；已按 %d 字节的字面量读取（RFC 7888 第 3 节）",
	probIMAPLiteralNUL:     "字面量 {n} 中含有 NUL 字节；只有二进制字面量 ~{n} 才允许（RFC 9051 第 4.3 节；RFC 3516 第 4.2 节）",
	probIMAPQuoteOpen:      "第 %d 行在带引号的字符串中间结束（RFC 9051 第 4.3 节）",
	probIMAPLineCut:        "响应的第 %d 行超过 %d 字节；只保留了开头部分，以免占用过多内存",
	probIMAPTooMuch:        "这条响应尚未显示的部分超过 %d 行或 %d 字节；后面的内容已读取但没有保留，以免占用过多内存",
}

// imapLineKinds are the IMAP problems that repeat on many lines of one
// response; they are reported once, with a count.
var imapLineKinds = []problemKind{probIMAPQuoteOpen, probIMAPLineCut, probIMAPTooMuch, probIMAPLiteralNUL}

func init() {
	addTexts(english.problems, enIMAPProblems)
	addTexts(chinese.problems, zhIMAPProblems)
	addTexts(english.checks, enIMAPChecks)
	addTexts(chinese.checks, zhIMAPChecks)
	for _, k := range imapLineKinds {
		lineKinds[k] = true
	}
	crlfRule[IMAP] = "RFC 9051 2.2"
	lengthRule[IMAP] = "RFC 9051 4"
}

// addTexts adds a dialect's sentences to a language table; a key already
// there is a programming error.
func addTexts[K comparable](dst, src map[K]string) {
	for k, v := range src {
		if _, dup := dst[k]; dup {
			panic(fmt.Sprintf("protocol: text %v defined twice", k))
		}
		dst[k] = v
	}
}
