package lessons

import (
	"fmt"
)

// ui holds every message of the runner in every language.
var ui = map[string]Text{
	"lesson":      {En: "Lesson %s: %s", Zh: "第 %s 课：%s"},
	"lessonFile":  {En: "Lesson %s: %s", Zh: "课程 %s：%s"},
	"part":        {En: "Part %d of %d: connecting to %s (%s)", Zh: "第 %d 部分（共 %d 部分）：连接 %s（%s）"},
	"offlinePart": {En: "Part %d of %d: %s, offline (the recorded replies answer)", Zh: "第 %d 部分（共 %d 部分）：%s，离线（由课程里录好的回复来应答）"},
	"type":        {En: "Your turn: type the command.", Zh: "轮到你了：请输入命令。"},
	"typeData":    {En: "Your turn: type the message, then a line with only \".\" to end it.", Zh: "轮到你了：输入邮件内容，最后单独一行输入 \".\" 结束。"},
	"good":        {En: "✓ right", Zh: "✓ 正确"},
	"miss":        {En: "✗ that is not what this step asks for (nothing was sent).", Zh: "✗ 这不是本步要求的命令（什么都没有发送）。"},
	"missData":    {En: "✗ the message is missing something (nothing was sent).", Zh: "✗ 邮件内容还缺点东西（什么都没有发送）。"},
	"hint":        {En: "hint: %s", Zh: "提示：%s"},
	"noHint":      {En: "hint: type something that matches: %s", Zh: "提示：输入的内容要符合：%s"},
	"stuck":       {En: "(stuck? :answer shows the answer, :skip sends it for you)", Zh: "（卡住了？输入 :answer 查看答案，输入 :skip 由程序替你发送）"},
	"answer":      {En: "answer: %s", Zh: "答案：%s"},
	"skipped":     {En: "(skipped: the answer is sent for you)", Zh: "（已跳过：程序替你发送了答案）"},
	"notice":      {En: "→ notice: %s", Zh: "→ 注意：%s"},
	"example":     {En: "Example (not from your server), a reply to %q:", Zh: "示例（不是你的服务器发来的），对 %q 的回复："},
	"mismatch":    {En: "(the lesson was written with %q here; your server answered %q)", Zh: "（课程录制时这里的回复是 %q，你的服务器回复的是 %q）"},
	"replay":      {En: "(resuming: replaying the %d step(s) you already did in this part)", Zh: "（继续上次的进度：自动重放本部分你已完成的 %d 步）"},
	"setup":       {En: "(setting up: %d message(s) delivered to the practice mailbox)", Zh: "（准备工作：已向练习邮箱投递 %d 封邮件）"},
	"setupSkip":   {En: "(no smtp server to deliver the lesson's %d message(s); the mailbox may be empty)", Zh: "（没有可用的 smtp 服务器来投递本课的 %d 封邮件；邮箱可能是空的）"},
	"finished":    {En: "Lesson finished: %d step(s), %d typed right, %d skipped, %d wrong tries.", Zh: "本课完成：共 %d 步，%d 步输入正确，%d 步跳过，输错 %d 次。"},
	"quit":        {En: "Stopped at step %d of %d; run the lesson again to resume.", Zh: "停在第 %d 步（共 %d 步）；再次运行本课即可从这里继续。"},
	"steps":       {En: "steps", Zh: "步"},
	"done":        {En: "✓ done", Zh: "✓ 已完成"},
	"new":         {En: "-", Zh: "-"},
	"atStep":      {En: "at %d/%d", Zh: "进行到 %d/%d"},
	"help": {En: `In a lesson:
  type the command the step asks for (helpers such as :b64 TEXT, :plain USER PASS,
  :cram USER PASS, :apop USER PASS and :unb64 work as in the prompt)
  :hint     show the hint again
  :answer   show the answer
  :skip     send the answer for you and go on
  :quit     stop here (progress is kept; run the lesson again to resume)`,
		Zh: `在课程中：
  输入本步要求的命令（:b64 TEXT、:plain USER PASS、:cram USER PASS、
  :apop USER PASS、:unb64 等辅助命令的用法与提示符中相同）
  :hint     再看一遍提示
  :answer   查看答案
  :skip     由程序替你发送答案并继续
  :quit     在这里停下（进度会保存，再次运行本课即可继续）`},
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
