// Package imapd is the lab's IMAP server: the grammar of
// github.com/emersion/go-imap/v2's imapserver, a backend over the lab's
// mail store (lab/mailstore), and a front door on each connection that
// makes the replies a student sees Dovecot's where the library's differ
// (ID, STARTTLS, unknown commands, the error limit, BYE on idle timeout).
package imapd

import (
	"crypto/tls"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-sasl"

	"github.com/mailtutor/mailtutor/lab/mailstore"
)

// Config is what the lab gives its IMAP server.
type Config struct {
	Store    *mailstore.Store
	Greeting string // the greeting's text, e.g. "mailtutor lab IMAP ready."

	// Login checks a user name and password and returns the mailbox name.
	Login func(login, password string) (user string, ok bool)
	// NewSASL returns the server side of a mechanism, which stores the
	// mailbox name of the user it authenticates in *user.
	NewSASL func(mech string, user *string) (sasl.Server, bool)
	// Mechanisms are the SASL mechanisms offered where a password may be
	// sent in clear; elsewhere only those that keep it off the wire.
	Mechanisms []string
	// PlaintextAuth reports whether a connection may send a password in
	// clear (LOGIN, AUTHENTICATE PLAIN and LOGIN) without TLS: the lab says
	// yes on loopback. nil: never.
	PlaintextAuth func(raw net.Conn) bool
	// TLSConfig is for STARTTLS; nil offers none.
	TLSConfig *tls.Config

	// AuthTurn, if set, is called before a password is checked (LOGIN, or
	// AUTHENTICATE once the mechanism is known) and may wait, with wait:
	// the lab's delay after failed logins. wait returns early, false, when
	// the client leaves or quit closes. AuthTurn's false refuses the attempt.
	AuthTurn func(raw net.Conn, wait func(d time.Duration, quit <-chan struct{}) bool) bool
	// AuthResult, if set, hears the end of every login: the mechanism
	// ("LOGIN" for the command), the mailbox name or the name tried ("" if
	// unknown), and whether it succeeded. nil: a success is logged.
	AuthResult func(raw net.Conn, mech, user string, ok bool)

	MaxMessageBytes int64         // the largest APPEND
	MaxErrors       int           // BAD replies before BYE
	IdleTimeout     time.Duration // silence before BYE
	Logf            func(format string, args ...any)
}

// Server serves IMAP connections handed to it by ServeConn.
type Server struct {
	cfg  Config
	lib  *imapserver.Server
	ln   *connListener
	wg   sync.WaitGroup
	once sync.Once
}

// New starts a server; Close stops it.
func New(cfg Config) *Server {
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	s := &Server{cfg: cfg, ln: newConnListener()}
	s.lib = imapserver.New(&imapserver.Options{
		NewSession:   s.newSession,
		Caps:         capabilities,
		Logger:       logger{s},
		InsecureAuth: true, // the front door decides, with LOGINDISABLED and [PRIVACYREQUIRED]
	})
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = s.lib.Serve(s.ln)
	}()
	return s
}

// capabilities are what the lab's IMAP offers beyond IMAP4rev1 once
// logged in (LITERAL+ as Dovecot; the library adds SASL-IR, LITERAL-, UNSELECT, ENABLE, IDLE,
// UTF8=ACCEPT and APPENDLIMIT itself; the front door adds ID and STARTTLS).
var capabilities = imap.CapSet{
	imap.CapIMAP4rev1: {}, imap.CapNamespace: {}, imap.CapUIDPlus: {}, imap.CapMove: {},
	imap.CapSpecialUse: {}, imap.CapChildren: {}, imap.CapStatusSize: {}, imap.CapLiteralPlus: {},
}

// ServeConn runs one IMAP session on conn, a TLS connection over raw when
// isTLS (IMAPS), and returns when it ends.
func (s *Server) ServeConn(raw, conn net.Conn, isTLS bool) {
	s.ServeConnTap(raw, conn, isTLS, nil)
}

// Tap is told what a recording of a connection needs: the TLS connection
// STARTTLS made, which it wraps to see the plaintext, and the user who
// logged in.
type Tap interface {
	Upgraded(tlsConn *tls.Conn) net.Conn
	LoggedIn(user string)
}

// ServeConnTap is ServeConn with a tap (nil: none); conn is then the
// tap's wrapper of raw or of the TLS connection over it.
func (s *Server) ServeConnTap(raw, conn net.Conn, isTLS bool, tap Tap) {
	f := newFrontConn(s, raw, conn, isTLS)
	f.tap = tap
	if !s.ln.push(f) {
		_ = f.Close()
		return
	}
	<-f.done
}

// Close stops the server and closes the sessions still running. Serve
// must have returned before the library's Close, whose WaitGroup would
// race with Serve's start: closing our listener ends Serve first.
func (s *Server) Close() error {
	var err error
	s.once.Do(func() {
		_ = s.ln.Close()
		s.wg.Wait()
		err = s.lib.Close()
	})
	return err
}

// authTurn waits for the client's turn to try a password.
func (s *Server) authTurn(f *frontConn) bool {
	return s.cfg.AuthTurn == nil || s.cfg.AuthTurn(f.raw, f.waitUnlessGone)
}

// authResult reports the end of a login.
func (s *Server) authResult(raw net.Conn, mech, user string, ok bool) {
	if s.cfg.AuthResult == nil {
		if ok {
			s.logf("imap %s: %s logged in", raw.RemoteAddr(), user)
		}
		return
	}
	s.cfg.AuthResult(raw, mech, user, ok)
}

// logf logs through the lab's logger.
func (s *Server) logf(format string, args ...any) { s.cfg.Logf(format, args...) }

// logger adapts the lab's Logf to the library's Logger. A read that fails
// (the client left, or stayed silent and got the front door's BYE) is not
// worth a line.
type logger struct{ s *Server }

// Printf implements imapserver.Logger.
func (l logger) Printf(format string, args ...any) {
	if strings.HasPrefix(format, "failed to read command") {
		return
	}
	line := strings.TrimSpace(strings.ReplaceAll(format, "\n", " "))
	l.s.logf("imap: "+line, args...)
}
