package prompt

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/lab/labtest"
	"github.com/mailtutor/mailtutor/protocol"
)

func TestHelpOnCodesAndKeywords(t *testing.T) {
	tests := []struct {
		name string
		p    protocol.Protocol
		arg  string
		lang i18n.Lang
		want []string
		not  []string
	}{
		{"smtp code", protocol.SMTP, "550", i18n.English, []string{"550  (SMTP, RFC 5321 4.2.3)", "  5xx permanent", "mailbox unavailable"}, []string{"no SMTP command"}},
		{"enhanced", protocol.POP3, "5.7.1", i18n.English, []string{"5.7.1  (SMTP, RFC 3463 3.8)", "  5.7.1 delivery not authorized"}, nil},
		{"pop3 code", protocol.SMTP, "-ERR [IN-USE]", i18n.English, []string{"-ERR [IN-USE]  (POP3, RFC 2449 8.1)", "[IN-USE]: the mailbox is locked", "next: close the other session"}, nil},
		{"imap code", protocol.SMTP, "NO [TRYCREATE]", i18n.English, []string{"NO [TRYCREATE]  (IMAP, RFC 9051 7.1)", "[TRYCREATE] the target mailbox does not exist"}, nil},
		{"imap code zh", protocol.IMAP, "NO [TRYCREATE]", i18n.Chinese, []string{"NO [TRYCREATE]（IMAP，RFC 9051 第 7.1 节）", "目标邮箱不存在"}, nil},
		{"keyword", protocol.SMTP, "PIPELINING", i18n.English, []string{"PIPELINING: advertised in the SMTP reply to EHLO (RFC 2920)", "PIPELINING: advertised in the POP3 reply to CAPA (RFC 2449 6.6)", "  meaning: you may send several commands"}, []string{"no SMTP command"}},
		{"etrn", protocol.SMTP, "ETRN", i18n.English, []string{"ETRN: advertised in the SMTP reply to EHLO (RFC 1985)", "queued for that domain"}, nil},
		{"etrn zh", protocol.SMTP, "etrn", i18n.Chinese, []string{"ETRN：出现在 SMTP 对 EHLO 的响应中（RFC 1985）", "  含义：ETRN <域名>"}, nil},
		{"command and keyword", protocol.SMTP, "VRFY", i18n.English, []string{"VRFY  (SMTP, RFC 5321 4.1.1.6)", "VRFY: advertised in the SMTP reply to EHLO"}, nil},
		{"imap capability", protocol.IMAP, "AUTH=PLAIN", i18n.English, []string{"AUTH=PLAIN: advertised in the IMAP reply to CAPABILITY (RFC 9051 6.2.2)"}, nil},
		{"nothing", protocol.POP3, "FOO", i18n.English, []string{`no POP3 command "FOO"; :help lists them`, "FOO is no reply code"}, nil},
		{"nothing zh", protocol.POP3, "FOO", i18n.Chinese, []string{`POP3 里没有“FOO”这条命令`, "FOO 也不是 mailtutor 认识的"}, nil},
	}
	for _, tt := range tests {
		got := helpText(tt.p, tt.arg, tt.lang)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: lacks %q:\n%s", tt.name, w, got)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(got, w) {
				t.Errorf("%s: holds %q:\n%s", tt.name, w, got)
			}
		}
	}
}

// TestHelpOnACodeSendsNothing: in a session on the lab, :help 550 and
// :help CHUNKING are answered by the prompt; the server sees nothing.
func TestHelpOnACodeSendsNothing(t *testing.T) {
	l := labtest.Start(t)
	r, out := runner(t, l, "smtp")
	if err := r.RunScript(strings.NewReader(":help 550 5.1.1\n:help CHUNKING\nQUIT\n")); err != nil {
		t.Fatalf("RunScript: %v\n%s", err, out)
	}
	text := out.String()
	for _, w := range []string{"550 5.1.1  (SMTP", "5.1.1 bad destination mailbox address", "CHUNKING: advertised in the SMTP reply to EHLO (RFC 3030 2)", "C: QUIT"} {
		if !strings.Contains(text, w) {
			t.Errorf("output lacks %q:\n%s", w, text)
		}
	}
	if n := strings.Count(text, "C: "); n != 1 {
		t.Errorf("%d lines sent, want only QUIT:\n%s", n, text)
	}
}
