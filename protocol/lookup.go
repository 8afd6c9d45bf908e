package protocol

import (
	"regexp"
	"strings"
)

// CodeInfo is what a reply code means, looked up without a server: an
// SMTP reply code (550), an enhanced status code (5.7.1), a POP3 status
// with its response code (-ERR [IN-USE]) or an IMAP status with its
// response code (NO [TRYCREATE]).
type CodeInfo struct {
	Protocol    Protocol
	Code        string      // what was looked up, normalised: "550 5.7.1", "-ERR [IN-USE]"
	Explanation Explanation // as a reply holding it is explained, in no particular state
}

var (
	smtpCodeQuery     = regexp.MustCompile(`^[2-5][0-5][0-9]( [245]\.[0-9]{1,3}\.[0-9]{1,3})?$`)
	enhancedCodeQuery = regexp.MustCompile(`^[245]\.[0-9]{1,3}\.[0-9]{1,3}$`)
	bracketCodeQuery  = regexp.MustCompile(`^\[[A-Za-z0-9/._-]+\]$`)
)

// imapStatusWords start an IMAP status response; those that complete a
// command get a tag when looked up, the others are untagged.
var imapStatusWords = map[string]string{"OK": "a1", "NO": "a1", "BAD": "a1", "BYE": "*", "PREAUTH": "*"}

// LookupCode explains query as a reply code of any protocol; it returns
// nothing for a query that is no code, and an error for a language
// without texts. A code is explained as a reply holding only it, the
// way the dialect explains a reply that answers no command; a POP3 or
// IMAP response code's meaning is the explanation's own.
func LookupCode(query string, lang Lang) ([]CodeInfo, error) {
	t, err := textsFor(lang)
	if err != nil {
		return nil, err
	}
	q := strings.Join(strings.Fields(query), " ")
	upper := strings.ToUpper(q)
	first, _, _ := strings.Cut(upper, " ")
	switch {
	case smtpCodeQuery.MatchString(q):
		return framed(SMTP, q, lang)
	case enhancedCodeQuery.MatchString(q):
		return []CodeInfo{enhancedOnly(t, q, lang)}, nil
	case first == "+OK" || first == "-ERR":
		return framed(POP3, upper, lang)
	case imapStatusWords[first] != "":
		return framed(IMAP, imapStatusWords[first]+" "+upper, lang)
	case imapStatusWords[secondWord(upper)] != "": // "* BYE", "a1 NO [TRYCREATE]"
		return framed(IMAP, upper, lang)
	case bracketCodeQuery.MatchString(q):
		return bracketCode(upper, lang)
	}
	return nil, nil
}

// framed explains line as protocol p's framer frames it, received as the
// first reply of a connection (IMAP: the first after the greeting).
func framed(p Protocol, line string, lang Lang) ([]CodeInfo, error) {
	d, ok := Lookup(p)
	if !ok {
		return nil, nil
	}
	f := d.NewFramer()
	if p == IMAP { // after the greeting, so that an untagged status is not taken for one
		f.Feed("* OK ready", CRLF)
	}
	r := f.Feed(line, CRLF)
	if r == nil || r.Class == ClassMalformed && r.Tone == ToneMalformed && p != IMAP {
		return nil, nil
	}
	ex, err := d.Explain(r, lang)
	if err != nil {
		return nil, err
	}
	if p == POP3 {
		codeOnly(r, lang, &ex)
	}
	code := line
	if p == IMAP {
		_, code, _ = strings.Cut(line, " ") // without the tag given to it
	}
	return []CodeInfo{{Protocol: p, Code: code, Explanation: ex}}, nil
}

// codeOnly makes a POP3 response code's meaning the whole meaning: the
// reply, received as a greeting, would otherwise say a server refused
// service.
func codeOnly(r *Reply, lang Lang, ex *Explanation) {
	t, _ := textsFor(lang)
	code := ResponseCode(r)
	if m := t.pop3Codes[code]; m != "" {
		ex.Meaning, ex.RFC, ex.Next = m, pop3CodeRefs[code], pop3NextStep(t, r, "", code, "")
	}
}

// enhancedOnly explains an enhanced status code met alone.
func enhancedOnly(t *texts, code string, lang Lang) CodeInfo {
	ex := Explanation{Lang: lang, Enhanced: describeEnhanced(t, 0, code), RFC: t.ref(enhancedRFC(code))}
	return CodeInfo{Protocol: SMTP, Code: code, Explanation: ex}
}

// bracketCode explains a response code given alone ("[IN-USE]") in every
// protocol that knows it.
func bracketCode(code string, lang Lang) ([]CodeInfo, error) {
	name := strings.Trim(code, "[]")
	var out []CodeInfo
	if _, ok := english.pop3Codes[name]; ok {
		info, err := framed(POP3, "-ERR "+code, lang)
		if err != nil {
			return nil, err
		}
		out = append(out, info...)
	}
	if _, ok := english.imap.codes[name]; ok {
		info, err := framed(IMAP, "* OK "+code, lang)
		if err != nil || len(info) == 0 {
			return out, err
		}
		// the code alone: not the greeting the line would be
		ex := &info[0].Explanation
		ex.Class, ex.Meaning, ex.Next, ex.RFC = "", "", "", imapCodeRefs[name]
		info[0].Code = code
		out = append(out, info[0])
	}
	return out, nil
}

// secondWord is the second word of s, or "".
func secondWord(s string) string {
	f := strings.Fields(s)
	if len(f) < 2 {
		return ""
	}
	return f[1]
}
