package protocol

import (
	"errors"
	"strings"
	"testing"
)

// studentSMTPCodes are the reply codes a student meets in the classic
// telnet lab, each with a command it answers.
var studentSMTPCodes = []struct {
	command string
	code    int
}{
	{"", 220}, {"EHLO c", 250}, {"QUIT", 221}, {"AUTH LOGIN", 235}, {"AUTH LOGIN", 334},
	{"DATA", 354}, {"", 421}, {"RCPT TO:<a@b>", 450}, {".", 451}, {"RCPT TO:<a@b>", 452},
	{"FOO", 500}, {"MAIL FROM:<bad", 501}, {"VRFY x", 502}, {"DATA", 503},
	{"MAIL FROM:<a@b>", 530}, {"AUTH PLAIN x", 535}, {"RCPT TO:<a@b>", 550},
	{"RCPT TO:<a@b>", 551}, {".", 552}, {"MAIL FROM:<a b>", 553}, {"RCPT TO:<a@b>", 554},
}

func TestExplainInChineseForStudentCodes(t *testing.T) {
	for _, tt := range studentSMTPCodes {
		r := &Reply{Protocol: SMTP, Command: tt.command, Code: tt.code, Class: Class(tt.code/100) - 1}
		zh, err := ExplainIn(r, Chinese)
		if err != nil {
			t.Fatalf("%d: %v", tt.code, err)
		}
		en := Explain(r)
		if !hasHan(zh.Meaning) || !hasHan(zh.Class) {
			t.Errorf("%d to %q: not Chinese: class %q, meaning %q", tt.code, tt.command, zh.Class, zh.Meaning)
		}
		if zh.RFC != zhRefs(en.RFC) {
			t.Errorf("%d: RFC %q in Chinese, %q in English", tt.code, zh.RFC, en.RFC)
		}
		if (zh.Next == "") != (en.Next == "") {
			t.Errorf("%d to %q: next step %q in Chinese, %q in English", tt.code, tt.command, zh.Next, en.Next)
		}
	}
	for _, group := range requiredSMTPCodes {
		for _, code := range group.codes {
			r := &Reply{Protocol: SMTP, Command: group.command, Code: code, Class: Class(code/100) - 1}
			if zh, _ := ExplainIn(r, Chinese); !hasHan(zh.Meaning) || strings.Contains(zh.Meaning, "不是标准状态码") {
				t.Errorf("%s: %d has no Chinese meaning of its own: %q", group.source, code, zh.Meaning)
			}
		}
	}
}

func TestExplainInChineseWholeReplies(t *testing.T) {
	ehlo := "250-mail.example.test\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n"
	tests := []struct {
		command, wire string
		want          []string // fragments of Meaning, Enhanced, Decoded and Next together
	}{
		{"", "220 mail.example.test ESMTP\r\n", []string{"问候", "EHLO"}},
		{"EHLO c", ehlo, []string{"扩展", "先发 STARTTLS 加密连接", "；再用 AUTH 登录（支持的认证机制：PLAIN LOGIN）", "；最后用 MAIL FROM:<you@example.test>"}},
		{"AUTH LOGIN", "334 VXNlcm5hbWU6\r\n", []string{"质询", "Username:", "“:b64 你的用户名”"}},
		{"AUTH PLAIN x", "535 5.7.8 Error: authentication failed\r\n", []string{"用户名或密码错误", "5.7.8 认证凭据无效（Postfix"}},
		{"RCPT TO:<x@elsewhere.test>", "554 5.7.1 <x@elsewhere.test>: Relay access denied\r\n", []string{"中继", "5.7.1 未获投递授权"}},
		{"RCPT TO:<nobody@example.test>", "550 5.1.1 <nobody@example.test>: Recipient address rejected\r\n", []string{"收件人被拒绝", "5.1.1 目标邮箱地址错误"}},
		{"MAIL FROM:<a@b>", "530 5.7.0 Authentication required\r\n", []string{"登录", "5.7.0 其他或未定义的安全状态（需要认证（RFC 4954），或者先加密（RFC 3207））"}},
		{"MAIL FROM:<a@b>", "500 5.5.2 Error: bad syntax\r\n", []string{"5.5.2 语法错误"}},
		{"NOOP", "451 4.3.0 Error: queue file write error\r\n", []string{"本地处理出错", "4.3.0 其他或未定义的邮件系统状态", "稍后再试"}},
		{"NOOP", "550 5.9.9 odd\r\n", []string{"5.9.9 永久性失败，未定义的主题（IANA 登记表里没有这个细分代码）"}},
		{"NOOP", "299 strange\r\n", []string{"299 不是标准状态码", "2xx 成功"}},
	}
	for _, tt := range tests {
		ex, err := ExplainIn(smtpReply(t, tt.command, tt.wire), Chinese)
		if err != nil {
			t.Fatal(err)
		}
		all := strings.Join([]string{ex.Meaning, ex.Enhanced, ex.Decoded, ex.Next}, "\n")
		for _, s := range []string{ex.Class, ex.Meaning, ex.Enhanced, ex.Next, ex.Warning} {
			if bad := zhTypography(t, s); bad != "" {
				t.Errorf("%q to %q: %q: %s", tt.wire, tt.command, s, bad)
			}
		}
		for _, w := range tt.want {
			if !strings.Contains(all, w) {
				t.Errorf("%q to %q lacks %q:\n%s", tt.wire, tt.command, w, all)
			}
		}
	}
}

