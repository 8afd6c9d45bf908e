package main

import (
	"context"
	"flag"
	"os"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/render"

	"github.com/mailtutor/mailtutor/internal/prompt"
	"github.com/mailtutor/mailtutor/session"
)

// adminFlags are the flags of "mailtutor connect" an administrator
// reaches for: the opening done for them, TLS details, MX targets.
type adminFlags struct {
	starttls       bool
	ehlo           string
	sni, cert, key string
	mx             bool
	dns            string
}

func (a *adminFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&a.starttls, "starttls", false, "say hello (EHLO, CAPA, CAPABILITY) and start TLS (STARTTLS, STLS) for me, shown, then hand over; stop if the server refuses")
	fs.StringVar(&a.ehlo, "ehlo", "", "the `NAME` in the EHLO that --starttls sends (default: this machine's name); alone, send that EHLO and hand over")
	fs.StringVar(&a.sni, "sni", "", "the server `NAME` sent in the TLS handshake (SNI) and checked against the certificate (default: the URL's host)")
	fs.StringVar(&a.cert, "cert", "", "a client certificate `FILE` (PEM) to send when the server asks for one; needs --key")
	fs.StringVar(&a.key, "key", "", "the private key `FILE` (PEM) of --cert")
	fs.BoolVar(&a.mx, "mx", false, "the URL's host is a mail domain: try its MX hosts in order, then its own address (as mx:example.com)")
	fs.StringVar(&a.dns, "dns", "", "resolve names and MX records with the DNS server at `HOST:PORT` instead of the system's")
}

// apply sets the session options of the flags.
func (a *adminFlags) apply(o *session.Options) {
	o.ServerName, o.CertFile, o.KeyFile, o.DNS = a.sni, a.cert, a.key, a.dns
}

// dial connects to t, or to the mail exchangers of its domain (mx:, --mx),
// saying on out which host it tries.
func (a *adminFlags) dial(ctx context.Context, t session.Target, o session.Options, out *render.Renderer, lang i18n.Lang) (*session.Session, error) {
	if a.mx {
		t.MX = true
	}
	if !t.MX {
		return session.Dial(ctx, t, o)
	}
	out.Lang = lang
	return session.DialMX(ctx, t, o, func(m session.MXAttempt) {
		if m.Fallback {
			out.Info(i18n.Textf(lang, i18n.MXFallback, m.Domain))
		} else {
			out.Info(i18n.Textf(lang, i18n.MXTrying, m.Domain, m.Host, m.Pref))
		}
		if m.Err != nil {
			out.Notice(i18n.Textf(lang, i18n.MXFailed, m.Host, m.Err))
		}
	})
}

// opening is what the prompt sends before it hands over.
func (a *adminFlags) opening() prompt.Opening {
	name := a.ehlo
	if name == "" {
		name = defaultHelloName()
	}
	return prompt.Opening{StartTLS: a.starttls, Hello: a.ehlo != "", Name: name}
}

// defaultHelloName is this machine's name for EHLO, "localhost" when it
// has none.
func defaultHelloName() string {
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "localhost"
}
