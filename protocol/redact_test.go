package protocol

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		name      string
		proto     Protocol
		line      string
		inAuth    bool
		challenge string
		redacted  string
		kind      string
	}{
		{"POP3 PASS", POP3, "PASS secret123", false, "", "PASS <redacted>", SecretPassword},
		{"POP3 PASS with spaces", POP3, "pass my secret phrase", false, "", "pass <redacted>", SecretPassword},
		{"POP3 PASS alone", POP3, "PASS", false, "", "PASS", ""},
		{"PASS typed in SMTP", SMTP, "PASS secret123", false, "", "PASS <redacted>", SecretPassword},
		{"APOP", POP3, "APOP mrose c4c9334bac560ecc979e58001b3e22fb", false, "", "APOP mrose <redacted>", SecretAPOPDigest},
		{"APOP without digest", POP3, "APOP mrose", false, "", "APOP mrose", ""},
		{"SMTP AUTH PLAIN initial response", SMTP, "AUTH PLAIN AHN0dWRlbnQAc2VjcmV0MTIz", false, "", "AUTH PLAIN <redacted>", SecretSASLInitialResponse},
		{"POP3 AUTH initial response", POP3, "auth plain AHN0dWRlbnQAc2VjcmV0MTIz", false, "", "auth plain <redacted>", SecretSASLInitialResponse},
		{"AUTH LOGIN with user name", SMTP, "AUTH LOGIN c3R1ZGVudA==", false, "", "AUTH LOGIN <redacted>", SecretSASLInitialResponse},
		{"AUTH with empty initial response", SMTP, "AUTH EXTERNAL =", false, "", "AUTH EXTERNAL =", ""},
		{"AUTH without response", SMTP, "AUTH LOGIN", false, "", "AUTH LOGIN", ""},
		{"user name answer", SMTP, "c3R1ZGVudA==", true, "Username:", "<redacted>", SecretUsername},
		{"password answer", SMTP, "c2VjcmV0MTIz", true, "Password:", "<redacted>", SecretPassword},
		{"lower-case prompts", POP3, "c2VjcmV0MTIz", true, "password:", "<redacted>", SecretPassword},
		{"other SASL response", SMTP, "c3R1ZGVudCA5YjBmNjBkMmU1", true, "<1896.697170952@postoffice.reston.mci.net>", "<redacted>", SecretSASLResponse},
		{"PLAIN response to an empty challenge", POP3, "AHN0dWRlbnQAc2VjcmV0MTIz", true, "", "<redacted>", SecretSASLResponse},
		{"cancel", SMTP, "*", true, "Password:", "*", ""},
		{"ordinary command", SMTP, "MAIL FROM:<a@example.test>", false, "", "MAIL FROM:<a@example.test>", ""},
		{"USER is not a secret", POP3, "USER student", false, "", "USER student", ""},
		{"empty line", SMTP, "", false, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			redacted, kind, secret := Redact(tt.proto, tt.line, tt.inAuth, tt.challenge)
			if redacted != tt.redacted || kind != tt.kind || secret != (tt.kind != "") {
				t.Errorf("Redact(%q) = %q, %q, %v; want %q, %q, %v", tt.line, redacted, kind, secret, tt.redacted, tt.kind, tt.kind != "")
			}
			if secret && tt.line != "" {
				last := strings.Fields(tt.line)
				if strings.Contains(redacted, last[len(last)-1]) {
					t.Errorf("the secret %q survived in %q", last[len(last)-1], redacted)
				}
			}
		})
	}
}
