package protocol

import (
	"fmt"
	"strings"
)

// explainPOP3 explains a POP3 reply, in the state it arrived in: a -ERR
// to USER after a login, or to TOP before one, says so (see pop3ErrKey).
func explainPOP3(t *texts, r *Reply, ex *Explanation) {
	key := pop3Key(r)
	txt, known := t.pop3[key]
	ex.RFC = pop3Refs[key]
	if ex.RFC == "" {
		ex.RFC = pop3Refs[Verb(r.Command)]
	}
	if !known {
		txt, ex.RFC = t.pop3Unknown, "RFC 1939 3"
	}
	kind := ""
	switch r.Class {
	case ClassOK:
		ex.Meaning = txt.OK
	case ClassErr:
		ex.Meaning = txt.Err
		if key == pop3KeyMissingArg {
			ex.Meaning += t.clauseSep + fmt.Sprintf(t.pop3Syntax, missingArgument(POP3, r.Command))
		}
	case ClassContinue:
		ex.Meaning, ex.RFC = t.pop3Decoded, "RFC 5034 4"
		ex.Decoded, kind = decodeChallenge(r.Text, r.Command)
		if kind == "binary" {
			ex.Meaning += t.clauseSep + t.binaryChalng
		}
	}
	code := ResponseCode(r)
	if m := t.pop3Codes[code]; m != "" {
		ex.Meaning += t.clauseSep + m
		ex.RFC += ", " + pop3CodeRefs[code]
	}
	ex.Next = pop3NextStep(t, r, key, code, kind)
}

// pop3Key names the command a POP3 reply answers as the tables key it;
// a -ERR that the state or a missing argument explains has a key of its
// own.
func pop3Key(r *Reply) string {
	if r.SASL {
		return "SASL"
	}
	if r.Class == ClassErr {
		if k := pop3ErrKey(r); k != "" {
			return k
		}
	}
	verb := Verb(r.Command)
	switch {
	case (verb == "LIST" || verb == "UIDL") && hasArgument(r.Command):
		return verb + " 1"
	case verb == "AUTH" && !hasArgument(r.Command):
		return "AUTH LIST"
	case verb == "QUIT" && r.LoggedIn && r.Before.Marked:
		return "QUIT UPDATE"
	case verb == "QUIT" && r.LoggedIn:
		return "QUIT UPDATE none"
	}
	return verb
}

// pop3NextStep suggests what to type after a POP3 reply.
func pop3NextStep(t *texts, r *Reply, key, code, challengeKind string) string {
	switch r.Class {
	case ClassContinue:
		return t.smtpNext["challenge "+challengeKind]
	case ClassErr:
		if s := t.pop3Next["* "+code]; s != "" {
			return s
		}
		return t.pop3Next[key+" -ERR"]
	}
	switch key {
	case "":
		if hasAPOPTimestamp(r.Text) {
			return t.pop3Next[" apop"]
		}
		return t.pop3Next[" plain"]
	case "CAPA":
		return capaNext(t, r)
	}
	return t.pop3Next[key]
}

// capaNext suggests how to log in from the capabilities a CAPA reply
// lists.
func capaNext(t *texts, r *Reply) string {
	var steps, mechs []string
	user, stls := false, false
	for _, c := range Extensions(r) {
		switch {
		case c == "STLS":
			stls = true
		case c == "USER":
			user = true
		case strings.HasPrefix(c, "SASL "):
			mechs = append(mechs, strings.TrimPrefix(c, "SASL "))
		}
	}
	if r.LoggedIn {
		return ""
	}
	if len(mechs) > 0 {
		steps = append(steps, fmt.Sprintf(t.pop3Next["CAPA sasl"], strings.Join(mechs, " ")))
	}
	if user {
		steps = append(steps, t.pop3Next["CAPA user"])
	}
	switch {
	case len(steps) == 0 && !stls:
		return t.pop3Next["CAPA none"]
	case len(steps) == 0:
		return t.pop3Next["CAPA stls"]
	}
	login := strings.Join(steps, t.pop3Next["CAPA join"]) // the ways to log in are alternatives
	if !stls {
		return login
	}
	return joinSteps([]string{t.pop3Next["CAPA stls"], login}, t.smtpNext["EHLO 250 first"], t.smtpNext["EHLO 250 join"], t.smtpNext["EHLO 250 last"])
}

// hasAPOPTimestamp reports whether a greeting text holds an APOP timestamp
// "<...@...>" (RFC 1939 7).
func hasAPOPTimestamp(text string) bool {
	i := strings.IndexByte(text, '<')
	if i < 0 {
		return false
	}
	j := strings.IndexByte(text[i:], '>')
	return j > 1 && strings.Contains(text[i:i+j], "@")
}

// ResponseCode returns the POP3 response code in brackets at the start of
// the text of r (RFC 2449 8), upper-cased: "IN-USE" for
// "-ERR [IN-USE] mailbox locked". A hierarchical code unknown as a whole
// is reduced to its top level ("AUTH/EXPIRED" -> "AUTH") when that one is
// known. It returns "" when there is none.
func ResponseCode(r *Reply) string {
	if r == nil || r.Protocol != POP3 || !strings.HasPrefix(r.Text, "[") {
		return ""
	}
	end := strings.IndexByte(r.Text, ']')
	if end < 2 {
		return ""
	}
	code := strings.ToUpper(r.Text[1:end])
	if _, ok := english.pop3Codes[code]; ok {
		return code
	}
	if top, _, found := strings.Cut(code, "/"); found {
		if _, ok := english.pop3Codes[top]; ok {
			return top
		}
	}
	return code
}
