package i18n

func init() {
	for k, v := range limitsEnglish {
		english[k] = v
	}
	for k, v := range limitsChinese {
		chinese[k] = v
	}
}

// limitsEnglish holds the English texts of keys_limits.go.
var limitsEnglish = map[Key]string{
	LabLogFile:   "instructor log: appended to %s",
	LabLogStderr: "instructor log: on standard error (--log FILE keeps it in a file)",
	LabLimits:    "limits: %d connections per client address, %d in all; idle clients cut after %s; after %d failed logins an address waits %s, then longer (up to %s), before each try",
}

// limitsChinese holds the Chinese texts of keys_limits.go.
var limitsChinese = map[Key]string{
	LabLogFile:   "教师日志：追加到 %s",
	LabLogStderr: "教师日志：输出到标准错误（用 --log FILE 保存到文件）",
	LabLimits:    "限制：每个客户端地址最多 %d 个连接，总共 %d 个；客户端最多可以空闲 %s；同一地址认证失败 %d 次后，每次再尝试前要等 %s，之后更久（最多 %s）",
}
