package e2e

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// needBinary skips the test unless the suite built the binary.
func needBinary(t *testing.T) {
	t.Helper()
	if os.Getenv("MAILTUTOR_E2E") != "1" {
		t.Skip(skipMessage)
	}
}

// serveOne runs serve for each connection to a listener on 127.0.0.1:0
// until the test ends, and returns its port.
func serveOne(t *testing.T, serve func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				serve(c)
			}()
		}
	}()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// localhostCert makes a certificate for localhost and writes it as a PEM
// file for --ca.
func localhostCert(t *testing.T) (tls.Certificate, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "localhost"}, DNSNames: []string{"localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, file
}

// TestTLS10ServerNeedsTLSMin: a server that speaks only TLS 1.0 is
// refused by default with the way out named; --tls-min 1.0 reaches it,
// with a warning on screen and the note in the transcript.
func TestTLS10ServerNeedsTLSMin(t *testing.T) {
	needBinary(t)
	cert, ca := localhostCert(t)
	port := serveOne(t, func(c net.Conn) {
		tc := tls.Server(c, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS10})
		if tc.Handshake() != nil {
			return
		}
		tc.Write([]byte("220 old.example ESMTP\r\n"))
		br := bufio.NewReader(tc)
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			if strings.HasPrefix(strings.ToUpper(line), "QUIT") {
				tc.Write([]byte("221 bye\r\n"))
				return
			}
			tc.Write([]byte("250 ok\r\n"))
		}
	})
	url := "smtps://localhost:" + port
	res := runMailtutor(t, "QUIT\n", "connect", url, "--ca", ca)
	if res.code == 0 || !strings.Contains(res.stderr, "--tls-min 1.0") || strings.Contains(res.stdout, "verified") {
		t.Errorf("a TLS 1.0 server was not refused, or the refusal does not name --tls-min (exit %d)", res.code)
	}
	record := filepath.Join(t.TempDir(), "old.yaml")
	res = runMailtutor(t, "QUIT\n", "connect", url, "--ca", ca, "--tls-min", "1.0", "--record", record)
	if res.code != 0 || !strings.Contains(res.stderr, "warning: --tls-min TLS 1.0") ||
		!strings.Contains(res.stdout, "warning: TLS 1.0 accepted only because --tls-min") || !strings.Contains(res.stdout, "S: 221") {
		t.Errorf("with --tls-min 1.0: exit %d, or a warning missing", res.code)
	}
	if raw, _ := os.ReadFile(record); !strings.Contains(string(raw), "note: ") || !strings.Contains(string(raw), "--tls-min") {
		t.Errorf("the transcript's TLS step keeps no note:\n%s", raw)
	}
}

// noTLSBackend is go-smtp without TLS: STARTTLS gets 502. It counts the
// credentials it received.
type noTLSBackend struct{ creds atomic.Int32 }

func (b *noTLSBackend) NewSession(*smtp.Conn) (smtp.Session, error) { return noTLSSession{b}, nil }

type noTLSSession struct{ b *noTLSBackend }

func (s noTLSSession) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s noTLSSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, _, _ string) error { s.b.creds.Add(1); return nil }), nil
}
func (noTLSSession) Mail(string, *smtp.MailOptions) error { return nil }
func (noTLSSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (noTLSSession) Data(r io.Reader) error {
	return nil
}
func (noTLSSession) Reset()        {}
func (noTLSSession) Logout() error { return nil }

// TestNoPasswordInClearAfterSTARTTLSRefused: the swaks --tls case. The
// script stops at the credential with a non-zero exit and the server
// never gets it; --allow-plaintext-auth sends it.
func TestNoPasswordInClearAfterSTARTTLSRefused(t *testing.T) {
	needBinary(t)
	be := &noTLSBackend{}
	srv := smtp.NewServer(be)
	srv.Domain, srv.AllowInsecureAuth = "plain.example", true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	url := "smtp://" + ln.Addr().String()
	script := scriptOf("EHLO client.example", "STARTTLS", "AUTH PLAIN {plain:student secret123}", "QUIT")
	res := runMailtutor(t, script, "connect", url)
	if res.code == 0 || be.creds.Load() != 0 || !strings.Contains(res.stdout, "refusing to send a credential in clear") ||
		!strings.Contains(res.stdout, "--allow-plaintext-auth") {
		t.Errorf("exit %d, %d credential(s) received: the password was not held back", res.code, be.creds.Load())
	}
	res = runMailtutor(t, script, "connect", url, "--allow-plaintext-auth")
	if res.code != 0 || be.creds.Load() != 1 || !strings.Contains(res.stderr, "warning: --allow-plaintext-auth") {
		t.Errorf("with --allow-plaintext-auth: exit %d, %d credential(s) received", res.code, be.creds.Load())
	}
}

// TestEndlessRepliesEnd: the binary ends a reply that never ends at its
// total deadline (lines every 100ms, well within --timeout) and an endless
// RETR at --max-reply, with bounded output and a non-zero exit.
func TestEndlessRepliesEnd(t *testing.T) {
	needBinary(t)
	endless := func(greet, first, line string, pause time.Duration) string {
		return serveOne(t, func(c net.Conn) {
			c.Write([]byte(greet))
			br := bufio.NewReader(c)
			if _, err := br.ReadString('\n'); err != nil {
				return
			}
			c.Write([]byte(first))
			for {
				if _, err := c.Write([]byte(line)); err != nil {
					return
				}
				time.Sleep(pause)
			}
		})
	}
	t.Run("250- lines", func(t *testing.T) {
		port := endless("220 endless.example ESMTP\r\n", "250-endless.example\r\n", "250-MORE\r\n", 100*time.Millisecond)
		start := time.Now()
		res := runMailtutor(t, "EHLO client.example\nQUIT\n", "connect", "smtp://127.0.0.1:"+port, "--timeout", "3s", "--reply-timeout", "2s")
		if took := time.Since(start); took > 15*time.Second || res.code == 0 || !strings.Contains(res.stdout, "--reply-timeout") {
			t.Errorf("exit %d after %s", res.code, took)
		}
	})
	t.Run("POP3 RETR", func(t *testing.T) {
		port := endless("+OK endless.example\r\n", "+OK message follows\r\n", strings.Repeat("x", 998)+"\r\n", 0)
		res := runMailtutor(t, "RETR 1\nQUIT\n", "connect", "pop3://127.0.0.1:"+port, "--max-reply", "4MiB")
		if res.code == 0 || !strings.Contains(res.stdout, "--max-reply") || len(res.stdout) > 5<<20 {
			t.Errorf("exit %d, %d bytes of output", res.code, len(res.stdout))
		}
	})
}
