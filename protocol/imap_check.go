package protocol

import (
	"fmt"
	"strconv"
	"strings"
)

// imapCommandLimit is the longest command line a server is asked to take,
// CRLF included (RFC 2683 3.2.1.5).
const imapCommandLimit = 8000

// imapState is the IMAP state a command needs (RFC 9051 3).
type imapState int

const (
	anyState      imapState = iota // CAPABILITY, NOOP, LOGOUT, ID
	notAuthState                   // before login: STARTTLS, LOGIN, AUTHENTICATE
	authState                      // logged in (a mailbox may be selected)
	selectedState                  // a mailbox selected
)

// imapVerbs are the IMAP commands (RFC 9051 6 and the extensions the
// tutor knows) with the state each needs: AutoTag tags a line that starts
// with one, Check warns when one is typed in the wrong state.
var imapVerbs = map[string]imapState{
	"CAPABILITY": anyState, "NOOP": anyState, "LOGOUT": anyState, "ID": anyState,
	"STARTTLS": notAuthState, "LOGIN": notAuthState, "AUTHENTICATE": notAuthState,
	"ENABLE": authState, "SELECT": authState, "EXAMINE": authState, "CREATE": authState,
	"DELETE": authState, "RENAME": authState, "SUBSCRIBE": authState, "UNSUBSCRIBE": authState,
	"LIST": authState, "LSUB": authState, "NAMESPACE": authState, "STATUS": authState,
	"APPEND": authState, "IDLE": authState, "GETQUOTA": authState, "GETQUOTAROOT": authState,
	"SETQUOTA": authState, "GETACL": authState, "SETACL": authState, "DELETEACL": authState,
	"LISTRIGHTS": authState, "MYRIGHTS": authState, "GETMETADATA": authState,
	"SETMETADATA": authState, "NOTIFY": authState, "COMPRESS": authState, "UNAUTHENTICATE": authState,
	"CHECK": selectedState, "CLOSE": selectedState, "UNSELECT": selectedState,
	"EXPUNGE": selectedState, "SEARCH": selectedState, "FETCH": selectedState,
	"STORE": selectedState, "COPY": selectedState, "MOVE": selectedState, "UID": selectedState,
	"SORT": selectedState, "THREAD": selectedState, "REPLACE": selectedState,
}

// imapSyntax is the syntax of the commands whose arguments Check counts,
// with the number they need at least.
var imapSyntax = map[string]struct {
	args   int
	syntax string
}{
	"LOGIN":        {2, "tag LOGIN <user> <password>"},
	"AUTHENTICATE": {1, "tag AUTHENTICATE <mechanism> [<initial-response>]"},
	"SELECT":       {1, "tag SELECT <mailbox>"},
	"EXAMINE":      {1, "tag EXAMINE <mailbox>"},
	"CREATE":       {1, "tag CREATE <mailbox>"},
	"DELETE":       {1, "tag DELETE <mailbox>"},
	"RENAME":       {2, "tag RENAME <mailbox> <new-name>"},
	"SUBSCRIBE":    {1, "tag SUBSCRIBE <mailbox>"},
	"UNSUBSCRIBE":  {1, "tag UNSUBSCRIBE <mailbox>"},
	"LIST":         {2, `tag LIST <reference> <pattern>, e.g. a1 LIST "" "*"`},
	"LSUB":         {2, `tag LSUB <reference> <pattern>`},
	"STATUS":       {2, "tag STATUS <mailbox> (<item> ...)"},
	"APPEND":       {2, "tag APPEND <mailbox> [(<flags>)] [<date-time>] {<size>}"},
	"SEARCH":       {1, "tag SEARCH <criteria>"},
	"FETCH":        {2, "tag FETCH <sequence-set> <items>"},
	"STORE":        {3, `tag STORE <sequence-set> +FLAGS (<flags>)`},
	"COPY":         {2, "tag COPY <sequence-set> <mailbox>"},
	"MOVE":         {2, "tag MOVE <sequence-set> <mailbox>"},
	"UID":          {2, "tag UID FETCH|STORE|COPY|MOVE|SEARCH|EXPUNGE <arguments>"},
	"ENABLE":       {1, "tag ENABLE <capability> ..."},
}

