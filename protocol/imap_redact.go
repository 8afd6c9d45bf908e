package protocol

import "strings"

// redactIMAP redacts the secrets of an IMAP client line sent in state st:
//   - "tag LOGIN user pass" gives "tag LOGIN user <redacted>", the password
//     an atom, a quoted string or the text of a literal; a literal
//     announcement "{9}" is no secret, the literal text that follows is;
//   - "tag AUTHENTICATE MECH initial-response" hides the response, except
//     the empty one "=" (RFC 4959);
//   - every SASL answer is a secret, except "*", which cancels;
//   - the POP3 and SMTP forms (PASS, APOP, AUTH) as redactMail does.
//
// A line that continues a command (st.Continuing: literal text, or the
// rest of the command line after a literal) is read as the arguments that
// follow those already sent.
func redactIMAP(line string, st State) (redacted, kind string, secret bool) {
	switch {
	case st.Input == InputSASL:
		return redactMail(line, st)
	case st.Input == InputIdle:
		return line, "", false
	case st.Continuing != "":
		return redactContinued(line, st)
	}
	toks := imapTokens(line)
	if len(toks) > 0 && mailSecretVerbs[strings.ToUpper(line[toks[0].start:toks[0].end])] {
		return redactMail(line, State{}) // a POP3 or SMTP form typed here
	}
	first := -1 // the index of the first token: -1 for a tag, 0 for the verb
	if len(toks) > 0 && isSecretVerb(line[toks[0].start:toks[0].end]) {
		first = 0
	}
	verb := ""
	if v := -first; v < len(toks) {
		verb = strings.ToUpper(line[toks[v].start:toks[v].end])
	}
	if verb == "LOGIN" || verb == "AUTHENTICATE" {
		red, kind := redactArgs(verb, first, line)
		return red, kind, kind != ""
	}
	return redactMail(line, State{})
}

// mailSecretVerbs start the POP3 and SMTP lines that carry a secret.
var mailSecretVerbs = map[string]bool{"PASS": true, "APOP": true, "AUTH": true}

func isSecretVerb(word string) bool {
	return strings.EqualFold(word, "LOGIN") || strings.EqualFold(word, "AUTHENTICATE")
}

// redactContinued redacts a line that continues the command st.Continuing:
// literal text first (st.Literal bytes of it), then more arguments.
func redactContinued(line string, st State) (redacted, kind string, secret bool) {
	toks := imapTokens(st.Continuing)
	if len(toks) < 2 {
		return line, "", false
	}
	c := st.Continuing
	verb, args := strings.ToUpper(c[toks[1].start:toks[1].end]), len(toks)-2
	lit, rest := "", line
	if st.Literal > 0 {
		k := min(st.Literal, int64(len(line)))
		lit, rest = line[:k], line[k:]
		if verb == "LOGIN" && args == 2 && lit != "" {
			lit, kind = Redacted, SecretPassword
		}
	}
	red, restKind := redactArgs(verb, args+1, rest)
	if restKind != "" {
		kind = restKind
	}
	return lit + red, kind, kind != ""
}

// redactArgs redacts the secret argument of a LOGIN or AUTHENTICATE in
// text, whose tokens are the arguments numbered first, first+1, …
// (argument 0 is the verb, -1 the tag). The secret and everything after
// it become Redacted, the tokens before it are joined by single spaces;
// text without a secret comes back as it is, with kind "".
func redactArgs(verb string, first int, text string) (redacted, kind string) {
	toks := imapTokens(text)
	for i, t := range toks {
		n, word := first+i, text[t.start:t.end]
		switch {
		case verb == "LOGIN" && n >= 1 && t.open, // an open quote may hide the password
			verb == "LOGIN" && n == 2 && !t.literal:
			kind = SecretPassword
		case verb == "AUTHENTICATE" && n == 2 && word != "=":
			kind = SecretSASLInitialResponse
		default:
			continue
		}
		var b strings.Builder
		if toks[0].start > 0 {
			b.WriteByte(' ') // the rest of a line after a literal keeps its space
		}
		for _, before := range toks[:i] {
			b.WriteString(text[before.start:before.end])
			b.WriteByte(' ')
		}
		b.WriteString(Redacted)
		return b.String(), kind
	}
	return text, ""
}
