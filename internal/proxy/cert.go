package proxy

import "github.com/mailtutor/mailtutor/internal/servercert"

// Certificate is the proxy's own TLS identity: what a client that talks
// TLS to the proxy (implicit TLS, or after STARTTLS) sees and must trust.
type Certificate = servercert.Identity

// LoadCertificate reads a PEM certificate and key (--cert, --key).
func LoadCertificate(certFile, keyFile string) (*Certificate, error) {
	return servercert.Load(certFile, keyFile)
}

// MakeCertificate makes a self-signed certificate valid for a year for
// localhost, the loopback addresses and the extra names given (the listen
// host). It is its own CA: a client trusts it by its PEM.
func MakeCertificate(extra ...string) (*Certificate, error) {
	return servercert.Make("mailtutor proxy", append([]string{"localhost", "127.0.0.1", "::1"}, extra...)...)
}
