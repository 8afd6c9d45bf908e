package i18n

// The usage pages of mailtutor's subcommands ("mailtutor connect -h"...)
// and the words around their flags. The flags' own help texts are in
// flags.go.
const (
	UsageMain           Key = "usage-main"            // "mailtutor help": %[1]s protocols, %[2]s lab services, %[3]s URL schemes, %[4]s "transcript"
	UsageAnd            Key = "usage-and"             // joins the last two protocols: " and "
	UsageSchemes        Key = "usage-schemes"         // "URL schemes: " before the list
	UsageFlags          Key = "usage-flags"           // heading of the flags
	UsageDefault        Key = "usage-default"         // a flag's default value: " (default %v)"
	UsageConnect        Key = "usage-connect"         // %[1]s lab services, %[2]s URL schemes
	UsageProxy          Key = "usage-proxy"           // %[1]s lab services, %[2]s URL schemes
	UsageLab            Key = "usage-lab"             // "mailtutor lab -h"
	UsageReplay         Key = "usage-replay"          // "mailtutor replay -h"
	UsageTranscript     Key = "usage-transcript"      // "mailtutor transcript -h": %[1]s "transcript" (a command, kept out of the Chinese text)
	UsageLesson         Key = "usage-lesson"          // "mailtutor lesson -h"
	UsageLessonList     Key = "usage-lesson-list"     // "mailtutor lesson list -h"
	UsageLessonMake     Key = "usage-lesson-make"     // "mailtutor lesson make -h"
	UsageLessonCheck    Key = "usage-lesson-check"    // "mailtutor lesson check -h"
	UsageExplain        Key = "usage-explain"         // "mailtutor explain -h"
	UsageUnknownCommand Key = "usage-unknown-command" // %s the word that is no subcommand
	UsageLabPort        Key = "usage-lab-port"        // help of --NAME-port of the lab: %s the service
	UsageUnknownSub     Key = "usage-unknown-sub"     // %[1]s the command, %[2]s the word that is no subcommand of it
	UsageOneTranscript  Key = "usage-one-transcript"  // %s the command that wants one transcript file
	FlagUndefined       Key = "flag-undefined"        // %s the flag given that does not exist
	FlagNeedsValue      Key = "flag-needs-value"      // %s the flag given without its value
	FlagBadValue        Key = "flag-bad-value"        // %[1]s the value, %[2]s the flag
	FlagBadSyntax       Key = "flag-bad-syntax"       // %s what was typed
	ErrorPrefix         Key = "error-prefix"          // after "mailtutor" before an error: ": "
	ConnectNoURL        Key = "connect-no-url"        // connect without a URL: %s an example URL
	WarnInsecure        Key = "warn-insecure"         // --insecure given
	WarnKeepSecrets     Key = "warn-keep-secrets"     // --keep-secrets given
	ReplayHeader        Key = "replay-header"         // %[1]s title, %[2]s protocol, %[3]s server, %[4]s TLS, %[5]s recorded, %[6]s tool, %[7]d steps
	ReplayTitle         Key = "replay-title"          // %s the transcript's title
	ReplayRecorded      Key = "replay-recorded"       // %s when
	ReplayTool          Key = "replay-tool"           // %s the tool that recorded
	ReplayNoTLS         Key = "replay-no-tls"         // the transcript's tls: none
	ReplayLesson        Key = "replay-lesson"         // before a recorded lesson note
	ReplayNotice        Key = "replay-notice"         // before a recorded lesson notice
	StatusVerified      Key = "status-verified"       // :status of a verified TLS connection
	StatusUnverified    Key = "status-unverified"     // :status of an unverified one (--insecure)
	ErrNotExist         Key = "err-not-exist"         // an error of a missing file, before its own text
	ErrPermission       Key = "err-permission"        // an error of a file not allowed
	ErrAddrInUse        Key = "err-addr-in-use"       // a port another program holds
	ErrOther            Key = "err-other"             // any other error no package has words for
	ErrDetail           Key = "err-detail"            // between the sentence and the error's own text
	LabNoService        Key = "lab-no-service"        // %[1]s the name asked for, %[2]s the lab's services
	PromptClosed        Key = "prompt-closed"         // the prompt after the connection closed, after the protocol
	RedactedMark        Key = "redacted-mark"         // a secret hidden in a sent line shown on the screen ("PASS <redacted>")
	ExplainNoProtocol   Key = "explain-no-protocol"   // mailtutor explain --protocol X: %s the X
	ReplayUsageErr      Key = "replay-usage-err"      // replay without one file, or a bad --speed / --timeout
	LessonMakeWrote     Key = "lesson-make-wrote"     // %[1]s the lesson file written
)

