package protocol

import "strings"

// Response codes (RFC 9051 7.1, RFC 5530 3 and extensions) come in
// brackets after OK, NO, BAD, PREAUTH or BYE: "[UIDVALIDITY 3857529045]".
// The explanation says what each means in Explanation.Enhanced, the
// place SMTP's enhanced status codes take, as "[CODE] meaning".

// imapCodeFields is the number of arguments of the codes that have
// several, split at spaces; any other code's arguments are one text.
var imapCodeFields = map[string]int{"APPENDUID": 2, "COPYUID": 3}

// exRespCode cuts a response code into its name, upper-cased, and its
// arguments: "COPYUID 38505 304,319 3956,3957" gives "COPYUID" and three
// arguments, "PERMANENTFLAGS (\Seen \*)" one.
func exRespCode(rc string) (string, []string) {
	name, rest, _ := strings.Cut(strings.TrimSpace(rc), " ")
	code := strings.ToUpper(name)
	rest = strings.TrimSpace(rest)
	switch {
	case rest == "":
		return code, nil
	case imapCodeFields[code] > 1:
		return code, strings.Fields(rest)
	}
	return code, []string{rest}
}

// explainCode explains the response code, if any, and warns with the
// text of an [ALERT], which the server wants the user to read.
func (e *imapExplainer) explainCode() {
	if e.code == "" {
		return
	}
	keys := []string{e.code}
	if e.code == "PERMANENTFLAGS" && len(e.args) == 1 && strings.ReplaceAll(e.args[0], " ", "") == "()" {
		keys = []string{"PERMANENTFLAGS ()"}
	}
	meaning, known := lookupFirst(e.x.codes, keys)
	if !known {
		meaning = e.x.words["unknown code"]
	}
	e.ex.Enhanced = "[" + shown(e.code) + "] " + fill(meaning, e.shownArgs()...)
	e.ex.RFC = addRef(e.ex.RFC, imapCodeRefs[e.code])
	if e.code == "ALERT" {
		alert := fill(e.x.warning["ALERT"], shown(e.r.Text))
		if e.ex.Warning != "" {
			alert = e.ex.Warning + e.t.clauseSep + alert
		}
		e.ex.Warning = alert
	}
}

// addRef adds one citation to a list of them, unless it is there:
// "RFC 9051 6.3.2" and "RFC 9051 7.1" make "RFC 9051 6.3.2, 7.1".
func addRef(refs, more string) string {
	switch {
	case more == "":
		return refs
	case refs == "":
		return more
	}
	rfc, section := splitRef(more, "")
	current := ""
	for _, p := range strings.Split(refs, ", ") {
		r, s := splitRef(p, current)
		if current = r; r == rfc && s == section {
			return refs
		}
	}
	if current == rfc && section != "" {
		return refs + ", " + section
	}
	return refs + ", " + more
}

// splitRef cuts one citation into its RFC and its section: "RFC 9051
// 7.1" gives "RFC 9051" and "7.1"; a bare section ("7.1", following
// "RFC 9051 6.3.2, ") belongs to the RFC cited before it.
func splitRef(ref, before string) (string, string) {
	f := strings.Fields(ref)
	if len(f) >= 2 && f[0] == "RFC" {
		return f[0] + " " + f[1], strings.Join(f[2:], " ")
	}
	return before, ref
}

// imapCodeRefs cites where each response code is defined: RFC 9051 7.1
// for the base protocol's, RFC 5530 3 for the codes it collected.
var imapCodeRefs = map[string]string{
	"ALERT": "RFC 9051 7.1", "BADCHARSET": "RFC 9051 7.1", "CAPABILITY": "RFC 9051 7.1",
	"PARSE": "RFC 9051 7.1", "PERMANENTFLAGS": "RFC 9051 7.1", "READ-ONLY": "RFC 9051 7.1",
	"READ-WRITE": "RFC 9051 7.1", "TRYCREATE": "RFC 9051 7.1", "UIDNEXT": "RFC 9051 7.1",
	"UIDVALIDITY": "RFC 9051 7.1", "CLOSED": "RFC 9051 7.1", "UNKNOWN-CTE": "RFC 9051 7.1",
	"UIDNOTSTICKY": "RFC 9051 7.1", "APPENDUID": "RFC 9051 7.1", "COPYUID": "RFC 9051 7.1",
	"HASCHILDREN": "RFC 9051 7.1",

	"UNAVAILABLE": "RFC 5530 3", "AUTHENTICATIONFAILED": "RFC 5530 3", "AUTHORIZATIONFAILED": "RFC 5530 3",
	"EXPIRED": "RFC 5530 3", "PRIVACYREQUIRED": "RFC 5530 3", "CONTACTADMIN": "RFC 5530 3",
	"NOPERM": "RFC 5530 3", "INUSE": "RFC 5530 3", "EXPUNGEISSUED": "RFC 5530 3",
	"CORRUPTION": "RFC 5530 3", "SERVERBUG": "RFC 5530 3", "CLIENTBUG": "RFC 5530 3",
	"CANNOT": "RFC 5530 3", "LIMIT": "RFC 5530 3", "OVERQUOTA": "RFC 5530 3",
	"ALREADYEXISTS": "RFC 5530 3", "NONEXISTENT": "RFC 5530 3",

	"UNSEEN": "RFC 3501 7.1", "HIGHESTMODSEQ": "RFC 7162 3.1.2.1", "NOMODSEQ": "RFC 7162 3.1.2.2",
	"MODIFIED": "RFC 7162 3.1.3", "MAILBOXID": "RFC 8474", "COMPRESSIONACTIVE": "RFC 4978",
	"NOTSAVED": "RFC 5182", "TOOBIG": "RFC 4469", "BADURL": "RFC 4469", "USEATTR": "RFC 6154",
	"REFERRAL": "RFC 2221",
}

// imapStatusRefs cites the untagged status responses.
var imapStatusRefs = map[string]string{
	"OK": "RFC 9051 7.1.1", "NO": "RFC 9051 7.1.2", "BAD": "RFC 9051 7.1.3",
	"PREAUTH": "RFC 9051 7.1.4", "BYE": "RFC 9051 7.1.5",
}

// imapDataRefs cites the untagged data responses: RFC 9051 7.2 to 7.5,
// and RFC 3501 for those IMAP4rev2 dropped (RECENT, LSUB, SEARCH).
var imapDataRefs = map[string]string{
	"ENABLED": "RFC 9051 7.2.1", "CAPABILITY": "RFC 9051 7.2.2", "LIST": "RFC 9051 7.3.1",
	"NAMESPACE": "RFC 9051 7.3.2", "STATUS": "RFC 9051 7.3.3", "ESEARCH": "RFC 9051 7.3.4",
	"FLAGS": "RFC 9051 7.3.5", "EXISTS": "RFC 9051 7.4.1", "EXPUNGE": "RFC 9051 7.5.1",
	"FETCH": "RFC 9051 7.5.2", "RECENT": "RFC 3501 7.3.2", "LSUB": "RFC 3501 7.2.3",
	"SEARCH": "RFC 3501 7.2.5", "ID": "RFC 2971 3.2", "VANISHED": "RFC 7162 3.2.10",
	"QUOTA": "RFC 9208 5.1", "QUOTAROOT": "RFC 9208 5.2", "SORT": "RFC 5256 4", "THREAD": "RFC 5256 4",
}
