package session_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"golang.org/x/crypto/ocsp"

	"github.com/mailtutor/mailtutor/session"
)

// testPKI is a CA, a server certificate for mail.test (RSA 2048, issued
// by the CA) with an OCSP response stapled, and a client certificate.
type testPKI struct {
	caPEM                 []byte
	server                tls.Certificate
	clientCert, clientKey string // PEM files
}

func newPKI(t *testing.T) testPKI {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	issue := func(serial int64, cn string, key crypto.Signer, usage x509.ExtKeyUsage, names []string) []byte {
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: cn},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), DNSNames: names,
			ExtKeyUsage: []x509.ExtKeyUsage{usage}, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, key.Public(), caKey)
		if err != nil {
			t.Fatal(err)
		}
		return der
	}
	srvKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	srvDER := issue(2, "mail.test", srvKey, x509.ExtKeyUsageServerAuth, []string{"mail.test"})
	srvCert, _ := x509.ParseCertificate(srvDER)
	staple, err := ocsp.CreateResponse(ca, ca, ocsp.Response{Status: ocsp.Good, SerialNumber: srvCert.SerialNumber,
		ThisUpdate: time.Now().Add(-time.Minute), NextUpdate: time.Now().Add(time.Hour)}, caKey)
	if err != nil {
		t.Fatal(err)
	}
	cliKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	cliDER := issue(3, "admin client", cliKey, x509.ExtKeyUsageClientAuth, nil)
	dir := t.TempDir()
	cliKeyDER, _ := x509.MarshalECPrivateKey(cliKey)
	p := testPKI{caPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}),
		server:     tls.Certificate{Certificate: [][]byte{srvDER, caDER}, PrivateKey: srvKey, OCSPStaple: staple},
		clientCert: filepath.Join(dir, "client.pem"), clientKey: filepath.Join(dir, "client.key")}
	os.WriteFile(p.clientCert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cliDER}), 0o600)
	os.WriteFile(p.clientKey, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: cliKeyDER}), 0o600)
	return p
}

// startTLSGoSMTP runs go-smtp over implicit TLS on 127.0.0.1:0, asking
// for a client certificate signed by the CA when requireClient is set; it
// reports the SNI each handshake carried.
func startTLSGoSMTP(t *testing.T, p testPKI, requireClient bool) (addr string, sni chan string) {
	t.Helper()
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(p.caPEM)
	sni = make(chan string, 4)
	cfg := &tls.Config{Certificates: []tls.Certificate{p.server}, ClientCAs: pool}
	if requireClient {
		cfg.ClientAuth = tls.RequireAndVerifyClientCert
	}
	cfg.GetConfigForClient = func(h *tls.ClientHelloInfo) (*tls.Config, error) {
		sni <- h.ServerName
		return nil, nil
	}
	srv := smtp.NewServer(&backend{})
	srv.Domain = "mail.test"
	srv.ReadTimeout = 10 * time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(tls.NewListener(ln, cfg))
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), sni
}

// TestSNIAndChain: --sni names the server in the handshake and checks the
// certificate against that name (the URL holds an IP address); the whole
// chain and the stapled OCSP response are described.
func TestSNIAndChain(t *testing.T) {
	p := newPKI(t)
	addr, sni := startTLSGoSMTP(t, p, false)
	c := dial(t, "smtps://"+addr, session.Options{CAPEM: p.caPEM, ServerName: "mail.test"})
	if got := <-sni; got != "mail.test" {
		t.Errorf("SNI %q, want mail.test", got)
	}
	info := c.s.TLS()
	if info == nil || !info.Verified || info.ServerName != "mail.test" {
		t.Fatalf("TLS %+v", info)
	}
	if len(info.Chain) != 2 || info.Chain[0].Subject != "CN=mail.test" || info.Chain[1].Subject != "CN=Test CA" ||
		info.Chain[0].Key != "RSA" || info.Chain[0].KeyBits != 2048 || info.Chain[1].Key != "ECDSA P-256" || info.Chain[1].KeyBits != 256 ||
		info.Chain[0].Signature != "ECDSA-SHA256" || strings.Join(info.Chain[0].Names, ",") != "mail.test" {
		t.Errorf("chain %+v", info.Chain)
	}
	if info.OCSP == nil || info.OCSP.Status != session.OCSPGood || info.OCSP.NextUpdate.IsZero() {
		t.Errorf("OCSP %+v, want a good stapled response", info.OCSP)
	}
	if info.ClientCertAsked || info.ClientCert != "" {
		t.Errorf("a client certificate was asked for or sent: %+v", info)
	}
	c.do("QUIT", 221)
}

// TestWithoutSNITheNameIsWrong: the same server by IP address without
// --sni fails the name check, and the hint says so.
func TestWithoutSNITheNameIsWrong(t *testing.T) {
	p := newPKI(t)
	addr, _ := startTLSGoSMTP(t, p, false)
	target, _ := session.ParseURL("smtps://" + addr)
	_, err := session.Dial(t.Context(), target, session.Options{CAPEM: p.caPEM, Timeout: 5 * time.Second})
	if err == nil || !strings.Contains(err.Error(), "certificate is for another name") {
		t.Fatalf("dial by IP without --sni: %v, want the name mismatch", err)
	}
}

// TestClientCertificate: a server that requires a client certificate
// takes --cert/--key, and refuses a session without one.
func TestClientCertificate(t *testing.T) {
	p := newPKI(t)
	addr, _ := startTLSGoSMTP(t, p, true)
	c := dial(t, "smtps://"+addr, session.Options{CAPEM: p.caPEM, ServerName: "mail.test", CertFile: p.clientCert, KeyFile: p.clientKey})
	info := c.s.TLS()
	if info == nil || !info.ClientCertAsked || info.ClientCert != "CN=admin client" {
		t.Fatalf("TLS %+v: want the client certificate asked for and sent", info)
	}
	c.do("EHLO me.test", 250)
	c.do("QUIT", 221)

	target, _ := session.ParseURL("smtps://" + addr)
	s, err := session.Dial(t.Context(), target, session.Options{CAPEM: p.caPEM, ServerName: "mail.test", Timeout: 5 * time.Second})
	if err == nil { // TLS 1.3: the server's refusal comes after the client's handshake ends
		e := waitClosed(t, s)
		if e.Err == nil || !strings.Contains(e.Err.Error(), "certificate") {
			t.Fatalf("without a client certificate: closed with %v, want the server's refusal", e.Err)
		}
		return
	}
	if !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("without a client certificate: %v", err)
	}
}

func TestClientCertificateNeedsBothFiles(t *testing.T) {
	p := newPKI(t)
	addr, _ := startTLSGoSMTP(t, p, true)
	target, _ := session.ParseURL("smtps://" + addr)
	_, err := session.Dial(t.Context(), target, session.Options{CAPEM: p.caPEM, CertFile: p.clientCert, Timeout: 5 * time.Second})
	if err == nil || !strings.Contains(err.Error(), "--cert and --key") {
		t.Fatalf("--cert without --key: %v", err)
	}
}
