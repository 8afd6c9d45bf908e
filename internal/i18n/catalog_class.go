package i18n

// englishClass holds the English texts of keys_class.go.
var englishClass = map[Key]string{
	ClassAccountsMade:  "made %d class accounts; their passwords are in %s (only you can read it): hand each student their own line",
	ClassAccountsKept:  "%d class accounts from %s, with the same passwords as before",
	ClassAccountsShort: "accounts (log in with or without @%s): %d, passwords in %s",
	ClassRecording:     "recording every session to %s (one directory per user, passwords redacted)",
	ClassReportUsage:   "Usage: mailtutor lab report DIR [--csv] [--accounts FILE] [--lang en|zh]\n  what each student did, read from the recordings of mailtutor lab --record-dir DIR",
	ClassReportNone:    "no recordings in %s",
	ClassReportBroken:  "%s: skipped: %v",
	ClassColStudent:    "student",
	ClassColSessions:   "sessions",
	ClassColLogin:      "logged in",
	ClassColTLS:        "TLS",
	ClassColSent:       "sent",
	ClassColSubject:    "with Subject",
	ClassColPOP3:       "POP3 fetched",
	ClassColIMAP:       "IMAP fetched",
	ClassColFirst:      "first (UTC)",
	ClassColLast:       "last (UTC)",
	ClassImplicit:      "implicit",
	ClassTotal:         "%d students, %d sessions",
	ClassExposed:       "!!! the lab listens on %s and is REACHABLE FROM THE NETWORK: students log in with their class accounts, and a password crosses only over TLS (STARTTLS, STLS or implicit TLS); let them compare the certificate's SHA-256 above with what their client shows !!!",
}

// chineseClass holds the Chinese texts of keys_class.go.
var chineseClass = map[Key]string{
	ClassAccountsMade:  "已生成 %d 个学生账号，密码保存在 %s（只有你能读取）：把每位学生自己的那一行发给他们",
	ClassAccountsKept:  "沿用 %d 个学生账号（来自 %s），密码和上次相同",
	ClassAccountsShort: "账号（登录时可以带 @%s，也可以不带）：%d 个，密码保存在 %s",
	ClassRecording:     "每个会话都记录到 %s（每个用户一个目录，密码已隐去）",
	ClassReportUsage:   "用法：mailtutor lab report DIR [--csv] [--accounts FILE] [--lang en|zh]\n  根据 mailtutor lab --record-dir DIR 保存的会话记录，列出每位学生完成了什么",
	ClassReportNone:    "%s 里没有会话记录",
	ClassReportBroken:  "%s：已跳过：%v",
	ClassColStudent:    "学生",
	ClassColSessions:   "会话数",
	ClassColLogin:      "已登录",
	ClassColTLS:        "TLS",
	ClassColSent:       "已发送",
	ClassColSubject:    "带 Subject",
	ClassColPOP3:       "POP3 收取",
	ClassColIMAP:       "IMAP 收取",
	ClassColFirst:      "最早（UTC）",
	ClassColLast:       "最晚（UTC）",
	ClassImplicit:      "隐式",
	ClassTotal:         "%d 位学生，%d 个会话",
	ClassExposed:       "!!! 练习服务器监听在 %s，网络上的其他机器都能访问它：学生用自己的学生账号登录，密码只在 TLS 之上传输（STARTTLS、STLS 或隐式 TLS）；请学生把客户端显示的证书指纹和上面的 SHA-256 指纹比对一下 !!!",
}
