package protocol

import "strings"

// The kinds of secret Redact reports.
const (
	SecretPassword            = "password"
	SecretUsername            = "username"
	SecretSASLResponse        = "sasl-response"
	SecretAPOPDigest          = "apop-digest"
	SecretSASLInitialResponse = "sasl-initial-response"
)

// Redacted is the mark that replaces a secret.
const Redacted = "<redacted>"

// Redact reports whether a client line carries a secret, and returns it
// with the secret part replaced by "<redacted>" plus the kind of secret
// (one of the Secret constants). inAuth is Framer.InAuth() before the line
// was sent; challenge is the decoded text of the last 334 or "+ " challenge
// ("Username:" gives kind "username", "Password:" "password", anything
// else "sasl-response").
//
// Secrets: POP3 "PASS x" gives "PASS <redacted>"; POP3 "APOP user digest"
// gives "APOP user <redacted>"; "AUTH MECH initial-response" (SMTP and
// POP3) gives "AUTH MECH <redacted>", except for the empty response "=";
// any line while inAuth gives "<redacted>", except "*", which cancels.
// A line without a secret comes back unchanged, with kind "".
//
// PASS and APOP lines are redacted in an SMTP session too: they are not
// SMTP commands, but a learner who types one there still typed a secret.
// p is not consulted today; it is there for protocols with other secrets.
func Redact(p Protocol, line string, inAuth bool, challenge string) (redacted, kind string, secret bool) {
	if inAuth {
		if strings.TrimSpace(line) == "*" {
			return line, "", false
		}
		return Redacted, challengeKind(challenge), true
	}
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return line, "", false
	}
	verb := strings.ToUpper(fields[0])
	switch {
	case verb == "PASS" && len(fields) > 1:
		return fields[0] + " " + Redacted, SecretPassword, true
	case verb == "APOP" && len(fields) > 2:
		return fields[0] + " " + fields[1] + " " + Redacted, SecretAPOPDigest, true
	case verb == "AUTH" && len(fields) > 2 && !(len(fields) == 3 && fields[2] == "="):
		return fields[0] + " " + fields[1] + " " + Redacted, SecretSASLInitialResponse, true
	}
	return line, "", false
}

// challengeKind says what a decoded challenge asks for.
func challengeKind(challenge string) string {
	c := strings.ToLower(strings.TrimSpace(challenge))
	c = strings.TrimSuffix(c, ":")
	switch strings.ReplaceAll(c, " ", "") {
	case "username", "user":
		return SecretUsername
	case "password":
		return SecretPassword
	}
	return SecretSASLResponse
}
