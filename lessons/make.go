package lessons

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/transcript"
)

// FromTranscript turns a recorded session into a lesson skeleton: one part,
// the recorded steps, and empty notes (in both languages) for the
// instructor to fill. Redacted credentials become helpers that use the
// student's account ({user}, {pass}).
func FromTranscript(t *transcript.Transcript) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "mailtutor-lesson: %d\n", FormatVersion)
	b.WriteString("title: {en: \"\", zh: \"\"}")
	if t.Title != "" {
		fmt.Fprintf(&b, " # recorded as %s", strconv.Quote(t.Title))
	}
	b.WriteString("\n")
	b.WriteString("summary: {en: \"\", zh: \"\"}\n")
	fmt.Fprintf(&b, "parts:\n- service: %s\n  explain: {en: \"\", zh: \"\"}\n  steps:\n", serviceOf(t))
	lastAuth := ""
	for _, s := range t.Steps {
		switch s.Kind {
		case transcript.KindServer:
			fmt.Fprintf(&b, "  - server: %s\n    notice: {en: \"\", zh: \"\"}\n", strconv.Quote(s.Text))
		case transcript.KindClient:
			line := answerFor(s, t.Protocol, lastAuth)
			if protocol.Verb(s.Text) == "AUTH" {
				lastAuth = s.Text
			}
			fmt.Fprintf(&b, "  - client: %s\n", strconv.Quote(line))
			if s.Secret == "" {
				fmt.Fprintf(&b, "    # expect: [%s]\n", strconv.Quote(line))
			}
			b.WriteString("    explain: {en: \"\", zh: \"\"}\n    hint: {en: \"\", zh: \"\"}\n")
		case transcript.KindData:
			fmt.Fprintf(&b, "  - data: %s\n    # expect: [\"Subject: {any}\"]\n", strconv.Quote(s.Text))
			b.WriteString("    explain: {en: \"\", zh: \"\"}\n    hint: {en: \"\", zh: \"\"}\n")
		case transcript.KindTLS:
			b.WriteString("  - tls: true\n")
		case transcript.KindClosed:
			b.WriteString("  - closed: true\n")
		}
	}
	return []byte(b.String())
}

// serviceOf guesses the service a transcript talked to.
func serviceOf(t *transcript.Transcript) string {
	implicit := t.Server.TLS == transcript.TLSImplicit
	if t.Protocol == transcript.ProtocolPOP3 {
		if implicit {
			return "pop3s"
		}
		return "pop3"
	}
	if implicit {
		return "smtps"
	}
	for _, s := range t.Steps {
		if s.Kind == transcript.KindClient && protocol.Verb(s.Text) == "AUTH" {
			return "submission"
		}
	}
	switch t.Server.Port {
	case 587, 1587, 2587:
		return "submission"
	}
	return "smtp"
}

// answerFor is the model answer of a recorded client line: the line
// itself, or for a redacted credential the helper that makes it from the
// student's account.
func answerFor(s transcript.Step, proto, lastAuth string) string {
	if proto == transcript.ProtocolPOP3 && protocol.Verb(s.Text) == "USER" && s.Secret == "" {
		return "USER {user}" // the student's own account, not the recorder's
	}
	if s.Secret == "" || s.Kept {
		return s.Text
	}
	switch s.Secret {
	case transcript.SecretUsername:
		if proto == transcript.ProtocolPOP3 {
			return "USER {user}"
		}
		return ":b64 {user}"
	case transcript.SecretPassword:
		if proto == transcript.ProtocolPOP3 && protocol.Verb(s.Text) == "PASS" {
			return "PASS {pass}"
		}
		return ":b64 {pass}"
	case transcript.SecretSASLInitialResponse:
		return ":plain {user} {pass}"
	case transcript.SecretAPOPDigest:
		return ":apop {user} {pass}"
	case transcript.SecretSASLResponse:
		if strings.Contains(strings.ToUpper(lastAuth), "CRAM-MD5") {
			return ":cram {user} {pass}"
		}
	}
	return ":b64 {pass}"
}
