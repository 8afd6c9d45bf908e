package lab

import (
	"github.com/emersion/go-sasl"

	"github.com/mailtutor/mailtutor/lab/imapd"
)

// newIMAPServer makes the lab's IMAP server (lab/imapd) over its store,
// accounts, certificate and limits.
func (l *Lab) newIMAPServer() *imapd.Server {
	return imapd.New(imapd.Config{
		Store:    l.store,
		Greeting: "mailtutor lab IMAP ready.",
		Login:    l.accounts.check,
		NewSASL: func(mech string, user *string) (sasl.Server, bool) {
			return newSASLServer(mech, l.accounts, l.hostname, user)
		},
		Mechanisms:      saslMechanisms,
		PlaintextAuth:   isLoopbackConn,
		TLSConfig:       l.tlsConfig,
		MaxMessageBytes: l.cfg.MaxMessageBytes,
		MaxErrors:       l.cfg.MaxErrors,
		IdleTimeout:     l.cfg.IdleTimeout,
		Logf:            l.logf,
	})
}

// serveIMAP runs one IMAP session (imap with STARTTLS, or imaps).
func (l *Lab) serveIMAP(w *wire, _ serviceSpec) {
	l.imap.ServeConnTap(w.raw, w.conn, w.isTLS, w.tap)
}
