package protocol

import (
	"encoding/base64"
	"strings"
	"testing"
)

// saslState is a SASL exchange of mech open on a challenge (decoded text).
func saslState(mech, challenge string) State {
	return State{Input: InputSASL, Mechanism: mech, Challenge: base64.StdEncoding.EncodeToString([]byte(challenge))}
}

// TestRedactEveryCredentialForm runs every credential form through every
// registered dialect: the redacted text, the kind, and that the secret
// appears nowhere in what is redacted. A learner may type any protocol's
// form at any prompt, so each dialect hides them all.
func TestRedactEveryCredentialForm(t *testing.T) {
	const (
		plainIR = "AHN0dWRlbnQAc2VjcmV0MTIz"                         // \0student\0secret123
		digest  = "c4c9334bac560ecc979e58001b3e22fb"                 // RFC 1939
		cram    = "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw" // RFC 2195
	)
	command := State{Input: InputCommand}
	tests := []struct {
		name     string
		line     string
		st       State
		secret   string // what must not survive; "" for a line that holds none
		redacted string
		kind     string
	}{
		{"PASS", "PASS secret123", command, "secret123", "PASS <redacted>", SecretPassword},
		{"pass, extra spaces, spaces in it", "pass   my secret phrase", command, "my secret phrase", "pass <redacted>", SecretPassword},
		{"PASS with a tab", "PASS\tsecret123", command, "secret123", "PASS <redacted>", SecretPassword},
		{"APOP", "APOP mrose " + digest, command, digest, "APOP mrose <redacted>", SecretAPOPDigest},
		{"apop, extra spaces", "apop  mrose   " + digest, command, digest, "apop mrose <redacted>", SecretAPOPDigest},
		{"AUTH initial response", "AUTH PLAIN " + plainIR, command, plainIR, "AUTH PLAIN <redacted>", SecretSASLInitialResponse},
		{"auth, lower case, extra spaces", "auth  plain   " + plainIR, command, plainIR, "auth plain <redacted>", SecretSASLInitialResponse},
		{"AUTH LOGIN with the user name", "AUTH LOGIN c3R1ZGVudA==", command, "c3R1ZGVudA==", "AUTH LOGIN <redacted>", SecretSASLInitialResponse},
		{"AUTH with an empty response", "AUTH EXTERNAL =", command, "", "AUTH EXTERNAL =", ""},
		{"AUTH without response", "AUTH CRAM-MD5", command, "", "AUTH CRAM-MD5", ""},
		{"tagged LOGIN", "a1 LOGIN user pass", command, "pass", "a1 LOGIN user <redacted>", SecretPassword},
		{"tagged login, extra spaces", "a1  login   user    pass word", command, "pass word", "a1 login user <redacted>", SecretPassword},
		{"untagged LOGIN", "LOGIN user hunter2", command, "hunter2", "LOGIN user <redacted>", SecretPassword},
		{"tagged AUTHENTICATE", "a1 AUTHENTICATE PLAIN " + plainIR, command, plainIR, "a1 AUTHENTICATE PLAIN <redacted>", SecretSASLInitialResponse},
		{"tagged authenticate, lower case", "a1 authenticate plain " + plainIR, command, plainIR, "a1 authenticate plain <redacted>", SecretSASLInitialResponse},
		{"tagged AUTHENTICATE, empty response", "a1 AUTHENTICATE EXTERNAL =", command, "", "a1 AUTHENTICATE EXTERNAL =", ""},
		{"tagged PASS", "x PASS hunter2", command, "hunter2", "x PASS <redacted>", SecretPassword},
		{"answer to Username:", "c3R1ZGVudA==", saslState("LOGIN", "Username:"), "c3R1ZGVudA==", Redacted, SecretUsername},
		{"answer to Password:", "c2VjcmV0MTIz", saslState("LOGIN", "Password:"), "c2VjcmV0MTIz", Redacted, SecretPassword},
		{"answer to password, lower case", "c2VjcmV0MTIz", saslState("LOGIN", "password:"), "c2VjcmV0MTIz", Redacted, SecretPassword},
		{"answer to a CRAM-MD5 challenge", cram, saslState("CRAM-MD5", "<1896.697170952@postoffice.reston.mci.net>"), cram, Redacted, SecretSASLResponse},
		{"answer to an empty challenge", plainIR, saslState("PLAIN", ""), plainIR, Redacted, SecretSASLResponse},
		{"a command typed as an answer", "AUTH PLAIN " + plainIR, saslState("PLAIN", ""), plainIR, Redacted, SecretSASLResponse},
		{"a LOGIN typed as an answer", "a1 LOGIN user pass", saslState("PLAIN", ""), "user pass", Redacted, SecretSASLResponse},
		{"* cancels", "*", saslState("LOGIN", "Password:"), "", "*", ""},
		{"* with spaces cancels", " * ", saslState("PLAIN", ""), "", " * ", ""},
		{"USER is not a secret", "USER student", command, "", "USER student", ""},
		{"LOGIN without a password", "a1 LOGIN user", command, "", "a1 LOGIN user", ""},
		{"an ordinary command", "MAIL FROM:<a@example.test>", command, "", "MAIL FROM:<a@example.test>", ""},
		{"an empty line", "", command, "", "", ""},
	}
	for _, d := range Dialects() {
		for _, tt := range tests {
			t.Run(string(d.Protocol())+"/"+tt.name, func(t *testing.T) {
				redacted, kind, secret := d.Redact(tt.line, tt.st)
				if redacted != tt.redacted || kind != tt.kind || secret != (tt.kind != "") {
					t.Errorf("Redact(%q) = %q, %q, %v; want %q, %q, %v",
						tt.line, redacted, kind, secret, tt.redacted, tt.kind, tt.kind != "")
				}
				if tt.secret != "" && strings.Contains(redacted, tt.secret) {
					t.Errorf("the secret %q survives in %q", tt.secret, redacted)
				}
				for _, word := range strings.Fields(tt.secret) {
					if strings.Contains(redacted, word) {
						t.Errorf("%q of the secret survives in %q", word, redacted)
					}
				}
			})
		}
	}
}
