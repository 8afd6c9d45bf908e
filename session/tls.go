package session

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// TLSInfo describes an established TLS connection for the user.
type TLSInfo struct {
	Version     string    // "TLS 1.3"
	Cipher      string    // cipher suite name
	ServerName  string    // the name the certificate was checked against
	Subject     string    // leaf certificate subject
	Issuer      string    // leaf certificate issuer
	DNSNames    []string  // subject alternative names
	NotBefore   time.Time // validity start
	NotAfter    time.Time // validity end
	Fingerprint string    // SHA-256 of the leaf certificate, colon-separated hex
	Verified    bool      // the chain and name verified
	VerifyError string    // why verification failed (only with --insecure, else the handshake fails)
}

// TLSError is a failed TLS handshake or certificate check, with the way out.
type TLSError struct {
	Addr string
	Err  error
}

func (e *TLSError) Error() string {
	hint := "check the server's TLS set-up"
	var unknown x509.UnknownAuthorityError
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(e.Err, &unknown):
		hint = "the certificate is not signed by an authority this machine trusts: use --ca FILE to trust the server's certificate (PEM), or --insecure to skip verification (never with real passwords)"
	case errors.As(e.Err, &host):
		hint = "the certificate is for another name: connect by the name it was issued for, or use --insecure to skip verification (never with real passwords)"
	case errors.As(e.Err, &invalid):
		hint = "the certificate is not valid (expired, not yet valid, or not for a server): use --insecure to look at it anyway"
	}
	return fmt.Sprintf("TLS handshake with %s failed: %v\n  %s", e.Addr, e.Err, hint)
}

func (e *TLSError) Unwrap() error { return e.Err }

// tlsConfig builds the client TLS configuration. With insecure set it still
// verifies, but only records the result instead of failing.
func tlsConfig(o Options, serverName string, result *TLSInfo) (*tls.Config, error) {
	roots, err := loadRoots(o.CAFile, o.CAPEM)
	if err != nil {
		return nil, err
	}
	cfg := &tls.Config{ServerName: serverName, RootCAs: roots, MinVersion: tls.VersionTLS10}
	if !o.Insecure {
		return cfg, nil
	}
	cfg.InsecureSkipVerify = true
	cfg.VerifyConnection = func(cs tls.ConnectionState) error {
		result.VerifyError = verifyChain(cs, serverName, roots)
		return nil
	}
	return cfg, nil
}

func verifyChain(cs tls.ConnectionState, name string, roots *x509.CertPool) string {
	if len(cs.PeerCertificates) == 0 {
		return "the server sent no certificate"
	}
	inter := x509.NewCertPool()
	for _, c := range cs.PeerCertificates[1:] {
		inter.AddCert(c)
	}
	_, err := cs.PeerCertificates[0].Verify(x509.VerifyOptions{DNSName: name, Roots: roots, Intermediates: inter})
	if err != nil {
		return err.Error()
	}
	return ""
}

func loadRoots(caFile string, caPEM []byte) (*x509.CertPool, error) {
	if caFile == "" && len(caPEM) == 0 {
		return nil, nil // system roots
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if len(caPEM) > 0 && !pool.AppendCertsFromPEM(caPEM) {
		return nil, fmt.Errorf("no PEM certificate in the trusted certificate given")
	}
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, fmt.Errorf("read --ca file: %w", err)
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("--ca %s: no PEM certificate found in the file", caFile)
		}
	}
	return pool, nil
}

// describeTLS fills a TLSInfo from an established connection.
func describeTLS(cs tls.ConnectionState, serverName string, recorded *TLSInfo) *TLSInfo {
	info := &TLSInfo{
		Version:    tls.VersionName(cs.Version),
		Cipher:     tls.CipherSuiteName(cs.CipherSuite),
		ServerName: serverName,
		Verified:   recorded.VerifyError == "",
	}
	info.VerifyError = recorded.VerifyError
	if len(cs.PeerCertificates) > 0 {
		leaf := cs.PeerCertificates[0]
		info.Subject = leaf.Subject.String()
		info.Issuer = leaf.Issuer.String()
		info.DNSNames = leaf.DNSNames
		for _, ip := range leaf.IPAddresses {
			info.DNSNames = append(info.DNSNames, ip.String())
		}
		info.NotBefore, info.NotAfter = leaf.NotBefore, leaf.NotAfter
		sum := sha256.Sum256(leaf.Raw)
		hexes := make([]string, len(sum))
		for i, b := range sum {
			hexes[i] = fmt.Sprintf("%02X", b)
		}
		info.Fingerprint = strings.Join(hexes, ":")
	}
	return info
}
