package lab

import (
	"crypto/x509"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/internal/servercert"
)

// tlsDir is where a lab with a Dir keeps the certificate it made, so that
// its fingerprint stays the same from one class day to the next.
const tlsDir = ".tls"

// loadOrMakeCert loads certFile/keyFile; when both are empty, the
// certificate a previous lab made in dir (if it still covers names and is
// valid for a month more), or a new self-signed one for names, kept in dir
// when there is one.
func loadOrMakeCert(certFile, keyFile, dir string, names []string) (*servercert.Identity, error) {
	if certFile != "" {
		return servercert.Load(certFile, keyFile)
	}
	if dir == "" {
		return servercert.Make("mailtutor lab", names...)
	}
	certFile, keyFile = filepath.Join(dir, tlsDir, "cert.pem"), filepath.Join(dir, tlsDir, "key.pem")
	if id, err := servercert.Load(certFile, keyFile); err == nil && covers(id.Pair.Leaf, names) {
		return id, nil
	}
	id, err := servercert.Make("mailtutor lab", names...)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, tlsDir), 0o700); err != nil {
		return nil, err
	}
	return id, id.Save(certFile, keyFile)
}

// covers reports whether leaf is valid for every name for at least a month.
func covers(leaf *x509.Certificate, names []string) bool {
	if leaf == nil || time.Now().AddDate(0, 1, 0).After(leaf.NotAfter) {
		return false
	}
	for _, name := range names {
		if leaf.VerifyHostname(name) != nil {
			return false
		}
	}
	return true
}

// certNames lists the names the generated certificate covers: the
// machine's host name first, loopback, the listen host unless it is a
// wildcard address, and then the addresses a wildcard reaches (reachable).
func certNames(host, hostname string, reachable []string) []string {
	names := []string{hostname, "localhost", "127.0.0.1", "::1"}
	if host != "" && !strings.EqualFold(host, "localhost") && host != "127.0.0.1" && host != "::1" {
		if ip := net.ParseIP(host); ip == nil || !ip.IsUnspecified() {
			names = append(names, host)
		}
	}
	return append(names, reachable...)
}

// reachableAddrs lists the addresses other machines can use to reach a lab
// listening on host: for a wildcard (0.0.0.0, ::) this machine's global
// unicast addresses (IPv4 only for 0.0.0.0), else none (the host itself
// is the address). addrs is net.InterfaceAddrs.
func reachableAddrs(host string, addrs func() ([]net.Addr, error)) []string {
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsUnspecified() {
		return nil
	}
	list, err := addrs()
	if err != nil {
		return nil
	}
	var out []string
	for _, a := range list {
		n, ok := a.(*net.IPNet)
		if !ok || !n.IP.IsGlobalUnicast() || ip.To4() != nil && n.IP.To4() == nil {
			continue
		}
		out = append(out, n.IP.String())
	}
	return out
}
