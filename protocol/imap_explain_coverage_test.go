package protocol

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

// imapCorpus returns replies that, together, use every sentence of the
// IMAP tables: the hand-written cases and one reply per response code,
// flag, attribute, capability and data item.
func imapCorpus() []Reply {
	var out []Reply
	for _, c := range append(append([]imapCase(nil), imapStatusCases...), imapDataCases...) {
		out = append(out, c.r)
	}
	for code := range english.imap.codes {
		code = strings.TrimSuffix(code, " ()")
		out = append(out, tagged("NO", code+" 1 2 3", "x", "a1 NOOP", stSelected),
			tagged("BAD", code, "x", "a1 NOOP", stSelected), untagged("OK", code+" 7", "x", "a1 NOOP", stSelected))
	}
	var flags, attrs, caps []string
	for f := range english.imap.flags {
		flags = append(flags, f)
	}
	for a := range english.imap.attrs {
		attrs = append(attrs, strings.TrimPrefix(a, "LSUB "))
	}
	for c := range english.imap.caps {
		caps = append(caps, c)
	}
	list := "(" + strings.Join(attrs, " ") + `) "/" x`
	out = append(out,
		untagged("FLAGS", "", "("+strings.Join(flags, " ")+")", "a SELECT x", stLoggedIn),
		untagged("LIST", "", list, `a LIST "" *`, stLoggedIn), untagged("LSUB", "", list, `a LSUB "" *`, stLoggedIn),
		untagged("LSUB", "", `() NIL x`, `a LSUB "" *`, stLoggedIn),
		untagged("CAPABILITY", "", strings.Join(caps, " "), "a CAPABILITY", State{}),
		untagged("SEARCH", "", "1", "a SEARCH ALL", stSelected),
		tagged("NO", "", "x", "a SEARCH ALL", stSelected),
		tagged("OK", "", "x", "a SEARCH ALL", stSelected),
		untagged("ESEARCH", "", `(TAG "a") MODSEQ 9 XPARTIAL 1`, "a SEARCH RETURN (ALL) ALL", stSelected),
		untagged("EXISTS", "", "9", "a NOOP", stSelected),
		continuationReply("", "a AUTHENTICATE PLAIN", stNotAuth),
		greetingReply("OK", "CAPABILITY IMAP4rev1 AUTH=CRAM-MD5", "ready"))
	var status, fetch strings.Builder
	for item := range english.imap.items {
		name, ok := strings.CutPrefix(item, "STATUS ")
		if ok {
			status.WriteString(" " + name + " 1")
		}
		if name, ok := strings.CutPrefix(item, "FETCH "); ok && !strings.Contains(name, " ") {
			fetch.WriteString(" " + strings.NewReplacer("[part]", "[1]", "[MIME]", "[1.MIME]", "[HEADER.FIELDS]", "[HEADER.FIELDS (TO)]", "BINARY.SIZE", "BINARY.SIZE[1]").Replace(name) + " 1")
		}
	}
	out = append(out, untagged("STATUS", "", "x ("+status.String()+")", "a STATUS x (ALL)", stLoggedIn),
		untagged("FETCH", "", "1 ("+fetch.String()+" FLAGS (x))", "a FETCH 1 ALL", stSelected))
	for kind := range english.imap.data {
		out = append(out, untagged(strings.Fields(kind)[0], "", "", "", stSelected))
	}
	for key := range english.imap.status {
		verb, status, _ := strings.Cut(key, " ")
		if status == "OK" || status == "NO" || status == "BAD" {
			out = append(out, tagged(status, "", "x", "a "+verb+" x y", stSelected),
				tagged(status, "", "x", "a "+verb+" x y", stNotAuth), tagged(status, "", "x", "a "+verb+" x y", stExamined))
		}
	}
	for key := range english.imap.next {
		verb, status, _ := strings.Cut(key, " ")
		if status == "OK" || status == "NO" || status == "BAD" {
			out = append(out, tagged(status, "", "x", "a "+verb+" x y", stSelected))
		}
	}
	return out
}

// TestIMAPTablesAllUsed explains the corpus in English and checks that
// every sentence of every IMAP table shows up in some explanation: a
// sentence nobody can reach is a mistake (a key spelt wrong, a case the
// code forgot).
func TestIMAPTablesAllUsed(t *testing.T) {
	var all strings.Builder
	for _, r := range imapCorpus() {
		ex, _ := explainIMAP(&r, English)
		for _, s := range []string{ex.Class, ex.Meaning, ex.Enhanced, ex.Next, ex.Warning} {
			all.WriteString(s + "\n")
		}
	}
	said := all.String()
	tables := reflect.ValueOf(english.imap)
	for i := 0; i < tables.NumField(); i++ {
		name := tables.Type().Field(i).Name
		m := tables.Field(i)
		keys := m.MapKeys()
		sort.Slice(keys, func(a, b int) bool { return keys[a].String() < keys[b].String() })
		for _, k := range keys {
			if frag := longestFragment(m.MapIndex(k).String()); frag != "" && !strings.Contains(said, frag) {
				t.Errorf("imap.%s[%q]: %q is never said", name, k.String(), frag)
			}
		}
	}
}

// longestFragment is the longest part of a sentence between its verbs.
func longestFragment(s string) string {
	best := ""
	for _, f := range strings.Split(s, "%s") {
		if len(f) > len(best) {
			best = f
		}
	}
	return strings.TrimSpace(best)
}
