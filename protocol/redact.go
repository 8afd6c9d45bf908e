package protocol

import (
	"encoding/base64"
	"strings"
)

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

// Redact reports whether a client line of protocol p carries a secret;
// see [Dialect.Redact]. inAuth says the line answers a SASL challenge,
// challenge is that challenge decoded ("Username:" gives kind "username",
// "Password:" "password", anything else "sasl-response").
func Redact(p Protocol, line string, inAuth bool, challenge string) (redacted, kind string, secret bool) {
	st := State{}
	if inAuth {
		st.Input, st.Challenge = InputSASL, base64.StdEncoding.EncodeToString([]byte(challenge))
	}
	return RedactIn(p, line, st)
}

// RedactIn is Redact with the conversation's state, by p's dialect.
func RedactIn(p Protocol, line string, st State) (redacted, kind string, secret bool) {
	d, ok := Lookup(p)
	if !ok {
		d = smtpDialect{}
	}
	return d.Redact(line, st)
}

// redactMail redacts the secrets of the SMTP and POP3 dialects. A line
// typed in answer to a SASL challenge is a secret whole, except "*", which
// cancels. Otherwise: POP3 "PASS x" gives "PASS <redacted>"; "APOP user
// digest" gives "APOP user <redacted>"; "AUTH MECH initial-response" gives
// "AUTH MECH <redacted>", except for the empty response "=".
//
// The verb is also looked for after a first word that is a tag, and IMAP's
// LOGIN and AUTHENTICATE forms are redacted too: a learner who types
// "a1 LOGIN user pass" or "PASS x" at the wrong prompt still typed a secret,
// and it must not reach a history file or a transcript.
func redactMail(line string, st State) (redacted, kind string, secret bool) {
	if st.Input == InputSASL {
		if strings.TrimSpace(line) == "*" {
			return line, "", false
		}
		return Redacted, challengeKind(decodeB64(st.Challenge)), true
	}
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return line, "", false
	}
	if r, k, ok := redactFields(fields); ok {
		return r, k, true
	}
	if len(fields) > 1 { // "tag VERB ..."
		if r, k, ok := redactFields(fields[1:]); ok {
			return fields[0] + " " + r, k, true
		}
	}
	return line, "", false
}

// redactFields redacts a line whose first field is its verb.
func redactFields(fields []string) (redacted, kind string, secret bool) {
	verb := strings.ToUpper(fields[0])
	switch {
	case verb == "PASS" && len(fields) > 1:
		return fields[0] + " " + Redacted, SecretPassword, true
	case verb == "APOP" && len(fields) > 2:
		return fields[0] + " " + fields[1] + " " + Redacted, SecretAPOPDigest, true
	case verb == "LOGIN" && len(fields) > 2:
		return fields[0] + " " + fields[1] + " " + Redacted, SecretPassword, true
	case (verb == "AUTH" || verb == "AUTHENTICATE") && len(fields) > 2 && !(len(fields) == 3 && fields[2] == "="):
		return fields[0] + " " + fields[1] + " " + Redacted, SecretSASLInitialResponse, true
	}
	return "", "", false
}

// decodeB64 decodes a base64 challenge, "" when it is not base64.
func decodeB64(s string) string {
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return ""
	}
	return string(b)
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

// AsksForUser reports an open SASL exchange whose challenge asks for the
// user name (LOGIN's "Username:"): what answers it is no secret, so a
// terminal may show it as it is typed.
func AsksForUser(p Protocol, st State) bool {
	_, kind, _ := RedactIn(p, "x", st)
	return kind == SecretUsername
}
