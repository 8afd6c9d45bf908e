package lab

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"strings"
	"time"
)

// labCert is the lab's TLS identity.
type labCert struct {
	pair        tls.Certificate
	pem         []byte // the certificate chain, PEM
	fingerprint string // SHA-256 of the leaf DER, colon-separated hex
}

// loadOrMakeCert loads certFile/keyFile, or makes a self-signed certificate
// when both are empty.
func loadOrMakeCert(certFile, keyFile string, names []string) (labCert, error) {
	if certFile == "" {
		return makeSelfSigned(names)
	}
	pair, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return labCert{}, fmt.Errorf("load certificate %s: %w", certFile, err)
	}
	chain, err := os.ReadFile(certFile)
	if err != nil {
		return labCert{}, fmt.Errorf("load certificate %s: %w", certFile, err)
	}
	return labCert{pair: pair, pem: certificateBlocks(chain), fingerprint: fingerprint(pair.Certificate[0])}, nil
}

// certificateBlocks keeps only the CERTIFICATE blocks of a PEM file, so a
// combined cert+key file never hands out its key.
func certificateBlocks(data []byte) []byte {
	var out []byte
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return out
		}
		if block.Type == "CERTIFICATE" {
			out = append(out, pem.EncodeToMemory(block)...)
		}
	}
}

// makeSelfSigned makes an ECDSA P-256 certificate, valid for a year, for the
// given DNS names and IP addresses. It is its own CA, so a client can trust
// it with --ca.
func makeSelfSigned(names []string) (labCert, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return labCert{}, fmt.Errorf("make certificate: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return labCert{}, fmt.Errorf("make certificate: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: names[0], Organization: []string{"mailtutor lab"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().AddDate(1, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	for _, name := range names {
		if ip := net.ParseIP(name); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else if name != "" {
			tmpl.DNSNames = append(tmpl.DNSNames, name)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return labCert{}, fmt.Errorf("make certificate: %w", err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return labCert{}, fmt.Errorf("make certificate: %w", err)
	}
	pair := tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return labCert{pair: pair, pem: certPEM, fingerprint: fingerprint(der)}, nil
}

// certNames lists the names the generated certificate covers.
func certNames(host, hostname string) []string {
	names := []string{hostname, "localhost", "127.0.0.1", "::1"}
	if host != "" && !strings.EqualFold(host, "localhost") && host != "127.0.0.1" && host != "::1" {
		if ip := net.ParseIP(host); ip == nil || !ip.IsUnspecified() {
			names = append(names, host)
		}
	}
	return names
}

// fingerprint is the SHA-256 of der as colon-separated upper case hex, the
// form `openssl x509 -fingerprint -sha256` prints.
func fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

// serverTLSConfig is the TLS configuration every TLS service uses.
func serverTLSConfig(cert labCert) (*tls.Config, error) {
	if len(cert.pair.Certificate) == 0 {
		return nil, errors.New("tls config: no certificate")
	}
	return &tls.Config{Certificates: []tls.Certificate{cert.pair}, MinVersion: tls.VersionTLS12}, nil
}