// pop3KeyLines names a client line for every key of the POP3 tables, and
// the state it is sent in; errOnly keys explain only a -ERR.
var pop3KeyLines = map[string]struct {
	command                 string
	sasl, loggedIn, errOnly bool
	marked                  bool
}{
	"": {}, "USER": {command: "USER student"}, "PASS": {command: "PASS secret"},
	"APOP": {command: "APOP student 0123"}, "STAT": {command: "STAT", loggedIn: true},
	"LIST": {command: "LIST", loggedIn: true}, "LIST 1": {command: "LIST 1", loggedIn: true},
	"UIDL": {command: "UIDL", loggedIn: true}, "UIDL 1": {command: "UIDL 1", loggedIn: true},
	"RETR": {command: "RETR 1", loggedIn: true}, "TOP": {command: "TOP 1 0", loggedIn: true},
	"DELE": {command: "DELE 1", loggedIn: true}, "RSET": {command: "RSET", loggedIn: true},
	"NOOP": {command: "NOOP", loggedIn: true}, "QUIT": {command: "QUIT"},
	"QUIT UPDATE": {command: "QUIT", loggedIn: true, marked: true}, "QUIT UPDATE none": {command: "QUIT", loggedIn: true},
	"CAPA": {command: "CAPA"},
	"STLS": {command: "STLS"}, "AUTH": {command: "AUTH PLAIN"}, "SASL": {command: "<redacted>", sasl: true},
	"AUTH LIST":        {command: "AUTH"},
	"after login":      {command: "USER student", loggedIn: true, errOnly: true},
	"before login":     {command: "RETR 1", errOnly: true},
	"missing argument": {command: "TOP 1", loggedIn: true, errOnly: true},
}

func TestExplainInChinesePOP3EveryCommand(t *testing.T) {
	for key := range english.pop3 {
		line, ok := pop3KeyLines[key]
		if !ok {
			t.Errorf("POP3 table key %q has no client line in this test", key)
			continue
		}
		for _, class := range []Class{ClassOK, ClassErr} {
			if line.errOnly && class == ClassOK {
				continue
			}
			r := &Reply{Protocol: POP3, Command: line.command, SASL: line.sasl, LoggedIn: line.loggedIn,
				Before: State{LoggedIn: line.loggedIn, Marked: line.marked}, Class: class}
			if got := pop3Key(r); got != key {
				t.Fatalf("%s to %q is keyed %q, want %q", class, line.command, got, key)
			}
			zh, _ := ExplainIn(r, Chinese)
			want := chinese.pop3[key].OK
			if class == ClassErr {
				want = chinese.pop3[key].Err
			}
			if !strings.HasPrefix(zh.Meaning, want) || !hasHan(zh.Meaning) || !hasHan(zh.Class) {
				t.Errorf("%s to %q: meaning %q, class %q; want %q", class, line.command, zh.Meaning, zh.Class, want)
			}
		}
	}
}

func TestExplainInChinesePOP3ResponseCode(t *testing.T) {
	r := oneReply(t, POP3, []string{"PASS secret"}, "-ERR [IN-USE] mailbox locked\r\n")
	zh, _ := ExplainIn(r, Chinese)
	if !strings.Contains(zh.Meaning, "；[IN-USE]：邮箱被锁定") || !strings.Contains(zh.Next, "另一个会话") {
		t.Errorf("[IN-USE] in Chinese: %+v", zh)
	}
}

func TestEveryEnhancedDetailInChinese(t *testing.T) {
	for key := range english.enhancedDetail {
		for _, class := range []string{"4", "5"} {
			code := class + "." + key
			if strings.Count(key, ".") == 2 { // a whole code
				code = key
			}
			d := describeEnhanced(&chinese, 550, code)
			if !strings.HasPrefix(d, code+" ") || !hasHan(d) {
				t.Errorf("%s: %q", code, d)
			}
		}
	}
}

