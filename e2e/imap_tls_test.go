package e2e

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/transcript"
)

// TestIMAPLoginsAndTLS logs in to Dovecot over IMAPS with AUTHENTICATE
// PLAIN and its initial response (SASL-IR), and over STARTTLS with LOGIN
// and a quoted password; each recording hides the credential, holds the
// TLS handshake, and replays against Dovecot with the secret given again.
func TestIMAPLoginsAndTLS(t *testing.T) {
	s := needServers(t)
	plain := b64("\x00" + s.user + "\x00" + s.pass)
	tests := []struct {
		name     string
		url      string
		script   string
		tlsStep  int // the step of the TLS handshake
		secrets  []string
		replayAs []string // --secret flags for replay --against
	}{
		{"IMAPS, AUTHENTICATE PLAIN with an initial response", s.imaps,
			scriptOf("a1 CAPABILITY", "a2 AUTHENTICATE PLAIN "+plain, "a3 NOOP", "a4 LOGOUT"), 1,
			[]string{s.pass, plain}, []string{"sasl-initial-response=" + plain}},
		{"STARTTLS, LOGIN with a quoted password", s.imap,
			scriptOf("a1 STARTTLS", "a2 CAPABILITY", `a3 LOGIN "`+s.user+`" "`+s.pass+`"`, "a4 NOOP", "a5 LOGOUT"), 4,
			[]string{s.pass}, []string{"password=" + s.pass}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := filepath.Join(t.TempDir(), "tls.yaml")
			res := runMailtutor(t, tt.script, "connect", "--no-color", "--history", "", "--timeout", "10s",
				"--ca", s.ca, "--record", rec, tt.url)
			if res.code != 0 {
				t.Fatalf("exit status %d, want 0", res.code)
			}
			n := strings.Count(tt.script, "\n")
			requireTaggedOK(t, res.stdout, n)
			if !strings.Contains(res.stdout, "verified: the chain is trusted") {
				t.Errorf("the output does not show a verified TLS handshake")
			}
			requireNoSecret(t, res, tt.secrets...)
			requireFileHasNoSecret(t, rec, s.pass)
			requireFileHasNoSecret(t, rec, tt.secrets...)
			tr := loadTranscript(t, rec)
			if step := tr.Steps[tt.tlsStep-1]; step.Kind != transcript.KindTLS || step.TLS == nil || !step.TLS.Verified {
				t.Errorf("step %d is %s, want a verified TLS handshake:\n%s", tt.tlsStep, step.Kind, describeSteps(tr))
			}
			if tr.Steps[len(tr.Steps)-1].Kind != transcript.KindClosed {
				t.Errorf("the recording does not end with the close")
			}
			checkTranscriptFile(t, rec)

			args := []string{"replay", "--no-color", "--timeout", "10s", "--ca", s.ca, "--against", tt.url}
			for _, sec := range tt.replayAs {
				args = append(args, "--secret", sec)
			}
			res = runMailtutor(t, "", append(args, rec)...)
			if res.code != 0 || !strings.Contains(res.stdout, "0 MISMATCH") {
				t.Fatalf("replay --against: exit status %d, want 0 and no mismatch", res.code)
			}
			requireNoSecret(t, res, tt.secrets...)
		})
	}
}
