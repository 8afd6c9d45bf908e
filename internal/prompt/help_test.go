package prompt

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/lab/labtest"
	"github.com/mailtutor/mailtutor/protocol"
)

func TestHelpTextInEachLanguage(t *testing.T) {
	tests := []struct {
		name string
		p    protocol.Protocol
		arg  string
		lang i18n.Lang
		want []string
	}{
		{"list en", protocol.SMTP, "", i18n.English, []string{"SMTP commands (:help NAME for details):", "  MAIL      Starts a mail transaction", "TURN      Obsolete", " (obsolete)", "Prompt commands (not sent to the server):"}},
		{"list zero lang", protocol.POP3, "", "", []string{"POP3 commands (:help NAME for details):", "  RETR      Sends message number msg"}},
		{"list zh", protocol.SMTP, "", i18n.Chinese, []string{"SMTP 命令（:help 命令名 查看详情）：", "  EHLO      扩展问候：报上你的主机名，并请服务器列出它支持的扩展（SIZE、STARTTLS、AUTH 等）。\n", "（已废弃）", "提示符命令（不会发给服务器）：", "  :b64 TEXT          把 TEXT 做 base64 编码后发送"}},
		{"page en", protocol.SMTP, "rcpt", i18n.English, []string{"RCPT  (SMTP, RFC 5321 4.1.1.3)", "  syntax:  RCPT TO:<forward-path>", "  meaning: Names one recipient", "  when:    after MAIL, before DATA"}},
		{"page zh", protocol.SMTP, "rcpt", i18n.Chinese, []string{"RCPT（SMTP，RFC 5321 第 4.1.1.3 节）", "  语法：RCPT TO:<forward-path>", "  含义：指定一个收件人", "  时机：MAIL 之后、DATA 之前"}},
		{"obsolete zh", protocol.SMTP, "TURN", i18n.Chinese, []string{"  说明：已废弃；大多数服务器会以 502（命令未实现）响应"}},
		{"other protocol zh", protocol.SMTP, ":RETR", i18n.Chinese, []string{"（RETR 是 POP3 命令，不是 SMTP 命令）", "  含义：完整发送编号为 msg 的邮件"}},
		{"unknown en", protocol.POP3, "FOO", i18n.English, []string{`no POP3 command "FOO"; :help lists them`}},
		{"unknown zh", protocol.POP3, "FOO", i18n.Chinese, []string{`POP3 里没有“FOO”这条命令`}},
	}
	for _, tt := range tests {
		got := helpText(tt.p, tt.arg, tt.lang)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: lacks %q:\n%s", tt.name, w, got)
			}
		}
	}
}

func TestFirstSentence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"One. Two.", "One."},
		{"No stop", "No stop"},
		{"第一句。第二句。", "第一句。"},
	}
	for _, tt := range tests {
		if got := firstSentence(tt.in); got != tt.want {
			t.Errorf("firstSentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestChineseScriptShowsChineseHelpAndAnnotations(t *testing.T) {
	l := labtest.Start(t)
	r, out := runner(t, l, "submission")
	r.Lang = i18n.Chinese
	r.Render.Lang = i18n.Chinese
	if err := r.RunScript(strings.NewReader(":help MAIL\n:status\nEHLO me.example.test\nMAIL FROM:<student@example.test>\nQUIT\n")); err != nil {
		t.Fatalf("RunScript: %v\n%s", err, out)
	}
	text := out.String()
	for _, want := range []string{"  含义：开始一个邮件事务", "服务器：", "等待响应的命令：0 条", "问候：服务器已就绪", "下一步：", "S: 530", "需要认证", "再见"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
}
