package lab

import (
	"net"
	"net/netip"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
)

// refusal says why a connection was refused on accept ("" for none).
type refusal string

// The two connection limits.
const (
	refuseNone      refusal = ""
	refusePerClient refusal = "too many connections from the client"
	refuseTotal     refusal = "too many connections in total"
)

// admit registers an accepted connection, or says which limit refuses it.
// A closing lab refuses everything (ok false).
func (l *Lab) admit(conn net.Conn) (why refusal, ok bool) {
	addr := clientAddr(conn)
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case l.closed:
		return refuseNone, false
	case len(l.conns) >= l.cfg.MaxConns:
		return refuseTotal, false
	case l.perClient[addr] >= l.cfg.MaxConnsPerClient:
		return refusePerClient, false
	}
	l.conns[conn] = struct{}{}
	l.perClient[addr]++
	return refuseNone, true
}

// release forgets a finished connection.
func (l *Lab) release(conn net.Conn) {
	addr := clientAddr(conn)
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.conns, conn)
	if l.perClient[addr]--; l.perClient[addr] <= 0 {
		delete(l.perClient, addr)
	}
}

// refuseWriteTimeout bounds the write of a refusal to a new connection.
const refuseWriteTimeout = 2 * time.Second

// refuse answers a connection over a limit as the real servers do, and
// closes it. Implicit TLS services close without a word: a handshake per
// refused connection is what a flood would want the lab to spend.
func (l *Lab) refuse(conn net.Conn, spec serviceSpec, why refusal) {
	defer conn.Close()
	l.event(spec.name(), conn.RemoteAddr().String(), "limit: %s, refused", why)
	if spec.scheme.ImplicitTLS {
		return
	}
	_ = conn.SetWriteDeadline(time.Now().Add(refuseWriteTimeout))
	_, _ = conn.Write([]byte(refusalLine(spec, why, l.hostname, clientAddr(conn)) + "\r\n"))
}

// refusalLine is what each protocol says to a connection over a limit:
// Postfix's smtpd for too many from one client, Postfix's postscreen for
// all ports busy; Dovecot has no words for it, so POP3 and IMAP say it with
// their codes for a temporary failure.
func refusalLine(spec serviceSpec, why refusal, hostname string, addr netip.Addr) string {
	switch spec.scheme.Protocol {
	case protocol.SMTP:
		if why == refusePerClient {
			return "421 4.7.0 " + hostname + " Error: too many connections from " + addr.String()
		}
		return "421 4.3.2 All server ports are busy"
	case protocol.POP3:
		return "-ERR [SYS/TEMP] Too many connections"
	default:
		return "* BYE Too many connections"
	}
}

// authTurn waits for the client's turn to have a password checked (see
// guard), with wait (Lab.sleep, or wire.sleepUnlessGone); false when the
// lab closes or the client leaves meanwhile.
func (l *Lab) authTurn(service string, conn net.Conn, wait func(time.Duration) bool) bool {
	d, failures := l.guard.turn(clientAddr(conn))
	if d <= 0 {
		return true
	}
	l.event(service, conn.RemoteAddr().String(), "limit: login delayed %v after %d failed logins", d.Round(time.Millisecond), failures)
	return wait(d)
}

// authResult records and logs the end of a login: user is the mailbox
// name, or the name tried ("" when the client gave none), never a secret.
func (l *Lab) authResult(service string, conn net.Conn, mech, user string, ok bool) {
	failures := l.guard.result(clientAddr(conn), ok)
	if ok {
		l.event(service, conn.RemoteAddr().String(), "login ok user=%s mech=%s", user, mech)
		return
	}
	l.event(service, conn.RemoteAddr().String(), "login failed user=%s mech=%s failures=%d", quoteUser(user), mech, failures)
}

// sleep waits d, or less if the lab closes (then false).
func (l *Lab) sleep(d time.Duration) bool { return sleepOrQuit(d, l.quit) }

// loopbackNets are the trusted networks when Config.TrustedNets is nil.
var loopbackNets = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}

// trusted reports whether a client is on Config.TrustedNets (loopback by
// default).
func (l *Lab) trusted(conn net.Conn) bool {
	nets := l.cfg.TrustedNets
	if nets == nil {
		nets = loopbackNets
	}
	tcp, ok := conn.RemoteAddr().(*net.TCPAddr)
	if !ok {
		return false
	}
	addr := tcp.AddrPort().Addr().Unmap()
	for _, n := range nets {
		if n.Contains(addr) {
			return true
		}
	}
	return false
}
