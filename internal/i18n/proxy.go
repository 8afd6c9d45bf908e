package i18n

// Texts of "mailtutor proxy" (internal/proxy, cmd/mailtutor/proxy.go).
const (
	ProxyListening       Key = "proxy-listening"         // "mailtutor proxy: listening on %s, relaying to %s"
	ProxyCertMade        Key = "proxy-cert-made"         // a certificate made now: %s fingerprint, %s the PEM file to trust
	ProxyCertLoaded      Key = "proxy-cert-loaded"       // the certificate of --cert %s, fingerprint %s
	ProxyStopHint        Key = "proxy-stop-hint"         // "Ctrl-C stops the proxy."
	ProxyStopped         Key = "proxy-stopped"           // "proxy stopped"
	ProxyNotLoopback     Key = "proxy-not-loopback"      // warning: listening on %s, not loopback; reaches %s
	ProxyRecordDir       Key = "proxy-record-dir"        // "one transcript per connection in %s"
	ProxyRecordFirst     Key = "proxy-record-first"      // "the first connection is recorded to %s"
	ProxyNotRecorded     Key = "proxy-not-recorded"      // connection %d is not recorded (--record keeps the first)
	ProxyRecorded        Key = "proxy-recorded"          // "recorded to %s"
	ProxyRecordFailed    Key = "proxy-record-failed"     // "the transcript %s is incomplete: %v"
	ProxyOpened          Key = "proxy-opened"            // "client %s connected; relaying to %s"
	ProxyClientTLS       Key = "proxy-client-tls"        // "TLS with the client: %s (the proxy's certificate)"
	ProxyInjected        Key = "proxy-injected"          // "not relayed: an --inject rule answers %s"
	ProxyInjectedMark    Key = "proxy-injected-mark"     // " · injected by mailtutor, not from the server"
	ProxyRefusedTLS      Key = "proxy-refused-tls"       // the server refused TLS; its refusal went to the client
	ProxyDropNote        Key = "proxy-drop-note"         // "--drop-after %d: cut before %s"
	ProxyDropped         Key = "proxy-dropped"           // "cut on purpose (--drop-after %d) before the client's command %d"
	ProxyClosedByClient  Key = "proxy-closed-by-client"  // "-- connection closed by the client"
	ProxyIdle            Key = "proxy-idle"              // "nothing moved for %s: connection cut"
	ProxyBareLF          Key = "proxy-bare-lf"           // the client ended a line with a bare LF
	ProxyLongLine        Key = "proxy-long-line"         // a client line of %d bytes, framed from its first %d
	ProxyInjectionServer Key = "proxy-injection-server"  // the server sent %d bytes after agreeing to TLS
	ProxyInjectionClient Key = "proxy-injection-client"  // the client sent %d bytes after STARTTLS
	ProxyClientTLSFailed Key = "proxy-client-tls-failed" // "TLS handshake with the client failed: %v"
	ProxyWarnInsecure    Key = "proxy-warn-insecure"     // "warning: --insecure: the server's certificate is not verified"
	ProxyWarnSecrets     Key = "proxy-warn-secrets"      // "warning: --keep-secrets: ..."
	ProxyUsage           Key = "proxy-usage"             // the usage mistake: %s is an example URL
	ProxyLongServerLine  Key = "proxy-long-server-line"  // a server line of %d bytes, framed from its first %d
	ProxyCutReply        Key = "proxy-cut-reply"         // the server closed in the middle of a reply (%d lines)
	ProxyHeldTooMuch     Key = "proxy-held-too-much"     // a reply of more than %d MiB that cannot be shown in parts
	ProxyDialFailed      Key = "proxy-dial-failed"       // "cannot reach the server %s: %v"
	ProxyTLSCut          Key = "proxy-tls-cut"           // the server agreed to TLS but %v: client told, connection cut
)

func init() {
	for k, v := range proxyEnglish {
		english[k] = v
	}
	for k, v := range proxyChinese {
		chinese[k] = v
	}
}

