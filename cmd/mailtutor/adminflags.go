package main

import (
	"flag"
	"os"

	"github.com/mailtutor/mailtutor/internal/prompt"
	"github.com/mailtutor/mailtutor/session"
)

// adminFlags are the flags of "mailtutor connect" an administrator
// reaches for: the opening done for them, TLS details, MX targets.
type adminFlags struct {
	starttls       bool
	ehlo           string
	sni, cert, key string
}

func (a *adminFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&a.starttls, "starttls", false, "say hello (EHLO, CAPA, CAPABILITY) and start TLS (STARTTLS, STLS) for me, shown, then hand over; stop if the server refuses")
	fs.StringVar(&a.ehlo, "ehlo", "", "the `NAME` in the EHLO that --starttls sends (default: this machine's name); alone, send that EHLO and hand over")
	fs.StringVar(&a.sni, "sni", "", "the server `NAME` sent in the TLS handshake (SNI) and checked against the certificate (default: the URL's host)")
	fs.StringVar(&a.cert, "cert", "", "a client certificate `FILE` (PEM) to send when the server asks for one; needs --key")
	fs.StringVar(&a.key, "key", "", "the private key `FILE` (PEM) of --cert")
}

// apply sets the session options of the flags.
func (a *adminFlags) apply(o *session.Options) {
	o.ServerName, o.CertFile, o.KeyFile = a.sni, a.cert, a.key
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
