package protocol

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Explanation tells a learner what a reply means.
type Explanation struct {
	Lang     Lang   // the language it is written in
	Class    string // the class in words with one sentence: "2xx success: the server did what you asked"
	Meaning  string // meaning of this specific code (and of a POP3 response code like [IN-USE])
	Enhanced string // "5.1.1 bad destination mailbox address" when an enhanced code is present
	Decoded  string // a base64 challenge decoded: `Username:` for "334 VXNlcm5hbWU6"; "" otherwise
	Next     string // the suggested next step where it helps, else ""
	Warning  string // what went wrong although the reply looks fine (a 221 goodbye to a header sent as a command), else ""
	RFC      string // where the reply is defined, e.g. "RFC 5321 4.2.3" ("RFC 5321 第 4.2.3 节" in Chinese)
}

// Explain tells what r means, in English. It never panics, whatever r
// holds; a nil reply has an empty explanation.
func Explain(r *Reply) Explanation {
	ex, _ := ExplainIn(r, English)
	return ex
}

// ExplainIn tells what r means in lang (English or Chinese), in the words
// of the dialect of r.Protocol; another language returns an error wrapping
// ErrUnsupportedLang. The decoded challenge is the same in every language;
// the RFC references are written the language's way ("RFC 5321 4.2.3" is
// "RFC 5321 第 4.2.3 节" in Chinese).
func ExplainIn(r *Reply, lang Lang) (Explanation, error) {
	if r == nil {
		_, err := textsFor(lang)
		return Explanation{}, err
	}
	d, ok := Lookup(r.Protocol)
	if !ok {
		d = smtpDialect{}
	}
	return d.Explain(r, lang)
}

// explainMail explains an SMTP or POP3 reply: the class sentence, then
// explainValid for a reply with a valid class.
func explainMail(r *Reply, lang Lang, explainValid func(*texts, *Reply, *Explanation)) (Explanation, error) {
	t, err := textsFor(lang)
	if err != nil || r == nil {
		return Explanation{}, err
	}
	ex := Explanation{Lang: lang, Class: t.classSentence[r.Class]}
	if s := t.greetingClass[r.Class]; s != "" && isGreeting(r) {
		ex.Class = s
	}
	if ex.Class == "" {
		ex.Class = r.Class.String()
	}
	if r.Class == ClassMalformed || !r.Class.valid() {
		explainMalformed(t, r, &ex)
	} else {
		explainValid(t, r, &ex)
	}
	return ex, nil
}

// isGreeting reports whether r is the server's greeting: the first reply,
// to no command (a reply to no command that comes later, such as a 421
// before the server hangs up, has no greeting class; see greetingClass).
func isGreeting(r *Reply) bool {
	return r.Command == "" && !r.SASL && r.Before.Greeting == "" && !r.Before.Ended
}

// explainMalformed explains a reply that breaks the syntax.
func explainMalformed(t *texts, r *Reply, ex *Explanation) {
	if r.Protocol == POP3 {
		ex.Meaning, ex.RFC = t.malformed[POP3], "RFC 1939 3"
		return
	}
	ex.Meaning, ex.RFC = t.malformed[SMTP], "RFC 5321 4.2"
}

// explainSMTP explains an SMTP reply with a valid code, in the state it
// arrived in (see stateKeys).
func explainSMTP(t *texts, r *Reply, ex *Explanation) {
	verb := smtpVerb(r)
	code := strconv.Itoa(r.Code)
	quals := smtpQualifiers(r.Before)
	ex.Meaning, _ = lookupFirst(t.smtpInState, stateKeys(verb, code, quals, false))
	if ex.Meaning == "" {
		ex.Meaning = t.smtpByCommand[verb][r.Code]
	}
	if ex.Meaning == "" {
		ex.Meaning = t.smtpCodes[r.Code]
	}
	if ex.Meaning == "" {
		ex.Meaning = unknownCodeMeaning(t, r)
	}
	ex.RFC, _ = lookupFirst(smtpStateRefs, stateKeys(verb, code, quals, false))
	if ex.RFC == "" {
		ex.RFC = smtpRef(verb, r.Code)
	}
	if d := describeEnhanced(t, r.Code, r.Enhanced); d != "" {
		ex.Enhanced = d
		if ref := enhancedRFC(r.Enhanced); !strings.Contains(ex.RFC, ref) {
			ex.RFC += ", " + ref
		}
	}
	kind := ""
	if r.Code == 334 {
		ex.Decoded, kind = decodeChallenge(r.Text, r.Command)
		if kind == "binary" {
			ex.Meaning += t.clauseSep + t.binaryChalng
		}
	}
	ex.Next = smtpNextStep(t, r, verb, kind, quals)
	ex.Warning, _ = lookupFirst(t.smtpWarning, stateKeys(verb, code, nil, true))
}

