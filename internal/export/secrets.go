package export

import (
	"strings"

	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// client lays out one client line, sent on the dialogue's session. A
// handout never shows a credential: a redacted line keeps its "<redacted>"
// spots as marks; a line whose secret was kept (--keep-secrets) or was
// never marked (a hand-written file) is redacted by the dialect the way
// the live prompt does it; and a marked line whose secret cannot be
// located is hidden whole.
func (g *dialogue) client(s transcript.Step) []piece {
	e := g.off.Send(s.Text, session.SendOptions{Secret: s.Secret != ""})
	text, kind := e.Redacted, s.Secret
	if kind == "" {
		kind = e.Secret
	}
	if s.Secret != "" && !s.Kept && strings.Contains(s.Text, transcript.RedactedPlaceholder) {
		text = s.Text // redacted when it was recorded: the marks are where the secrets were
	}
	return pieces(text, kind, g.w)
}

// pieces cuts a redacted line at its "<redacted>" spots.
func pieces(line, kind string, w *words) []piece {
	parts := strings.Split(line, transcript.RedactedPlaceholder)
	out := make([]piece, 0, 2*len(parts))
	for i, part := range parts {
		if i > 0 {
			out = append(out, piece{Hidden: w.Hidden + secretWords(kind, w)})
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
func secretWords(kind string, w *words) string {
	switch kind {
	case transcript.SecretUsername:
		return w.User
	case transcript.SecretPassword:
		return w.Password
	case transcript.SecretSASLResponse:
		return w.SASLResponse
	case transcript.SecretSASLInitialResponse:
		return w.SASLInitial
	case transcript.SecretAPOPDigest:
		return w.APOPDigest
	case transcript.SecretCredential, "":
		return w.Secret
	}
	return visible(kind)
}
