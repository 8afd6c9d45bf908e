package lab

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
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/protocol"
)

func TestServices(t *testing.T) {
	l, _ := startLab(t, nil)
	services := l.Services()
	names := []string{"smtp", "submission", "smtps", "pop3", "pop3s", "imap", "imaps"}
	if len(services) != len(names) {
		t.Fatalf("%d services, want %d", len(services), len(names))
	}
	ports := map[string]bool{}
	for i, s := range services {
		if s.Name != names[i] {
			t.Errorf("service %d is %q, want %q", i, s.Name, names[i])
		}
		host, port, err := net.SplitHostPort(s.Addr)
		if err != nil || host != "127.0.0.1" || port == "0" || ports[port] {
			t.Errorf("%s: address %q (%v)", s.Name, s.Addr, err)
		}
		ports[port] = true
		if s.URL != s.Name+"://"+s.Addr {
			t.Errorf("%s: URL %q", s.Name, s.URL)
		}
		if s.Note == "" || strings.Contains(s.Note, "\n") {
			t.Errorf("%s: note %q is not one line", s.Name, s.Note)
		}
		if got, ok := l.Service(s.Name); !ok || got != s {
			t.Errorf("Service(%q) = %+v, %v", s.Name, got, ok)
		}
	}
	if _, ok := l.Service("lmtp"); ok {
		t.Error("Service(lmtp) found")
	}
	services[0].Name = "changed"
	if l.Services()[0].Name != "smtp" {
		t.Error("Services returned the lab's own slice")
	}
}

func TestIPv6Loopback(t *testing.T) {
	probe, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback here: %v", err)
	}
	probe.Close()
	l, _ := startLab(t, func(cfg *Config) { cfg.Host = "::1" })
	s, _ := l.Service("smtp")
	if !strings.HasPrefix(s.Addr, "[::1]:") || s.URL != "smtp://"+s.Addr {
		t.Errorf("IPv6 service %+v", s)
	}
	c := dialRaw(t, s.Addr, nil)
	c.expect("220 mail.example.test ESMTP mailtutor lab")
	if strings.Contains(l.Banner(), "WARNING") {
		t.Error("::1 is loopback, yet the banner warns")
	}
}

func TestDefaultAndTestConfig(t *testing.T) {
	def, test := DefaultConfig(), TestConfig()
	wantPorts := map[string]int{"smtp": 1025, "submission": 1587, "smtps": 1465, "pop3": 1110, "pop3s": 1995, "imap": 1143, "imaps": 1993}
	for name, port := range wantPorts {
		if def.Ports[name] != port {
			t.Errorf("default port of %s = %d, want %d", name, def.Ports[name], port)
		}
		if test.Ports[name] != 0 {
			t.Errorf("test port of %s = %d, want 0", name, test.Ports[name])
		}
	}
	if len(def.Ports) != len(wantPorts) {
		t.Errorf("default ports %v", def.Ports)
	}
	if def.Host != "127.0.0.1" || def.Domain != "example.test" || def.MaxMessageBytes != 10<<20 || def.MaxErrors != 10 ||
		def.Users["student"] != "secret123" || def.Users["teacher"] != "teach456" || len(def.Users) != 2 {
		t.Errorf("DefaultConfig: %+v", def)
	}
	if test.Host != def.Host || test.Domain != def.Domain || test.MaxErrors != def.MaxErrors {
		t.Errorf("TestConfig differs from DefaultConfig beyond the ports: %+v", test)
	}
}

func TestStartFillsZeroConfig(t *testing.T) {
	l, err := Start(Config{}) // every port 0: any free port
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if l.cfg.Domain != DefaultDomain || l.cfg.MaxErrors != DefaultMaxErrors || len(l.cfg.Users) != 2 || l.Hostname() != "mail.example.test" {
		t.Errorf("zero config not defaulted: %+v", l.cfg)
	}
	c := dialRaw(t, addr(t, l, "smtp"), nil)
	c.expect("220 mail.example.test ESMTP mailtutor lab")
}

