package protocol

import (
	"strconv"
	"strings"
)

// imapExplainer explains one IMAP response in one language. The response
// is one of three forms (RFC 9051 2.2.2): a tagged status that completes
// the command with that tag, an untagged status or data ("*"), or a
// continuation request ("+"); its meaning depends on the command it
// answers and on the state it arrived in (Reply.Before).
type imapExplainer struct {
	t     *texts
	x     *imapTexts
	r     *Reply
	asked imapAsked // the command the response answers
	code  string    // the response code, upper-cased ("UIDVALIDITY"), "" if none
	args  []string  // the response code's arguments
	ex    Explanation
}

// exStatusWords are the status words of IMAP status responses (RFC 9051 7.1).
var exStatusWords = map[string]bool{"OK": true, "NO": true, "BAD": true, "PREAUTH": true, "BYE": true}

// explainIMAP tells what an IMAP response means in lang: its class from
// the tone and the tag, what it means for the command it answers (or, for
// untagged data, what the data says), its response code, the SASL
// challenge decoded, what to do next in the state it leaves the session
// in, and warnings. The IMAP dialect's Explain calls it; it never panics,
// whatever r holds.
func explainIMAP(r *Reply, lang Lang) (Explanation, error) {
	t, err := textsFor(lang)
	if err != nil || r == nil {
		return Explanation{}, err
	}
	e := &imapExplainer{t: t, x: &t.imap, r: r, asked: askedOf(r.Command), ex: Explanation{Lang: lang}}
	e.code, e.args = exRespCode(r.RespCode)
	status := strings.ToUpper(r.Status)
	switch {
	case r.Tone == ToneMalformed:
		e.malformed()
		return e.ex, nil
	case r.Tag == "+":
		e.continuation()
	case r.Tag == "*" && exStatusWords[status]:
		e.untaggedStatus(status)
	case r.Tag == "*" && status != "":
		e.data(status)
	case r.Tag != "" && r.Tag != "*" && (status == "OK" || status == "NO" || status == "BAD"):
		e.tagged(status)
	default:
		e.malformed()
		return e.ex, nil
	}
	e.explainCode()
	return e.ex, nil
}

// malformed explains a response that breaks the syntax.
func (e *imapExplainer) malformed() {
	e.ex.Class, e.ex.Meaning, e.ex.RFC = e.x.class["malformed"], e.x.status["malformed"], "RFC 9051 2.2.2, 7"
}

// tagged explains the completion of a command: OK, NO or BAD.
func (e *imapExplainer) tagged(status string) {
	class := "tagged " + status
	if status == "NO" && e.r.Tone == ToneTransient {
		class += " transient"
	}
	e.ex.Class = fill(e.x.class[class], shown(e.r.Tag))
	refusal := ""
	if status != "OK" {
		refusal = e.refusal(status)
	}
	meaning, _ := lookupFirst(e.x.status, e.statusKeys(status, refusal))
	e.ex.Meaning = fill(meaning, e.mailboxName(e.asked.mailbox()))
	e.ex.RFC = imapCommandRef(e.asked.verb, status)
	if e.asked.uid {
		e.ex.RFC = addRef(e.ex.RFC, imapCommandRef("UID", status))
	}
	switch refusal {
	case imapMissingArg:
		spec, _ := imapCatalogSpec(e.asked.verb)
		e.ex.Meaning += e.t.clauseSep + fill(e.x.words["syntax"], spec.syntax)
	case imapBeforeLogin, imapAfterLogin, imapNoMailbox:
		e.ex.RFC = addRef("RFC 9051 3", e.ex.RFC)
	}
	e.ex.Next = e.taggedNext(status, refusal)
	e.ex.Warning = e.taggedWarning(status)
}

// What a NO or BAD most likely answers when the state or the command
// line explains it (imapExplainer.refusal); the tables key these.
const (
	imapBeforeLogin = "before login"     // a command of a later state, sent before a login
	imapAfterLogin  = "after login"      // LOGIN, AUTHENTICATE or STARTTLS sent after a login
	imapNoMailbox   = "no mailbox"       // a command of the selected state, sent with no mailbox selected
	imapReadOnly    = "read-only"        // a change refused in a mailbox selected read-only
	imapMissingArg  = "missing argument" // fewer arguments than the command's syntax asks for
	imapUnknownCmd  = "unknown command"  // a command not in the catalog
)

// refusal names what a NO or BAD most likely answers when the state or
// the command line explains it, else "".
func (e *imapExplainer) refusal(status string) string {
	a, st := e.asked, e.r.Before
	if a.verb == "" {
		return ""
	}
	need, known := imapCatalogNeeds[a.verb]
	switch {
	case !known:
		if status == "BAD" {
			return imapUnknownCmd
		}
	case need.place == placeNotAuth && st.LoggedIn:
		return imapAfterLogin
	case need.place >= placeAuth && !st.LoggedIn:
		return imapBeforeLogin
	case need.place == placeSelected && st.Mailbox == "":
		return imapNoMailbox
	case need.writes && st.ReadOnly && status == "NO":
		return imapReadOnly
	case status == "BAD" && e.missingArgument():
		return imapMissingArg
	}
	return ""
}

