package protocol

import (
	"strconv"
	"strings"
)

// Untagged data (RFC 9051 7.2 to 7.5) tells the client about the server
// and its mailboxes; it may answer the pending command or arrive unasked
// (EXISTS during IDLE). The explanation reads what it says: the folder a
// LIST names and what its attributes mean, the items of a FETCH, the
// numbers a SEARCH found.

// maxListed bounds the numbers or names one explanation lists.
const maxListed = 20

// data explains untagged data of the kind named.
func (e *imapExplainer) data(kind string) {
	e.ex.Class = fill(e.x.class["data"], shown(kind))
	e.ex.RFC = imapDataRefs[kind]
	if e.ex.RFC == "" {
		e.ex.RFC = "RFC 9051 7"
	}
	num, rest := "", e.r.Text
	if imapNumbered[kind] {
		num, rest = exLeadingNumber(rest, kind)
	}
	switch kind {
	case "CAPABILITY":
		e.capabilityData(rest)
	case "LIST", "LSUB":
		e.listData(kind, rest)
	case "STATUS":
		e.statusData(rest)
	case "SEARCH":
		e.searchData(rest)
	case "ESEARCH":
		e.esearchData(rest)
	case "FLAGS":
		toks := exTokens(rest)
		if len(toks) > 0 {
			e.ex.Meaning = fill(e.x.data["FLAGS"], e.flagList(toks[0]))
		}
	case "EXISTS":
		e.existsData(num)
	case "RECENT":
		e.ex.Meaning = fill(e.x.data["RECENT"], num)
	case "EXPUNGE":
		e.expungeData(num)
	case "FETCH":
		e.fetchData(num, rest)
	case "NAMESPACE":
		e.namespaceData(rest)
	case "ID":
		e.idData(rest)
	case "ENABLED":
		e.enabledData(rest)
	case "VANISHED":
		e.ex.Meaning = fill(e.x.data["VANISHED"], shown(rest))
	default:
		if m, ok := e.x.data[kind]; ok {
			e.ex.Meaning = m
		} else {
			e.ex.Meaning = e.x.data["other"]
		}
	}
}

// imapNumbered are the data kinds that start with a number: "* 3 EXISTS".
var imapNumbered = map[string]bool{"EXISTS": true, "RECENT": true, "EXPUNGE": true, "FETCH": true}

// exLeadingNumber cuts the message number or count that starts the text of
// "* 3 EXISTS" or "* 12 FETCH (...)" (a repeated kind word is dropped);
// "?" when there is none.
func exLeadingNumber(text, kind string) (string, string) {
	text = strings.TrimSpace(text)
	first, rest, _ := strings.Cut(text, " ")
	if first == "" || strings.Trim(first, "0123456789") != "" {
		return "?", text
	}
	rest = strings.TrimSpace(rest)
	if w, after, _ := strings.Cut(rest, " "); strings.EqualFold(w, kind) {
		rest = strings.TrimSpace(after)
	}
	return first, rest
}

// capabilityData explains a capability list, naming the capabilities a
// student meets and the login mechanisms.
func (e *imapExplainer) capabilityData(rest string) {
	var notes, mechs []string
	for _, c := range strings.Fields(rest) {
		u := strings.ToUpper(c)
		if m, ok := strings.CutPrefix(u, "AUTH="); ok {
			mechs = append(mechs, shown(m))
		} else if note, ok := e.x.caps[u]; ok {
			notes = append(notes, note)
		}
	}
	e.ex.Meaning = e.x.data["CAPABILITY"]
	if len(notes) > 0 {
		e.ex.Meaning = fill(e.x.data["CAPABILITY list"], strings.Join(notes, e.x.words["list sep"]))
	}
	if len(mechs) > 0 {
		e.ex.Meaning += e.t.clauseSep + fill(e.x.data["CAPABILITY auth"], strings.Join(mechs, " "))
	}
}

