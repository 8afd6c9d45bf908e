package e2e

import (
	"strings"
	"testing"
)

// TestSNIAndCertAgainstRealServers: --sni names the server in the
// handshake and the certificate is checked against it; :cert lists the
// chain Postfix and Dovecot send, :status points to it.
func TestSNIAndCertAgainstRealServers(t *testing.T) {
	s := needServers(t)
	tests := []struct {
		name, url string
		args      []string
		script    []string
	}{
		{"postfix starttls", s.submission, []string{"--starttls"}, []string{":cert", ":status", "QUIT"}},
		{"dovecot imaps", s.imaps, nil, []string{":cert", "LOGOUT"}},
		{"dovecot pop3s", s.pop3s, nil, []string{":cert", "QUIT"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"connect", "--no-color", "--timeout", "10s", "--ca", s.ca, "--sni", "mail.example.test"}, tt.args...)
			res := runMailtutor(t, scriptOf(tt.script...), append(args, tt.url)...)
			if res.code != 0 {
				t.Fatalf("exit status %d, want 0", res.code)
			}
			for _, w := range []string{
				"verified: the chain is trusted and the certificate is for mail.example.test",
				"certificate chain as the server sent it (1):",
				" 0 s: CN=mail.example.test,O=mailtutor CI",
				"   names: mail.example.test, localhost, 127.0.0.1",
				"   key: ",
				"   SHA-256: ",
				"no OCSP response stapled",
				"server name: mail.example.test",
			} {
				if !strings.Contains(res.stdout, w) {
					t.Errorf("the output lacks %q", w)
				}
			}
		})
	}
	t.Run("a name the certificate is not for", func(t *testing.T) {
		res := runMailtutor(t, scriptOf("QUIT"), "connect", "--no-color", "--timeout", "10s", "--ca", s.ca, "--sni", "other.example", s.pop3s)
		if res.code == 0 || !strings.Contains(res.stderr, "certificate is for another name") {
			t.Errorf("exit status %d; standard error does not say the name is wrong", res.code)
		}
	})
}
