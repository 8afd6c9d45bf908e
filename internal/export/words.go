package export

import "github.com/mailtutor/mailtutor/protocol"

// words are the handout's own words (its labels, the legend, how the
// connection was protected), in one language; the explanations of the
// replies come from the protocol package in the same language.
type words struct {
	HTMLLang, Kicker, Protocol, Server, Recorded, Steps, In, RecordedWith string
	LegendMD, LegendClient, LegendServer                                  string
	Lesson, EmptyBody, EmptyLine, DataNote, DataNoteHTML                  string
	EnhancedCode, Decodes, ProtocolProblem, Next                          string
	Note, Type, Hint, Notice, Footer                                      string
	ClientLabel, ServerLabel, DataLabel, TLSLabel, ClosedLabel            string
	TLSNoDetails, Certificate, IssuedBy, Names, Valid, To, CheckedFor     string
	VerifiedFor, Verified, NotVerified                                    string
	Implicit, PlainThenTLS, PlainNoTLS, PlainUpgraded, SessionWith        string
	Hidden, User, Password, SASLResponse, SASLInitial, APOPDigest, Secret string
	Colon                                                                 string // after a label: ":" or "："
}

var english = &words{
	HTMLLang: "en", Kicker: "mailtutor transcript", Protocol: "Protocol", Server: "Server", Recorded: "Recorded",
	Steps: "Steps", In: " in ", RecordedWith: "Recorded with",
	LegendMD:     "**C:** what the client sent · **S:** what the server answered, with what it means underneath (quoted) · <sub>+s</sub> seconds since the start",
	LegendClient: "the client: what was typed, on the left", LegendServer: "the server: its replies on the right, each explained underneath",
	Lesson: "Lesson", EmptyBody: "(empty body)", EmptyLine: "(empty line)",
	DataNote:     `Sent line by line with CRLF; a line starting with "." gets one more; a line holding only "." ends it.`,
	DataNoteHTML: "Sent line by line with CRLF; a line starting with “.” gets one more; a line holding only “.” ends the body.",
	EnhancedCode: "enhanced code", Decodes: "the challenge decodes to", ProtocolProblem: "protocol problem", Next: "next",
	Note: "Note", Type: "Type", Hint: "Hint", Notice: "Notice",
	Footer:      "Made with mailtutor. Secrets in the session are never shown: each is replaced by a mark saying what it was.",
	ClientLabel: "client", ServerLabel: "server", DataLabel: "message body (DATA)", TLSLabel: "TLS handshake", ClosedLabel: "connection closed",
	TLSNoDetails: "TLS (no details recorded)", Certificate: "certificate", IssuedBy: "issued by", Names: "names", Valid: "valid", To: " to ",
	CheckedFor: "checked for", VerifiedFor: "verified: the chain is trusted and the certificate is for ", Verified: "verified: the chain is trusted",
	NotVerified: "NOT verified (accepted with --insecure): ",
	Implicit:    "TLS from the first byte (implicit TLS)", PlainThenTLS: "plain text, then TLS from step %d on%s",
	PlainNoTLS: "plain text (no TLS)", PlainUpgraded: "plain text, upgraded to TLS", SessionWith: "%s session with %s",
	Hidden: "hidden: ", User: "user name", Password: "password", SASLResponse: "SASL response", SASLInitial: "SASL initial response",
	APOPDigest: "APOP digest", Secret: "credential", Colon: ":",
}

var chinese = &words{
	HTMLLang: "zh-Hans", Kicker: "mailtutor 会话记录", Protocol: "协议", Server: "服务器", Recorded: "录制时间",
	Steps: "步数", In: "，用时 ", RecordedWith: "录制工具",
	LegendMD:     "**C:** 客户端发送的内容 · **S:** 服务器的响应，下方（引用部分）是它的含义 · <sub>+s</sub> 从开始算起的秒数",
	LegendClient: "客户端：输入的内容，在左边", LegendServer: "服务器：它的响应在右边，每条下面都有讲解",
	Lesson: "课程", EmptyBody: "（空正文）", EmptyLine: "（空行）",
	DataNote:     "逐行发送，行尾为 CRLF；以“.”开头的行会再加一个“.”；只有一个“.”的行表示正文结束。",
	DataNoteHTML: "逐行发送，行尾为 CRLF；以“.”开头的行会再加一个“.”；只有一个“.”的行表示正文结束。",
	EnhancedCode: "增强状态码", Decodes: "质询解码后是", ProtocolProblem: "协议问题", Next: "下一步",
	Note: "备注", Type: "输入", Hint: "提示", Notice: "注意",
	Footer:      "由 mailtutor 生成。会话中的机密从不显示：每一处都换成了说明其种类的标记。",
	ClientLabel: "客户端", ServerLabel: "服务器", DataLabel: "邮件正文（DATA）", TLSLabel: "TLS 握手", ClosedLabel: "连接关闭",
	TLSNoDetails: "TLS（未记录详细信息）", Certificate: "证书", IssuedBy: "签发者", Names: "适用的主机名", Valid: "有效期", To: " 至 ",
	CheckedFor: "验证的主机名", VerifiedFor: "已验证：证书链可信，证书属于 ", Verified: "已验证：证书链可信",
	NotVerified: "未验证（因 --insecure 而接受）：",
	Implicit:    "从第一个字节起就是 TLS（隐式 TLS）", PlainThenTLS: "先是明文，从第 %d 步起改用 TLS%s",
	PlainNoTLS: "明文（没有 TLS）", PlainUpgraded: "明文，之后升级为 TLS", SessionWith: "与 %[2]s 的 %[1]s 会话",
	Hidden: "已隐藏：", User: "用户名", Password: "密码", SASLResponse: "SASL 回应", SASLInitial: "SASL 初始回应",
	APOPDigest: "APOP 摘要", Secret: "凭据", Colon: "：",
}

// wordsIn are the handout's words in lang, English for a language the
// handout does not speak.
func wordsIn(lang protocol.Lang) *words {
	if lang == protocol.Chinese {
		return chinese
	}
	return english
}