func init() {
	for k, v := range usageEnglish {
		english[k] = v
	}
	for k, v := range usageChinese {
		chinese[k] = v
	}
}

var usageEnglish = map[Key]string{
	UsageMain: `mailtutor - type %[1]s by hand, with every reply explained

Usage:
  mailtutor                      start the practice lab and open a prompt on it
  mailtutor connect [flags] URL  open a prompt on a live server
  mailtutor connect --lab [SERVICE]  the same on a lab service (%[2]s)
  mailtutor lab [flags]          run the practice lab until Ctrl-C
  mailtutor lab report DIR [--csv]  what each student did, from lab --record-dir DIR
  mailtutor replay [flags] FILE  play a transcript back, or --against URL to check a server
  mailtutor proxy --to URL       relay a real mail client to a server, explained and recorded
  mailtutor %[4]s export FILE --format md|html   a handout of a recorded session
  mailtutor %[4]s check FILE    load a transcript strictly, report line-numbered errors
  mailtutor lesson list          the built-in course; mailtutor lesson 1 starts the first lesson
  mailtutor explain TOPIC        a reply code, status code or extension keyword, without a server
  mailtutor version              print the version

URL schemes: %[3]s
Run "mailtutor connect -h" or "mailtutor lab -h" for their flags.
When standard input is not a terminal, lines are read from it as a script.
`,
	UsageAnd:     " and ",
	UsageSchemes: "URL schemes: ",
	UsageFlags:   "Flags:",
	UsageDefault: " (default %v)",
	UsageConnect: "Usage: mailtutor connect [flags] URL\n       mailtutor connect [flags] mx:DOMAIN[:PORT]\n       mailtutor connect --lab [%[1]s]\n\nURL schemes: %[2]s\n",
	UsageProxy:   "Usage: mailtutor proxy --to URL [--listen ADDR] [flags]\n       mailtutor proxy --to lab:SERVICE   (%[1]s)\n\nURL schemes: %[2]s\n",
	UsageLab:     "Usage: mailtutor lab [flags]\n  run the practice lab in the foreground until Ctrl-C, for other clients",
	UsageReplay:  "Usage: mailtutor replay [--no-wait | --speed N] FILE\n       mailtutor replay --against URL [--strict] [--secret KIND=VALUE]... FILE",
	UsageTranscript: `Usage:
  mailtutor %[1]s export FILE [--format md|html] [-o OUT] [--lang en|zh]
        write a handout of the session: Markdown (the default) or one HTML file;
        to standard output unless -o is given; in the language of --lang or LANG
  mailtutor %[1]s check FILE
        load FILE strictly; print "ok: N steps" or the line-numbered error
`,
	UsageLesson: `Usage:
  mailtutor lesson list                  the built-in course and your progress
  mailtutor lesson NAME|NUMBER|FILE [flags]
                                         run a lesson (on the practice lab unless --server or --offline)
  mailtutor lesson make TRANSCRIPT [-o FILE]
                                         turn a recorded session into a lesson skeleton
  mailtutor lesson check FILE [--server URL ...]
                                         validate a lesson and run it as a scripted student on the lab (or your servers) and offline
In a lesson: :hint, :answer, :skip, :quit, :help; helpers such as :b64 work as in the prompt.
The flags below are those of a run.
`,
	UsageLessonList:  "Usage: mailtutor lesson list [--lang en|zh]\n  the built-in course and your progress",
	UsageLessonMake:  "Usage: mailtutor lesson make TRANSCRIPT [-o FILE] [--keep-secrets]\n  turn a recorded session into a lesson skeleton",
	UsageLessonCheck: "Usage: mailtutor lesson check FILE [--lang en|zh] [--server URL ...]\n  validate a lesson and run it as a scripted student on the lab (or your servers) and offline",
	UsageExplain: `Usage: mailtutor explain [--lang en|zh] [--protocol smtp|pop3|imap] TOPIC

Explains, without a server, what :help TOPIC explains at the prompt:
  a reply code            mailtutor explain 550 5.7.1
  an enhanced status code mailtutor explain 5.7.1
  a POP3 or IMAP code     mailtutor explain -ERR [IN-USE]    mailtutor explain NO [TRYCREATE]
  an extension keyword    mailtutor explain CHUNKING         mailtutor explain AUTH=PLAIN
  a command               mailtutor explain --protocol pop3 RETR
The words of TOPIC are one topic; the exit status is 1 when it is unknown.
`,
	UsageUnknownCommand: `mailtutor: unknown command "%s"`,
	UsageLabPort:        "port of the %s service",
	UsageUnknownSub:     `mailtutor %[1]s: unknown subcommand "%[2]s"`,
	UsageOneTranscript:  "%s: give one transcript FILE",
	FlagUndefined:       "flag provided but not defined: %s",
	FlagNeedsValue:      "flag needs an argument: %s",
	FlagBadValue:        `invalid value "%[1]s" for flag %[2]s`,
	FlagBadSyntax:       "bad flag syntax: %s",
	ErrorPrefix:         ": ",
	ConnectNoURL:        "mailtutor connect: give one server URL, e.g. %s, or --lab",
	WarnInsecure:        "warning: --insecure: certificates are not verified; anyone on the path could read your password",
	WarnKeepSecrets:     "warning: --keep-secrets: passwords and AUTH responses will be stored in the transcript in clear",
	ReplayHeader:        "replay of %[1]s%[2]s session with %[3]s (TLS: %[4]s)%[5]s%[6]s, %[7]d steps",
	ReplayTitle:         `"%s": `,
	ReplayRecorded:      ", recorded %s",
	ReplayTool:          " by %s",
	ReplayNoTLS:         "none",
	ReplayLesson:        "lesson: ",
	ReplayNotice:        "notice: ",
	StatusVerified:      "verified=true",
	StatusUnverified:    "verified=false",
	ErrNotExist:         "the file does not exist",
	ErrPermission:       "permission denied",
	ErrAddrInUse:        "the port is in use by another program (choose another with the --*-port flags)",
	ErrOther:            "something went wrong",
	ErrDetail:           ". Go's text: ",
	LabNoService:        `the lab has no service "%[1]s": use %[2]s`,
	PromptClosed:        " (closed)> ",
	RedactedMark:        "<redacted>",
	ExplainNoProtocol:   `mailtutor explain: unknown protocol "%s"`,
	ReplayUsageErr:      "mailtutor replay: give one transcript file (and a positive --speed and --timeout)",
	LessonMakeWrote:     "wrote %[1]s: fill in the notes (explain, hint, notice in en and zh), then run mailtutor lesson check %[1]s",
}

