package lab

import (
	"fmt"
	"maps"
	"net"
	"slices"
	"strings"

	"github.com/mailtutor/mailtutor/internal/i18n"
)

// Banner returns the text to show when the lab starts, in English: see
// BannerIn.
func (l *Lab) Banner() string { return l.BannerIn(i18n.English) }

// BannerIn returns the text to show when the lab starts, in lang: one line
// per service with its address, how to connect and what it is for, the
// accounts, the certificate fingerprint and whether the lab can be reached
// from the network.
func (l *Lab) BannerIn(lang i18n.Lang) string {
	return renderBanner(l.cfg, l.hostname, l.services, l.cert.Fingerprint, lang, l.reachable)
}

// renderBanner builds the banner from its parts. With a wildcard host the
// URLs name the first of reachable, the addresses other machines use, and
// a line lists them all: students cannot connect to 0.0.0.0.
func renderBanner(cfg Config, hostname string, services []Service, fingerprint string, lang i18n.Lang, reachable []string) string {
	var b strings.Builder
	storage := i18n.Text(lang, i18n.LabStorageTemp)
	if cfg.Dir != "" {
		storage = i18n.Textf(lang, i18n.LabStorageDir, cfg.Dir)
	}
	b.WriteString(i18n.Textf(lang, i18n.LabTitle, hostname, cfg.Domain, storage) + "\n")
	for _, s := range services {
		addr := s.Addr
		if _, port, err := net.SplitHostPort(s.Addr); err == nil && len(reachable) > 0 {
			addr = net.JoinHostPort(reachable[0], port)
		}
		fmt.Fprintf(&b, "  %-10s  %-21s mailtutor connect %-30s %s\n", s.Name, addr, s.Name+"://"+addr, noteIn(lang, s.scheme, cfg.Domain))
	}
	if len(reachable) > 0 {
		b.WriteString(i18n.Textf(lang, i18n.LabAddresses, strings.Join(reachable, ", ")) + "\n")
	}
	b.WriteString(accountsLine(cfg, lang))
	b.WriteString("\n" + i18n.Textf(lang, i18n.LabFingerprint, fingerprint) + "\n")
	if cfg.RecordDir != "" {
		b.WriteString(i18n.Textf(lang, i18n.ClassRecording, cfg.RecordDir) + "\n")
	}
	if isLoopbackHost(cfg.Host) {
		b.WriteString(i18n.Text(lang, i18n.LabLoopbackOnly) + "\n")
	} else if cfg.AccountsFile != "" {
		b.WriteString(i18n.Textf(lang, i18n.ClassExposed, cfg.Host) + "\n")
	} else {
		b.WriteString(i18n.Textf(lang, i18n.LabExposed, cfg.Host) + "\n")
	}
	return b.String()
}

// accountsLine lists the accounts and their passwords; with a class file
// (Config.AccountsFile) only how many there are and where the passwords
// are, which a banner on a projector must not show.
func accountsLine(cfg Config, lang i18n.Lang) string {
	if cfg.AccountsFile != "" {
		return i18n.Textf(lang, i18n.ClassAccountsShort, cfg.Domain, len(cfg.Users), cfg.AccountsFile)
	}
	var accounts []string
	for _, name := range slices.Sorted(maps.Keys(cfg.Users)) {
		accounts = append(accounts, name+"/"+cfg.Users[name])
	}
	return i18n.Textf(lang, i18n.LabAccounts, cfg.Domain) + strings.Join(accounts, " ")
}

// isLoopbackHost reports whether host is "localhost" or a loopback address.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