func TestProblemsInChinese(t *testing.T) {
	r := oneReply(t, SMTP, []string{"NOOP"}, "250-a\n250-b\n250 c\r\n")
	en, err := ProblemsIn(r, English)
	if err != nil || !equalStrings(en, r.Problems) || len(en) != 1 {
		t.Fatalf("English problems %q, err %v; Problems %q", en, err, r.Problems)
	}
	zh, _ := ProblemsIn(r, Chinese)
	if len(zh) != 1 || !strings.Contains(zh[0], "第 1 行以单独的 LF 结尾") || !strings.Contains(zh[0], "（共 2 行）") {
		t.Errorf("Chinese problems %q", zh)
	}
	r.Problems = append(r.Problems, "a line was cut")
	if zh, _ := ProblemsIn(r, Chinese); len(zh) != 2 || zh[1] != "a line was cut" {
		t.Errorf("appended problem lost: %q", zh)
	}
	loaded := &Reply{Protocol: SMTP, Problems: []string{"recorded problem"}}
	if got, _ := ProblemsIn(loaded, Chinese); !equalStrings(got, loaded.Problems) {
		t.Errorf("problems of an unframed reply: %q", got)
	}
	if _, err := ProblemsIn(r, Lang("xx")); !errors.Is(err, ErrUnsupportedLang) {
		t.Errorf("err = %v", err)
	}
}

func TestCommandsInChinese(t *testing.T) {
	for _, p := range []Protocol{SMTP, POP3} {
		zh, err := CommandsIn(p, Chinese)
		if err != nil {
			t.Fatal(err)
		}
		en := Commands(p)
		if len(zh) != len(en) || len(zh) == 0 {
			t.Fatalf("%s: %d Chinese commands, %d English", p, len(zh), len(en))
		}
		for i, c := range zh {
			if c.Name != en[i].Name || c.Syntax != en[i].Syntax || c.RFC != zhRefs(en[i].RFC) {
				t.Errorf("%s %s: the language-neutral part changed: %+v", p, c.Name, c)
			}
			if !hasHan(c.Meaning) || !hasHan(c.State) || !strings.HasSuffix(c.Meaning, "。") {
				t.Errorf("%s %s: meaning %q, state %q", p, c.Name, c.Meaning, c.State)
			}
		}
	}
	c, ok, err := LookupCommandIn(SMTP, " rcpt ", Chinese)
	if err != nil || !ok || !strings.Contains(c.Meaning, "收件人") {
		t.Errorf("LookupCommandIn(rcpt) = %+v, %v, %v", c, ok, err)
	}
	if _, ok, _ := LookupCommandIn(POP3, "EHLO", Chinese); ok {
		t.Error("EHLO found among the POP3 commands")
	}
	if _, err := CommandsIn(SMTP, Lang("xx")); !errors.Is(err, ErrUnsupportedLang) {
		t.Errorf("CommandsIn(xx) err = %v", err)
	}
	if _, _, err := LookupCommandIn(SMTP, "MAIL", Lang("xx")); !errors.Is(err, ErrUnsupportedLang) {
		t.Errorf("LookupCommandIn(xx) err = %v", err)
	}
}

func TestLangs(t *testing.T) {
	for _, l := range Langs() {
		if !Supported(l) {
			t.Errorf("%q listed but not supported", l)
		}
	}
	if Supported("xx") || Supported("") {
		t.Error("an unknown language is supported")
	}
}

// TestZhRefs: citations in Chinese read 第 N 节, one RFC from the next
// parted by ；, further sections of one RFC by 、.
func TestZhRefs(t *testing.T) {
	tests := map[string]string{
		"RFC 5321 4.2.3":                      "RFC 5321 第 4.2.3 节",
		"RFC 5321 4.2.3, RFC 3463 3.2":        "RFC 5321 第 4.2.3 节；RFC 3463 第 3.2 节",
		"RFC 5321 4.2.3, 3.1":                 "RFC 5321 第 4.2.3 节、第 3.1 节",
		"RFC 821 4.1.1; RFC 5321 F.6":         "RFC 821 第 4.1.1 节；RFC 5321 附录 F.6",
		"RFC 2449 6.4, RFC 5034":              "RFC 2449 第 6.4 节；RFC 5034",
		"RFC 9051 7.5 literal, 6.3.12 APPEND": "RFC 9051 第 7.5 节 literal、第 6.3.12 节 APPEND",
		"":                                    "",
	}
	for in, want := range tests {
		if got := zhRefs(in); got != want {
			t.Errorf("zhRefs(%q) = %q, want %q", in, got, want)
		}
	}
	r := oneReply(t, SMTP, []string{"RCPT TO:<x@y>"}, "550 5.1.1 no such user\r\n")
	if zh, _ := ExplainIn(r, Chinese); zh.RFC != "RFC 5321 第 4.2.3 节；RFC 3463 第 3.2 节" {
		t.Errorf("550 5.1.1 cites %q in Chinese", zh.RFC)
	}
	if en := Explain(r); en.RFC != "RFC 5321 4.2.3, RFC 3463 3.2" {
		t.Errorf("550 5.1.1 cites %q in English", en.RFC)
	}
	greeting := oneReply(t, IMAP, nil, "* OK [CAPABILITY IMAP4rev1] ready\r\n")
	if zh, _ := ExplainIn(greeting, Chinese); zh.RFC != "RFC 9051 第 7.1.1 节、第 7.1 节" {
		t.Errorf("the IMAP greeting cites %q in Chinese", zh.RFC)
	}
}