// smtpVerb names the command a reply answers, as the tables key it: "" for
// the greeting, "." for the end of DATA, "AUTH" for a SASL response.
func smtpVerb(r *Reply) string {
	switch {
	case r.SASL:
		return "AUTH"
	case strings.TrimSpace(r.Command) == ".":
		return "."
	case looksLikeHeader(r.Command):
		return headerVerb
	}
	return Verb(r.Command)
}

// unknownCodeMeaning explains a code missing from the tables by its digits
// (RFC 5321 4.2.1).
func unknownCodeMeaning(t *texts, r *Reply) string {
	if r.Code < 200 || r.Code > 599 {
		return ""
	}
	second, ok := t.smtpDigits.second[r.Code/10%10]
	if !ok {
		second = t.smtpDigits.second[-1]
	}
	return fmt.Sprintf(t.smtpDigits.format, r.Code, t.classWords[r.Class], second)
}

// smtpNextStep suggests what to type after an SMTP reply, in the state
// named by quals.
func smtpNextStep(t *texts, r *Reply, verb, challengeKind string, quals []string) string {
	if challengeKind != "" {
		return t.smtpNext["challenge "+challengeKind]
	}
	if verb == "EHLO" && r.Code == 250 {
		return ehloNext(t, r)
	}
	s, _ := lookupFirst(t.smtpNext, stateKeys(verb, strconv.Itoa(r.Code), quals, true))
	return s
}

// ehloNext suggests the next steps after EHLO from the extensions the
// server advertised.
func ehloNext(t *texts, r *Reply) string {
	var steps, mechs []string
	for _, ext := range Extensions(r) {
		switch {
		case ext == "STARTTLS":
			steps = append(steps, t.smtpNext["EHLO 250 starttls"])
		case strings.HasPrefix(ext, "AUTH "):
			mechs = append(mechs, strings.TrimPrefix(ext, "AUTH "))
		}
	}
	if len(mechs) > 0 && !r.LoggedIn {
		steps = append(steps, fmt.Sprintf(t.smtpNext["EHLO 250 auth"], strings.Join(mechs, " ")))
	}
	steps = append(steps, t.smtpNext["EHLO 250 mail"])
	return joinSteps(steps, t.smtpNext["EHLO 250 first"], t.smtpNext["EHLO 250 join"], t.smtpNext["EHLO 250 last"])
}

// joinSteps joins steps in their order: "first, A; then B; then C" in
// English, "先A；再B；最后C" in Chinese ("先A；再B" for two). A single
// step stands alone.
func joinSteps(steps []string, first, then, last string) string {
	if len(steps) < 2 {
		return strings.Join(steps, "")
	}
	var b strings.Builder
	b.WriteString(first)
	for i, s := range steps {
		switch {
		case i == len(steps)-1 && i > 1:
			b.WriteString(last)
		case i > 0:
			b.WriteString(then)
		}
		b.WriteString(s)
	}
	return b.String()
}

// decodeChallenge decodes the base64 text of a SASL challenge and says
// what it asks for: "username", "password", "cram" (a CRAM-MD5 <...>
// challenge), "empty", "binary" or "other". command is the client line the
// challenge answers.
func decodeChallenge(text, command string) (decoded, kind string) {
	s := strings.TrimSpace(text)
	if s == "" {
		return "", "empty"
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		if b, err = base64.RawStdEncoding.DecodeString(s); err != nil {
			return "", "other"
		}
	}
	if !printable(b) {
		return "", "binary"
	}
	decoded = string(b)
	lower := strings.ToLower(strings.TrimSpace(decoded))
	switch {
	case strings.HasPrefix(lower, "user"):
		return decoded, "username"
	case strings.HasPrefix(lower, "pass"):
		return decoded, "password"
	case isCRAMChallenge(lower) || strings.EqualFold(mechanismOf(command), "CRAM-MD5"):
		return decoded, "cram"
	}
	return decoded, "other"
}

// isCRAMChallenge reports whether s looks like an RFC 2195 challenge, a
// msg-id such as "<1896.697170952@postoffice.example.net>".
func isCRAMChallenge(s string) bool {
	return len(s) > 2 && s[0] == '<' && s[len(s)-1] == '>' && strings.Contains(s, "@")
}

// mechanismOf returns the mechanism named by an "AUTH MECH ..." line.
func mechanismOf(command string) string {
	fields := strings.Fields(command)
	if len(fields) < 2 || !strings.EqualFold(fields[0], "AUTH") {
		return ""
	}
	return fields[1]
}

// printable reports whether b is UTF-8 text without control characters
// other than tab.
func printable(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, r := range string(b) {
		if unicode.IsControl(r) && r != '\t' {
			return false
		}
	}
	return true
}
