package i18n

// englishFirstHour holds the English texts of keys_firsthour.go.
var englishFirstHour = map[Key]string{
	ScriptStops:         "line %d of the script: %v; the script stops here (the goodbye, QUIT or LOGOUT, is sent)",
	ConnectNoLab:        ":connect switches between the services of the practice lab this prompt started (mailtutor, or mailtutor connect --lab); for another server, start mailtutor connect URL",
	ConnectUsage:        ":connect needs a service of the lab, e.g. :connect pop3 (:status lists them)",
	LabServices:         "This lab's services: :connect NAME switches this prompt to one; from another terminal, give the URL to mailtutor connect.",
	LabServiceHere:      "(this prompt)",
	ConnectRecEnded:     "%s holds the %s session, which ends here; :save FILE records this one",
	ConnectionLostAbove: "-- connection lost: the error above ended it",
	RecordingAlsoTo:     "recording to %s as well (everything so far, and every step from now on); %s goes on too",
	SchemeAssumed:       "note: %s has no scheme, so it is taken as %s; for POP3 or IMAP say pop3://%s or imap://%s",
}

// chineseFirstHour holds the Chinese texts of keys_firsthour.go.
var chineseFirstHour = map[Key]string{
	ScriptStops:         "脚本第 %d 行：%v；脚本到此为止（已发送告别命令 QUIT 或 LOGOUT）",
	ConnectNoLab:        ":connect 用于在本提示符启动的练习服务器（mailtutor 或 mailtutor connect --lab）的各项服务之间切换；要连接别的服务器，请运行 mailtutor connect URL",
	ConnectUsage:        ":connect 需要练习服务器的一项服务，例如 :connect pop3（:status 会列出全部服务）",
	LabServices:         "本练习服务器的服务：用 :connect 名称 把本提示符切换过去；在另一个终端里，把 URL 交给 mailtutor connect。",
	LabServiceHere:      "（本提示符）",
	ConnectRecEnded:     "%s 保存的是 %s 会话，到此结束；用 :save 文件名 录制当前会话",
	ConnectionLostAbove: "-- 连接中断：原因见上面的错误",
	RecordingAlsoTo:     "同时录制到 %s（包括之前的全部内容，以及之后的每一步）；%s 也继续录制",
	SchemeAssumed:       "注意：%s 没有写协议，按 %s 处理；要用 POP3 或 IMAP，请写 pop3://%s 或 imap://%s",
}
