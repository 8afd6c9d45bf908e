package i18n

func init() {
	for k, v := range labEnglish {
		english[k] = v
	}
	for k, v := range labChinese {
		chinese[k] = v
	}
}

// labEnglish holds the English texts of keys_lab.go.
var labEnglish = map[Key]string{
	LabTitle:          "mailtutor lab %s for @%s (%s)",
	LabStorageTemp:    "mail is kept in a temporary directory removed at exit",
	LabStorageDir:     "mailboxes are kept in %s",
	LabAccounts:       "accounts (log in with or without @%s): ",
	LabFingerprint:    "TLS certificate SHA-256 %s (trust it with --ca)",
	LabLoopbackOnly:   "loopback only: nothing outside this machine can reach the lab",
	LabExposed:        "!!! WARNING: the lab listens on %s and is REACHABLE FROM THE NETWORK; its accounts and passwords are public, use 127.0.0.1 unless you mean it !!!",
	LabAddresses:      "other machines reach this lab at: %s (its certificate names them all)",
	LabNoteMX:         "MX: mail for @%s, no AUTH, relays nothing",
	LabNoteSubmission: "submission: AUTH PLAIN/LOGIN/CRAM-MD5 before MAIL, STARTTLS offered",
	LabNoteSubmitTLS:  "submission over implicit TLS, AUTH before MAIL",
	LabNotePOP3:       "POP3: USER/PASS, APOP, AUTH; STLS offered",
	LabNotePOP3TLS:    "POP3 over implicit TLS",
	LabNoteIMAP:       "IMAP: LOGIN, AUTHENTICATE; STARTTLS offered; same mailboxes as POP3",
	LabNoteIMAPTLS:    "IMAP over implicit TLS",
}

// labChinese holds the Chinese texts of keys_lab.go.
var labChinese = map[Key]string{
	LabTitle:          "mailtutor 练习服务器 %s，接收发往 @%s 的邮件（%s）",
	LabStorageTemp:    "邮件保存在临时目录里，退出时删除",
	LabStorageDir:     "邮箱保存在 %s",
	LabAccounts:       "账号（登录时可以带 @%s，也可以不带）：",
	LabFingerprint:    "TLS 证书的 SHA-256 指纹：%s（用 --ca 信任它）",
	LabLoopbackOnly:   "只监听本机回环地址：本机以外的机器无法访问练习服务器",
	LabExposed:        "!!! 警告：练习服务器监听在 %s，网络上的其他机器都能访问它；它的账号和密码是公开的，除非确有此意，请改用 127.0.0.1 !!!",
	LabAddresses:      "其他机器可以用这些地址访问练习服务器：%s（证书对这些地址都有效）",
	LabNoteMX:         "收信服务器（MX）：只收发往 @%s 的邮件，不需要认证，不做中继",
	LabNoteSubmission: "邮件提交服务：MAIL 之前先认证（PLAIN、LOGIN、CRAM-MD5），提供 STARTTLS",
	LabNoteSubmitTLS:  "隐式 TLS 上的邮件提交服务，MAIL 之前先认证",
	LabNotePOP3:       "POP3：USER/PASS、APOP、AUTH，提供 STLS",
	LabNotePOP3TLS:    "隐式 TLS 上的 POP3",
	LabNoteIMAP:       "IMAP：LOGIN、AUTHENTICATE，提供 STARTTLS；和 POP3 共用同一批邮箱",
	LabNoteIMAPTLS:    "隐式 TLS 上的 IMAP",
}
