package session

import (
	"net"
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
)

// PlaintextError is a credential that Send refused to put on the wire in
// clear: after the user asked for TLS and the server did not agree to it
// (as swaks --tls stops), or on a plain connection to a host that is not
// this machine. The user may confirm (SendOptions.AllowPlaintext) or a
// script allow it for the whole session (Options.AllowPlaintextAuth).
type PlaintextError struct {
	// StartTLS is the line that asked for TLS and was refused ("STARTTLS");
	// "" when the reason is the host.
	StartTLS string
	Host     string        // the server's address
	Kind     string        // the kind of credential (protocol.SecretPassword ...)
	Lang     protocol.Lang // the language of the message ("" is English)
}

func (e *PlaintextError) Error() string {
	why := say(e.Lang, txtPlainRemote, e.Host)
	if e.StartTLS != "" {
		why = say(e.Lang, txtPlainAfterNoTLS, e.StartTLS)
	}
	return why + "\n  " + say(e.Lang, txtPlainWayOut)
}

// PlaintextRisk reports why sending line now, as a helper describes it
// (so.Secret), would put a credential on the wire in clear, or nil when
// it would not: the line holds no credential by the dialect's redaction
// rules nor the helper's word, or the connection is encrypted, or it
// goes to this machine (loopback) and no TLS was refused. Send refuses
// such a line with this error unless so.AllowPlaintext or
// Options.AllowPlaintextAuth says to send it anyway; a prompt can ask
// the user first.
func (s *Session) PlaintextRisk(line string, so SendOptions) *PlaintextError {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.plaintextRiskLocked(line, so)
}

func (s *Session) plaintextRiskLocked(line string, so SendOptions) *PlaintextError {
	if s.tls != nil || s.tlsRefused == "" && s.loopback {
		return nil
	}
	_, kind := s.conv.redact(line, so.Secret)
	if kind == "" {
		return nil
	}
	return &PlaintextError{StartTLS: s.tlsRefused, Host: s.target.Host, Kind: kind, Lang: s.opts.Lang}
}

// noteTLSAsked remembers a line that asks for TLS (Expected.StartTLS)
// until its reply comes. The caller holds mu.
func (s *Session) noteTLSAsked(line string) {
	s.tlsAsked = strings.TrimSpace(line)
}

// noteTLSAnswered is called once the reply to the line that asked for TLS
// came and the upgrade, if the server agreed, is done: a connection still
// in clear was refused TLS. The caller holds mu.
func (s *Session) noteTLSAnswered() {
	if s.tls == nil && s.tlsAsked != "" {
		s.tlsRefused = s.tlsAsked
	}
	s.tlsAsked = ""
}

// isLoopback reports whether addr is on this machine's loopback.
func isLoopback(addr net.Addr) bool {
	if tcp, ok := addr.(*net.TCPAddr); ok {
		return tcp.IP.IsLoopback()
	}
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
