package i18n

// FlagUsage returns the help text of a command-line flag in lang, given
// its English text as the flag was registered (backquoted placeholder
// names such as `FILE` included). The English text is the key, so a flag
// registered once keeps one source; a text changed in English loses its
// Chinese until this table follows, which cmd/mailtutor's test of every
// subcommand's flags reports. ok is false when lang is Chinese and the
// table has no entry; English always comes back as it was given.
func FlagUsage(lang Lang, english string) (text string, ok bool) {
	if Resolve(lang) != Chinese {
		return english, true
	}
	zh, ok := flagsChinese[english]
	if !ok {
		return english, false
	}
	return zh, true
}

// flagsChinese holds the Chinese help of every flag of every subcommand,
// keyed by its English text. Placeholders (FILE, URL) are written as the
// synopsis writes them.
var flagsChinese = map[string]string{
	"plain text, no colour (NO_COLOR in the environment does the same)": "纯文本，不用颜色（设置环境变量 NO_COLOR 效果相同）",
	"no colours": "不用颜色",
	"language: en or zh (default from LC_ALL / LANG)":                                                                             "界面语言：en 或 zh（默认取自 LC_ALL / LANG）",
	"language of the explanations: en or zh (default from LC_ALL / LANG)":                                                         "解释所用的语言：en 或 zh（默认取自 LC_ALL / LANG）",
	"language of the messages: en or zh (default from LC_ALL / LANG)":                                                             "消息所用的语言：en 或 zh（默认取自 LC_ALL / LANG）",
	"language of the run: en or zh":                                                                                               "运行时所用的语言：en 或 zh",
	"longest time one reply may take from its first byte to its end (--timeout is the longest silence)":                           "一个响应从第一个字节到结束最多可用的时间（--timeout 是最长的静默时间）",
	"largest reply accepted, `SIZE` such as 1GiB, 500MiB, 64KiB or bytes":                                                         "接受的最大响应，SIZE 可以写成 1GiB、500MiB、64KiB 或字节数",
	"oldest TLS `VERSION` accepted: 1.0, 1.1, 1.2 or 1.3 (default 1.2; lower only for an old server you must reach)":              "接受的最低 TLS 版本 VERSION：1.0、1.1、1.2 或 1.3（默认 1.2；只有必须连接老旧的服务器时才调低）",
	"send credentials in clear after a refused STARTTLS, or to a server that is not on this machine, without asking":              "STARTTLS 被拒绝之后，或者服务器不在本机上时，不经询问就以明文发送凭据",
	"output `FORMAT`: md (Markdown) or html":                                                                                      "输出格式 FORMAT：md（Markdown）或 html",
	"write to `OUT` instead of standard output":                                                                                   "写到文件 OUT，而不是标准输出",
	"write the lesson to `FILE` (default: standard output)":                                                                       "把课程写到文件 FILE（默认：标准输出）",
	"keep the credentials a --keep-secrets transcript holds in clear (default: helpers in their place)":                           "保留 --keep-secrets 会话记录中的明文凭据（默认：换成辅助命令）",
	"the URL's host is a mail domain: try its MX hosts in order, then its own address (as mx:example.com)":                        "URL 中的主机是一个邮件域名：依次尝试它的 MX 主机，最后尝试它自己的地址（与 mx:example.com 相同）",
	"say hello (EHLO, CAPA, CAPABILITY) and start TLS (STARTTLS, STLS) for me, shown, then hand over; stop if the server refuses": "替你打招呼（EHLO、CAPA、CAPABILITY）并开启 TLS（STARTTLS、STLS），过程照常显示，然后交给你；服务器拒绝时就停下",
	"a client certificate `FILE` (PEM) to send when the server asks for one; needs --key":                                         "服务器要求时发送的客户端证书文件 FILE（PEM）；需要同时给出 --key",
	"resolve names and MX records with the DNS server at `HOST:PORT` instead of the system's":                                     "用 HOST:PORT 上的 DNS 服务器解析主机名和 MX 记录，而不用系统的",
	"the `NAME` in the EHLO that --starttls sends (default: this machine's name); alone, send that EHLO and hand over":            "--starttls 发送的 EHLO 中的名字 NAME（默认：本机的名字）；单独使用时，发出这条 EHLO 后交给你",
	"the private key `FILE` (PEM) of --cert":                                                                                      "--cert 证书的私钥文件 FILE（PEM）",
	"the server `NAME` sent in the TLS handshake (SNI) and checked against the certificate (default: the URL's host)":             "TLS 握手时发送（SNI）并用来核对证书的服务器名 NAME（默认：URL 中的主机）",
	"accept a certificate that does not verify (still shown)":                                                                     "接受验证不通过的证书（仍会显示）",
	"accept a certificate that does not verify":                                                                                   "接受验证不通过的证书",
	"do not fail on a certificate that does not verify (shown with a warning)":                                                    "证书验证不通过时不中止（会显示警告）",
	"do not fail on a server certificate that does not verify (shown with a warning)":                                             "服务器证书验证不通过时不中止（会显示警告）",
	"with --against: do not fail on a certificate that does not verify":                                                           "配合 --against：证书验证不通过时不中止",
	"store passwords and AUTH responses in the transcript instead of redacting them":                                              "把密码和 AUTH 回应原样存进会话记录，不做遮盖",
	"store passwords and AUTH responses in transcripts instead of redacting them":                                                 "把密码和 AUTH 回应原样存进会话记录，不做遮盖",
	"show the whole transcript at once (always so when input is not a terminal)":                                                  "一次显示整份会话记录（输入不是终端时总是如此）",
	"no server: the replies recorded in the lesson answer":                                                                        "不连服务器：由课程里录好的响应代替服务器",
	"let --record and :save replace an existing file":                                                                             "允许 --record 和 :save 覆盖已有的文件",
	"let --record replace an existing file":                                                                                       "允许 --record 覆盖已有的文件",
	"show CR, LF and non-printable bytes of what crosses the wire":                                                                "显示线路上传输内容中的 CR、LF 和不可打印的字节",
	"show CR, LF and non-printable bytes":                                                                                         "显示 CR、LF 和不可打印的字节",
	"start from the first step, ignoring saved progress":                                                                          "从第一步开始，不管保存的进度",
	"with --against: a changed reply text is a mismatch too":                                                                      "配合 --against：响应的文字变了也算不一致",
	"show only the class of each reply, no explanations":                                                                          "只显示每个响应的类别，不加解释",
	"start the practice lab in this process and connect to one of its services":                                                   "在本进程中启动练习服务器，并连接到它的某个服务",
	"wait so long before relaying each reply of the server":                                                                       "每转发一个服务器的响应之前，先等这么久",
	"cut a connection on which neither side sent anything for so long":                                                            "双方都这么久没有发送任何内容时，切断连接",
	"connect and reply timeout":                                                                                                   "连接和等待响应的超时时间",
	"how long to wait for the connection and for each reply":                                                                      "等待连接建立和每个响应的最长时间",
	"how long to wait for the server's connection and TLS handshakes":                                                             "等待与服务器建立连接和完成 TLS 握手的最长时间",
	"with --against: how long to wait for the connection and for each reply":                                                      "配合 --against：等待连接建立和每个响应的最长时间",
	"play at the recorded pace, N times as fast (2 = twice as fast)":                                                              "按录制时的节奏播放，速度为 N 倍（2 即两倍速）",
	"run on `URL` instead of a fresh lab, as for a lesson (repeatable)":                                                           "在 URL 上运行，而不是在新启动的练习服务器上，用法与学习课程时相同（可重复）",
	"run on `URL` instead of the lab: every service of its protocol; name=URL for one service (repeatable)":                       "在 URL 上运行，而不是在练习服务器上：用于该协议的所有服务；name=URL 只用于一个服务（可重复）",
	"the largest message accepted, in `BYTES` (announced as SIZE)":                                                                "接受的最大邮件，以字节计 BYTES（在 SIZE 中公布）",
	"cut each connection when the client sends command `N`+1":                                                                     "客户端发送第 N+1 条命令时切断连接",
	"most connections relayed at once":                                                                                            "同时转发的连接数上限",
	"TLS certificate `FILE` (PEM; default: a self-signed one made now)":                                                           "TLS 证书文件 FILE（PEM；默认：现场生成一张自签名证书）",
	"keep mailboxes in `DIR` so they survive a restart (default: a temporary directory removed at exit)":                          "把邮箱保存在目录 DIR 中，重启后仍在（默认：退出时删除的临时目录）",
	"the lab's mail domain":                               "练习服务器的邮件域名",
	"address to listen on (loopback unless you mean it)":  "监听的地址（除非确有需要，请用回环地址）",
	"TLS key `FILE` (PEM)":                                "TLS 私钥文件 FILE（PEM）",
	"TLS key `FILE` (PEM) of --cert":                      "--cert 证书的 TLS 私钥文件 FILE（PEM）",
	"YAML `FILE` with more accounts: users: {alice: pw1}": "写有更多账户的 YAML 文件 FILE，格式为 users: {alice: pw1}",
	"re-send the client side to the server at `URL` and compare its replies with the recorded ones":                                                                    "把客户端一侧重新发给 URL 处的服务器，并把它的响应与录下的响应比较",
	"trust the PEM certificate(s) in `FILE` as well as the system's":                                                                                                   "除系统的证书外，还信任文件 FILE 中的 PEM 证书",
	"trust the PEM certificate(s) in `FILE` for the server, as well as the system's":                                                                                   "验证服务器时，除系统的证书外，还信任文件 FILE 中的 PEM 证书",
	"with --against: trust the PEM certificate(s) in `FILE` as well as the system's":                                                                                   "配合 --against：除系统的证书外，还信任文件 FILE 中的 PEM 证书",
	"extra CA certificate `FILE` (PEM) to trust":                                                                                                                       "另外信任的 CA 证书文件 FILE（PEM）",
	"TLS certificate `FILE` (PEM) the proxy shows clients (default: one made now)":                                                                                     "代理出示给客户端的 TLS 证书文件 FILE（PEM；默认：现场生成一张）",
	"where to write the PEM of the certificate made now, for clients to trust (`FILE`)":                                                                                "现场生成的证书以 PEM 格式写到文件 FILE，供客户端信任",
	"history `FILE` of the prompt (\"\" for none; secrets never go there)":                                                                                             "提示符的历史记录文件 FILE（给空字符串则不保存；机密从不写入）",
	"`ADDR` to listen on (default 127.0.0.1 and the server's port + 10000)":                                                                                            "监听的地址 ADDR（默认：127.0.0.1，端口为服务器的端口加 10000）",
	"your password, if not the lesson's (secret123)":                                                                                                                   "你的密码，如果不是课程里的那个（secret123）",
	"your user name, if not the lesson's (student)":                                                                                                                    "你的用户名，如果不是课程里的那个（student）",
	"write the first connection as a YAML transcript to `FILE` as it happens":                                                                                          "把第一个连接边进行边写成 YAML 会话记录，存到文件 FILE",
	"write the session as a YAML transcript to `FILE` as it happens (mode 0600)":                                                                                       "把会话边进行边写成 YAML 会话记录，存到文件 FILE（权限 0600）",
	"write one transcript per connection into `DIR`":                                                                                                                   "每个连接写一份会话记录，存到目录 DIR",
	"the server to relay to: a `URL` such as submission://mail.example.com, or lab:SERVICE for a practice lab started here":                                            "要转发到的服务器：一个 URL，例如 submission://mail.example.com；或者 lab:SERVICE，表示在这里启动的练习服务器",
	"answer a command with a reply instead of relaying it: `VERB=REPLY`, such as 'RCPT=451 4.3.0 try later' (VERB*N: only the first N; \\n between lines); repeatable": "不转发某条命令，而是直接给出指定的响应：VERB=REPLY，例如 'RCPT=451 4.3.0 try later'（写成 VERB*N 时只对前 N 次这样做；多行之间写 \\n）；可重复",
	"with --against: the real value of a redacted credential, `KIND=VALUE` (username, password, apop-digest (give the password), sasl-initial-response, sasl-response, credential); also MAILTUTOR_SECRET_<KIND>": "配合 --against：被遮盖的凭据的真实值，KIND=VALUE（KIND 可以是 username、password、apop-digest（给出密码）、sasl-initial-response、sasl-response、credential）；也可以用环境变量 MAILTUTOR_SECRET_<KIND>",
}
