package proxy

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"strings"
	"time"
)

// Certificate is the proxy's own TLS identity: what a client that talks
// TLS to the proxy (implicit TLS, or after STARTTLS) sees and must trust.
type Certificate struct {
	Pair        tls.Certificate
	PEM         []byte // the certificate chain, PEM, no key: what a client trusts
	Fingerprint string // SHA-256 of the leaf, colon-separated upper-case hex
}

// LoadCertificate reads a PEM certificate and key (--cert, --key).
func LoadCertificate(certFile, keyFile string) (*Certificate, error) {
	pair, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("load certificate %s: %w", certFile, err)
	}
	data, err := os.ReadFile(certFile)
	if err != nil {
		return nil, fmt.Errorf("load certificate %s: %w", certFile, err)
	}
	var chain []byte
	for {
		var block *pem.Block
		if block, data = pem.Decode(data); block == nil {
			break
		}
		if block.Type == "CERTIFICATE" { // a combined file never hands out its key
			chain = append(chain, pem.EncodeToMemory(block)...)
		}
	}
	return &Certificate{Pair: pair, PEM: chain, Fingerprint: fingerprint(pair.Certificate[0])}, nil
}

// MakeCertificate makes a self-signed ECDSA P-256 certificate valid for a
// year for localhost, the loopback addresses and the extra names given
// (the listen host). It is its own CA: a client trusts it by its PEM.
func MakeCertificate(extra ...string) (*Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("make certificate: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, fmt.Errorf("make certificate: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "localhost", Organization: []string{"mailtutor proxy"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().AddDate(1, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	seen := map[string]bool{}
	for _, name := range append([]string{"localhost", "127.0.0.1", "::1"}, extra...) {
		key := strings.ToLower(name)
		if name == "" || seen[key] {
			continue
		}
		seen[key] = true
		if ip := net.ParseIP(name); ip == nil {
			tmpl.DNSNames = append(tmpl.DNSNames, name)
		} else if !ip.IsUnspecified() {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("make certificate: %w", err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("make certificate: %w", err)
	}
	return &Certificate{
		Pair:        tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf},
		PEM:         pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		Fingerprint: fingerprint(der),
	}, nil
}

// serverConfig is the TLS configuration of the listen side: TLS 1.2 at
// least, as the lab and connect.
func (c *Certificate) serverConfig() *tls.Config {
	return &tls.Config{Certificates: []tls.Certificate{c.Pair}, MinVersion: tls.VersionTLS12}
}

// fingerprint is the SHA-256 of der as `openssl x509 -fingerprint -sha256` prints it.
func fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}