// missingArgument reports whether the command line has fewer arguments
// than its syntax requires (a line with a literal is never judged).
func (e *imapExplainer) missingArgument() bool {
	spec, ok := imapCatalogSpec(e.asked.verb)
	if !ok || strings.Contains(e.r.Command, "{") || strings.Contains(e.r.Command, Redacted) {
		return false
	}
	required := 0
	for _, tok := range exTokens(spec.syntax)[1:] {
		if !strings.HasPrefix(tok.text, "[") {
			required++
		}
	}
	return len(e.asked.args) < required
}

// statusKeys lists the keys of the meaning of a tagged status, most
// specific first.
func (e *imapExplainer) statusKeys(status, refusal string) []string {
	a := e.asked
	var keys []string
	if refusal != "" {
		keys = append(keys, refusal)
	}
	if _, known := e.x.codes[e.code]; known && status != "OK" && !imapNeutralCodes[e.code] {
		if status == "NO" && a.mailbox() != "" {
			keys = append(keys, "* NO code mailbox")
		}
		keys = append(keys, "* "+status+" code")
	}
	if status == "OK" && ((a.verb == "SELECT" && e.code == "READ-ONLY") || (a.verb == "CLOSE" && e.r.Before.ReadOnly)) {
		keys = append(keys, a.verb+" OK ro")
	}
	if a.uid {
		keys = append(keys, a.key()+" "+status)
	}
	if a.verb != "" {
		keys = append(keys, a.verb+" "+status)
	}
	return append(keys, "* "+status)
}

// imapNeutralCodes are response codes that do not say why a command
// failed; with any other known code, a NO or BAD leaves the reason to
// the code instead of guessing it from the command.
var imapNeutralCodes = map[string]bool{"CAPABILITY": true, "CLOSED": true, "UIDNEXT": true,
	"UIDVALIDITY": true, "HIGHESTMODSEQ": true, "PERMANENTFLAGS": true, "READ-WRITE": true}

// taggedNext suggests what to do after a tagged status: what its response
// code asks, else what the command's outcome asks, else what the state it
// leaves the session in allows.
func (e *imapExplainer) taggedNext(status, refusal string) string {
	if s, ok := e.codeNext(status); ok {
		return s
	}
	if refusal != "" {
		return e.x.next[refusal]
	}
	a := e.asked
	if status == "OK" && a.verb == "CAPABILITY" && !e.r.Before.LoggedIn {
		return e.loginNext(e.r.Before.Extensions)
	}
	var keys []string
	if a.uid {
		keys = append(keys, a.key()+" "+status)
	}
	if a.verb != "" {
		keys = append(keys, a.verb+" "+status)
	}
	if s, ok := lookupFirst(e.x.next, append(keys, "* "+status)); ok {
		return s
	}
	switch {
	case status == "OK":
		return e.stateNext(e.after())
	case e.r.Tone == ToneTransient:
		return e.x.next["transient"]
	}
	return ""
}

// codeNext is the next step the response code asks for: keyed by the code
// for NO and BAD, "OK CODE" for OK.
func (e *imapExplainer) codeNext(status string) (string, bool) {
	if e.code == "" {
		return "", false
	}
	key := e.code
	if status == "OK" {
		key = "OK " + e.code
	}
	s, ok := e.x.codeNext[key]
	return fill(s, e.shownArgs()...), ok
}

// taggedWarning warns about a completion that looks fine but is not.
func (e *imapExplainer) taggedWarning(status string) string {
	a, st := e.asked, e.r.Before
	if status != "OK" {
		return ""
	}
	switch a.verb {
	case "LOGIN":
		if !st.TLS {
			return e.x.warning["cleartext"]
		}
	case "AUTHENTICATE":
		if !st.TLS && len(a.args) > 0 && (strings.EqualFold(a.args[0].text, "PLAIN") || strings.EqualFold(a.args[0].text, "LOGIN")) {
			return e.x.warning["cleartext"]
		}
	case "SELECT":
		if e.code == "READ-ONLY" {
			return e.x.warning["SELECT READ-ONLY"]
		}
	case "STORE":
		if st.ReadOnly {
			return e.x.warning["STORE read-only"]
		}
	case "FETCH":
		if !st.ReadOnly && marksSeen(a.args) {
			return e.x.warning["FETCH seen"]
		}
	}
	return ""
}

