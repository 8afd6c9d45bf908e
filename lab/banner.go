package lab

import (
	"fmt"
	"maps"
	"net"
	"slices"
	"strings"
)

// Banner returns the text to show when the lab starts: one line per service
// with its address and how to connect, the accounts, the certificate
// fingerprint and whether the lab can be reached from the network.
func (l *Lab) Banner() string {
	return renderBanner(l.cfg, l.hostname, l.services, l.cert.fingerprint)
}

// renderBanner builds the banner from its parts.
func renderBanner(cfg Config, hostname string, services []Service, fingerprint string) string {
	var b strings.Builder
	storage := "mail is kept in a temporary directory removed at exit"
	if cfg.Dir != "" {
		storage = "mailboxes are kept in " + cfg.Dir
	}
	fmt.Fprintf(&b, "mailtutor lab %s for @%s (%s)\n", hostname, cfg.Domain, storage)
	for _, s := range services {
		fmt.Fprintf(&b, "  %-10s  %-21s mailtutor connect %-30s %s\n", s.Name, s.Addr, s.URL, s.Note)
	}
	b.WriteString("accounts (log in with or without @" + cfg.Domain + "):")
	for _, name := range slices.Sorted(maps.Keys(cfg.Users)) {
		fmt.Fprintf(&b, " %s/%s", name, cfg.Users[name])
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "TLS certificate SHA-256 %s (trust it with --ca)\n", fingerprint)
	if isLoopbackHost(cfg.Host) {
		b.WriteString("loopback only: nothing outside this machine can reach the lab\n")
	} else {
		b.WriteString("!!! WARNING: " + exposedWarning(cfg.Host) + " !!!\n")
	}
	return b.String()
}

// exposedWarning says loudly that a non-loopback lab can be reached.
func exposedWarning(host string) string {
	return fmt.Sprintf("the lab listens on %s and is REACHABLE FROM THE NETWORK; "+
		"its accounts and passwords are public, use 127.0.0.1 unless you mean it", host)
}

// isLoopbackHost reports whether host is "localhost" or a loopback address.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
