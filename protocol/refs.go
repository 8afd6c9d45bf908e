package protocol

import (
	"fmt"
	"regexp"
	"strings"
)

// The RFC sections that define replies. Citations are written once, the
// English way ("RFC 5321 4.2.3, 3.1; RFC 3463 3.2"), outside the language
// tables; a language that writes them otherwise has a refs function in
// its texts (zhRefs), applied where an explanation or a command's help
// leaves the package.

// refSection matches a section number, an appendix ("F.6") or a section
// followed by words ("7.5 literal continuation").
var refSection = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)*|[A-Z](?:\.[0-9]+)*)( .*)?$`)

// zhRefs writes citations the Chinese way: "RFC 5321 4.2.3, 3.1; RFC 3463
// 3.2" is "RFC 5321 第 4.2.3 节、第 3.1 节；RFC 3463 第 3.2 节", an appendix
// "附录 F.6".
func zhRefs(ref string) string {
	var out []string
	for _, cite := range strings.Split(ref, "; ") {
		for _, one := range strings.Split(cite, ", ") {
			out = append(out, zhRef(one))
		}
	}
	var b strings.Builder
	for i, s := range out {
		switch {
		case i == 0:
		case strings.HasPrefix(s, "RFC"):
			b.WriteString("；")
		default:
			b.WriteString("、")
		}
		b.WriteString(s)
	}
	return b.String()
}

// zhRef writes one citation: "RFC 5321 4.2.3" or a further section "3.1".
func zhRef(s string) string {
	prefix := ""
	if rest, ok := strings.CutPrefix(s, "RFC "); ok {
		num, section, _ := strings.Cut(rest, " ")
		prefix, s = "RFC "+num, section
		if s == "" {
			return prefix
		}
		prefix += " "
	}
	m := refSection.FindStringSubmatch(s)
	switch {
	case m == nil:
		return prefix + s
	case m[1][0] >= 'A' && m[1][0] <= 'Z':
		return prefix + "附录 " + m[1] + m[2]
	}
	return prefix + "第 " + m[1] + " 节" + m[2]
}

// ref writes a citation the way of t's language.
func (t *texts) ref(s string) string {
	if t.refs == nil || s == "" {
		return s
	}
	return t.refs(s)
}

// localRefs writes the citation of an explanation in its language.
func localRefs(ex Explanation, err error) (Explanation, error) {
	if t, terr := textsFor(ex.Lang); terr == nil && err == nil {
		ex.RFC = t.ref(ex.RFC)
	}
	return ex, err
}

// smtpRefs cites where each SMTP reply code is defined.
var smtpRefs = map[int]string{
	235: "RFC 4954 6", 334: "RFC 4954 4", 432: "RFC 4954 6", 454: "RFC 4954 6",
	534: "RFC 4954 6", 535: "RFC 4954 6", 538: "RFC 4954 6", 530: "RFC 4954 6",
	521: "RFC 7504", 556: "RFC 7504",
}

// smtpCommandRefs cites definitions that depend on the command answered.
var smtpCommandRefs = map[string]map[int]string{
	"STARTTLS": {220: "RFC 3207 4", 454: "RFC 3207 4", 501: "RFC 3207 4", 530: "RFC 3207 4"},
	"AUTH":     {500: "RFC 4954 6", 501: "RFC 4954 4", 503: "RFC 4954 4", 504: "RFC 4954 4"},
	"":         {220: "RFC 5321 4.2.3, 3.1"},
	"DATA":     {354: "RFC 5321 4.1.1.4"},
	"BDAT":     {250: "RFC 3030 2"},
}

// smtpRef cites the definition of code as an answer to verb.
func smtpRef(verb string, code int) string {
	if ref := smtpCommandRefs[verb][code]; ref != "" {
		return ref
	}
	if ref := smtpRefs[code]; ref != "" {
		return ref
	}
	return "RFC 5321 4.2.3"
}

// enhancedRefs cites codes registered after RFC 3463, by subject.detail.
var enhancedRefs = map[string]string{
	"5.6": "RFC 4954 6", "7.8": "RFC 4954 6", "7.9": "RFC 4954 6",
	"7.11": "RFC 4954 6", "7.12": "RFC 4954 6",
	"7.10": "RFC 5248", "7.13": "RFC 5248", "7.14": "RFC 5248",
	"7.23": "RFC 7372", "7.24": "RFC 7372", "7.25": "RFC 7372", "7.26": "RFC 7372",
	"1.10": "RFC 7505", "7.27": "RFC 7505",
	"6.7": "RFC 6531",
}

// rfc3463Section cites the section of RFC 3463 for a subject (3.1 for
// X.0.YYY up to 3.8 for X.7.YYY).
func rfc3463Section(subject int) string {
	if subject < 0 || subject > 7 {
		return "RFC 3463 2"
	}
	return fmt.Sprintf("RFC 3463 3.%d", subject+1)
}

// pop3Refs cites the definition of each POP3 command's replies, keyed like
// enPOP3.
var pop3Refs = map[string]string{
	"": "RFC 1939 4", "USER": "RFC 1939 7", "PASS": "RFC 1939 7", "APOP": "RFC 1939 7",
	"STAT": "RFC 1939 5", "LIST": "RFC 1939 5", "LIST 1": "RFC 1939 5",
	"UIDL": "RFC 1939 7", "UIDL 1": "RFC 1939 7", "RETR": "RFC 1939 5", "TOP": "RFC 1939 7",
	"DELE": "RFC 1939 5", "RSET": "RFC 1939 5", "NOOP": "RFC 1939 5",
	"QUIT": "RFC 1939 4", "QUIT UPDATE": "RFC 1939 6", "CAPA": "RFC 2449 5",
	"STLS": "RFC 2595 4", "AUTH": "RFC 5034 4", "AUTH LIST": "RFC 5034 4",
	"SASL": "RFC 5034 4",
}

// pop3CodeRefs cites the definition of each response code.
var pop3CodeRefs = map[string]string{
	"IN-USE": "RFC 2449 8.1", "LOGIN-DELAY": "RFC 2449 8.1",
	"SYS/TEMP": "RFC 3206 4", "SYS/PERM": "RFC 3206 4", "SYS": "RFC 3206 4",
	"AUTH": "RFC 3206 5",
}
