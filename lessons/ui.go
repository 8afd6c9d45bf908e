package lessons

import (
	"fmt"
	"strings"
)

// ui holds every message of the runner in every language.
var ui = map[string]Text{
	"lesson":      {En: "Lesson %s: %s", Zh: "第 %s 课：%s"},
	"lessonFile":  {En: "Lesson %s: %s", Zh: "课程 %s：%s"},
	"part":        {En: "Part %d of %d: connecting to %s (%s)", Zh: "第 %d 部分（共 %d 部分）：连接 %s（%s）"},
	"offlinePart": {En: "Part %d of %d: %s, offline (the recorded replies answer)", Zh: "第 %d 部分（共 %d 部分）：%s，离线（由课程里录好的响应代替服务器）"},
	"type":        {En: "Your turn: type the command.", Zh: "轮到你了：请输入命令。"},
	"typeData":    {En: "Your turn: type the message, then a line with only \".\" to end it.", Zh: "轮到你了：输入邮件内容，最后单独一行输入“.”结束。"},
	"good":        {En: "✓ right", Zh: "✓ 正确"},
	"miss":        {En: "✗ that is not what this step asks for (nothing was sent).", Zh: "✗ 这不是本步要求的命令（什么都没有发送）。"},
	"missData":    {En: "✗ the message is missing something (nothing was sent).", Zh: "✗ 邮件内容还缺点东西（什么都没有发送）。"},
	"hint":        {En: "hint: %s", Zh: "提示：%s"},
	"noHint":      {En: "hint: type something that matches: %s", Zh: "提示：输入的内容要符合：%s"},
	"stuck":       {En: "(stuck? :answer shows the answer, :skip sends it for you)", Zh: "（卡住了？输入 :answer 查看答案，输入 :skip 由程序替你发送）"},
	"answer":      {En: "answer: %s", Zh: "答案：%s"},
	"skipped":     {En: "(skipped: the answer is sent for you)", Zh: "（已跳过：程序替你发送了答案）"},
	"notice":      {En: "→ notice: %s", Zh: "→ 注意：%s"},
	"example":     {En: "Example (not from your server), a reply to \"%s\":", Zh: "示例（不是你的服务器发来的）：对“%s”的响应："},
	"allowed": {En: "≈ Your server answered %s here; the server the lesson was recorded on answered \"%s\". The lesson allows for that:",
		Zh: "≈ 你的服务器在这里响应的是 %s，本课录制时的服务器响应的是“%s”。这种差别在本课的预料之中："},
	"allowedNoWhy": {En: "Servers differ at this step.", Zh: "不同的服务器在这一步本来就有不同的做法。"},
	"unexpected": {En: "≠ Your server answered %s here; the server the lesson was recorded on answered \"%s\". The lesson did not plan for that.",
		Zh: "≠ 你的服务器在这里响应的是 %s，本课录制时的服务器响应的是“%s”。本课没有预料到这种响应。"},
	"goOn":        {En: "Read the explanation under your server's reply above; the lesson goes on.", Zh: "请看上面你的服务器那条响应下方的解释；课程继续往下进行。"},
	"theirNotice": {En: "The lesson's note was about the recorded reply:", Zh: "本课原来的说明针对的是录制时的那条响应："},
	"cannotGoOn": {En: "The lesson cannot go on here: when it was recorded, the server waited for more input at this point (a message body after 354, an answer after a 334 or \"+\" challenge), or did not, and your server does the opposite. Run the lesson on the practice lab (without --server) to follow it to the end.",
		Zh: "课程没法在这里继续了：按照录制时的情形，服务器在这一步应当等你继续输入（354 之后输入邮件正文，334 或“+”质询之后输入回应），或者正好相反，而你的服务器的状态与此不同。去掉 --server，改在练习服务器上运行本课，就能一直学到最后。"},
	"closedEarly": {En: "The server closed the connection before the lesson expected it, so the lesson cannot go on; the last reply above says why.",
		Zh: "服务器提前关闭了连接，课程没法继续；上面最后一条响应说明了原因。"},
	"differences": {En: "Your server answered otherwise than the recorded lesson at %d step(s): %d the lesson allows for, %d it did not expect.",
		Zh: "有 %d 步你的服务器的响应和录制时不同：其中 %d 步在预料之中，%d 步出乎预料。"},
	"connClosed": {En: "-- the server closed the connection", Zh: "-- 服务器关闭了连接"},
	"connLost":   {En: "-- connection lost: %v", Zh: "-- 连接中断：%v"},
	"offlineTLS": {En: "(offline: the TLS handshake happens here; live, the certificate is shown)", Zh: "（离线：这里本应进行 TLS 握手；连接真实服务器时会显示证书）"},
	"setupOthers": {En: "(your mailbox already held %d message(s): the lesson's messages start at number %d)",
		Zh: "（你的邮箱里原来已有 %d 封邮件：本课投递的邮件从第 %d 封开始）"},
	"setupUncounted": {En: "Could not look into your mailbox before the lesson's messages arrived, so the lesson takes them for the first ones: check with LIST before you RETR or DELE a message.",
		Zh: "投递之前没能查看你的邮箱，所以本课假定这几封邮件排在最前面：RETR 或 DELE 之前，请先用 LIST 核对一下。"},
	"setupSlow": {En: "The lesson's messages have not all arrived yet: if STAT (POP3) or SELECT (IMAP) shows fewer, wait a moment and ask again.",
		Zh: "本课投递的邮件还没有全部到达：如果 STAT（POP3）或 SELECT（IMAP）显示的数量偏少，请稍等片刻再查。"},
	"setupUncountedIMAP": {En: "Could not look into your INBOX before the lesson's messages arrived, so the lesson takes them for the first ones: check with FETCH 1:* (ENVELOPE) before you change or delete a message.",
		Zh: "投递之前没能查看你的收件箱（INBOX），所以本课假定这几封邮件排在最前面：修改或删除邮件之前，请先用 FETCH 1:* (ENVELOPE) 核对一下。"},
	"missingData": {En: "≠ Your server sent no %s response here; the server the lesson was recorded on sent \"%s\". The lesson did not plan for that.",
		Zh: "≠ 你的服务器在这里没有发来 %s 无标签响应，本课录制时的服务器发来的是“%s”。本课没有预料到这种情况。"},
	"literalSize": {En: "The command announced a literal of %d bytes, and these lines make %d (each line counts its bytes and 2 for its CRLF).",
		Zh: "命令宣布的字面量是 %d 个字节，而你输入的这些行共 %d 个字节（每行按字节数计算，另加行尾 CRLF 的 2 个字节）。"},
	"literalEnd": {En: "(the literal is complete; an empty line ends the command line)", Zh: "（字面量已发送完毕；再发一个空行结束这条命令）"},
	"deliverOffline": {En: "(offline: here the lesson delivers the message \"%s\" to your mailbox by SMTP)",
		Zh: "（离线：课程在这里通过 SMTP 向你的邮箱投递邮件“%s”）"},
	"deliverNoSMTP": {En: "No smtp server to deliver the message \"%s\": send one to your mailbox yourself now (mailtutor connect in another terminal), then go on.",
		Zh: "没有可用的 smtp 服务器来投递邮件“%s”：请现在自己往你的邮箱发一封（在另一个终端里运行 mailtutor connect），然后继续。"},
	"delivered": {En: "(the lesson delivered the message \"%s\" to your mailbox by SMTP, on another connection)",
		Zh: "（课程刚刚通过另一条连接，用 SMTP 向你的邮箱投递了邮件“%s”）"},
	"tagAdded":   {En: "(sent as %s: the tag %s in front is mailtutor's)", Zh: "（实际发送的是 %s：前面的标签 %s 是 mailtutor 加上的）"},
	"groupSMTP":  {En: "SMTP: sending mail", Zh: "SMTP：发送邮件"},
	"groupPOP3":  {En: "POP3: downloading mail", Zh: "POP3：下载邮件"},
	"groupIMAP":  {En: "IMAP: mail kept on the server", Zh: "IMAP：保存在服务器上的邮件"},
	"groupOther": {En: "Other", Zh: "其他"},
	"listFooter": {En: "mailtutor lesson NAME (or its number) runs one; --offline needs no server.",
		Zh: "运行某一课：mailtutor lesson 课程名（或编号）；加上 --offline 就不需要服务器。"},
	"replay":     {En: "(resuming: replaying the %d step(s) you already did in this part)", Zh: "（继续上次的进度：自动重放本部分你已完成的 %d 步）"},
	"setup":      {En: "(setting up: %d message(s) delivered to your mailbox)", Zh: "（准备工作：已向你的邮箱投递 %d 封邮件）"},
	"setupSkip":  {En: "(no smtp server to deliver the lesson's %d message(s); the mailbox may be empty)", Zh: "（没有可用的 smtp 服务器来投递本课的 %d 封邮件；邮箱可能是空的）"},
	"finished":   {En: "Lesson finished: %d step(s), %d typed right, %d skipped; wrong tries: %d.", Zh: "本课完成：共 %d 步，%d 步输入正确，%d 步跳过，输错 %d 次。"},
	"quit":       {En: "Stopped at step %d of %d; run the lesson again to resume.", Zh: "停在第 %d 步（共 %d 步）；再次运行本课即可从这里继续。"},
	"steps":      {En: "steps", Zh: "步"},
	"done":       {En: "✓ done", Zh: "✓ 已完成"},
	"new":        {En: "-", Zh: "-"},
	"atStep":     {En: "at step %d/%d", Zh: "进行到第 %d/%d 步"},
	"doneAtStep": {En: "✓ done; again, at step %d/%d", Zh: "✓ 已完成；重学进行到第 %d/%d 步"},
	"help": {En: `In a lesson:
  type the command the step asks for (helpers such as :b64 TEXT, :plain USER PASS,
  :cram USER PASS, :apop USER PASS and :unb64 work as in the prompt)
  :hint     show the hint again
  :answer   show the answer
  :skip     send the answer for you and go on
  :quit     stop here (progress is kept; run the lesson again to resume)
On a terminal: the up arrow and Ctrl-R bring back earlier lines, Ctrl-C clears
the line, Ctrl-D stops. A password (after PASS, in :plain, :cram or :apop, or
answering a "Password:" challenge) is masked as it is typed; the user name and
these commands stay readable. No credential is kept in the history.`,
		Zh: `在课程中：
  输入本步要求的命令（:b64 TEXT、:plain USER PASS、:cram USER PASS、
  :apop USER PASS、:unb64 等辅助命令的用法与提示符中相同）
  :hint     再看一遍提示
  :answer   查看答案
  :skip     由程序替你发送答案并继续
  :quit     在这里停下（进度会保存，再次运行本课即可继续）
在终端里：上箭头和 Ctrl-R 可以找回之前输入过的行，Ctrl-C 清空当前行，Ctrl-D 退出；
密码（PASS 后面的、:plain、:cram、:apop 里的，以及回应“Password:”质询时输入的）
输入时显示成星号；用户名和上面这些命令照常显示。凭据一概不会留在历史记录里。`},
}

// indent indents every line of text by two spaces.
func indent(text string) string {
	return "  " + strings.ReplaceAll(text, "\n", "\n  ")
}

// msg formats a runner message in lang.
func msg(lang Lang, key string, args ...any) string {
	t, ok := ui[key]
	if !ok {
		return key
	}
	s := t.In(lang)
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}