func TestStartRejectsBadConfig(t *testing.T) {
	tests := map[string]func(*Config){
		"bad user name":     func(c *Config) { c.Users = map[string]string{"../root": "x"} },
		"empty password":    func(c *Config) { c.Users = map[string]string{"alice": ""} },
		"names clash":       func(c *Config) { c.Users = map[string]string{"Alice": "a", "alice": "b"} },
		"cert without key":  func(c *Config) { c.CertFile = "cert.pem" },
		"port out of range": func(c *Config) { c.Ports["pop3"] = 70000 },
		"missing cert file": func(c *Config) { c.CertFile, c.KeyFile = "/nonexistent/c.pem", "/nonexistent/k.pem" },
	}
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			cfg := TestConfig()
			edit(&cfg)
			if l, err := Start(cfg); err == nil {
				l.Close()
				t.Fatal("Start accepted the config")
			}
		})
	}
}

func TestStartBindsAllOrNone(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	free, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	freePort := free.Addr().(*net.TCPAddr).Port
	free.Close()

	cfg := TestConfig()
	cfg.Ports["smtp"] = freePort
	cfg.Ports["pop3s"] = taken.Addr().(*net.TCPAddr).Port
	if l, err := Start(cfg); err == nil {
		l.Close()
		t.Fatal("Start succeeded on a taken port")
	} else if !strings.Contains(err.Error(), "pop3s") {
		t.Errorf("error does not name the service: %v", err)
	}
	again, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(freePort))
	if err != nil {
		t.Fatalf("the smtp port stayed bound after the failed Start: %v", err)
	}
	again.Close()
}

func TestCloseDropsSessions(t *testing.T) {
	cfg := TestConfig()
	l, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	smtpAddr := addr(t, l, "smtp")
	c := pop3Login(t, l, "student", "secret123")
	done := make(chan error, 1)
	go func() { done <- l.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Close: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close hangs on an open session")
	}
	c.expectClosed()
	if err := l.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if conn, err := net.Dial("tcp", smtpAddr); err == nil {
		conn.Close()
		t.Error("still accepting after Close")
	}
}

func TestBanner(t *testing.T) {
	l, _ := startLab(t, nil)
	banner := l.Banner()
	for _, s := range l.Services() {
		if !strings.Contains(banner, "mailtutor connect "+s.URL) || !strings.Contains(banner, s.Note) {
			t.Errorf("banner lacks %s:\n%s", s.Name, banner)
		}
	}
	for _, want := range []string{"student/secret123", "teacher/teach456", l.CertFingerprint(), "loopback only", "temporary directory removed at exit"} {
		if !strings.Contains(banner, want) {
			t.Errorf("banner lacks %q:\n%s", want, banner)
		}
	}
	if strings.Contains(banner, "WARNING") {
		t.Errorf("loopback banner warns:\n%s", banner)
	}
}

// TestBannerInChinese: the banner speaks the user's language, each
// service's note says what it is for by its role, and the commands and
// addresses stay as they are typed.
func TestBannerInChinese(t *testing.T) {
	l, _ := startLab(t, nil)
	banner := l.BannerIn(i18n.Chinese)
	for _, want := range []string{"练习服务器", "收信服务器（MX）：只收发往 @example.test 的邮件", "隐式 TLS 上的 IMAP",
		"邮件提交服务：MAIL 之前先认证", "账号", "student/secret123", "指纹：" + l.CertFingerprint(), "本机以外的机器无法访问"} {
		if !strings.Contains(banner, want) {
			t.Errorf("zh banner lacks %q:\n%s", want, banner)
		}
	}
	for _, s := range l.Services() {
		if !strings.Contains(banner, "mailtutor connect "+s.URL) {
			t.Errorf("zh banner lacks the command for %s:\n%s", s.Name, banner)
		}
		if strings.Contains(banner, s.Note) {
			t.Errorf("zh banner shows the English note %q", s.Note)
		}
	}
	for _, english := range []string{"relays nothing", "accounts", "loopback only", "temporary directory"} {
		if strings.Contains(banner, english) {
			t.Errorf("zh banner says %q in English:\n%s", english, banner)
		}
	}
}

// TestDefaultServiceIsPlainSubmission: the prompt opens on the first
// submission service without implicit TLS, where the telnet lesson starts.
func TestDefaultServiceIsPlainSubmission(t *testing.T) {
	for _, s := range labSchemes() {
		if s.Role == protocol.RoleSubmission && !s.ImplicitTLS {
			if s.Name != DefaultService {
				t.Errorf("DefaultService %q, the first plain submission service is %q", DefaultService, s.Name)
			}
			return
		}
	}
	t.Error("the lab serves no submission service without implicit TLS")
}

