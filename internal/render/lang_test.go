package render

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// renderIn writes one event with a plain renderer in lang.
func renderIn(t *testing.T, lang i18n.Lang, e session.Event) string {
	t.Helper()
	w := &countingWriter{}
	r := New(w, false, false)
	r.Lang = lang
	r.Event(e)
	return w.b.String()
}

func TestEventLabelsFollowLang(t *testing.T) {
	challenge := frame(t, protocol.SMTP, "AUTH LOGIN", "334 VXNlcm5hbWU6")
	bareLF := func() *protocol.Reply {
		f := protocol.NewFramer(protocol.SMTP)
		f.Expect("NOOP")
		return f.Feed("250 ok", protocol.BareLF)
	}()
	tlsInfo := &session.TLSInfo{Version: "TLS 1.3", Cipher: "TLS_AES_128_GCM_SHA256", ServerName: "mail.example.test",
		Subject: "CN=mail.example.test", Issuer: "CN=Lab CA", DNSNames: []string{"mail.example.test"},
		NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		Fingerprint: "AB:CD", Verified: true}
	tests := []struct {
		name   string
		event  session.Event
		en, zh []string
	}{
		{"challenge", session.Event{Kind: session.Received, Reply: challenge},
			[]string{"3xx intermediate", `decoded: "Username:"`, "next: type `:b64 yourname`", "(RFC 4954 4)"},
			[]string{"3xx 待续（命令尚未完成）：", "解码结果：“Username:”", "下一步：输入“:b64 你的用户名”", "（RFC 4954 第 4 节）"}},
		{"problem", session.Event{Kind: session.Received, Reply: bareLF},
			[]string{"protocol problem: line 1 ended with a bare LF"},
			[]string{"协议问题：第 1 行以单独的 LF 结尾"}},
		{"closed", session.Event{Kind: session.Closed, Reason: "closed by the server"},
			[]string{"-- connection closed by the server", "(press Enter to leave)"},
			[]string{"-- 服务器关闭了连接", "（按 Enter 离开）"}},
		{"lost", session.Event{Kind: session.Closed, Err: errors.New("reset")},
			[]string{"connection lost: reset"},
			[]string{"连接中断：reset"}},
		{"connected", session.Event{Kind: session.Connected, Line: "127.0.0.1:2525"},
			[]string{"connected to 127.0.0.1:2525"},
			[]string{"已连接到 127.0.0.1:2525"}},
		{"tls", session.Event{Kind: session.TLSUp, TLS: tlsInfo},
			[]string{"certificate: CN=mail.example.test", "issued by:   CN=Lab CA", "valid:       2026-01-01 to 2027-01-01", "verified: the chain is trusted and the certificate is for mail.example.test"},
			[]string{"证书：        CN=mail.example.test", "签发者：      CN=Lab CA", "适用的主机名：mail.example.test", "有效期：      2026-01-01 至 2027-01-01", "已验证：证书链可信，证书属于 mail.example.test"}},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			lang i18n.Lang
			want []string
		}{{i18n.English, tt.en}, {"", tt.en}, {i18n.Chinese, tt.zh}} {
			out := renderIn(t, c.lang, tt.event)
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("%s in %q: output lacks %q:\n%s", tt.name, c.lang, w, out)
				}
			}
		}
	}
}

func TestChineseOutputHasNoEnglishLabels(t *testing.T) {
	rep := frame(t, protocol.SMTP, "RCPT TO:<x@elsewhere.test>", "554 5.7.1 <x@elsewhere.test>: Relay access denied")
	out := renderIn(t, i18n.Chinese, session.Event{Kind: session.Received, Reply: rep, Elapsed: time.Millisecond})
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "S: ") {
			continue // the server's own words
		}
		for _, english := range []string{"next:", "permanent", "recipient", "log in", "refused"} {
			if strings.Contains(strings.ToLower(line), english) {
				t.Errorf("Chinese annotation holds %q: %s", english, line)
			}
		}
	}
	for _, want := range []string{"S: 554 5.7.1", "5xx 永久性失败", "即“Relay access denied”；RFC 5321 第 4.2.3 节；RFC 3463 第 3.8 节）", "5.7.1 未获投递授权", "下一步："} {
		if !strings.Contains(out, want) {
			t.Errorf("Chinese output lacks %q:\n%s", want, out)
		}
	}
}