// listData explains one LIST or LSUB line: the mailbox (decoded), its
// hierarchy separator and its attributes, special use included.
func (e *imapExplainer) listData(kind, rest string) {
	toks := exTokens(rest)
	for len(toks) < 3 {
		toks = append(toks, exToken{})
	}
	attrs, delim, name := toks[0], toks[1], toks[2]
	if name.literal {
		name.text = ""
	}
	if delim.isNil() {
		e.ex.Meaning = fill(e.x.data[kind+" flat"], e.mailboxName(name.text))
	} else {
		e.ex.Meaning = fill(e.x.data[kind], e.mailboxName(name.text), shown(delim.text))
	}
	selectable := true
	for _, a := range attrs.items() {
		key, ok := foldedKey(e.x.attrs, kind+" "+a.text)
		if !ok {
			key, ok = foldedKey(e.x.attrs, a.text)
		}
		if !ok {
			continue
		}
		e.ex.Meaning += e.t.clauseSep + e.x.attrs[key]
		if exSpecialUse[strings.TrimPrefix(key, kind+" ")] {
			e.ex.RFC = addRef(e.ex.RFC, "RFC 6154 2")
		}
		if strings.HasSuffix(key, `\Noselect`) || strings.HasSuffix(key, `\NonExistent`) {
			selectable = false
		}
	}
	switch dec := DisplayMailbox(name.text); {
	case !selectable || name.text == "":
	case dec != name.text:
		e.ex.Next = fill(e.x.next["LIST select utf7"], exQuote(name.text), shown(dec))
	default:
		e.ex.Next = fill(e.x.next["LIST select"], exQuote(name.text))
	}
}

// exSpecialUse are the special-use attributes of RFC 6154 2.
var exSpecialUse = map[string]bool{`\All`: true, `\Archive`: true, `\Drafts`: true,
	`\Flagged`: true, `\Junk`: true, `\Sent`: true, `\Trash`: true}

// foldedKey finds the key of table equal to name without regard to case
// (flags and attributes are case-insensitive).
func foldedKey(table map[string]string, name string) (string, bool) {
	if _, ok := table[name]; ok {
		return name, true
	}
	for k := range table {
		if strings.EqualFold(k, name) {
			return k, true
		}
	}
	return "", false
}

// exQuote writes a mailbox name as a command argument: as it is if
// it is an atom, else quoted.
func exQuote(name string) string {
	if name != "" && !strings.ContainsAny(name, " \"\\(){%*]") {
		return shown(name)
	}
	return `"` + shown(strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(name)) + `"`
}

// statusData explains the counters of a STATUS response.
func (e *imapExplainer) statusData(rest string) {
	toks := exTokens(rest)
	if len(toks) < 2 {
		toks = append(toks, exToken{}, exToken{})
	}
	items := toks[1].items()
	var parts []string
	for i := 0; i+1 < len(items); i += 2 {
		name, value := strings.ToUpper(items[i].text), shown(items[i+1].text)
		if m, ok := e.x.items["STATUS "+name]; ok {
			parts = append(parts, fill(m, value))
		} else {
			parts = append(parts, fill(e.x.items["STATUS other"], shown(name), value))
		}
	}
	e.ex.Meaning = fill(e.x.data["STATUS"], e.mailboxName(toks[0].text), strings.Join(parts, e.x.words["list sep"]))
}

// searchData explains the numbers an untagged SEARCH found.
func (e *imapExplainer) searchData(rest string) {
	var nums []string
	for _, f := range strings.Fields(rest) {
		if strings.Trim(f, "0123456789") == "" {
			nums = append(nums, f)
		}
	}
	if len(nums) == 0 {
		e.ex.Meaning = e.x.data["SEARCH none"]
		return
	}
	key, next := "SEARCH", "SEARCH found"
	if e.asked.uid {
		key, next = "SEARCH uid", "SEARCH found uid"
	}
	e.ex.Meaning = fill(e.x.data[key], strconv.Itoa(len(nums)), listed(nums, " "))
	e.ex.Next = fill(e.x.next[next], strings.Join(nums[:min(len(nums), 5)], ","))
}

// listed joins at most maxListed values, with "…" for the rest.
func listed(values []string, sep string) string {
	if len(values) > maxListed {
		return strings.Join(values[:maxListed], sep) + sep + "…"
	}
	return strings.Join(values, sep)
}

// esearchData explains an ESEARCH response: MIN, MAX, COUNT, ALL.
func (e *imapExplainer) esearchData(rest string) {
	var parts []string
	toks := exTokens(rest)
	for i := 0; i < len(toks); i++ {
		name := strings.ToUpper(toks[i].text)
		switch {
		case strings.HasPrefix(name, "("): // (TAG "a3"): the command it answers
		case name == "UID":
			parts = append(parts, e.x.items["ESEARCH UID"])
		case i+1 < len(toks):
			i++
			value := shown(toks[i].text)
			if m, ok := e.x.items["ESEARCH "+name]; ok {
				parts = append(parts, fill(m, value))
			} else {
				parts = append(parts, fill(e.x.items["ESEARCH other"], shown(name), value))
			}
		}
	}
	if len(parts) == 0 || (len(parts) == 1 && toks[len(toks)-1].text == "UID") {
		e.ex.Meaning = e.x.data["ESEARCH none"]
		return
	}
	e.ex.Meaning = fill(e.x.data["ESEARCH"], strings.Join(parts, e.x.words["list sep"]))
}