func TestBannerWarnsWhenReachable(t *testing.T) {
	tests := []struct {
		host     string
		loopback bool
	}{
		{"127.0.0.1", true}, {"127.0.0.2", true}, {"::1", true}, {"localhost", true}, {"LocalHost", true},
		{"0.0.0.0", false}, {"::", false}, {"192.0.2.10", false}, {"mail.example.com", false},
	}
	for _, tt := range tests {
		if got := isLoopbackHost(tt.host); got != tt.loopback {
			t.Errorf("isLoopbackHost(%q) = %v", tt.host, got)
		}
		cfg := TestConfig()
		cfg.Host = tt.host
		banner := renderBanner(cfg, "mail.example.test", nil, "AA:BB", i18n.English, nil)
		if warned := strings.Contains(banner, "REACHABLE FROM THE NETWORK"); warned == tt.loopback {
			t.Errorf("host %q: warning shown = %v:\n%s", tt.host, warned, banner)
		}
	}
}

func TestGeneratedCertificate(t *testing.T) {
	l, _ := startLab(t, nil)
	block, rest := pem.Decode(l.CertPEM())
	if block == nil || block.Type != "CERTIFICATE" || len(strings.TrimSpace(string(rest))) != 0 {
		t.Fatalf("CertPEM is not one certificate: %q", l.CertPEM())
	}
	sum := sha256.Sum256(block.Bytes)
	var hexParts []string
	for _, b := range sum {
		hexParts = append(hexParts, fmt.Sprintf("%02X", b))
	}
	if got, want := l.CertFingerprint(), strings.Join(hexParts, ":"); got != want {
		t.Errorf("fingerprint %s, want %s", got, want)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cert.PublicKey.(*ecdsa.PublicKey); !ok {
		t.Errorf("key is %T, want ECDSA", cert.PublicKey)
	}
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	for _, name := range []string{"localhost", "mail.example.test", "127.0.0.1", "::1"} {
		if _, err := cert.Verify(x509.VerifyOptions{DNSName: name, Roots: roots}); err != nil {
			t.Errorf("certificate not valid for %s: %v", name, err)
		}
	}
	if _, err := cert.Verify(x509.VerifyOptions{DNSName: "other.test", Roots: roots}); err == nil {
		t.Error("certificate valid for other.test")
	}
}

// writeTestCert writes a certificate and its key (in one file when combined)
// made here, independently of the lab's own generator.
func writeTestCert(t *testing.T, combined bool) (certFile, keyFile string, der []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(42), Subject: pkix.Name{CommonName: "test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der, err = x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if combined {
		certPEM = append(certPEM, keyPEM...)
		keyFile = certFile
	}
	if err := os.WriteFile(certFile, certPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	if !combined {
		if err := os.WriteFile(keyFile, keyPEM, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return certFile, keyFile, der
}

func TestCertificateFromFiles(t *testing.T) {
	for _, combined := range []bool{false, true} {
		t.Run(fmt.Sprintf("combined=%v", combined), func(t *testing.T) {
			certFile, keyFile, der := writeTestCert(t, combined)
			l, _ := startLab(t, func(cfg *Config) { cfg.CertFile, cfg.KeyFile = certFile, keyFile })
			if strings.Contains(string(l.CertPEM()), "PRIVATE KEY") {
				t.Fatal("CertPEM hands out the private key")
			}
			sum := sha256.Sum256(der)
			if !strings.HasPrefix(l.CertFingerprint(), fmt.Sprintf("%02X:%02X", sum[0], sum[1])) {
				t.Errorf("fingerprint %s is not of the loaded certificate", l.CertFingerprint())
			}
			conn, err := tls.Dial("tcp", addr(t, l, "pop3s"), clientTLS(t, l))
			if err != nil {
				t.Fatalf("TLS with the loaded certificate: %v", err)
			}
			defer conn.Close()
			if got := conn.ConnectionState().PeerCertificates[0].Raw; string(got) != string(der) {
				t.Error("the server presents another certificate")
			}
		})
	}
}
