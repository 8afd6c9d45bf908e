package lessons

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// MakeOptions tune FromTranscriptWith.
type MakeOptions struct {
	// KeepSecrets keeps the credentials that a transcript recorded with
	// --keep-secrets holds in clear. By default each is redacted and
	// becomes the helper that makes it from the student's account, as a
	// credential recorded redacted does.
	KeepSecrets bool
}

// KeptSecrets counts the client steps of t that hold a credential in
// clear (recorded with --keep-secrets).
func KeptSecrets(t *transcript.Transcript) int {
	n := 0
	for _, s := range t.Steps {
		if s.Kind == transcript.KindClient && s.Secret != "" && s.Kept {
			n++
		}
	}
	return n
}

// FromTranscript is FromTranscriptWith with no credential kept.
func FromTranscript(t *transcript.Transcript) []byte {
	return FromTranscriptWith(t, MakeOptions{})
}

// FromTranscriptWith turns a recorded session into a lesson skeleton: one
// part, the recorded steps, and empty notes (in both languages) for the
// instructor to fill. Redacted credentials, and kept ones unless
// o.KeepSecrets, become helpers that use the student's account ({user},
// {pass}). The recording is played on an offline session, so that each
// client line is read in the state it was sent in (which SASL mechanism a
// challenge belongs to).
func FromTranscriptWith(t *transcript.Transcript, o MakeOptions) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "mailtutor-lesson: %d\n", FormatVersion)
	b.WriteString("title: {en: \"\", zh: \"\"}")
	if t.Title != "" {
		fmt.Fprintf(&b, " # recorded as %s", strconv.Quote(t.Title))
	}
	b.WriteString("\n")
	b.WriteString("summary: {en: \"\", zh: \"\"}\n")
	service := serviceOf(t)
	fmt.Fprintf(&b, "parts:\n- service: %s\n  explain: {en: \"\", zh: \"\"}\n  steps:\n", service)
	rec, err := newRecording(service, English)
	tags := &autoTags{proto: protocol.Protocol(t.Protocol)}
	for _, s := range t.Steps {
		var st protocol.State
		if err == nil {
			st = rec.off.State()
			play(rec.off, s)
		}
		if s.Kept && !o.KeepSecrets {
			s = redactStep(s, st, rec)
		}
		writeStep(&b, s, st, rec, tags)
	}
	return []byte(b.String())
}

// autoTags follows the tags of a recording's commands in a tagged
// protocol, to leave out those the runner gives again: a1, a2, … in order,
// as the prompt numbers commands.
type autoTags struct {
	proto protocol.Protocol
	max   int // the highest n of the tags "an" seen
}

// model is a recorded command line as the student types it: without its
// tag when the runner would give the same one; other tags (x1 NOOP) stay.
func (a *autoTags) model(line string, st protocol.State) string {
	if !tagged(a.proto) || st.Input != protocol.InputCommand || st.Continuing != "" {
		return line
	}
	tag, rest, _ := strings.Cut(line, " ")
	if !startsCommand(a.proto, rest) {
		return line
	}
	n, err := strconv.Atoi(strings.TrimPrefix(tag, "a"))
	if err != nil || !strings.HasPrefix(tag, "a") {
		return line
	}
	next := a.max + 1
	a.max = max(a.max, n)
	if n != next {
		return line
	}
	return rest
}

// play plays a recorded step on the offline session, for the state the
// next one is sent in.
func play(off *session.Offline, s transcript.Step) {
	switch s.Kind {
	case transcript.KindClient:
		off.Send(s.Text, session.SendOptions{Secret: s.Secret != ""})
	case transcript.KindData:
		off.BodyEnd()
	case transcript.KindServer:
		receive(off, s.Text, s.Wire)
	case transcript.KindTLS:
		off.TLS(nil)
	}
}

// writeStep writes one step of the skeleton; st is the state it was sent in.
func writeStep(b *strings.Builder, s transcript.Step, st protocol.State, rec *recording, tags *autoTags) {
	switch s.Kind {
	case transcript.KindServer:
		fmt.Fprintf(b, "  - server: %s\n", strconv.Quote(s.Text))
		if s.Wire {
			b.WriteString("    wire: true\n")
		}
		b.WriteString("    notice: {en: \"\", zh: \"\"}\n")
	case transcript.KindClient:
		line := userArg(tags.model(answerFor(s, st, rec), st), rec)
		fmt.Fprintf(b, "  - client: %s\n", strconv.Quote(line))
		if s.Secret == "" {
			fmt.Fprintf(b, "    # expect: [%s]\n", strconv.Quote(line))
		}
		b.WriteString("    explain: {en: \"\", zh: \"\"}\n    hint: {en: \"\", zh: \"\"}\n")
	case transcript.KindData:
		fmt.Fprintf(b, "  - data: %s\n    # expect: [\"Subject: {any}\"]\n", strconv.Quote(s.Text))
		b.WriteString("    explain: {en: \"\", zh: \"\"}\n    hint: {en: \"\", zh: \"\"}\n")
	case transcript.KindTLS:
		b.WriteString("  - tls: true\n")
	case transcript.KindClosed:
		b.WriteString("  - closed: true\n")
	}
}

