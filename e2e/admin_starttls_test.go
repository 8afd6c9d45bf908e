package e2e

import (
	"strings"
	"testing"
)

// TestConnectStartTLS: connect --starttls says hello, starts TLS and says
// hello again on Postfix (EHLO --ehlo NAME), Dovecot POP3 (CAPA, STLS) and
// IMAP (CAPABILITY, STARTTLS), then runs the script over TLS.
func TestConnectStartTLS(t *testing.T) {
	s := needServers(t)
	tests := []struct {
		name, url string
		script    []string
		want      []string // in order
	}{
		{"postfix submission", s.submission, []string{"AUTH PLAIN " + b64("\x00"+s.user+"\x00"+s.pass), "QUIT"},
			[]string{"C: EHLO admin.e2e.example", "S: 250-STARTTLS", "C: STARTTLS", "S: 220 2.0.0 Ready to start TLS", "TLS: TLS 1.", "C: EHLO admin.e2e.example", "S: 250-AUTH", "S: 235 2.7.0", "S: 221"}},
		{"dovecot pop3", s.pop3, []string{"USER " + s.user, "PASS " + s.pass, "QUIT"},
			[]string{"C: CAPA", "S: STLS", "C: STLS", "S: +OK Begin TLS", "TLS: TLS 1.", "C: CAPA", "S: +OK Logged in.", "S: +OK Logging out"}},
		{"dovecot imap", s.imap, []string{":login " + s.user + " " + s.pass, "LOGOUT"},
			[]string{"C: a1 CAPABILITY", "C: a2 STARTTLS", "TLS: TLS 1.", "C: a3 CAPABILITY", "Logged in", "C: a5 LOGOUT"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runMailtutor(t, scriptOf(tt.script...), "connect", "--no-color", "--timeout", "10s",
				"--ca", s.ca, "--starttls", "--ehlo", "admin.e2e.example", tt.url)
			if res.code != 0 {
				t.Fatalf("exit status %d, want 0", res.code)
			}
			rest := res.stdout
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("the output lacks %q (in order)", w)
				}
				rest = rest[i+len(w):]
			}
			requireNoSecret(t, res, s.pass)
		})
	}
}

// TestConnectStartTLSRefusedCertificate: with a certificate that is not
// trusted (no --ca) the handshake fails: non-zero exit, and the script's
// credentials never go out.
func TestConnectStartTLSRefusedCertificate(t *testing.T) {
	s := needServers(t)
	res := runMailtutor(t, scriptOf("AUTH PLAIN "+b64("\x00"+s.user+"\x00"+s.pass), "QUIT"),
		"connect", "--no-color", "--timeout", "10s", "--starttls", s.submission)
	if res.code == 0 {
		t.Fatal("exit status 0 after a failed handshake")
	}
	if strings.Contains(res.stdout, "C: AUTH") {
		t.Error("the script went on after the handshake failed")
	}
	if !strings.Contains(res.stdout+res.stderr, "certificate") {
		t.Error("nothing says the certificate was the problem")
	}
}
