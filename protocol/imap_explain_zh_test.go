package protocol

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/glossary"
)

// TestExplainIMAPInChinese explains every reply of the IMAP corpus in
// both languages: the Chinese says as much as the English (the same
// fields filled, the same citation, the same decoded challenge and code),
// in Chinese, with Chinese typography.
func TestExplainIMAPInChinese(t *testing.T) {
	for _, r := range explainCorpus() {
		en := explainedIMAP(t, r, English)
		zh := explainedIMAP(t, r, Chinese)
		line := r.Tag + " " + r.Status + " [" + r.RespCode + "] " + r.Text + " to " + r.Command
		if !hasHan(zh.Class) || (en.Meaning != "" && !hasHan(zh.Meaning)) {
			t.Errorf("%s: not Chinese: %q / %q", line, zh.Class, zh.Meaning)
		}
		if zh.RFC != en.RFC || zh.Decoded != en.Decoded { // explainIMAP: the dialect localizes citations
			t.Errorf("%s: RFC %q, decoded %q in Chinese; %q, %q in English", line, zh.RFC, zh.Decoded, en.RFC, en.Decoded)
		}
		fields := [][2]string{{en.Meaning, zh.Meaning}, {en.Enhanced, zh.Enhanced}, {en.Next, zh.Next}, {en.Warning, zh.Warning}}
		for i, f := range fields {
			if (f[0] == "") != (f[1] == "") {
				t.Errorf("%s: field %d is %q in English, %q in Chinese", line, i, f[0], f[1])
			}
			if bad := zhTypography(t, f[1]); bad != "" {
				t.Errorf("%s: %q: %s", line, f[1], bad)
			}
		}
		if code, _, _ := strings.Cut(en.Enhanced, " "); !strings.HasPrefix(zh.Enhanced, code) {
			t.Errorf("%s: code %q in Chinese, %q in English", line, zh.Enhanced, en.Enhanced)
		}
	}
}

// TestExplainIMAPInChineseWords checks the glossary's words in the
// explanations a student meets first.
func TestExplainIMAPInChineseWords(t *testing.T) {
	tests := []struct {
		r    Reply
		want []string // fragments of Class, Meaning, Enhanced, Next and Warning together
	}{
		{exGreeting("OK", "CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN", "Dovecot ready."),
			[]string{"无标签响应 OK（问候）", "未认证状态", "[CAPABILITY] 这条响应已附带能力列表", "先用 STARTTLS 加密连接", "支持的认证机制：PLAIN）：试试 :plain USER PASS"}},
		{exTagged("OK", "", "Logged in", "a3 LOGIN student <redacted>", exNotAuth),
			[]string{"带标签响应 OK：命令 a3 成功", "登录成功：进入已认证状态", "LIST \"\" * 列出你的邮箱", "明文"}},
		{exTagged("NO", "AUTHENTICATIONFAILED", "Authentication failed.", "a2 LOGIN student <redacted>", exNotAuth),
			[]string{"带标签响应 NO：命令 a2 失败", "[AUTHENTICATIONFAILED] 凭据错误", "检查用户名和密码"}},
		{exTagged("BAD", "", "Error in IMAP command received by server.", "a1 SELECT INBOX", exNotAuth),
			[]string{"带标签响应 BAD", "命令错误", "你还没有登录", "先登录"}},
		{exTagged("OK", "READ-WRITE", "Select completed", "a7 SELECT &ZTZO9nux-", exLoggedIn),
			[]string{"邮箱“收件箱”（线路上写作 &ZTZO9nux-，即修改版 UTF-7 编码）已选定", "选定状态", "[READ-WRITE] 邮箱以读写方式打开"}},
		{exUntagged("LIST", "", `(\HasNoChildren \Sent) "." "&XfJT0ZAB-"`, `a5 LIST "" *`, exLoggedIn),
			[]string{"无标签响应 LIST：服务器发来的数据", "邮箱“已发送”", `\Sent：特殊用途邮箱，存放已发送邮件`, "SELECT &XfJT0ZAB- 打开它（也可以输入 SELECT {mutf7:已发送}）"}},
		{exUntagged("FETCH", "", `2 (FLAGS (\Deleted \Seen) UID 4827313)`, `A003 STORE 2:4 +FLAGS (\Deleted)`, exSelected),
			[]string{"第 2 封邮件的数据", `标志：\Deleted（待 EXPUNGE 删除）、\Seen（已读）`, "唯一标识"}},
		{exUntagged("EXPUNGE", "", "3", "A202 EXPUNGE", exSelected), []string{"第 3 封邮件已被永久删除", "编号都减一"}},
		{exUntagged("EXISTS", "", "5", "A002 IDLE", exSelected), []string{"现在有 5 封", "DONE 结束 IDLE；然后 FETCH 5 (ENVELOPE)"}},
		{exContinuation("VXNlcm5hbWU6", "a3 AUTHENTICATE LOGIN", exNotAuth), []string{"+ 继续", "SASL 质询", "你的用户名"}},
		{exContinuation("Ready for literal data", `A003 APPEND saved-messages (\Seen) {326}`, exLoggedIn), []string{"字面量", "326 个字节"}},
		{exContinuation("idling", "A002 IDLE", exSelected), []string{"空闲等待", "单独一行 DONE"}},
		{exUntagged("BYE", "", "Autologout; idle for too long", "a5 IDLE", exSelected), []string{"无标签响应 BYE", "没等你 LOGOUT 就挂断了", "重新连接"}},
		{exTagged("NO", "UNAVAILABLE", "Backend down", "a LOGIN x <redacted>", exNotAuth), []string{"暂时失败", "原因见下面的响应码", "[UNAVAILABLE] 暂时性失败", "稍后再试"}},
	}
	for _, tt := range tests {
		ex := explainedIMAP(t, tt.r, Chinese)
		all := strings.Join([]string{ex.Class, ex.Meaning, ex.Enhanced, ex.Next, ex.Warning}, "\n")
		for _, w := range tt.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s %s %s lacks %q:\n%s", tt.r.Tag, tt.r.Status, tt.r.Text, w, all)
			}
		}
	}
}

// zhTypography returns what in a Chinese sentence the glossary's rules
// (docs/glossary-zh.md, read by package glossary) refuse, or "".
func zhTypography(t *testing.T, zh string) string {
	t.Helper()
	rules, err := glossary.Load()
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	for _, f := range glossary.Check(rules, zh) {
		bad = append(bad, fmt.Sprintf("%s %q: %s", f.Rule.Table, f.Match, f.Advice()))
	}
	return strings.Join(bad, "; ")
}