// redactStep is a client step recorded with its credential in clear, as
// it would have been recorded redacted: the dialect's redaction in the
// state st it was sent in, or all of it.
func redactStep(s transcript.Step, st protocol.State, rec *recording) transcript.Step {
	text := transcript.RedactedPlaceholder
	if rec != nil {
		if redacted, _, secret := rec.off.Dialect().Redact(s.Text, st); secret {
			text = strings.ReplaceAll(redacted, protocol.Redacted, transcript.RedactedPlaceholder)
		}
	}
	s.Text, s.Kept = text, false
	return s
}

// serviceOf guesses the service a transcript talked to, among the schemes
// of its protocol with its TLS mode: the one whose port (or practice-lab
// port) it used; else, for a session that tried to log in, the last one
// (a dialect lists its plain default first: smtp before submission, the
// service where clients log in); else the first.
func serviceOf(t *transcript.Transcript) string {
	implicit := t.Server.TLS == transcript.TLSImplicit
	var fit []protocol.Scheme
	for _, sc := range protocol.Schemes() {
		if string(sc.Protocol) == t.Protocol && sc.ImplicitTLS == implicit {
			fit = append(fit, sc)
		}
	}
	if len(fit) == 0 {
		return t.Protocol
	}
	for _, sc := range fit {
		if t.Server.Port == sc.Port || t.Server.Port == sc.LabPort {
			return sc.Name
		}
	}
	if triedLogin(t) {
		return fit[len(fit)-1].Name
	}
	return fit[0].Name
}

// triedLogin reports whether the client sent the dialect's SASL command.
func triedLogin(t *transcript.Transcript) bool {
	d, ok := protocol.Lookup(protocol.Protocol(t.Protocol))
	if !ok || d.Auth().SASLVerb == "" {
		return false
	}
	for _, s := range t.Steps {
		if s.Kind == transcript.KindClient && protocol.Verb(s.Text) == d.Auth().SASLVerb {
			return true
		}
	}
	return false
}

// answerFor is the model answer of a recorded client line sent in state
// st: the line itself, or for a credential the helper that makes it from
// the student's account. A redacted spot in a line ("PASS <redacted>")
// takes the student's credential; a line that was all secret (the answer
// to a challenge) is made by a helper.
func answerFor(s transcript.Step, st protocol.State, rec *recording) string {
	if s.Secret == "" {
		if line, ok := accountLine(s.Text, rec); ok {
			return line // the student's own account, not the recorder's
		}
		return s.Text
	}
	if s.Kept {
		return s.Text
	}
	if st.Input == protocol.InputLiteral && s.Text == transcript.RedactedPlaceholder {
		return "{pass}" // literal text (an IMAP LOGIN password as {n}): the value itself
	}
	switch s.Secret {
	case transcript.SecretUsername:
		return withAccount(s.Text, "{user}", ":b64 {user}")
	case transcript.SecretPassword:
		return withAccount(s.Text, "{pass}", ":b64 {pass}")
	case transcript.SecretSASLInitialResponse:
		return ":plain {user} {pass}"
	case transcript.SecretAPOPDigest:
		return ":apop {user} {pass}"
	case transcript.SecretSASLResponse:
		if strings.EqualFold(st.Mechanism, "CRAM-MD5") {
			return ":cram {user} {pass}"
		}
	}
	return ":b64 {pass}"
}

// withAccount puts the student's credential (field) where a redacted line
// has its mark, or, for a line that was all secret, returns helper.
func withAccount(text, field, helper string) string {
	if text == transcript.RedactedPlaceholder || !strings.Contains(text, transcript.RedactedPlaceholder) {
		return helper
	}
	return strings.Replace(text, transcript.RedactedPlaceholder, field, 1)
}

// accountLine gives a command that names an account, "VERB <name>" in the
// dialect's command catalog, the student's name ({user}) instead of the
// recorder's.
func accountLine(line string, rec *recording) (string, bool) {
	fields := strings.Fields(line)
	if rec == nil || len(fields) != 2 {
		return "", false
	}
	cmds, err := rec.off.Dialect().Commands(English)
	if err != nil {
		return "", false
	}
	for _, c := range cmds {
		if strings.EqualFold(c.Name, fields[0]) && c.Syntax == c.Name+" <name>" {
			return fields[0] + " {user}", true
		}
	}
	return "", false
}

// userArg gives a command whose first argument is a user name in the
// dialect's catalog ("LOGIN <user> <password>", after any tag) the
// student's name ({user}) instead of the recorder's; a name sent as a
// literal stays as recorded.
func userArg(line string, rec *recording) string {
	if rec == nil || strings.Contains(line, "{user}") {
		return line
	}
	cmds, err := rec.off.Dialect().Commands(English)
	if err != nil {
		return line
	}
	fields := strings.Fields(line)
	for skip := 0; skip <= 1 && skip+2 < len(fields); skip++ {
		for _, c := range cmds {
			syntax := strings.Fields(c.Syntax)
			if !strings.EqualFold(c.Name, fields[skip]) || len(syntax) < 2 || syntax[1] != "<user>" || strings.HasPrefix(fields[skip+1], "{") {
				continue
			}
			fields[skip+1] = "{user}"
			return strings.Join(fields, " ")
		}
	}
	return line
}
