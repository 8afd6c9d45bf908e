package replay

import (
	"fmt"
	"strings"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/transcript"
)

// EnvPrefix starts the name of the environment variable holding a secret:
// MAILTUTOR_SECRET_PASSWORD, MAILTUTOR_SECRET_SASL_INITIAL_RESPONSE, ...
const EnvPrefix = "MAILTUTOR_SECRET_"

// Secrets supplies the real values of the credentials a transcript holds
// redacted. Each kind of secret (transcript.SecretPassword, ...) is looked
// up in Values, then in the environment, then asked for; the answer is
// kept for later steps of the same kind. Values never leave the process
// except towards the server.
//
// For the kinds username and password the value is the plain text: the
// tool base64-encodes it for an AUTH LOGIN answer and puts it after PASS.
// For apop-digest it is the password, from which the digest is computed
// with the live greeting's timestamp. For the other kinds it is the text
// that replaces "<redacted>" on the wire (an AUTH PLAIN response in base64).
type Secrets struct {
	Values map[string]string                           // by kind, from --secret KIND=VALUE
	Getenv func(name string) string                    // nil: the environment is not consulted
	Ask    func(kind string, step int) (string, error) // nil: nobody to ask

	asked map[string]string
}

// aliases are the short names ParseSecret accepts for a kind.
var aliases = map[string]string{"user": transcript.SecretUsername, "pass": transcript.SecretPassword, "apop": transcript.SecretAPOPDigest}

// ParseSecret splits a --secret argument "KIND=VALUE". KIND is a kind of
// secret (username, password, sasl-response, sasl-initial-response,
// apop-digest, credential) or one of the shortcuts user, pass and apop.
// The error never holds the value.
func ParseSecret(arg string) (kind, value string, err error) {
	kind, value, ok := strings.Cut(arg, "=")
	kind = strings.ToLower(strings.TrimSpace(kind))
	if full, ok := aliases[kind]; ok {
		kind = full
	}
	if !ok || !transcript.KnownSecret(kind) {
		return "", "", fmt.Errorf("--secret wants KIND=VALUE with KIND one of username (user), password (pass), sasl-response, sasl-initial-response, apop-digest (apop), credential; got kind %q", kind)
	}
	return kind, value, nil
}

// EnvName is the environment variable that holds a secret of kind.
func EnvName(kind string) string {
	return EnvPrefix + strings.ToUpper(strings.ReplaceAll(kind, "-", "_"))
}

// lookup finds the value of a secret of kind for the step with number step.
func (s *Secrets) lookup(kind string, step int) (string, error) {
	if s == nil {
		s = &Secrets{}
	}
	if v, ok := s.Values[kind]; ok {
		return v, nil
	}
	if v, ok := s.asked[kind]; ok {
		return v, nil
	}
	if s.Getenv != nil {
		if v := s.Getenv(EnvName(kind)); v != "" {
			return v, nil
		}
	}
	if s.Ask == nil {
		return "", fmt.Errorf("step %d holds a redacted %s: give it with --secret %s=VALUE or in %s", step, kind, kind, EnvName(kind))
	}
	v, err := s.Ask(kind, step)
	if err != nil {
		return "", fmt.Errorf("step %d: reading the %s: %w", step, kind, err)
	}
	if s.asked == nil {
		s.asked = map[string]string{}
	}
	s.asked[kind] = v
	return v, nil
}

// wireLine is the line to send for a recorded client step: the step itself,
// or, for a redacted secret, the step with the real value put back.
// greeting is the text of the live server's greeting (for APOP).
func (s *Secrets) wireLine(step transcript.Step, number int, greeting string) (string, error) {
	return s.wireLineAt(step, number, greeting, secretSpot{})
}

// secretSpot says how a secret goes back where it was redacted, in a
// protocol where that differs from SMTP and POP3.
type secretSpot struct {
	// literal: the line is literal text (IMAP, after "+" to {n}): a whole
	// line secret is its value as it is, not base64.
	literal bool
	// quote writes a value that stands for an argument inside a command
	// line as the protocol wants it (an IMAP astring); nil: as it is.
	quote func(value string) (string, error)
}

// wireLineAt is wireLine for a secret in the spot described.
func (s *Secrets) wireLineAt(step transcript.Step, number int, greeting string, spot secretSpot) (string, error) {
	if step.Secret == "" || step.Kept {
		return step.Text, nil
	}
	value, err := s.lookup(step.Secret, number)
	if err != nil {
		return "", err
	}
	text := step.Text
	whole := !strings.Contains(text, transcript.RedactedPlaceholder)
	switch {
	case step.Secret == transcript.SecretAPOPDigest:
		stamp, ok := codec.APOPTimestamp(greeting)
		if !ok {
			return "", fmt.Errorf("step %d is an APOP login, but the live greeting has no <timestamp> to compute the digest from", number)
		}
		value = codec.APOPDigest(stamp, value)
	case spot.literal:
	case (step.Secret == transcript.SecretUsername || step.Secret == transcript.SecretPassword) &&
		text == transcript.RedactedPlaceholder: // the answer to a SASL LOGIN challenge
		value = codec.B64(value)
	case spot.quote != nil && !whole && text != transcript.RedactedPlaceholder:
		if value, err = spot.quote(value); err != nil {
			return "", fmt.Errorf("step %d: the %s %w", number, step.Secret, err)
		}
	}
	if whole {
		return value, nil // the whole line was the secret
	}
	return strings.Replace(text, transcript.RedactedPlaceholder, value, 1), nil
}

// imapQuote writes a credential as an IMAP astring (RFC 9051 4.3): an
// atom when it can be one, else a quoted string.
func imapQuote(value string) (string, error) {
	q, bad := codec.AString(value, false)
	if bad != "" {
		return "", fmt.Errorf("cannot be an IMAP quoted string (%s): only a literal carries it; record the login with a literal ({n}) to replay it", bad)
	}
	return q, nil
}
