package protocol

import "strings"

// The same reply means different things in different sessions: "503" to
// AUTH is a wrong order after a login but a missing feature on a port that
// offers no AUTH. The explanation reads the state the reply arrived in
// (Reply.Before) and names it with qualifiers; the tables key such entries
// "VERB CODE qualifier" or "* CODE qualifier", and every lookup falls back
// to the plain "VERB CODE" and "* CODE" keys.

// SMTP qualifiers, from the state a reply arrived in.
const (
	qualTransaction = "in transaction" // a mail transaction is open (MAIL FROM accepted)

	qualLoggedIn  = "logged in"   // a login succeeded
	qualAuth      = "auth"        // AUTH is offered
	qualAuthTLS   = "auth tls"    // AUTH is offered, and STARTTLS is offered but not done yet
	qualNoAuth    = "no auth"     // AUTH is not offered
	qualNoAuthTLS = "no auth tls" // AUTH is not offered (yet): STARTTLS is offered but not done
)

// smtpQualifiers names, most specific first, where an SMTP session stood
// when a reply arrived: in a mail transaction (a server checks that first:
// no AUTH during one, RFC 4954 4), then where it stood on logging in.
func smtpQualifiers(st State) []string {
	quals := loginQualifiers(st)
	if st.Transaction {
		quals = append([]string{qualTransaction}, quals...)
	}
	return quals
}

// loginQualifiers names, most specific first, where an SMTP session stood
// on logging in when a reply arrived. It returns nil when nothing was
// advertised (no EHLO yet, HELO, or EHLO not repeated after STARTTLS).
func loginQualifiers(st State) []string {
	switch {
	case st.LoggedIn:
		return []string{qualLoggedIn}
	case !st.Advertised:
		return nil
	}
	auth, authTLS := qualNoAuth, qualNoAuthTLS
	if st.Offers("AUTH") {
		auth, authTLS = qualAuth, qualAuthTLS
	}
	if st.Offers("STARTTLS") && !st.TLS {
		return []string{authTLS, auth}
	}
	return []string{auth}
}

// stateKeys lists the keys of a state-dependent entry for a reply with
// code to verb, most specific first: for each qualifier "VERB CODE q" and
// "* CODE q", then "VERB CODE" and "* CODE" when plain is true.
func stateKeys(verb, code string, quals []string, plain bool) []string {
	keys := make([]string, 0, 2*len(quals)+2)
	for _, q := range quals {
		keys = append(keys, verb+" "+code+" "+q, "* "+code+" "+q)
	}
	if plain {
		keys = append(keys, verb+" "+code, "* "+code)
	}
	return keys
}

// lookupFirst returns the entry of the first key table holds. An entry
// may be empty on purpose: it stops the fallback ("no next step here").
func lookupFirst(table map[string]string, keys []string) (string, bool) {
	for _, k := range keys {
		if s, ok := table[k]; ok {
			return s, true
		}
	}
	return "", false
}

// smtpStateRefs cites replies whose definition depends on the state, keyed
// like the tables: a 530 before STARTTLS is RFC 3207's "Must issue a
// STARTTLS command first".
var smtpStateRefs = map[string]string{
	"* 530 " + qualNoAuthTLS: "RFC 3207 4",
	"* 530 " + qualAuthTLS:   "RFC 3207 4, RFC 4954 6",
}

// headerVerb is the pseudo-verb the SMTP tables use for a message header
// line ("Subject: hello") sent as a command.
const headerVerb = "header"

// looksLikeHeader reports whether a line sent as a command looks like a
// message header field: a name of printable characters without spaces,
// then a colon (RFC 5322 2.2, 3.6.8). "MAIL FROM:<a@b>" does not: its text
// before the colon holds a space.
func looksLikeHeader(line string) bool {
	name, _, found := strings.Cut(line, ":")
	if !found || name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if name[i] < 33 || name[i] > 126 {
			return false
		}
	}
	return true
}

// pop3 commands by the state they belong to (RFC 1939 3): the
// AUTHORIZATION state's before a login, the TRANSACTION state's after.
var (
	pop3AuthorizationVerbs = map[string]bool{"USER": true, "PASS": true, "APOP": true, "AUTH": true, "STLS": true}
	pop3TransactionVerbs   = map[string]bool{"STAT": true, "LIST": true, "UIDL": true, "RETR": true, "TOP": true, "DELE": true, "RSET": true, "NOOP": true}
)

// POP3 table keys for a -ERR explained by the state or the arguments.
const (
	pop3KeyAfterLogin  = "after login"      // a command of the AUTHORIZATION state, sent when logged in
	pop3KeyBeforeLogin = "before login"     // a command of the TRANSACTION state, sent before a login
	pop3KeyMissingArg  = "missing argument" // fewer arguments than the command's syntax asks for
)

// pop3ErrKey names what a -ERR most likely answers when the state or the
// command line explains it, else "".
func pop3ErrKey(r *Reply) string {
	verb := Verb(r.Command)
	switch {
	case r.SASL:
		return ""
	case r.Before.LoggedIn && pop3AuthorizationVerbs[verb]:
		return pop3KeyAfterLogin
	case !r.Before.LoggedIn && pop3TransactionVerbs[verb]:
		return pop3KeyBeforeLogin
	case missingArgument(POP3, r.Command) != "":
		return pop3KeyMissingArg
	}
	return ""
}

// missingArgument returns the syntax of the command a line starts with
// when the line has fewer arguments than the syntax requires, else "".
func missingArgument(p Protocol, line string) string {
	verb := Verb(line)
	for _, s := range specsFor(p) {
		if s.name == verb {
			if len(strings.Fields(line))-1 < requiredArguments(s.syntax) {
				return s.syntax
			}
			return ""
		}
	}
	return ""
}

// requiredArguments counts the <...> arguments of a syntax outside [...]:
// 2 for "TOP <msg> <n>", 0 for "LIST [<msg>]".
func requiredArguments(syntax string) int {
	n, depth := 0, 0
	for _, c := range syntax {
		switch {
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '<' && depth == 0:
			n++
		}
	}
	return n
}
