package i18n

// The Chinese help of the flags of "mailtutor lab" for a class (limits,
// log, class accounts, recordings) and of "mailtutor lab report", keyed by
// their English text as FlagUsage wants.
func init() {
	for en, zh := range labFlagsChinese {
		flagsChinese[en] = zh
	}
}

var labFlagsChinese = map[string]string{
	"cut a client silent for so long (Postfix's smtpd_timeout is 300s)":                                                            "客户端沉默这么久就断开（Postfix 的 smtpd_timeout 是 300s）",
	"connections one client address may hold; more are told so and closed":                                                         "一个客户端地址最多同时保持的连接数；超出的连接会收到说明后被关闭",
	"connections over all services (default 1000, or half the file descriptor limit)":                                              "所有服务加起来的连接数上限（默认 1000，或文件描述符上限的一半）",
	"failed logins of a client address before each further try waits":                                                              "同一客户端地址认证失败多少次之后，每次再尝试都要等待",
	"the first wait after the free failed logins; it doubles per failure":                                                          "免等的失败次数用完后第一次等待的时长；之后每失败一次加倍",
	"the longest wait before a login try":                                                                                          "一次登录尝试之前最长的等待",
	"time without a failed login after which an address starts afresh":                                                             "一个地址多久没有认证失败，就重新开始计数",
	"SMTP errors after which every reply waits -error-sleep (Postfix's smtpd_soft_error_limit)":                                    "SMTP 错误达到这个次数后，每条响应之前都等待 -error-sleep（Postfix 的 smtpd_soft_error_limit）",
	"SMTP errors after which the lab says 421 and hangs up (smtpd_hard_error_limit)":                                               "SMTP 错误达到这个次数后，练习服务器回应 421 并断开（smtpd_hard_error_limit）",
	"the wait of -smtp-soft-errors (smtpd_error_sleep_time)":                                                                       "-smtp-soft-errors 之后每次的等待（smtpd_error_sleep_time）",
	"POP3 and IMAP errors after which the lab hangs up":                                                                            "POP3 和 IMAP 错误达到这个次数后，练习服务器断开连接",
	"comma-separated `CIDRs` whose SMTP clients may end lines with a bare LF (default: loopback; others get 550 5.5.2)":            "用逗号分隔的 CIDRs：来自这些网络的 SMTP 客户端可以用单独的 LF 结束一行（默认：本机回环地址；其他客户端会收到 550 5.5.2）",
	"append the instructor's log (connections, logins, messages, limits) to `FILE`, mode 0600 (default: standard error)":           "把教师日志（连接、登录、邮件、触发的限制）追加到 FILE，权限 0600（默认：标准错误）",
	"make `N` student accounts student01...studentNN with random passwords, in place of the practice accounts":                     "生成 N 个学生账号 student01…studentNN，密码随机，取代练习账号",
	"where --class keeps the accounts, readable by you only (default: class-accounts.txt in --dir, else in the current directory)": "--class 生成的账号保存在哪里，只有你能读（默认：--dir 里的 class-accounts.txt，没有 --dir 时放在当前目录）",
	"record every session served as a transcript in `DIR`/<user>/ (secrets redacted)":                                              "把练习服务器的每个会话保存为会话记录，放在 DIR/<用户名>/ 下（机密已隐去）",
	"CSV for a grade book (header row, one row per student, RFC 4180)":                                                             "输出 CSV，便于导入成绩册（第一行是表头，每位学生一行，RFC 4180）",
	"a users `FILE` (class-accounts.txt): a row for each of its accounts, those without a recording too":                           "账号文件 FILE（class-accounts.txt）：每个账号一行，没有会话记录的账号也列出",
	"language of the table: en or zh (default from LC_ALL / LANG)":                                                                 "表格所用的语言：en 或 zh（默认取自 LC_ALL / LANG）",
}
