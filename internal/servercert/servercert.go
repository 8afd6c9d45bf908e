// Package servercert is the TLS identity of a server mailtutor runs itself
// (the lab, the proxy): a certificate loaded from PEM files or made
// self-signed on the spot, with its PEM chain for clients to trust and its
// fingerprint for people to compare.
package servercert

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
	"path/filepath"
	"strings"
	"time"
)

// Identity is a server's certificate and key.
type Identity struct {
	Pair        tls.Certificate
	PEM         []byte // the certificate chain, PEM, no key: what a client trusts
	Fingerprint string // SHA-256 of the leaf, colon-separated upper-case hex
}

// Load reads a PEM certificate (chain) and key (--cert, --key). Only the
// CERTIFICATE blocks go into PEM, so a combined cert+key file never hands
// out its key.
func Load(certFile, keyFile string) (*Identity, error) {
	pair, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("load certificate %s: %w", certFile, err)
	}
	data, err := os.ReadFile(certFile)
	if err != nil {
		return nil, fmt.Errorf("load certificate %s: %w", certFile, err)
	}
	return &Identity{Pair: pair, PEM: certificateBlocks(data), Fingerprint: Fingerprint(pair.Certificate[0])}, nil
}

// certificateBlocks keeps only the CERTIFICATE blocks of a PEM file.
func certificateBlocks(data []byte) []byte {
	var out []byte
	for {
		var block *pem.Block
		if block, data = pem.Decode(data); block == nil {
			return out
		}
		if block.Type == "CERTIFICATE" {
			out = append(out, pem.EncodeToMemory(block)...)
		}
	}
}

// Make makes a self-signed ECDSA P-256 certificate valid for a year for
// names (host names and IP addresses; the first is the subject's common
// name; empty, repeated and unspecified addresses such as 0.0.0.0 are
// left out), issued by organization. It is its own CA: a client trusts it
// by its PEM.
func Make(organization string, names ...string) (*Identity, error) {
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
		Subject:               pkix.Name{Organization: []string{organization}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().AddDate(1, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	seen := map[string]bool{}
	for _, name := range names {
		lower := strings.ToLower(name)
		if name == "" || seen[lower] {
			continue
		}
		seen[lower] = true
		if tmpl.Subject.CommonName == "" {
			tmpl.Subject.CommonName = name
		}
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
	return &Identity{
		Pair:        tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf},
		PEM:         pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		Fingerprint: Fingerprint(der),
	}, nil
}

// ServerConfig is the TLS configuration of a server with this identity:
// TLS 1.2 at least.
func (id *Identity) ServerConfig() *tls.Config {
	return &tls.Config{Certificates: []tls.Certificate{id.Pair}, MinVersion: tls.VersionTLS12}
}

// Fingerprint is the SHA-256 of a certificate's DER as `openssl x509
// -fingerprint -sha256` prints it: colon-separated upper-case hex.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

// Save writes the certificate chain and the key as PEM files, both mode
// 0600, each through a temporary file so a kill never leaves half a key.
func (id *Identity) Save(certFile, keyFile string) error {
	der, err := x509.MarshalPKCS8PrivateKey(id.Pair.PrivateKey)
	if err != nil {
		return fmt.Errorf("save certificate: %w", err)
	}
	if err := writeFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})); err != nil {
		return err
	}
	return writeFile(certFile, id.PEM)
}

// writeFile replaces path with data, mode 0600.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("save certificate: %w", err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("save certificate %s: %w", path, err)
	}
	return nil
}
