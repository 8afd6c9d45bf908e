package protocol

// chinese holds every Simplified Chinese sentence of the package, written
// for a student: protocol words (EHLO, +OK, base64, ...) stay as they are.
// The tables it points to live in the text_zh_*.go files; every key of
// the English tables has a Chinese value (see TestChineseTablesMatchEnglish).
var chinese = texts{
	classWords:    zhClassWords,
	classSentence: zhClassSentences,
	refs:          zhRefs,
	greetingClass: map[Class]string{
		ClassPositive: "2xx 成功（问候）：服务器已就绪，向你问好；你还什么都没有发",
		ClassOK:       "+OK 成功（问候）：服务器已就绪，向你问好；你还什么都没有发",
	},
	problems:  zhProblems,
	moreLines: "（共 %d 行）",
	clauseSep: "；",

	smtpCodes:     zhSMTPCodes,
	smtpByCommand: zhSMTPByCommand,
	smtpDigits:    zhSMTPDigits,
	smtpNext:      zhSMTPNext,
	smtpInState:   zhSMTPInState,
	smtpWarning:   zhSMTPWarnings,
	malformed: map[Protocol]string{
		SMTP: "这不是 SMTP 响应：响应行应以三位数字的状态码开头，后面是空格（最后一行）或连字符“-”（后面还有行），再接文字",
		POP3: "这不是 POP3 响应：响应应以 +OK 或 -ERR 开头（AUTH 过程中也可能以“+”开头）",
	},

	enhancedClass:   zhEnhancedClasses,
	enhancedSubject: zhEnhancedSubjects,
	enhancedDetail:  zhEnhancedDetails,
	enhancedNote:    zhEnhancedNotes,
	enhancedUnknown: "%s，%s（IANA 登记表里没有这个细分代码）",
	enhancedNoteFmt: "（%s）",

	pop3:         zhPOP3,
	pop3Unknown:  pop3Text{OK: "服务器接受了这条命令", Err: "服务器拒绝了这条命令（命令不认识、参数不对，或当前状态下不允许）"},
	pop3Codes:    zhPOP3Codes,
	pop3Decoded:  "服务器发来一个 SASL 质询，正等你回应：把回应做 base64 编码，写在一行里发出（发 * 可取消）",
	pop3Next:     zhPOP3Next,
	pop3Syntax:   "语法是 %s",
	binaryChalng: "这个质询是二进制数据，不是文本",

	commands: map[Protocol]map[string]commandText{SMTP: zhSMTPCommands, POP3: zhPOP3Commands, IMAP: zhIMAPCommands},
	checks:   zhChecks,
	imap:     zhIMAP,
}

// zhChecks is enChecks in Chinese, with the same keys.
var zhChecks = map[string]string{
	"brackets":  "地址要写在尖括号里：%s（RFC 5321 第 4.1.2 节）；不加尖括号，很多服务器会拒绝",
	"path":      "语法是 %s（RFC 5321 第 4.1.1 节）",
	"too long":  "这一行连同 CRLF 共 %d 字节，超过了 %d 字节的上限（%s）：服务器可能拒绝或截断它",
	"header":    "%s 看起来像邮件头：邮件头属于邮件内容，要在发 DATA、服务器回 354 之后输入；当成命令发出去，服务器可能会挂断",
	"arguments": "%s 缺少参数：语法是 %s",
}

var zhClassWords = map[Class]string{
	ClassMalformed:    "格式错误",
	ClassPositive:     "2xx 成功",
	ClassIntermediate: "3xx 待续",
	ClassTransient:    "4xx 暂时性失败",
	ClassPermanent:    "5xx 永久性失败",
	ClassOK:           "+OK",
	ClassErr:          "-ERR",
	ClassContinue:     "+ 待续",
}

var zhClassSentences = map[Class]string{
	ClassMalformed:    "格式错误：服务器的响应不符合协议语法",
	ClassPositive:     "2xx 成功：服务器已经完成了你要求的操作",
	ClassIntermediate: "3xx 待续（命令尚未完成）：到目前为止一切正常，服务器在等你接着发送",
	ClassTransient:    "4xx 暂时性失败：这次没有成功，同样的命令过一会儿再试可能就行",
	ClassPermanent:    "5xx 永久性失败：操作失败，原样重发还会失败，要先改正",
	ClassOK:           "+OK 成功：命令已执行",
	ClassErr:          "-ERR 失败：命令没有执行",
	ClassContinue:     "+ 待续：服务器在等你的下一条 SASL 回应",
}

var zhProblems = map[problemKind]string{
	probNotReply:               "响应应以三位数字的状态码开头，例如“250 OK”（RFC 5321 第 4.2 节），实际收到的是 %s",
	probContinuationNotReply:   "第 %d 行没有以三位数字的状态码开头，而多行响应的每一行都必须这样（RFC 5321 第 4.2.1 节）",
	probTooManyLines:           "这条响应有 %d 行；只保留了前 %d 行（其余的已读取但丢弃，以免占用过多内存）",
	probCodeMismatch:           "第 %d 行的状态码是 %d，而这条响应开头是 %d；多行响应的每一行必须使用同一个状态码（RFC 5321 第 4.2.1 节）",
	probNoSeparator:            "第 %d 行的状态码 %d 后面既不是空格，也不是连字符“-”（RFC 5321 第 4.2 节）",
	probBadFirstDigit:          "%03d 不是有效的状态码：第一位数字必须是 2、3、4 或 5（RFC 5321 第 4.2.1 节）",
	probBadSecondDigit:         "状态码 %d 不规范：第二位数字应在 0 到 5 之间（RFC 5321 第 4.2 节）",
	probEnhancedMismatch:       "增强状态码 %s 与状态码 %d 的类别不一致（RFC 2034 第 4 节）",
	probBareLF:                 "第 %d 行以单独的 LF 结尾，而不是 CRLF（%s）",
	probNoEnding:               "第 %d 行没有行结束符：连接在这一行中途断开了",
	probTooLong:                "第 %d 行连同 CRLF 共 %d 个字节，超过了 512 字节的上限（%s）",
	probBareCR:                 "第 %d 行里有一个后面没跟 LF 的 CR（单独的 CR）",
	probEmbeddedLF:             "第 %d 行中间含有换行符 LF：分帧之前没有按行切开",
	probPOP3Status:             "行首应当是状态标识 +OK 或 -ERR（RFC 1939 第 3 节），实际收到的是 %s",
	probPOP3StatusCase:         "状态标识 %s 必须大写，应写作 %s（RFC 1939 第 3 节）",
	probPOP3NoSpace:            "状态标识 %s 后面必须是空格或行尾（RFC 1939 第 3 节）",
	probUnexpectedContinuation: "“+”待续响应只能出现在 AUTH 交互过程中（RFC 5034 第 4 节）",
	probUnstuffed:              "正文第 %d 行以单个“.”开头：服务器本应把它写成两个点（点填充，即 dot-stuffing；RFC 1939 第 3 节）",
}
