package servercert

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestMakeNamesTheHostsItServes(t *testing.T) {
	id, err := Make("mailtutor test", "mail.example.test", "localhost", "LOCALHOST", "127.0.0.1", "0.0.0.0", "", "::1")
	if err != nil {
		t.Fatal(err)
	}
	leaf := id.Pair.Leaf
	if leaf.Subject.CommonName != "mail.example.test" || !slices.Equal(leaf.Subject.Organization, []string{"mailtutor test"}) {
		t.Errorf("subject %v", leaf.Subject)
	}
	if !slices.Equal(leaf.DNSNames, []string{"mail.example.test", "localhost"}) {
		t.Errorf("DNS names %v: a repeated name (any case) is listed once", leaf.DNSNames)
	}
	var ips []string
	for _, ip := range leaf.IPAddresses {
		ips = append(ips, ip.String())
	}
	if !slices.Equal(ips, []string{"127.0.0.1", "::1"}) {
		t.Errorf("IP addresses %v: 0.0.0.0 names no host", ips)
	}
	for _, host := range []string{"localhost", "127.0.0.1", "mail.example.test"} {
		if err := leaf.VerifyHostname(host); err != nil {
			t.Errorf("%s: %v", host, err)
		}
	}
	if cfg := id.ServerConfig(); cfg.MinVersion != tls.VersionTLS12 {
		t.Errorf("server config allows %x", cfg.MinVersion)
	}
}

// TestLoadNeverHandsOutTheKey loads a combined cert+key file: its PEM holds
// the certificate only, and the fingerprint is the one openssl prints.
func TestLoadNeverHandsOutTheKey(t *testing.T) {
	made, err := Make("mailtutor test", "localhost")
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(made.Pair.PrivateKey)
	if err != nil {
		t.Fatal(err)
	}
	combined := filepath.Join(t.TempDir(), "both.pem")
	data := append(slices.Clone(made.PEM), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})...)
	if err := os.WriteFile(combined, data, 0o600); err != nil {
		t.Fatal(err)
	}
	id, err := Load(combined, combined)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(id.PEM), "KEY") || string(id.PEM) != string(made.PEM) {
		t.Errorf("PEM of a combined file:\n%s", id.PEM)
	}
	if id.Fingerprint != made.Fingerprint {
		t.Errorf("fingerprint %s, made %s", id.Fingerprint, made.Fingerprint)
	}
	if _, err := exec.LookPath("openssl"); err == nil {
		out, err := exec.Command("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", combined).Output()
		if err != nil {
			t.Fatal(err)
		}
		if want := strings.TrimSpace(string(out[strings.IndexByte(string(out), '=')+1:])); id.Fingerprint != want {
			t.Errorf("fingerprint %s, openssl %s", id.Fingerprint, want)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none.pem"), combined); err == nil || !strings.Contains(err.Error(), "none.pem") {
		t.Errorf("a missing file: %v", err)
	}
}
