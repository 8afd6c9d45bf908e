package session_test

import (
	"bufio"
	"crypto/tls"
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// oldTLSPeer is an implicit-TLS SMTP server that speaks only TLS 1.0,
// with a certificate the client trusts: like an old appliance.
func oldTLSPeer(t *testing.T) (addr string, ca []byte) {
	t.Helper()
	cert, ca := certForName(t, "localhost")
	addr = hostilePeer(t, func(c net.Conn, _ *bufio.Reader) {
		tc := tls.Server(c, &tls.Config{Certificates: []tls.Certificate{cert},
			MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS10})
		if tc.Handshake() != nil {
			return
		}
		lineServer("220 old.example ESMTP\r\n", "250 ok\r\n", "221 bye\r\n")(tc, bufio.NewReader(tc))
	})
	return hostPort("localhost", addr), ca
}

// TestTLS10RefusedByDefault: a server that offers only TLS 1.0 is refused,
// as curl and openssl s_client refuse it, with an error that names the old
// version and the way out (--tls-min), in the session's language.
func TestTLS10RefusedByDefault(t *testing.T) {
	for _, tc := range []struct {
		lang protocol.Lang
		want []string
	}{
		{protocol.English, []string{"TLS 1.2", "--tls-min 1.0"}},
		{protocol.Chinese, []string{"TLS 1.2", "--tls-min 1.0", "版本"}},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			addr, ca := oldTLSPeer(t)
			target, _ := session.ParseURL("smtps://" + addr)
			s, err := session.Dial(t.Context(), target, session.Options{Timeout: hostileWait, CAPEM: ca, Lang: tc.lang})
			if err == nil {
				s.Close()
				t.Fatal("a TLS 1.0 server was accepted with the default minimum")
			}
			var tlsErr *session.TLSError
			if !errors.As(err, &tlsErr) {
				t.Fatalf("want a TLSError, got %T %v", err, err)
			}
			t.Log(err)
			for _, want := range tc.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the error %q does not say %q", err, want)
				}
			}
		})
	}
}

// TestTLSMinLowered: with the minimum lowered to TLS 1.0 the session goes
// on, and the TLS details carry a warning that the screen shows and the
// transcript keeps as the TLS step's note.
func TestTLSMinLowered(t *testing.T) {
	addr, ca := oldTLSPeer(t)
	w := watch(t, "smtps://"+addr, session.Options{Timeout: hostileWait, CAPEM: ca, TLSMin: tls.VersionTLS10})
	up := w.waitFor("TLS up", hostileWait, isKind(session.TLSUp))
	if up.TLS.Version != "TLS 1.0" || !up.TLS.Verified {
		t.Errorf("TLS info %+v, want TLS 1.0, verified", up.TLS)
	}
	for _, want := range []string{"TLS 1.0", "--tls-min", "RFC 8996"} {
		if !strings.Contains(up.TLS.Warning, want) {
			t.Errorf("the TLS warning %q does not say %q", up.TLS.Warning, want)
		}
	}
	w.waitFor("greeting", hostileWait, isKind(session.Received))
	w.send("QUIT")
	w.closed(hostileWait)
	tr := w.checkTranscript()
	if tr.Steps[0].TLS == nil || tr.Steps[0].Note != up.TLS.Warning {
		t.Errorf("the transcript's TLS step %+v does not keep the warning %q", tr.Steps[0], up.TLS.Warning)
	}
}

// TestParseTLSVersion reads the values of --tls-min.
func TestParseTLSVersion(t *testing.T) {
	for in, want := range map[string]uint16{"1.0": tls.VersionTLS10, "1.1": tls.VersionTLS11,
		"1.2": tls.VersionTLS12, "1.3": tls.VersionTLS13, "TLS1.2": tls.VersionTLS12, "tls 1.3": tls.VersionTLS13} {
		if got, err := session.ParseTLSVersion(in); err != nil || got != want {
			t.Errorf("ParseTLSVersion(%q) = %x, %v; want %x", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "1", "2.0", "ssl3", "1.4"} {
		if _, err := session.ParseTLSVersion(bad); err == nil {
			t.Errorf("ParseTLSVersion(%q) accepted", bad)
		}
	}
}
