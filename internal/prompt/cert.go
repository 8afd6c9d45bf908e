package prompt

import (
	"fmt"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/session"
)

// certText is the :cert page: every certificate the server sent, leaf
// first (subject, issuer, names, validity, key, signature, fingerprint),
// the OCSP response it stapled, the name sent and the client certificate,
// as openssl s_client -showcerts shows them.
func (r *Runner) certText(now time.Time) string {
	t := r.Session.TLS()
	if t == nil {
		return i18n.Text(r.Lang, i18n.CertNone) + "\n"
	}
	var b strings.Builder
	line := func(key i18n.Key, args ...any) { fmt.Fprintln(&b, i18n.Textf(r.Lang, key, args...)) }
	line(i18n.CertHeader, len(t.Chain))
	for i, c := range t.Chain {
		line(i18n.CertSubject, i, c.Subject)
		line(i18n.CertIssuer, c.Issuer)
		if len(c.Names) > 0 {
			line(i18n.CertNames, strings.Join(c.Names, ", "))
		}
		state := ""
		switch {
		case now.After(c.NotAfter):
			state = i18n.Text(r.Lang, i18n.CertExpired)
		case now.Before(c.NotBefore):
			state = i18n.Text(r.Lang, i18n.CertNotYet)
		}
		line(i18n.CertValidity, c.NotBefore.UTC().Format(time.RFC3339), c.NotAfter.UTC().Format(time.RFC3339), state)
		line(i18n.CertKey, i18n.Textf(r.Lang, i18n.CertKeyBits, c.Key, c.KeyBits), c.Signature)
		line(i18n.CertFingerprint, c.Fingerprint)
	}
	r.tlsExtras(&b, t)
	return b.String()
}

// tlsExtras writes what :cert and :status say beyond the chain: the OCSP
// response stapled, the name sent, the client certificate.
func (r *Runner) tlsExtras(b *strings.Builder, t *session.TLSInfo) {
	line := func(key i18n.Key, args ...any) { fmt.Fprintln(b, i18n.Textf(r.Lang, key, args...)) }
	if o := t.OCSP; o != nil {
		line(i18n.CertOCSP, r.ocspStatus(o))
	} else {
		line(i18n.CertNoOCSP)
	}
	line(i18n.CertSNI, t.ServerName)
	if t.ClientCert != "" {
		line(i18n.CertClient, t.ClientCert)
	}
}

// ocspStatus says what a stapled OCSP response says, in the prompt's
// language.
func (r *Runner) ocspStatus(o *session.OCSPInfo) string {
	stamp := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	var s string
	switch o.Status {
	case session.OCSPGood:
		s = i18n.Text(r.Lang, i18n.OCSPGood)
	case session.OCSPRevoked:
		s = i18n.Textf(r.Lang, i18n.OCSPRevoked, stamp(o.RevokedAt))
	case session.OCSPUnreadable:
		return i18n.Textf(r.Lang, i18n.OCSPUnreadable, o.Err)
	default:
		s = i18n.Text(r.Lang, i18n.OCSPUnknown)
	}
	if !o.ProducedAt.IsZero() && !o.NextUpdate.IsZero() {
		s += i18n.Textf(r.Lang, i18n.OCSPTimes, stamp(o.ProducedAt), stamp(o.NextUpdate))
	}
	return s
}
