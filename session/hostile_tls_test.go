package session_test

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/session"
)

// certForName makes a self-signed server certificate valid only for name.
func certForName(t *testing.T, name string) (tls.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: name}, DNSNames: []string{name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// startTLSPeer greets, offers STARTTLS, answers it with 220 and then runs
// afterYes on the plain connection (which the client now expects to be TLS).
func startTLSPeer(afterYes func(c net.Conn, br *bufio.Reader)) func(net.Conn, *bufio.Reader) {
	return func(c net.Conn, br *bufio.Reader) {
		c.Write([]byte("220 tls.example ESMTP\r\n"))
		for {
			switch cmd := strings.ToUpper(readCommand(br)); {
			case cmd == "":
				return
			case strings.HasPrefix(cmd, "EHLO"):
				c.Write([]byte("250-tls.example\r\n250 STARTTLS\r\n"))
			case cmd == "STARTTLS":
				afterYes(c, br)
				return
			default:
				c.Write([]byte("500 what?\r\n"))
			}
		}
	}
}

// serveTLS finishes the handshake with cert and answers commands until QUIT.
func serveTLS(cert tls.Certificate) func(net.Conn, *bufio.Reader) {
	return func(c net.Conn, _ *bufio.Reader) {
		tc := tls.Server(c, &tls.Config{Certificates: []tls.Certificate{cert}})
		if tc.Handshake() != nil {
			return
		}
		lineServer("", "250 ok\r\n", "221 bye\r\n")(tc, bufio.NewReader(tc))
	}
}

// A STARTTLS that goes wrong ends the session with a clear error, within
// the timeout, and nothing more can be sent in plain text.
func TestHostileSTARTTLSFails(t *testing.T) {
	const timeout = 500 * time.Millisecond
	for _, tc := range []struct {
		name     string
		afterYes func(net.Conn, *bufio.Reader)
		want     []string
	}{
		{"garbage instead of a ServerHello", func(c net.Conn, br *bufio.Reader) {
			c.Write([]byte("220 go ahead\r\n"))
			br.Peek(1) // the ClientHello
			c.Write([]byte("this is not TLS, this is a mail server talking plain text\r\n"))
		}, []string{"TLS handshake with 127.0.0.1", "failed", "check the server's TLS set-up"}},
		{"bytes pushed in with the 220 (CVE-2011-0411)", func(c net.Conn, br *bufio.Reader) {
			c.Write([]byte("220 go ahead\r\n250 injected\r\n"))
			br.Peek(1)
		}, []string{"after agreeing to start TLS and before the handshake", "CVE-2011-0411"}},
		{"silence instead of a ServerHello", func(c net.Conn, br *bufio.Reader) {
			c.Write([]byte("220 go ahead\r\n"))
			io.Copy(io.Discard, br) // silent until the client gives up
		}, []string{"TLS handshake with 127.0.0.1", "failed", "deadline exceeded"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := hostilePeer(t, startTLSPeer(tc.afterYes))
			w := watch(t, "smtp://"+addr, session.Options{Timeout: timeout})
			w.waitFor("greeting", hostileWait, isKind(session.Received))
			w.send("EHLO client.test")
			w.waitFor("EHLO reply", hostileWait, isKind(session.Received))
			w.send("STARTTLS")
			start := time.Now()
			p := w.waitFor("the handshake failure", hostileWait, isKind(session.Problem))
			if took := time.Since(start); took > timeout+time.Second {
				t.Errorf("the failure was reported after %s (timeout %s)", took, timeout)
			}
			for _, want := range tc.want {
				if !strings.Contains(p.Err.Error(), want) {
					t.Errorf("the error %q does not say %q", p.Err, want)
				}
			}
			w.closed(hostileWait)
			if err := w.s.Send("NOOP", session.SendOptions{}); err == nil {
				t.Error("a command went out after the failed upgrade")
			}
			if got := stepKinds(w.checkTranscript().Steps); got != "server client server client server closed" {
				t.Errorf("transcript steps %q", got)
			}
		})
	}
}

// A certificate for another name fails by default, for STARTTLS and for
// implicit TLS, with an error naming the mismatch and --insecure; with
// --insecure the session goes on and the TLS details say why it is unverified.
func TestHostileCertificateForWrongName(t *testing.T) {
	cert, ca := certForName(t, "other.example")
	for _, host := range []struct {
		name string
		want []string // what the error must name besides the hint
	}{
		{"127.0.0.1", []string{"127.0.0.1"}},
		{"localhost", []string{"localhost", "other.example"}},
	} {
		t.Run(host.name, func(t *testing.T) {
			wantNamed := func(t *testing.T, err string) {
				t.Helper()
				for _, want := range append(host.want, "certificate is for another name", "--insecure") {
					if !strings.Contains(err, want) {
						t.Errorf("the error %q does not say %q", err, want)
					}
				}
			}
			starttls := startTLSPeer(func(c net.Conn, br *bufio.Reader) {
				c.Write([]byte("220 go ahead\r\n"))
				serveTLS(cert)(c, br)
			})
			t.Run("STARTTLS", func(t *testing.T) {
				addr := hostilePeer(t, starttls)
				w := watch(t, "smtp://"+hostPort(host.name, addr), session.Options{Timeout: hostileTimeout, CAPEM: ca})
				w.waitFor("greeting", hostileWait, isKind(session.Received))
				w.send("STARTTLS")
				err := w.waitFor("the name failure", hostileWait, isKind(session.Problem)).Err
				var hostErr x509.HostnameError
				if !errors.As(err, &hostErr) {
					t.Errorf("want an error wrapping x509.HostnameError, got %T %v", err, err)
				}
				wantNamed(t, err.Error())
				w.closed(hostileWait)
				if got := stepKinds(w.checkTranscript().Steps); got != "server client server closed" {
					t.Errorf("transcript steps %q", got)
				}
			})
			t.Run("implicit TLS", func(t *testing.T) {
				addr := hostilePeer(t, serveTLS(cert))
				target, _ := session.ParseURL("smtps://" + hostPort(host.name, addr))
				_, err := session.Dial(t.Context(), target, session.Options{Timeout: hostileTimeout, CAPEM: ca})
				var tlsErr *session.TLSError
				if !errors.As(err, &tlsErr) {
					t.Fatalf("want a TLSError, got %T %v", err, err)
				}
				wantNamed(t, err.Error())
			})
			t.Run("--insecure goes on and says why", func(t *testing.T) {
				addr := hostilePeer(t, starttls)
				w := watch(t, "smtp://"+hostPort(host.name, addr), session.Options{Timeout: hostileTimeout, CAPEM: ca, Insecure: true})
				w.waitFor("greeting", hostileWait, isKind(session.Received))
				w.send("STARTTLS")
				up := w.waitFor("TLS up", hostileWait, isKind(session.TLSUp))
				if up.TLS.Verified || !strings.Contains(up.TLS.VerifyError, host.name) || up.TLS.DNSNames[0] != "other.example" {
					t.Errorf("insecure TLS info %+v, want it unverified, naming %s and showing the certificate's names", up.TLS, host.name)
				}
				w.send("NOOP")
				w.waitFor("NOOP over TLS", hostileWait, func(e session.Event) bool { return e.Kind == session.Received && e.Reply.Code == 250 })
				w.send("QUIT")
				w.closed(hostileWait)
				tr := w.checkTranscript()
				if got := stepKinds(tr.Steps); got != "server client server tls client server client server closed" || tr.Steps[3].TLS.Verified {
					t.Errorf("transcript steps %q, tls %+v", got, tr.Steps[3].TLS)
				}
			})
		})
	}
}

// hostPort is addr's port on host.
func hostPort(host, addr string) string {
	_, port, _ := net.SplitHostPort(addr)
	return net.JoinHostPort(host, port)
}
