package glossary

import "testing"

// TestGlossaryRulesCatch proves that every rule of the glossary can fail,
// and that what the checks leave out (verbs, inline helpers, commands)
// does not.
func TestGlossaryRulesCatch(t *testing.T) {
	rules, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	bad := map[string]string{
		"应答码":   "552 是应答码",
		"应答":    "服务器的应答",
		"回复":    "服务器回复了",
		"挑战":    "服务器发来挑战",
		"提问":    "服务器的提问",
		"回答":    "客户端回答",
		"信头":    "信头只能用 ASCII",
		"练习实验室": "连接练习实验室",
		"实验室":   "本地实验室",
		"邮箱名":   "USER 后接邮箱名",
		"功能":    "服务器的功能",
		"肯定完成":  "2xx 肯定完成",
		"肯定中间":  "3xx 肯定中间",
		"否定完成":  "5xx 永久性否定完成",
		"注册表":   "注册表里没有",
		"转录":    "转录文件",
		"抄本":    "会话抄本",
		"(UPDATE|TRANSACTION|AUTHORIZATION) 状态": "QUIT 之后进入 UPDATE 状态",
		"(?i)transcript":                        "用 Transcript 保存",
		`等价于明文|可逆|可还原`:                          "以可还原的形式保存",
		`"`:                                     `输入 "." 结束`,
		`[ \t][“”]|[“”][ \t]`:                   "输入 “.” 结束",
		"`":                                     "试试 `:plain`",
		`\p{Han}[ ]?,|,[ ]?\p{Han}`:             "成功, 然后",
		`\p{Han}[;:]`:                           "下一步: 登录",
		`\(\p{Han}|\p{Han}\)`:                   "大小(字节)",
		`）（`:                                    "总大小（字节）（RFC 1939）",
		`RFC \d+ \d`:                            "见（RFC 5321 4.2.3）",
		`\p{Han}[A-Za-z0-9]|[A-Za-z0-9]\p{Han}`: "第4课",
	}
	for _, r := range rules {
		sample, ok := bad[r.Re.String()]
		if !ok {
			t.Errorf("%s rule %q has no bad sample in this test: add one", r.Table, r.Re)
			continue
		}
		if found := Check([]Rule{r}, sample); len(found) == 0 {
			t.Errorf("%s rule %q passes %q", r.Table, r.Re, sample)
		}
	}
	if len(rules) != len(bad) {
		t.Errorf("the glossary has %d rules, the test %d samples", len(rules), len(bad))
	}
	for _, bad := range []string{"邮箱 %q 不存在", "邮箱“%q”"} {
		if len(Check(rules, bad)) == 0 {
			t.Errorf("%q passes: %%q puts ASCII quotes into Chinese", bad)
		}
	}
	for _, good := range []string{
		"邮箱“INBOX”已选定", "共 %d 封", "%s已选定", "第 %[2]s 封，共 %5d 字节", "{mutf7:已发送} 是编码后的名字",
		"输入 LIST \"\" * 列出文件夹", "改用“LIST (SUBSCRIBED) \"\" *”", "例如 :append \"My mail\" note.eml", "和 Content-Type: multipart/mixed; boundary=\"b1\"", "用 a1 SELECT \"INBOX\" 选定", "（RFC 5321 第 4.2.3 节；RFC 3463 第 3.2 节）",
		"100%% 完成", "服务器的响应（质询）",
	} {
		for _, f := range Check(rules, good) {
			t.Errorf("%q fails %s rule %q on %q", good, f.Rule.Table, f.Rule.Re, f.Match)
		}
	}
}

// TestParseRefusesBadPatterns: a pattern that is no regular expression,
// or a glossary without machine-read tables, is an error, not a test that
// checks nothing.
func TestParseRefusesBadPatterns(t *testing.T) {
	for _, doc := range []string{
		"## Ruled out (machine-read)\n| ruled out | use | why |\n|---|---|---|\n| `(` | x | y |\n",
		"## Terms\n| a | b |\n",
	} {
		if _, err := Parse(doc); err == nil {
			t.Errorf("Parse(%q) succeeded", doc)
		}
	}
	rules, err := Parse("## Ruled out (machine-read)\n| ruled out | use | why |\n|---|---|---|\n| `甲\\|乙` | 丙 | x |\n")
	if err != nil || len(rules) != 1 || !rules[0].Re.MatchString("乙") || rules[0].Advice != "丙 (x)" {
		t.Errorf("Parse: %v, %v", rules, err)
	}
}

// TestEnglishWithAChineseExampleIsNotChinese: an English sentence that
// quotes a Chinese example is not held to the Chinese rules.
func TestEnglishWithAChineseExampleIsNotChinese(t *testing.T) {
	if IsChinese(`Subject "第一封中文邮件" as an encoded word`) || !IsChinese("用 --to 指定服务器，--record 与 --record-dir 只能选一个") {
		t.Error("IsChinese misjudges")
	}
}
