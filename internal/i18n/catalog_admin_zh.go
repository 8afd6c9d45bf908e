package i18n

func init() {
	for k, v := range adminChinese {
		chinese[k] = v
	}
}

// adminChinese holds the Chinese texts of keys_admin.go.
var adminChinese = map[Key]string{
	PromptChunk: "bdat（还剩 %d 字节）> ",
	ChunkTooLong: "未发送：这一行 %d 字节，连同 CRLF 共 %d 字节，但数据块只剩 %d 字节。" +
		"请最多输入 %d 字节（连同 CRLF 发送），或正好 %d 字节（不带 CRLF，数据块到此结束）。",
	ChunkDone:       "（数据块已经发完：按照它声明的大小，最后一行没有带 CRLF）",
	HelpKeywordHead: "%s：出现在 %s 对 %s 的响应中（%s）",
	HelpNothing:     "%s 也不是 mailtutor 认识的响应状态码、增强状态码、响应代码或扩展关键字：试试 :help 550、:help 5.7.1、:help -ERR [IN-USE]、:help NO [TRYCREATE]、:help PIPELINING",
	StartTLSRefused: "--starttls：服务器没有启用 TLS（%s）：不再以明文发送任何内容；连接已关闭",
	StartTLSNone:    "--starttls：%s 没有启用 TLS 的命令",
	StartTLSImplied: "--starttls：%s 从第一个字节起就是 TLS（隐式 TLS）；请去掉 --starttls",
	StartTLSDone:    "TLS 已建立，服务器也重新列出了它的能力：现在由你输入",
	CertNone:        "这个连接没有 TLS：没有证书可显示（请先 STARTTLS，或用隐式 TLS 连接）",
	CertHeader:      "服务器发来的证书链（共 %d 张）：",
	CertSubject:     " %d 主体：%s",
	CertIssuer:      "   颁发者：%s",
	CertNames:       "   名称：%s",
	CertValidity:    "   有效期：%s 至 %s%s",
	CertExpired:     "（已过期）",
	CertNotYet:      "（尚未生效）",
	CertKey:         "   密钥：%s；签名算法：%s",
	CertFingerprint: "   SHA-256 指纹：%s",
	CertOCSP:        "服务器附带了 OCSP 响应（OCSP 装订）：%s",
	CertNoOCSP:      "服务器没有附带 OCSP 响应（无 OCSP 装订）",
	CertClient:      "已发送客户端证书：%s",
	CertSNI:         "服务器名称：%s（不是 IP 地址时作为 SNI 在握手中发送；证书按它验证）",
	StatusCertHint:  ":cert 显示完整的证书链",
	MXTrying:        "%s 的 MX：尝试 %s（优先级 %d）",
	MXFallback:      "%s 没有 MX 记录：改为尝试它自己的地址（RFC 5321 第 5.1 节）",
	MXFailed:        "%s：%v；尝试下一个",
	CertKeyBits:     "%s，%d 位",
	OCSPGood:        "正常：证书没有被吊销",
	OCSPRevoked:     "已吊销，自 %s 起",
	OCSPUnknown:     "未知：响应方不认识这张证书",
	OCSPUnreadable:  "无法解析：%s",
	OCSPTimes:       "，签发于 %s，有效至 %s",
}
