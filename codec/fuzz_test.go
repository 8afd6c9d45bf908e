package codec

import (
	"fmt"
	"strings"
	"testing"
)

// canaryPassword is a password no display template or user name contains;
// an IMAP quoted string carries it (\x01 is a CHAR, RFC 3501 9).
const canaryPassword = "\x01canary\x01"

// credentialForms are the helper lines that take USER PASS.
var credentialForms = []string{":plain %s %s", ":cram %s %s", ":apop %s %s", ":login %s %s", "AUTH PLAIN {plain:%s %s}"}

// FuzzExpand checks the expander's invariants on arbitrary input: it never
// panics, Send never carries CR or LF, a failed expansion returns nothing,
// and for the credential helpers the Display does not depend on, or
// contain, the password.
func FuzzExpand(f *testing.F) {
	f.Add(":plain student secret123", "student", "secret123", "UGFzc3dvcmQ6",
		"+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>")
	f.Fuzz(func(t *testing.T, line, user, pass, challenge, greeting string) {
		for _, ctx := range fuzzContexts(challenge, greeting) {
			checkLineInvariants(t, line, ctx)
			if validCredentials(user, pass) {
				for _, form := range credentialForms {
					checkPasswordHidden(t, form, user, pass, ctx)
				}
			}
		}
		if validB64Text(pass) {
			checkPasswordHidden(t, ":b64 %[2]s", "", pass, Context{Challenge: "UGFzc3dvcmQ6"})
		}
	})
}

// fuzzContexts are the states a POP3 or an IMAP session can be in for a
// greeting and a challenge: between commands (IMAP with and without
// SASL-IR and UTF-8), and inside each kind of SASL exchange.
func fuzzContexts(challenge, greeting string) []Context {
	pop3 := Context{Protocol: "pop3", SASLVerb: "AUTH", APOP: true, Greeting: greeting}
	imap := Context{Protocol: "imap", SASLVerb: "AUTHENTICATE", Greeting: greeting}
	imapAll := Context{Protocol: "imap", SASLVerb: "AUTHENTICATE", Greeting: greeting, SASLIR: true, UTF8: true}
	out := []Context{pop3, imap, imapAll}
	for _, command := range []Context{pop3, imap} {
		for _, mech := range []string{"", "PLAIN", "LOGIN", "CRAM-MD5"} {
			c := command
			c.InSASL, c.Mechanism, c.Challenge = true, mech, challenge
			out = append(out, c)
		}
	}
	return out
}

// checkLineInvariants holds for every typed line.
func checkLineInvariants(t *testing.T, line string, ctx Context) {
	t.Helper()
	exp, err := Expand(line, ctx)
	if err != nil {
		if exp != (Expansion{}) {
			t.Fatalf("Expand(%q) returned %#v with error %v", line, exp, err)
		}
		return
	}
	if strings.ContainsAny(exp.Send, "\r\n") {
		t.Fatalf("Expand(%q).Send = %q contains a line break", line, exp.Send)
	}
	if exp.Secret && exp.Helper == "" {
		t.Fatalf("Expand(%q) is Secret without a helper: %#v", line, exp)
	}
	if !strings.HasPrefix(line, ":") && !strings.Contains(line, "{") && exp.Send != line {
		t.Fatalf("Expand(%q).Send = %q, want the line unchanged", line, exp.Send)
	}
}

// checkPasswordHidden expands form with pass and with a canary password: the
// two displays must be equal, and pass may appear in the display only where
// it also appears without it (inside the user name, the challenge, ...).
func checkPasswordHidden(t *testing.T, form, user, pass string, ctx Context) {
	t.Helper()
	line := fmt.Sprintf(form, user, pass)
	exp, err := Expand(line, ctx)
	if err != nil {
		return // e.g. no challenge or no APOP timestamp: covered by the table tests
	}
	if !exp.Secret {
		t.Fatalf("Expand(%q) is not Secret", line)
	}
	reference, err := Expand(fmt.Sprintf(form, user, canaryPassword), ctx)
	if err != nil {
		t.Fatalf("Expand with the canary password failed where %q did not: %v", line, err)
	}
	if strings.Contains(reference.Display, canaryPassword) {
		t.Fatalf("Display %q shows the password", reference.Display)
	}
	if strings.Contains(exp.Display, pass) && !strings.Contains(reference.Display, pass) {
		t.Fatalf("Expand(%q).Display = %q shows the password", line, exp.Display)
	}
	if exp.Display != reference.Display {
		t.Fatalf("Display depends on the password: %q vs %q", exp.Display, reference.Display)
	}
}

// validCredentials reports whether user and pass survive "USER PASS" parsing
// in every credential form.
func validCredentials(user, pass string) bool {
	return user != "" && !strings.ContainsAny(user, " \t\r\n}") && validB64Text(pass) &&
		!strings.Contains(pass, "}")
}

// validB64Text reports whether text is kept exactly as the argument of a helper.
func validB64Text(text string) bool {
	return text != "" && !strings.ContainsAny(text, "\r\n") && !strings.ContainsAny(text[:1], " \t") &&
		text != canaryPassword
}
