package lab

import (
	"net"
	"strconv"
	"time"

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
			t := &triedSASL{}
			srv, ok := newSASLServer(mech, l.accounts.tracking(&t.name), l.hostname, user)
			t.Server = srv
			return t, ok
		},
		AuthTurn: func(raw net.Conn, wait func(time.Duration, <-chan struct{}) bool) bool {
			return l.authTurn(l.serviceOf(raw), raw, func(d time.Duration) bool { return wait(d, l.quit) })
		},
		AuthResult: func(raw net.Conn, mech, user string, ok bool) {
			l.authResult(l.serviceOf(raw), raw, mech, user, ok)
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

// serviceOf names the service a connection came in on, by its local port.
func (l *Lab) serviceOf(raw net.Conn) string {
	local, ok := raw.LocalAddr().(*net.TCPAddr)
	for _, s := range l.services {
		if _, port, _ := net.SplitHostPort(s.Addr); ok && port == strconv.Itoa(local.Port) {
			return s.Name
		}
	}
	return "imap"
}

// triedSASL is a SASL server that tells the login name it was given.
type triedSASL struct {
	sasl.Server
	name string
}

// Tried is the login name the client gave, for the log.
func (t *triedSASL) Tried() string { return t.name }

// serveIMAP runs one IMAP session (imap with STARTTLS, or imaps).
func (l *Lab) serveIMAP(w *wire, _ serviceSpec) {
	l.imap.ServeConnTap(w.raw, w.conn, w.isTLS, w.tap)
}
