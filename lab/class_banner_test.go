package lab

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/i18n"
)

// TestBannerForAClass: on the network the banner gives the certificate's
// fingerprint for students to check; with a class file it names the file
// instead of showing the passwords, and says where sessions are recorded.
func TestBannerForAClass(t *testing.T) {
	cfg := TestConfig()
	cfg.Host = "0.0.0.0"
	cfg.Users = map[string]string{"student01": "Xk7pQm3aZe", "student02": "Rt5hWn8bCy"}
	cfg.AccountsFile, cfg.RecordDir = "/srv/class.txt", "/srv/rec"
	for _, lang := range []i18n.Lang{i18n.English, i18n.Chinese} {
		banner := renderBanner(cfg, "mail.example.test", nil, "AA:BB:CC", lang, nil)
		for _, want := range []string{"AA:BB:CC", "/srv/class.txt", "/srv/rec", "0.0.0.0", "TLS"} {
			if !strings.Contains(banner, want) {
				t.Errorf("%s banner lacks %q:\n%s", lang, want, banner)
			}
		}
		for _, secret := range []string{"Xk7pQm3aZe", "Rt5hWn8bCy", "passwords are public"} {
			if strings.Contains(banner, secret) {
				t.Errorf("%s banner shows a class password:\n%s", lang, banner)
			}
		}
	}
}

// TestIMAPLoginNeedsTLSAwayFromLoopback: a student on the network cannot
// send their password in clear over IMAP either.
func TestIMAPLoginNeedsTLSAwayFromLoopback(t *testing.T) {
	l, _ := startLab(t, nil)
	c := pipeClient(t, l, "imap")
	if greeting := c.line(); !strings.Contains(greeting, "LOGINDISABLED") || strings.Contains(greeting, "AUTH=PLAIN") {
		t.Fatalf("greeting offers a login in clear: %s", greeting)
	}
	c.send("a LOGIN student secret123")
	if got := c.line(); !strings.HasPrefix(got, "a NO") {
		t.Fatalf("LOGIN in clear from the network: %q", got)
	}
	c.cmd("b STARTTLS", "b OK Begin TLS negotiation now.")
	c.upgrade(clientTLS(t, l))
	c.send("c LOGIN student secret123")
	if got := c.line(); !strings.HasPrefix(got, "c OK") {
		t.Fatalf("LOGIN over TLS: %q", got)
	}
}
