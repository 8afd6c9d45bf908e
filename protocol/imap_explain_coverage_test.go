package protocol

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

// explainCorpus returns replies that, together, use every sentence of the
// IMAP tables: the hand-written cases and one reply per response code,
// flag, attribute, capability and data item.
func explainCorpus() []Reply {
	var out []Reply
	for _, c := range append(append([]explainCase(nil), imapStatusCases...), imapDataCases...) {
		out = append(out, c.r)
	}
	for code := range english.imap.codes {
		code = strings.TrimSuffix(code, " ()")
		out = append(out, exTagged("NO", code+" 1 2 3", "x", "a1 NOOP", exSelected),
			exTagged("BAD", code, "x", "a1 NOOP", exSelected), exUntagged("OK", code+" 7", "x", "a1 NOOP", exSelected))
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
		exUntagged("FLAGS", "", "("+strings.Join(flags, " ")+")", "a SELECT x", exLoggedIn),
		exUntagged("LIST", "", list, `a LIST "" *`, exLoggedIn), exUntagged("LSUB", "", list, `a LSUB "" *`, exLoggedIn),
		exUntagged("LSUB", "", `() NIL x`, `a LSUB "" *`, exLoggedIn),
		exUntagged("CAPABILITY", "", strings.Join(caps, " "), "a CAPABILITY", State{}),
		exUntagged("SEARCH", "", "1", "a SEARCH ALL", exSelected),
		exTagged("NO", "", "x", "a SEARCH ALL", exSelected),
		exTagged("OK", "", "x", "a SEARCH ALL", exSelected),
		exUntagged("ESEARCH", "", `(TAG "a") MODSEQ 9 XPARTIAL 1`, "a SEARCH RETURN (ALL) ALL", exSelected),
		exUntagged("EXISTS", "", "9", "a NOOP", exSelected),
		exContinuation("", "a AUTHENTICATE PLAIN", exNotAuth),
		exGreeting("OK", "CAPABILITY IMAP4rev1 AUTH=CRAM-MD5", "ready"))
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
	out = append(out, exUntagged("STATUS", "", "x ("+status.String()+")", "a STATUS x (ALL)", exLoggedIn),
		exUntagged("FETCH", "", "1 ("+fetch.String()+" FLAGS (x))", "a FETCH 1 ALL", exSelected))
	for kind := range english.imap.data {
		out = append(out, exUntagged(strings.Fields(kind)[0], "", "", "", exSelected))
	}
	for key := range english.imap.status {
		verb, status, _ := strings.Cut(key, " ")
		if status == "OK" || status == "NO" || status == "BAD" {
			out = append(out, exTagged(status, "", "x", "a "+verb+" x y", exSelected),
				exTagged(status, "", "x", "a "+verb+" x y", exNotAuth), exTagged(status, "", "x", "a "+verb+" x y", exExamined))
		}
	}
	for key := range english.imap.next {
		verb, status, _ := strings.Cut(key, " ")
		if status == "OK" || status == "NO" || status == "BAD" {
			out = append(out, exTagged(status, "", "x", "a "+verb+" x y", exSelected))
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
	for _, r := range explainCorpus() {
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
