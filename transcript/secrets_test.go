package transcript

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
)

// secretSession carries the same password in every shape a mail client can
// send it: AUTH LOGIN, AUTH PLAIN initial response, POP3 PASS and APOP.
func secretSession() []Step {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	plain := b64("\x00" + testUser + "\x00" + testPassword)
	return []Step{
		{At: ms(1), Kind: KindClient, Text: b64(testUser), Redacted: "<username>", Secret: SecretUsername},
		{At: ms(2), Kind: KindClient, Text: b64(testPassword), Redacted: "", Secret: SecretPassword},
		{At: ms(3), Kind: KindClient, Text: "AUTH PLAIN " + plain, Redacted: "AUTH PLAIN <redacted>", Secret: SecretSASLInitialResponse},
		{At: ms(4), Kind: KindClient, Text: plain, Redacted: "<redacted>", Secret: SecretSASLResponse},
		{At: ms(5), Kind: KindClient, Text: "PASS " + testPassword, Redacted: "PASS <redacted>", Secret: SecretPassword},
		{At: ms(6), Kind: KindClient, Text: "APOP mrose c4c9334bac560ecc979e58001b3e22fb", Redacted: "APOP mrose <redacted>", Secret: SecretAPOPDigest},
		{At: ms(7), Kind: KindClient, Text: "X-TOKEN " + testPassword, Redacted: "X-TOKEN <redacted>", Secret: SecretCredential},
	}
}

func TestSecretsNeverWrittenUnlessKept(t *testing.T) {
	plain := base64.StdEncoding.EncodeToString([]byte("\x00" + testUser + "\x00" + testPassword))
	secrets := []string{
		testPassword,
		base64.StdEncoding.EncodeToString([]byte(testPassword)),
		base64.StdEncoding.EncodeToString([]byte(testUser)),
		plain,
		"c4c9334bac560ecc979e58001b3e22fb",
	}
	tests := []struct {
		keep      bool
		wantFound bool
	}{{false, false}, {true, true}}
	for _, tt := range tests {
		path := record(t, smtpHeader(), secretSession(), Options{KeepSecrets: tt.keep})
		raw := mustRead(t, path)
		for _, secret := range secrets {
			if found := bytes.Contains(raw, []byte(secret)); found != tt.wantFound {
				t.Errorf("keep=%v: secret %q in the file: %v, want %v\n%s", tt.keep, secret, found, tt.wantFound, raw)
			}
		}
		if kept := bytes.Count(raw, []byte("kept: true")); tt.keep && kept != len(secretSession()) || !tt.keep && kept != 0 {
			t.Errorf("keep=%v: %d steps marked kept", tt.keep, kept)
		}
		got := mustLoad(t, path)
		wantSteps(t, got.Steps, asWrittenPlaceholder(secretSession(), tt.keep))
	}
}

// asWrittenPlaceholder is asWritten with the placeholder for an empty
// redacted form.
func asWrittenPlaceholder(steps []Step, keep bool) []Step {
	out := asWritten(steps, keep)
	for i := range out {
		if out[i].Secret != "" && out[i].Text == "" {
			out[i].Text = RedactedPlaceholder
		}
	}
	return out
}

func TestSecretMarksInFile(t *testing.T) {
	path := record(t, smtpHeader(), secretSession()[:1], Options{})
	raw := string(mustRead(t, path))
	want := "- client: \"<username>\"\n  secret: username\n  at: \"0.001\"\n"
	if !strings.HasSuffix(raw, want) {
		t.Fatalf("file ends:\n%s\nwant it to end with:\n%s", raw, want)
	}
}
