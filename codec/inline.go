package codec

import (
	"fmt"
	"strings"
)

// part is one expanded helper: the text to send, the text to display in its
// place, a note explaining it, and whether it carries a credential.
type part struct {
	send, display, note string
	secret              bool
}

// withNote is the display text followed by its note, in ctx's language.
func (p part) withNote(ctx Context) string { return ctx.noted(p.display, p.note) }

// b64Part encodes text; the display hides it when the server asked for a
// password, since base64 is no protection.
func b64Part(text string, ctx Context) part {
	encoded := B64(text)
	if passwordPrompt(ctx) {
		return part{send: encoded, display: maskedToken, note: ctx.b64Note(maskedPassword), secret: true}
	}
	return part{send: encoded, display: encoded, note: ctx.b64Note(ctx.quote(text)), secret: true}
}

// plainPart builds the RFC 4616 response; the display never shows the password.
func plainPart(user, pass string, ctx Context) part {
	return part{
		send:    PlainResponse("", user, pass),
		display: maskedToken,
		note:    ctx.plainNote(user),
		secret:  true,
	}
}

// mutf7Part encodes a mailbox name in modified UTF-7; it is no secret.
func mutf7Part(name string, ctx Context) part {
	encoded := EncodeMUTF7(name)
	return part{send: encoded, display: encoded, note: ctx.mutf7Note(name)}
}

// passwordPrompt reports whether the last challenge asks for a password
// (AUTH LOGIN sends "UGFzc3dvcmQ6", "Password:").
func passwordPrompt(ctx Context) bool {
	decoded, err := UnB64(ctx.Challenge)
	return err == nil && strings.Contains(strings.ToLower(decoded), "assword")
}

// inlineHelpers are the helpers allowed inside a line as {name:...}.
var inlineHelpers = []string{"b64", "plain", "mutf7"}

// expandInline replaces the {b64:...}, {plain:...} and {mutf7:...} helpers
// of a line and turns "{{" into "{"; any other text is kept as it is.
func expandInline(line string, ctx Context) (Expansion, error) {
	var send, display strings.Builder
	var notes []string
	var exp Expansion
	for i := 0; i < len(line); {
		if line[i] != '{' {
			send.WriteByte(line[i])
			display.WriteByte(line[i])
			i++
			continue
		}
		if strings.HasPrefix(line[i:], "{{") {
			send.WriteByte('{')
			display.WriteByte('{')
			i += 2
			continue
		}
		name := inlineHelperAt(line[i+1:])
		if name == "" {
			send.WriteByte('{')
			display.WriteByte('{')
			i++
			continue
		}
		bodyStart := i + 1 + len(name) + 1
		bodyLen := strings.IndexByte(line[bodyStart:], '}')
		if bodyLen < 0 {
			return Expansion{}, &UnterminatedError{Name: name, Column: i + 1}
		}
		p, err := inlinePart(name, line[bodyStart:bodyStart+bodyLen], ctx)
		if err != nil {
			return Expansion{}, err
		}
		send.WriteString(p.send)
		display.WriteString(p.display)
		notes = append(notes, p.note)
		exp.Secret = exp.Secret || p.secret
		if exp.Helper == "" {
			exp.Helper = name
		}
		i = bodyStart + bodyLen + 1
	}
	exp.Send = send.String()
	exp.Display = display.String()
	if len(notes) > 0 {
		exp.Display = ctx.noted(exp.Display, strings.Join(notes, pick(ctx.zh(), "; ", "；")))
	}
	return exp, nil
}

// inlineHelperAt returns the helper name when s starts with "name:" for a
// known inline helper (in any letter case), "" otherwise.
func inlineHelperAt(s string) string {
	for _, name := range inlineHelpers {
		if len(s) > len(name) && s[len(name)] == ':' && strings.EqualFold(s[:len(name)], name) {
			return name
		}
	}
	return ""
}

// inlinePart expands one inline helper given its body (the text before '}').
func inlinePart(name, body string, ctx Context) (part, error) {
	switch name {
	case "b64":
		if body == "" {
			return part{}, &UsageError{Usage: "{b64:TEXT}", Why: WhyEmpty}
		}
		return b64Part(body, ctx), nil
	case "plain":
		user, pass, err := credentials(body, "{plain:USER PASS}")
		if err != nil {
			return part{}, err
		}
		return plainPart(user, pass, ctx), nil
	case "mutf7":
		if body == "" {
			return part{}, &UsageError{Usage: "{mutf7:TEXT}", Why: WhyEmpty}
		}
		return mutf7Part(body, ctx), nil
	}
	return part{}, fmt.Errorf("inline helper %q has no expander", name)
}