var usageChinese = map[Key]string{
	UsageMain: `mailtutor —— 手动输入 %[1]s 命令，每个响应都有解释

用法：
  mailtutor                      启动练习服务器，并在它上面打开提示符
  mailtutor connect [选项] URL   在真实的服务器上打开提示符
  mailtutor connect --lab [服务] 在练习服务器的某个服务上打开提示符（%[2]s）
  mailtutor lab [选项]           运行练习服务器，直到按下 Ctrl-C
  mailtutor lab report DIR [--csv]  每个学生做了什么，读自 lab --record-dir DIR 的会话记录
  mailtutor replay [选项] 文件   回放一份会话记录；加 --against URL 则拿它检验一台服务器
  mailtutor proxy --to URL       把真实邮件客户端的连接转发给服务器，边解释边记录
  mailtutor %[4]s export 文件 --format md|html   用录下的会话做一份讲义
  mailtutor %[4]s check 文件    严格加载一份会话记录，报告带行号的错误
  mailtutor lesson list          内置课程；mailtutor lesson 1 开始第 1 课
  mailtutor explain 主题         不连服务器，解释一个响应状态码、增强状态码或扩展关键字
  mailtutor version              显示版本

URL 方案：%[3]s
各命令的选项：运行 mailtutor connect -h 或 mailtutor lab -h 查看。
标准输入不是终端时，从中逐行读取，当作脚本执行。
`,
	UsageAnd:     " 和 ",
	UsageSchemes: "URL 方案：",
	UsageFlags:   "选项：",
	UsageDefault: "（默认：%v）",
	UsageConnect: "用法：mailtutor connect [选项] URL\n      mailtutor connect [选项] mx:域名[:端口]\n      mailtutor connect --lab [%[1]s]\n\nURL 方案：%[2]s\n",
	UsageProxy:   "用法：mailtutor proxy --to URL [--listen 地址] [选项]\n      mailtutor proxy --to lab:服务   （%[1]s）\n\nURL 方案：%[2]s\n",
	UsageLab:     "用法：mailtutor lab [选项]\n  在前台运行练习服务器，供其他客户端使用，直到按下 Ctrl-C",
	UsageReplay:  "用法：mailtutor replay [--no-wait | --speed N] 文件\n      mailtutor replay --against URL [--strict] [--secret KIND=VALUE]... 文件",
	UsageTranscript: `用法：
  mailtutor %[1]s export 文件 [--format md|html] [-o OUT] [--lang en|zh]
        用会话做一份讲义：Markdown（默认）或单个 HTML 文件；
        不给 -o 时写到标准输出；语言取自 --lang 或 LANG
  mailtutor %[1]s check 文件
        严格加载文件；输出“ok: N steps”或带行号的错误
`,
	UsageLesson: `用法：
  mailtutor lesson list                  内置课程和你的学习进度
  mailtutor lesson 课程名|编号|文件 [选项]
                                         学习一课（默认在练习服务器上；或用 --server、--offline）
  mailtutor lesson make 会话记录 [-o 文件]
                                         把录下的会话变成一课的草稿
  mailtutor lesson check 文件 [--server URL ...]
                                         检查一课，并以脚本学生的身份在练习服务器（或你的服务器）上和离线各跑一遍
在课程中：:hint、:answer、:skip、:quit、:help；:b64 等辅助命令和在提示符中一样可用。
下面的选项用于学习一课。
`,
	UsageLessonList:  "用法：mailtutor lesson list [--lang en|zh]\n  内置课程和你的学习进度",
	UsageLessonMake:  "用法：mailtutor lesson make 会话记录 [-o 文件] [--keep-secrets]\n  把录下的会话变成一课的草稿",
	UsageLessonCheck: "用法：mailtutor lesson check 文件 [--lang en|zh] [--server URL ...]\n  检查一课，并以脚本学生的身份在练习服务器（或你的服务器）上和离线各跑一遍",
	UsageExplain: `用法：mailtutor explain [--lang en|zh] [--protocol smtp|pop3|imap] 主题

不连服务器，解释提示符里 :help 主题 所解释的内容：
  响应状态码              mailtutor explain 550 5.7.1
  增强状态码              mailtutor explain 5.7.1
  POP3 或 IMAP 的响应码   mailtutor explain -ERR [IN-USE]    mailtutor explain NO [TRYCREATE]
  扩展关键字              mailtutor explain CHUNKING         mailtutor explain AUTH=PLAIN
  命令                    mailtutor explain --protocol pop3 RETR
主题的各个词合起来算一个主题；不认识这个主题时，退出状态为 1。
`,
	UsageUnknownCommand: "mailtutor：没有“%s”这个命令",
	UsageLabPort:        "%s 服务的监听端口",
	UsageUnknownSub:     "mailtutor %[1]s：没有“%[2]s”这个子命令",
	UsageOneTranscript:  "%s：请给出一个会话记录文件",
	FlagUndefined:       "没有 %s 这个选项",
	FlagNeedsValue:      "选项 %s 后面要跟一个值",
	FlagBadValue:        "选项 %[2]s 的值“%[1]s”无效",
	FlagBadSyntax:       "选项写法不对：%s",
	ErrorPrefix:         "：",
	ConnectNoURL:        "mailtutor connect：请给出一个服务器的 URL，例如 %s，或者加上 --lab",
	WarnInsecure:        "警告：--insecure：不验证证书；路径上的任何人都可能读到你的密码",
	WarnKeepSecrets:     "警告：--keep-secrets：密码和 AUTH 回应将以明文存进会话记录",
	ReplayHeader:        "回放%[1]s与 %[3]s 的 %[2]s 会话（TLS：%[4]s）%[5]s%[6]s，共 %[7]d 步",
	ReplayTitle:         "“%s”：",
	ReplayRecorded:      "，录制于 %s",
	ReplayTool:          "，录制工具 %s",
	ReplayNoTLS:         "无",
	ReplayLesson:        "课程：",
	ReplayNotice:        "注意：",
	StatusVerified:      "证书已验证",
	StatusUnverified:    "证书未验证",
	ErrNotExist:         "文件不存在",
	ErrPermission:       "没有权限",
	ErrAddrInUse:        "端口已被另一个程序占用（可以用 --smtp-port 等选项换一个端口）",
	ErrOther:            "出错了",
	ErrDetail:           "。原文：",
	LabNoService:        "练习服务器没有“%[1]s”这项服务：可用的有 %[2]s",
	PromptClosed:        "（已关闭）> ",
	RedactedMark:        "••••••••（已隐藏）",
	ExplainNoProtocol:   "mailtutor explain：没有“%s”这个协议（可用 smtp、pop3、imap）",
	ReplayUsageErr:      "mailtutor replay：请给出一个会话记录文件（--speed 和 --timeout 须为正数）",
	LessonMakeWrote:     "已写入 %[1]s：请补上各步的说明（explain、hint、notice，中英文各一份），然后运行 mailtutor lesson check %[1]s",
}