var proxyEnglish = map[Key]string{
	ProxyListening:       "mailtutor proxy: listening on %s, relaying to %s",
	ProxyCertMade:        "TLS with clients uses a certificate made now (SHA-256 %s); a client must trust the PEM file %s",
	ProxyCertLoaded:      "TLS with clients uses the certificate %s (SHA-256 %s)",
	ProxyStopHint:        "Ctrl-C stops the proxy.",
	ProxyStopped:         "proxy stopped",
	ProxyNotLoopback:     "warning: listening on %s, which is not loopback: whoever reaches it reaches %s through this machine",
	ProxyRecordDir:       "one transcript per connection in %s",
	ProxyRecordFirst:     "the first connection is recorded to %s",
	ProxyNotRecorded:     "connection %d is not recorded: --record keeps the first one (--record-dir keeps each)",
	ProxyRecorded:        "recorded to %s",
	ProxyRecordFailed:    "the transcript %s is incomplete: %v",
	ProxyOpened:          "client %s connected; relaying to %s",
	ProxyClientTLS:       "TLS with the client: %s (the proxy's certificate)",
	ProxyInjected:        "not relayed to the server: an --inject rule answers %s",
	ProxyInjectedMark:    " · injected by mailtutor, not from the server",
	ProxyRefusedTLS:      "the server refused TLS: the client got its refusal as it was, and the connection stays in plain text",
	ProxyDropNote:        "--drop-after %d: the connection is cut before %s",
	ProxyDropped:         "cut on purpose (--drop-after %d) before the client's command %d",
	ProxyClosedByClient:  "-- connection closed by the client",
	ProxyIdle:            "nothing moved for %s: connection cut",
	ProxyBareLF:          "the client ended this line with a bare LF; the protocol wants CRLF",
	ProxyLongLine:        "a client line of %d bytes: relayed whole, framed from its first %d bytes",
	ProxyInjectionServer: "the server sent %d bytes after agreeing to start TLS and before the handshake: refusing to upgrade, since those bytes could be an injection attack (CVE-2011-0411)",
	ProxyInjectionClient: "the client sent %d bytes after STARTTLS and before the handshake: refusing to upgrade, since those bytes could be an injection attack (CVE-2011-0411)",
	ProxyClientTLSFailed: "TLS handshake with the client failed: %v (does the client trust the proxy's certificate?)",
	ProxyWarnInsecure:    "warning: --insecure: the server's certificate is not verified; anyone on the path could read the client's password",
	ProxyWarnSecrets:     "warning: --keep-secrets: passwords and AUTH responses will be stored in the transcripts in clear",
	ProxyUsage:           "mailtutor proxy: give --to URL (e.g. --to %s); --record or --record-dir, not both; --cert with --key",
	ProxyLongServerLine:  "a server line of %d bytes: relayed whole, framed from its first %d bytes",
	ProxyCutReply:        "the server closed the connection in the middle of a reply (%d line(s) received)",
	ProxyHeldTooMuch:     "a reply of more than %d MiB that cannot be shown in parts: connection cut to keep memory bounded",
	ProxyDialFailed:      "cannot reach the server %s: %v",
	ProxyTLSCut:          "the server agreed to start TLS, but the proxy could not secure its side: %v; the client was told TLS is not available and the connection was cut",
}

var proxyChinese = map[Key]string{
	ProxyListening:       "mailtutor 代理：在 %s 监听，转发到 %s",
	ProxyCertMade:        "与客户端之间的 TLS 使用现在生成的证书（SHA-256 指纹 %s）；客户端须信任 PEM 文件 %s",
	ProxyCertLoaded:      "与客户端之间的 TLS 使用证书 %s（SHA-256 指纹 %s）",
	ProxyStopHint:        "按 Ctrl-C 停止代理。",
	ProxyStopped:         "代理已停止",
	ProxyNotLoopback:     "注意：监听地址 %s 不是本机回环地址：能连到它的人都能经由本机连到 %s",
	ProxyRecordDir:       "每个连接的会话记录各存一个文件，放在 %s",
	ProxyRecordFirst:     "第一个连接的会话记录写入 %s",
	ProxyNotRecorded:     "连接 %d 不做会话记录：--record 只记录第一个连接（--record-dir 记录每一个）",
	ProxyRecorded:        "会话记录已写入 %s",
	ProxyRecordFailed:    "会话记录 %s 不完整：%v",
	ProxyOpened:          "客户端 %s 已连接；转发到 %s",
	ProxyClientTLS:       "与客户端之间的 TLS：%s（代理的证书）",
	ProxyInjected:        "没有转发给服务器：由 --inject 规则代为响应 %s",
	ProxyInjectedMark:    " · 由 mailtutor 注入，并非来自服务器",
	ProxyRefusedTLS:      "服务器拒绝了 TLS：拒绝的响应原样转给了客户端，连接仍是明文",
	ProxyDropNote:        "--drop-after %d：在 %s 之前切断连接",
	ProxyDropped:         "按 --drop-after %d 有意切断：客户端的第 %d 条命令没有转发",
	ProxyClosedByClient:  "-- 客户端关闭了连接",
	ProxyIdle:            "%s 内双方都没有发送任何数据：连接已切断",
	ProxyBareLF:          "客户端这一行只以 LF 结尾；协议要求 CRLF",
	ProxyLongLine:        "客户端发来一行 %d 字节：已完整转发，只按前 %d 字节分析",
	ProxyInjectionServer: "服务器同意启动 TLS 之后、握手之前又发来 %d 字节：拒绝升级，这些字节可能是注入攻击（CVE-2011-0411）",
	ProxyInjectionClient: "客户端在 STARTTLS 之后、握手之前又发来 %d 字节：拒绝升级，这些字节可能是注入攻击（CVE-2011-0411）",
	ProxyClientTLSFailed: "与客户端的 TLS 握手失败：%v（客户端信任代理的证书吗？）",
	ProxyWarnInsecure:    "注意：--insecure：不验证服务器的证书；路径上的任何人都可能读到客户端的密码",
	ProxyWarnSecrets:     "注意：--keep-secrets：密码和 AUTH 回应将以明文存入会话记录",
	ProxyUsage:           "mailtutor proxy：请用 --to URL 指定服务器（例如 --to %s）；--record 与 --record-dir 只能选一个；--cert 须与 --key 一起给出",
	ProxyLongServerLine:  "服务器发来一行 %d 字节：已完整转发，只按前 %d 字节分析",
	ProxyCutReply:        "服务器在一条响应的中途关闭了连接（已收到 %d 行）",
	ProxyHeldTooMuch:     "一条响应超过 %d MiB 且无法分段显示：为限制内存占用，已切断连接",
	ProxyDialFailed:      "无法连接服务器 %s：%v",
	ProxyTLSCut:          "服务器同意启动 TLS，但代理无法保护自己这一侧：%v；已告知客户端 TLS 不可用，并切断连接",
}
