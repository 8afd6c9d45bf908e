package export

import (
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/transcript"
)

// client lays out one client line and queues it for the framer. A handout
// never shows a credential: a redacted line keeps its "<redacted>" spots as
// marks, a line whose secret was kept (--keep-secrets) or was never marked
// (a hand-written file) is redacted here the way the live prompt does it,
// and a marked line whose secret cannot be located is hidden whole.
func (g *dialogue) client(s transcript.Step) []piece {
	text, kind := s.Text, s.Secret
	if kind == "" || s.Kept || !strings.Contains(text, transcript.RedactedPlaceholder) {
		redacted, found, secret := protocol.Redact(g.proto, text, protocol.InAuth(g.framer), g.challenge)
		switch {
		case secret:
			text = redacted
			if kind == "" {
				kind = found
			}
		case kind != "":
			text = transcript.RedactedPlaceholder
		}
	}
	g.framer.Expect(s.Text)
	return pieces(text, kind)
}

// pieces cuts a redacted line at its "<redacted>" spots.
func pieces(line, kind string) []piece {
	parts := strings.Split(line, transcript.RedactedPlaceholder)
	out := make([]piece, 0, 2*len(parts))
	for i, part := range parts {
		if i > 0 {
			out = append(out, piece{Hidden: "hidden: " + secretWords(kind)})
		}
		if part != "" {
			out = append(out, piece{Text: visible(part)})
		}
	}
	if len(out) == 0 {
		out = append(out, piece{}) // an empty line
	}
	return out
}

// secretWords names a kind of secret for a reader.
func secretWords(kind string) string {
	switch kind {
	case transcript.SecretUsername:
		return "user name"
	case transcript.SecretPassword:
		return "password"
	case transcript.SecretSASLResponse:
		return "SASL response"
	case transcript.SecretSASLInitialResponse:
		return "SASL initial response"
	case transcript.SecretAPOPDigest:
		return "APOP digest"
	case transcript.SecretCredential, "":
		return "credential"
	}
	return visible(kind)
}
