package session

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/ocsp"
)

// CertInfo describes one certificate of the chain a server sent, as
// openssl s_client -showcerts lists it.
type CertInfo struct {
	Subject     string
	Issuer      string
	Names       []string // subject alternative names: DNS names, then IP addresses
	NotBefore   time.Time
	NotAfter    time.Time
	Key         string // the key's type: "RSA", "ECDSA P-256", "Ed25519"
	KeyBits     int    // its size in bits
	Signature   string // the algorithm the issuer signed it with: "SHA256-RSA"
	Fingerprint string // SHA-256 of the certificate, colon-separated hex
}

// OCSPInfo is what an OCSP response the server stapled to its handshake
// says (RFC 6066 8).
type OCSPInfo struct {
	Status     string    // OCSPGood, OCSPRevoked, OCSPUnknown or OCSPUnreadable
	Err        string    // OCSPUnreadable: why
	RevokedAt  time.Time // OCSPRevoked: since when
	ProducedAt time.Time // when the responder signed it
	NextUpdate time.Time // until when it is fresh (zero: not said)
	Bytes      int       // its size
}

// The statuses of a stapled OCSP response.
const (
	OCSPGood       = "good"
	OCSPRevoked    = "revoked"
	OCSPUnknown    = "unknown"
	OCSPUnreadable = "unreadable"
)

// describeCert fills a CertInfo from a certificate.
func describeCert(c *x509.Certificate) CertInfo {
	info := CertInfo{Subject: c.Subject.String(), Issuer: c.Issuer.String(), Names: append([]string(nil), c.DNSNames...),
		NotBefore: c.NotBefore, NotAfter: c.NotAfter, Signature: c.SignatureAlgorithm.String(),
		Fingerprint: fingerprint(c.Raw)}
	info.Key, info.KeyBits = keyDescription(c)
	for _, ip := range c.IPAddresses {
		info.Names = append(info.Names, ip.String())
	}
	info.Names = append(info.Names, c.EmailAddresses...)
	return info
}

// keyDescription names a certificate's public key and its size in bits.
func keyDescription(c *x509.Certificate) (string, int) {
	switch k := c.PublicKey.(type) {
	case *rsa.PublicKey:
		return "RSA", k.N.BitLen()
	case *ecdsa.PublicKey:
		return "ECDSA " + k.Curve.Params().Name, k.Curve.Params().BitSize
	case ed25519.PublicKey:
		return "Ed25519", 256
	}
	return c.PublicKeyAlgorithm.String(), 0
}

// fingerprint is the SHA-256 of der as colon-separated hex.
func fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	hexes := make([]string, len(sum))
	for i, b := range sum {
		hexes[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(hexes, ":")
}

// describeChain lists the certificates the server sent, leaf first.
func describeChain(cs tls.ConnectionState) []CertInfo {
	out := make([]CertInfo, 0, len(cs.PeerCertificates))
	for _, c := range cs.PeerCertificates {
		out = append(out, describeCert(c))
	}
	return out
}

// describeOCSP reads the OCSP response stapled to the handshake, checked
// against the leaf's issuer when the chain holds it; nil when none was
// stapled.
func describeOCSP(cs tls.ConnectionState) *OCSPInfo {
	if len(cs.OCSPResponse) == 0 {
		return nil
	}
	info := &OCSPInfo{Bytes: len(cs.OCSPResponse)}
	var issuer *x509.Certificate
	if len(cs.PeerCertificates) > 1 {
		issuer = cs.PeerCertificates[1]
	}
	resp, err := ocsp.ParseResponse(cs.OCSPResponse, issuer)
	if err != nil {
		info.Status, info.Err = OCSPUnreadable, err.Error()
		return info
	}
	switch resp.Status {
	case ocsp.Good:
		info.Status = OCSPGood
	case ocsp.Revoked:
		info.Status, info.RevokedAt = OCSPRevoked, resp.RevokedAt
	default:
		info.Status = OCSPUnknown
	}
	info.ProducedAt, info.NextUpdate = resp.ProducedAt, resp.NextUpdate
	return info
}
