package i18n

// chinese is the interface in Simplified Chinese. Labels end in a
// full-width colon, which needs no space after it.
var chinese = map[Key]string{
	Connected:         "已连接到 %s",
	ConnectionLost:    "连接中断：",
	ClosedByServer:    "-- 服务器关闭了连接",
	ClosedByMailtutor: "-- mailtutor 关闭了连接",
	ClosedOther:       "-- 连接已结束：%s",
	PressEnter:        "（按 Enter 离开）",
	ErrorLabel:        "错误：",
	RFCRef:            "（%s）",
	DecodedLabel:      "解码结果：",
	ProblemLabel:      "协议问题：",
	WarningLabel:      "注意：",
	NextLabel:         "下一步：",
	TLSLabel:          "TLS：",
	TLSCertificate:    "证书：        %s",
	TLSIssuer:         "签发者：      %s",
	TLSNames:          "适用的主机名：%s",
	TLSValid:          "有效期：      %s 至 %s",
	TLSFingerprint:    "指纹：        %s（SHA-256）",
	TLSVerified:       "已验证：证书链可信，证书属于 %s",
	TLSNotVerified:    "未验证（--insecure）：",

	MetaHelp: `提示符命令（不会发给服务器）：
  :help [命令]       讲解一条命令（语法、含义、使用时机、RFC）；不带参数时列出全部命令
  :help 状态码       讲解响应状态码或扩展关键字：:help 550、:help 5.7.1、:help -ERR [IN-USE]、:help ETRN
  :helpers           凭据辅助命令，以及行内写法 {b64:...}
  :b64 TEXT          把 TEXT 做 base64 编码后发送
  :unb64 TEXT        只显示 TEXT 的 base64 解码结果，不发送
  :plain USER PASS   发送 AUTH PLAIN（RFC 4616）；PLAIN 交换已开始时只发送回应
  :cram USER PASS    回应当前的 CRAM-MD5 质询（RFC 2195）
  :apop USER PASS    发送带摘要的 APOP（POP3）
  :login USER PASS   发送 IMAP LOGIN，按需加引号
  :unmutf7 TEXT      只显示文件夹名（修改版 UTF-7）的解码结果，不发送
  :append 邮箱 文件  用 IMAP APPEND 把邮件文件存进邮箱，字面量的字节数替你算好
  ::text             原样发送“:text”
  :status            查看连接、TLS 和服务器公布的扩展
  :cert              查看服务器发来的证书链（如同 openssl s_client -showcerts）
  :save FILE         把到目前为止的会话保存为会话记录文件
  :quit              离开（也可以按 Ctrl-D；QUIT 会先跟服务器道别）
  :connect 服务      在练习服务器上切换到它的另一项服务（:connect pop3）
按键：Tab 补全，Ctrl-R 搜索历史，Ctrl-C 清空当前行。`,
	HelpCommandList:   "%s 命令（:help 命令名 查看详情）：",
	HelpObsolete:      "（已废弃）",
	HelpOtherProtocol: "（%s 是 %s 命令，不是 %s 命令）",
	HelpNoCommand:     "%s 里没有“%s”这条命令；:help 会列出全部命令",
	HelpTitle:         "%s（%s，%s）",
	HelpSyntax:        "  语法：%s",
	HelpMeaning:       "  含义：%s",
	HelpWhen:          "  时机：%s",
	HelpObsoleteNote:  "  说明：已废弃；大多数服务器会以 502（命令未实现）响应",
	CtrlCHint:         "（Ctrl-C 清空当前行；Ctrl-D 或 QUIT 离开）",
	StatusServer:      "服务器：%s",
	StatusTLS:         "TLS：   %s，%s，%s",
	StatusNoTLS:       "TLS：   无（明文传输：路径上的任何人都能看到内容）",
	StatusExtensions:  "扩展：  %s",
	StatusAwaiting:    "等待响应的命令：%d 条",
	StatusLab:         "练习服务器：%s",

	TagNote: "（%s 是标签：服务器会在完成这条命令的那一行响应里带上它，这样每个响应都能对上它的命令。" +
		"mailtutor 替你按 a1、a2…… 给命令编号；你也可以自己先写标签，例如 x1 NOOP，这一行就按你输入的原样发送。）",
	LiteralTooLong: "未发送：这一行 %d 字节，连同 CRLF 共 %d 字节，但字面量只剩 %d 字节。" +
		"请输入不超过 %d 字节的一行（CRLF 算 2 字节），或者正好 %d 字节，让字面量和命令行一起结束。",
	LiteralOneLeft: "未发送：这一行 %d 字节，但字面量只剩 1 字节：请正好输入 1 字节，它后面的 CRLF 会结束命令行。",
	LiteralWaiting: "未发送：服务器还没有同意接收字面量（还没回“+”）。请等它的“+”，或者它的拒绝。",
	LiteralDone:    "（字面量已经发完：mailtutor 替你发送了结束命令行的 CRLF）",
	LiteralSkipped: "服务器没有接收字面量：脚本接下来的 %d 字节（字面量的内容）被跳过",
	AppendUsage:    "用法：:append 邮箱 文件  （用 APPEND 把文件作为一封新邮件存进这个邮箱；名字里有空格就加引号，例如 :append \"My mail\" note.eml）",
	AppendNotHere:  ":append 用 IMAP 的 APPEND 存邮件；%s 没有这条命令",
	AppendBusy:     ":append 要在命令提示符下用：请先发完字面量、结束 SASL 交换或者结束 IDLE",
	AppendMailbox:  "文件夹名“%s”里有换行或 NUL，没法放进引号里发送",
	AppendRead:     "读不了 %s：%v",
	AppendEmpty:    "%s 是空的：没有可以存入的邮件",
	AppendNUL:      "%s 第 %d 行有 NUL 字节，字面量里不允许出现它（RFC 9051 第 4.3 节）",
	AppendBareCR:   "%s 第 %d 行有一个后面没有 LF 的 CR：mailtutor 按行发送邮件文件，没法发送它",
	AppendSent:     "（已把 %s 作为字面量发出：%d 行，%d 字节，行尾为 CRLF）",

	LabWelcomeSMTP: `欢迎来到 mailtutor 练习服务器：SMTP 邮件提交服务（submission）在 %s
账户：student/secret123、teacher/teach456，域名 example.test。
一行一行地试：
  EHLO me.example.test
  AUTH LOGIN          然后输入  :b64 student   和  :b64 secret123
  MAIL FROM:<student@example.test>
  RCPT TO:<teacher@example.test>
  DATA                然后输入邮件内容，最后单独一行“.”结束
  QUIT
:help 列出全部命令，:help MAIL 讲解其中一条。Tab 可以补全。收信试试：:connect pop3（或 :connect imap）。`,
	LabWelcomePOP3: `欢迎来到 mailtutor 练习服务器：POP3 在 %s（账户 student/secret123、teacher/teach456）。
试试：USER student，然后 PASS secret123，再 STAT、LIST、RETR 1、QUIT
      （或者 :apop student secret123）。:help 列出全部命令。`,
	LabWelcomeIMAP: `欢迎来到 mailtutor 练习服务器：IMAP 在 %s（账户 student/secret123、teacher/teach456）。
输入命令时不必写标签，提示符会自动在前面加上（a1、a2……）。试试：
  LOGIN student secret123
  LIST "" "*"
  SELECT INBOX
  FETCH 1:* (FLAGS ENVELOPE)
  IDLE        这期间送到本练习服务器的邮件会显示为“* 2 EXISTS”；输入 DONE 结束
  LOGOUT
:help 列出全部命令，:status 列出本练习服务器的每个端口。`,
	LabStopHint: "按 Ctrl-C 停止练习服务器。",
	LabStopped:  "练习服务器已停止",
	RecordingTo: "正在录制到 %s（包括之前的全部内容，以及之后的每一步）",

	PlaintextConfirm:  "仍要以明文发送吗？[y/N] ",
	PlaintextNotSent:  "没有发送",
	WarnTLSMin:        "注意：--tls-min %s：TLS 1.0 和 1.1 已经废弃，加密很弱（RFC 8996）；只在必须连接旧服务器时使用",
	WarnPlaintextAuth: "注意：--allow-plaintext-auth：密码可能以明文在网络上传输，路径上的任何人都能读到",
	WarnLessonSecrets: "注意：%s 里有 %d 个以明文保存的凭据（--keep-secrets）：课程里改用辅助命令（{user}、{pass}）代替；lesson make --keep-secrets 会保留它们",
	WarnLessonKept:    "注意：%s 里有 %d 个以明文保存的凭据（--keep-secrets）：已按要求保留在课程里；分享时请小心",
}
