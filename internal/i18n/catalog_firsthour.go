package i18n

// englishFirstHour holds the English texts of keys_firsthour.go.
var englishFirstHour = map[Key]string{
	ScriptStops:     "line %d of the script: %v; the script stops here (the goodbye, QUIT or LOGOUT, is sent)",
	RecordingAlsoTo: "recording to %s as well (everything so far, and every step from now on); %s goes on too",
}

// chineseFirstHour holds the Chinese texts of keys_firsthour.go.
var chineseFirstHour = map[Key]string{
	ScriptStops:     "脚本第 %d 行：%v；脚本到此为止（已发送告别命令 QUIT 或 LOGOUT）",
	RecordingAlsoTo: "同时录制到 %s（包括之前的全部内容，以及之后的每一步）；%s 也继续录制",
}
