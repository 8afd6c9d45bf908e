package prompt

import (
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/lab/labtest"
	"github.com/mailtutor/mailtutor/session"
)

// TestCertShowsTheChain: :cert before TLS says there is none; after
// STARTTLS on the lab it lists the chain as openssl s_client -showcerts
// does, and :status points to it; in English and Chinese.
func TestCertShowsTheChain(t *testing.T) {
	l := labtest.Start(t)
	for _, lang := range []i18n.Lang{i18n.English, i18n.Chinese} {
		t.Run(string(lang), func(t *testing.T) {
			r, out := runner(t, l, "submission")
			r.Lang = lang
			if err := r.RunScript(strings.NewReader(":cert\nEHLO me\nSTARTTLS\n:cert\n:status\nQUIT\n")); err != nil {
				t.Fatalf("RunScript: %v\n%s", err, out)
			}
			text := out.String()
			none := strings.Index(text, i18n.Text(lang, i18n.CertNone))
			head := strings.Index(text, i18n.Textf(lang, i18n.CertHeader, 1))
			if none < 0 || head < none {
				t.Fatalf("no :cert page before and after STARTTLS:\n%s", text)
			}
			for _, w := range []string{
				i18n.Textf(lang, i18n.CertSubject, 0, "CN=mail.example.test,O=mailtutor lab"),
				i18n.Textf(lang, i18n.CertNames, "mail.example.test, localhost, 127.0.0.1, ::1"),
				i18n.Textf(lang, i18n.CertKey, i18n.Textf(lang, i18n.CertKeyBits, "ECDSA P-256", 256), "ECDSA-SHA256"),
				i18n.Text(lang, i18n.CertNoOCSP),
				i18n.Textf(lang, i18n.CertSNI, "127.0.0.1"),
				i18n.Text(lang, i18n.StatusCertHint),
			} {
				if !strings.Contains(text[head:], w) {
					t.Errorf("output lacks %q:\n%s", w, text[head:])
				}
			}
		})
	}
}

func TestOCSPStatusWords(t *testing.T) {
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		o    session.OCSPInfo
		lang i18n.Lang
		want string
	}{
		{session.OCSPInfo{Status: session.OCSPGood, ProducedAt: at, NextUpdate: at.Add(time.Hour)}, i18n.English,
			"good: the certificate is not revoked, signed 2026-12-01T00:00:00Z, fresh until 2026-12-01T01:00:00Z"},
		{session.OCSPInfo{Status: session.OCSPRevoked, RevokedAt: at}, i18n.Chinese, "已吊销，自 2026-12-01T00:00:00Z 起"},
		{session.OCSPInfo{Status: session.OCSPUnreadable, Err: "bad"}, i18n.English, "unreadable: bad"},
		{session.OCSPInfo{Status: session.OCSPUnknown}, i18n.Chinese, "未知：响应方不认识这张证书"},
	}
	for _, tt := range tests {
		r := &Runner{Lang: tt.lang}
		if got := r.ocspStatus(&tt.o); got != tt.want {
			t.Errorf("%s %s: %q, want %q", tt.lang, tt.o.Status, got, tt.want)
		}
	}
}
