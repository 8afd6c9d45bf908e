package e2e

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/testkit"
)

// TestMXToPostfix: mx:example.test resolves the domain's MX records with
// a DNS server of the test's own (--dns), tries the first (nothing listens
// at its address), then reaches Postfix by the second, whose certificate
// is checked against the MX host's name after STARTTLS.
func TestMXToPostfix(t *testing.T) {
	s := needServers(t)
	_, port, _ := strings.Cut(hostPort(t, s.smtp), ":")
	dnsAddr := testkit.StartDNS(t, testkit.Zone{
		"example.test. 60 IN MX 10 down.example.test.",
		"example.test. 60 IN MX 20 mail.example.test.",
		"down.example.test. 60 IN A 127.0.0.2",
		"mail.example.test. 60 IN A 127.0.0.1",
	})
	for _, target := range [][]string{{"mx:example.test:" + port}, {"--mx", "smtp://example.test:" + port}} {
		t.Run(strings.Join(target, " "), func(t *testing.T) {
			args := append([]string{"connect", "--no-color", "--timeout", "10s", "--dns", dnsAddr, "--ca", s.ca, "--starttls"}, target...)
			res := runMailtutor(t, scriptOf("QUIT"), args...)
			if res.code != 0 {
				t.Fatalf("exit status %d, want 0", res.code)
			}
			rest := res.stdout
			for _, w := range []string{
				"MX of example.test: trying down.example.test (preference 10)",
				"down.example.test: connect smtp://down.example.test:" + port + ": connection refused",
				"MX of example.test: trying mail.example.test (preference 20)",
				"S: 220 mail.example.test ESMTP",
				"verified: the chain is trusted and the certificate is for mail.example.test",
				"S: 221",
			} {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("the output lacks %q (in order)", w)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}
