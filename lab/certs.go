package lab

import (
	"net"
	"strings"

	"github.com/mailtutor/mailtutor/internal/servercert"
)

// loadOrMakeCert loads certFile/keyFile, or makes a self-signed certificate
// for names when both are empty.
func loadOrMakeCert(certFile, keyFile string, names []string) (*servercert.Identity, error) {
	if certFile == "" {
		return servercert.Make("mailtutor lab", names...)
	}
	return servercert.Load(certFile, keyFile)
}

// certNames lists the names the generated certificate covers: the
// machine's host name first, loopback, and the listen host unless it is
// a wildcard address.
func certNames(host, hostname string) []string {
	names := []string{hostname, "localhost", "127.0.0.1", "::1"}
	if host != "" && !strings.EqualFold(host, "localhost") && host != "127.0.0.1" && host != "::1" {
		if ip := net.ParseIP(host); ip == nil || !ip.IsUnspecified() {
			names = append(names, host)
		}
	}
	return names
}