// checkIMAP warns about an IMAP client line before it is sent: a command
// without a tag, a command the current state does not allow, missing
// arguments, a non-synchronizing literal the server did not offer, a line
// over 8000 octets; literal text that runs past the literal's size; a line
// other than DONE while idling. A SASL answer is not checked.
func checkIMAP(line string, st State, lang Lang) []string {
	t, err := textsFor(lang)
	if err != nil || st.Input == InputSASL {
		return nil
	}
	switch {
	case st.Literal > 0 && st.Continuing != "":
		if n := int64(len(line)) + 2; n > st.Literal {
			k := min(st.Literal, int64(len(line)))
			return []string{fmt.Sprintf(t.checks["imap literal over"], n, st.Literal, strconv.Quote(line[k:]))}
		}
		return nil
	case st.Input == InputIdle:
		if !strings.EqualFold(strings.TrimSpace(line), "DONE") {
			return []string{t.checks["imap done"]}
		}
		return nil
	}
	var out []string
	if w := checkLength(t, line, imapCommandLimit, "RFC 2683 3.2.1.5"); w != "" {
		out = append(out, w)
	}
	if st.Continuing != "" {
		return out
	}
	toks := imapTokens(line)
	if len(toks) == 0 {
		return out
	}
	word := func(i int) string { return strings.ToUpper(line[toks[i].start:toks[i].end]) }
	verbAt := 1
	if _, known := imapVerbs[word(0)]; known {
		verbAt = 0
		out = append(out, fmt.Sprintf(t.checks["imap tag"], word(0), strings.TrimSpace(line)))
	}
	if verbAt >= len(toks) {
		return out
	}
	verb := word(verbAt)
	out = appendStateCheck(t, out, verb, st)
	args := toks[verbAt+1:]
	if s, ok := imapSyntax[verb]; ok && len(args) < s.args && (len(args) == 0 || !args[len(args)-1].literal) {
		out = append(out, fmt.Sprintf(t.checks["arguments"], verb, s.syntax))
	}
	if lit, ok, _, _ := trailingLiteral(line); ok && lit.nonSync && st.Advertised &&
		!st.Offers("LITERAL+") && !(st.Offers("LITERAL-") && lit.size <= 4096) {
		out = append(out, fmt.Sprintf(t.checks["imap literal plus"], lit.size))
	}
	return out
}

// appendStateCheck warns about a command the state does not allow.
func appendStateCheck(t *texts, out []string, verb string, st State) []string {
	need, known := imapVerbs[verb]
	switch {
	case !known:
	case need == notAuthState && st.LoggedIn:
		out = append(out, fmt.Sprintf(t.checks["imap logged in"], verb))
	case verb == "STARTTLS" && st.TLS:
		out = append(out, t.checks["imap tls"])
	case verb == "LOGIN" && st.Offers("LOGINDISABLED"):
		out = append(out, t.checks["imap logindisabled"])
	case need >= authState && !st.LoggedIn:
		out = append(out, fmt.Sprintf(t.checks["imap login first"], verb))
	case need == selectedState && st.Mailbox == "":
		out = append(out, fmt.Sprintf(t.checks["imap select first"], verb))
	}
	return out
}

// enIMAPChecks are the local warnings about a typed IMAP line.
var enIMAPChecks = map[string]string{
	"imap tag":           "%s has no tag: an IMAP command starts with a tag of your choice that the server repeats in its answer, as in: a1 %s (RFC 9051 2.2.1)",
	"imap login first":   "%s works only after logging in with LOGIN or AUTHENTICATE: the server will refuse it (RFC 9051 3)",
	"imap select first":  "%s works only on a selected mailbox: SELECT or EXAMINE one first (RFC 9051 3, 6.4)",
	"imap logged in":     "you are already logged in, and %s is only allowed before (RFC 9051 6.2)",
	"imap tls":           "the connection is already encrypted: STARTTLS cannot be used twice (RFC 9051 6.2.1)",
	"imap logindisabled": "the server advertised LOGINDISABLED: it refuses LOGIN on this connection; use STARTTLS first, or AUTHENTICATE (RFC 9051 6.2.3)",
	"imap literal plus":  "{%d+} is a non-synchronizing literal, but the server did not advertise LITERAL+ (or LITERAL- for up to 4096 bytes): use a synchronizing literal {n} and wait for its \"+\" (RFC 7888)",
	"imap literal over":  "the line is %d bytes with its CRLF, but only %d bytes of the literal remain: the literal ends inside it, and what follows, %s, then the CRLF, go on with the command line (RFC 9051 4.3)",
	"imap done":          "the server is idling: only DONE ends IDLE, anything else is an error (RFC 2177 3)",
}

var zhIMAPChecks = map[string]string{
	"imap tag":           "%s 没有标签：IMAP 命令以你自选的标签开头，服务器在响应里会带上同一个标签，例如：a1 %s（RFC 9051 第 2.2.1 节）",
	"imap login first":   "%s 要先用 LOGIN 或 AUTHENTICATE 登录后才能用：服务器会拒绝它（RFC 9051 第 3 节）",
	"imap select first":  "%s 只能对已选中的邮箱使用：请先用 SELECT 或 EXAMINE 选中一个（RFC 9051 第 3 节、第 6.4 节）",
	"imap logged in":     "你已经登录了，而 %s 只能在登录之前使用（RFC 9051 第 6.2 节）",
	"imap tls":           "连接已经加密：STARTTLS 不能用两次（RFC 9051 第 6.2.1 节）",
	"imap logindisabled": "服务器声明了 LOGINDISABLED：这条连接上它不接受 LOGIN；请先用 STARTTLS，或改用 AUTHENTICATE（RFC 9051 第 6.2.3 节）",
	"imap literal plus":  "{%d+} 是非同步字面量，但服务器没有声明 LITERAL+ 能力（LITERAL- 只允许 4096 字节以内）：请改用同步字面量 {n}，等服务器回“+”再发（RFC 7888）",
	"imap literal over":  "这一行连同 CRLF 共 %d 字节，但字面量只剩 %d 字节：字面量在这一行中间结束，后面的 %s 和 CRLF 算作命令行的后续部分（RFC 9051 第 4.3 节）",
	"imap done":          "服务器正处于 IDLE 状态：只有 DONE 能结束 IDLE，发别的都会出错（RFC 2177 第 3 节）",
}