// flagList describes the flags of a parenthesised list.
func (e *imapExplainer) flagList(list exToken) string {
	var out []string
	for _, f := range list.items() {
		if key, ok := foldedKey(e.x.flags, f.text); ok && key != "keyword" {
			out = append(out, e.x.flags[key])
		} else {
			out = append(out, fill(e.x.flags["keyword"], shown(f.text)))
		}
	}
	if len(out) == 0 {
		return e.x.words["no flags"]
	}
	return listed(out, e.x.words["list sep"])
}

// existsData explains a message count: the size of a mailbox being
// selected, or news that it changed.
func (e *imapExplainer) existsData(num string) {
	switch v := e.asked.verb; {
	case (v == "SELECT" || v == "EXAMINE") && num == "0":
		e.ex.Meaning = e.x.data["EXISTS empty"]
	case v == "SELECT" || v == "EXAMINE":
		e.ex.Meaning = fill(e.x.data["EXISTS select"], num)
	case v == "IDLE":
		e.ex.Meaning, e.ex.Next = fill(e.x.data["EXISTS"], num), fill(e.x.next["EXISTS idle"], num)
	default:
		e.ex.Meaning, e.ex.Next = fill(e.x.data["EXISTS"], num), fill(e.x.next["EXISTS new"], num)
	}
}

// expungeData explains a removal, and warns when it came where RFC 9051
// 7.5.1 forbids it: while answering FETCH, STORE or SEARCH (not their UID
// forms), or with no command in progress.
func (e *imapExplainer) expungeData(num string) {
	e.ex.Meaning = fill(e.x.data["EXPUNGE"], num)
	a := e.asked
	if e.r.Command == "" || (!a.uid && (a.verb == "FETCH" || a.verb == "STORE" || a.verb == "SEARCH")) {
		e.ex.Warning = e.x.warning["EXPUNGE forbidden"]
	}
}

// namespaceData explains the three namespaces: personal, other users',
// shared.
func (e *imapExplainer) namespaceData(rest string) {
	toks := exTokens(rest)
	descr := make([]string, 3)
	for i := range descr {
		descr[i] = e.x.words["none"]
		if i >= len(toks) || toks[i].isNil() {
			continue
		}
		var spaces []string
		for _, ns := range toks[i].items() {
			parts := append(ns.items(), exToken{}, exToken{})
			prefix := shown(DisplayMailbox(parts[0].text))
			if parts[1].isNil() {
				spaces = append(spaces, fill(e.x.words["namespace flat"], prefix))
			} else {
				spaces = append(spaces, fill(e.x.words["namespace"], prefix, shown(parts[1].text)))
			}
		}
		if len(spaces) > 0 {
			descr[i] = strings.Join(spaces, e.x.words["list sep"])
		}
	}
	e.ex.Meaning = fill(e.x.data["NAMESPACE"], descr...)
}

// idData explains the server's identification (RFC 2971 3.2).
func (e *imapExplainer) idData(rest string) {
	toks := exTokens(rest)
	if len(toks) == 0 || toks[0].isNil() {
		e.ex.Meaning = e.x.data["ID nil"]
		return
	}
	var pairs []string
	items := toks[0].items()
	for i := 0; i+1 < len(items); i += 2 {
		if !items[i+1].isNil() {
			pairs = append(pairs, shown(items[i].text)+" "+shown(items[i+1].text))
		}
	}
	e.ex.Meaning = fill(e.x.data["ID"], listed(pairs, e.x.words["list sep"]))
}

// enabledData explains which extensions ENABLE turned on.
func (e *imapExplainer) enabledData(rest string) {
	if f := strings.Fields(rest); len(f) > 0 {
		e.ex.Meaning = fill(e.x.data["ENABLED"], shown(strings.Join(f, " ")))
		return
	}
	e.ex.Meaning = e.x.data["ENABLED none"]
}
