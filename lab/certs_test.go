package lab

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/i18n"
)

// TestCertificateKeptInDir: a lab with a Dir makes its certificate once
// and shows the same fingerprint after a restart (students check it each
// class day); the key is private; a listen host the old certificate does
// not name makes a new one.
func TestCertificateKeptInDir(t *testing.T) {
	dir := t.TempDir()
	first, _ := startLab(t, func(cfg *Config) { cfg.Dir = dir })
	fp := first.CertFingerprint()
	first.Close()
	info, err := os.Stat(filepath.Join(dir, tlsDir, "key.pem"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, %v", info, err)
	}
	again, _ := startLab(t, func(cfg *Config) { cfg.Dir = dir })
	if again.CertFingerprint() != fp {
		t.Errorf("restarted on the same --dir: fingerprint %s, was %s", again.CertFingerprint(), fp)
	}
	again.Close()
	if id, err := loadOrMakeCert("", "", dir, certNames("127.0.0.1", "mail.example.test", []string{"192.0.2.10"})); err != nil || id.Fingerprint == fp {
		t.Errorf("a new address to name: %v, same certificate %v", err, id != nil && id.Fingerprint == fp)
	} else if id.Pair.Leaf.VerifyHostname("192.0.2.10") != nil {
		t.Errorf("the new certificate does not name 192.0.2.10")
	}
	if temp, _ := startLab(t, nil); temp.CertFingerprint() == fp {
		t.Error("a lab without --dir reused the kept certificate")
	}
}

// TestWildcardHostNamesReachableAddresses: listening on 0.0.0.0 the
// banner gives URLs with this machine's addresses, never 0.0.0.0, and the
// addresses are global unicast IPv4 ones.
func TestWildcardHostNamesReachableAddresses(t *testing.T) {
	ifaces := func() ([]net.Addr, error) {
		return []net.Addr{
			&net.IPNet{IP: net.ParseIP("127.0.0.1"), Mask: net.CIDRMask(8, 32)},
			&net.IPNet{IP: net.ParseIP("192.0.2.10"), Mask: net.CIDRMask(24, 32)},
			&net.IPNet{IP: net.ParseIP("fe80::1"), Mask: net.CIDRMask(64, 128)},
			&net.IPNet{IP: net.ParseIP("2001:db8::10"), Mask: net.CIDRMask(64, 128)},
		}, nil
	}
	if got := reachableAddrs("0.0.0.0", ifaces); !slices.Equal(got, []string{"192.0.2.10"}) {
		t.Errorf("0.0.0.0 reaches %v", got)
	}
	if got := reachableAddrs("::", ifaces); !slices.Equal(got, []string{"192.0.2.10", "2001:db8::10"}) {
		t.Errorf(":: reaches %v", got)
	}
	if got := reachableAddrs("192.0.2.10", ifaces); got != nil {
		t.Errorf("a named host reaches %v", got)
	}
	if got := reachableAddrs("0.0.0.0", func() ([]net.Addr, error) { return nil, errors.New("no") }); got != nil {
		t.Errorf("no interfaces: %v", got)
	}
	cfg := TestConfig()
	cfg.Host, cfg.Domain = "0.0.0.0", "example.test"
	services := []Service{{Name: "submission", Addr: "0.0.0.0:1587", URL: "submission://0.0.0.0:1587", scheme: labSchemes()[1]}}
	banner := renderBanner(cfg, "mail.example.test", services, "AA:BB", i18n.English, []string{"192.0.2.10", "198.51.100.7"})
	if strings.Contains(banner, "0.0.0.0:1587") || !strings.Contains(banner, "mailtutor connect submission://192.0.2.10:1587") ||
		!strings.Contains(banner, "192.0.2.10, 198.51.100.7") {
		t.Errorf("wildcard banner:\n%s", banner)
	}
}
