package prompt

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/testkit"
)

// TestCertShowsTheChain: :cert before TLS says there is none; after
// STARTTLS on the lab it lists the chain as openssl s_client -showcerts
// does, and :status points to it; in English and Chinese.
func TestCertShowsTheChain(t *testing.T) {
	l := testkit.StartLab(t)
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
				i18n.Textf(lang, i18n.CertKey, "ECDSA P-256", "ECDSA-SHA256"),
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