// marksSeen reports whether FETCH arguments ask for message text without
// .PEEK, which sets \Seen (RFC 9051 6.4.5).
func marksSeen(args []exToken) bool {
	if len(args) < 2 {
		return false
	}
	items := args[1].items()
	if items == nil {
		items = args[1:2]
	}
	for _, it := range items {
		name := strings.ToUpper(it.text)
		if strings.HasPrefix(name, "BODY[") || strings.HasPrefix(name, "BINARY[") || name == "RFC822" || name == "RFC822.TEXT" {
			return true
		}
	}
	return false
}

// untaggedStatus explains an untagged OK, NO, BAD, PREAUTH or BYE: the
// greeting when it is the first response, a goodbye, or news.
func (e *imapExplainer) untaggedStatus(status string) {
	greeting := e.r.Command == "" && !e.r.Pending
	var key string
	switch {
	case status == "PREAUTH":
		key = "greeting PREAUTH"
	case status == "BYE" && greeting:
		key = "greeting BYE"
	case status == "BYE" && e.asked.verb == "LOGOUT":
		key = "BYE logout"
	case status == "BYE":
		key = "BYE"
	case status == "OK" && greeting:
		key = "greeting OK"
	default:
		key = "untagged " + status
	}
	e.ex.Class = e.x.class[key]
	meaning := key
	if key == "untagged OK" && e.code == "" {
		meaning = "untagged OK text"
	}
	e.ex.Meaning, e.ex.RFC = e.x.status[meaning], imapStatusRefs[status]
	switch key {
	case "greeting OK":
		e.ex.Next = e.loginNext(e.codeCapabilities())
	case "greeting PREAUTH":
		e.ex.Next = e.x.next["state authenticated"]
	case "greeting BYE":
		e.ex.Next = e.x.next["greeting BYE"]
	case "BYE":
		e.ex.Next, e.ex.Warning = e.x.next["BYE"], e.x.warning["BYE"]
	default:
		e.ex.Next, _ = e.codeNext(status)
	}
}

// codeCapabilities returns the capabilities of a [CAPABILITY ...] code.
func (e *imapExplainer) codeCapabilities() []string {
	if e.code != "CAPABILITY" || len(e.args) == 0 {
		return nil
	}
	return strings.Fields(e.args[0])
}

// continuation explains a "+" continuation request by what it asks for:
// a SASL response after AUTHENTICATE, the bytes of a literal, or nothing
// but DONE during IDLE (RFC 9051 7.6).
func (e *imapExplainer) continuation() {
	r, a := e.r, e.asked
	e.ex.Class = e.x.class["+"]
	n := exLiteralAtEnd(r.Command)
	switch {
	case (a.verb == "AUTHENTICATE" && n < 0) || r.Before.Input == InputSASL:
		mech := ""
		if len(a.args) > 0 {
			mech = a.args[0].text
		}
		decoded, kind := decodeChallenge(r.Text, "AUTH "+mech)
		e.ex.Meaning, e.ex.Decoded, e.ex.RFC = e.x.cont["sasl"], decoded, "RFC 9051 6.2.2, 7.6"
		if kind == "binary" {
			e.ex.Meaning += e.t.clauseSep + e.t.binaryChalng
		}
		e.ex.Next = e.x.next["challenge "+kind]
	case a.verb == "IDLE" || r.Before.Input == InputIdle:
		e.ex.Meaning, e.ex.Next, e.ex.RFC = e.x.cont["idle"], e.x.next["+ idle"], "RFC 9051 6.3.13, RFC 2177 3"
	case n >= 0 || r.Before.Literal > 0:
		if n < 0 {
			n = r.Before.Literal
		}
		e.ex.Meaning = fill(e.x.cont["literal"], strconv.FormatInt(n, 10))
		e.ex.Next, e.ex.RFC = e.x.next["+ literal"], "RFC 9051 4.3, 7.6"
	case a.verb == "LOGIN" || a.verb == "APPEND" || strings.Contains(r.Command, Redacted):
		e.ex.Meaning = e.x.cont["literal unknown"]
		e.ex.Next, e.ex.RFC = e.x.next["+ literal"], "RFC 9051 4.3, 7.6"
	default:
		e.ex.Meaning, e.ex.RFC = e.x.cont["other"], "RFC 9051 7.6"
	}
}

// mailboxName names a mailbox as a sentence shows it: decoded from
// modified UTF-7 (RFC 3501 5.1.3), with the wire form beside it when the
// two differ; "" names it without a name.
func (e *imapExplainer) mailboxName(raw string) string {
	if raw == "" {
		return e.x.words["mailbox unknown"]
	}
	if dec := DisplayMailbox(raw); dec != raw {
		return fill(e.x.words["mailbox utf7"], shown(dec), shown(raw))
	}
	return fill(e.x.words["mailbox"], shown(raw))
}

// shownArgs returns the response code's arguments, safe to show.
func (e *imapExplainer) shownArgs() []string {
	out := make([]string, len(e.args))
	for i, a := range e.args {
		out[i] = shown(a)
	}
	return out
}
