package protocol

import (
	"strings"
	"testing"
)

// TestStartTLSNextWaitsForTheHandshake: the reply that agrees to start
// TLS comes before the handshake, which may still fail; its "next" must
// not say the connection is encrypted, only what follows once it is.
func TestStartTLSNextWaitsForTheHandshake(t *testing.T) {
	for _, tc := range []struct {
		p          Protocol
		cmd, wire  string
		en, zh     []string
		notEn, not string
	}{
		{SMTP, "STARTTLS", "220 2.0.0 Ready to start TLS\r\n", []string{"handshake", "EHLO"}, []string{"握手", "EHLO"}, "now encrypted", "连接已加密"},
		{POP3, "STLS", "+OK Begin TLS negotiation now.\r\n", []string{"handshake", "CAPA"}, []string{"握手", "CAPA"}, "now encrypted", "连接已加密"},
	} {
		r := oneReply(t, tc.p, []string{tc.cmd}, tc.wire)
		for lang, want := range map[Lang][]string{English: tc.en, Chinese: tc.zh} {
			ex, err := ExplainIn(r, lang)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range want {
				if !strings.Contains(ex.Next, w) {
					t.Errorf("%s %s in %s: next %q lacks %q", tc.p, tc.cmd, lang, ex.Next, w)
				}
			}
			if strings.Contains(ex.Next, tc.notEn) || strings.Contains(ex.Next, tc.not) {
				t.Errorf("%s %s in %s: next %q says the connection is encrypted before the handshake", tc.p, tc.cmd, lang, ex.Next)
			}
		}
	}
}
