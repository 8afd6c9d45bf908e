package protocol

import "strings"

// fetchData explains an untagged FETCH: each data item it carries, in
// order (RFC 9051 7.5.2).
func (e *imapExplainer) fetchData(num, rest string) {
	toks := exTokens(rest)
	var items []exToken
	if len(toks) > 0 {
		items = toks[0].items()
	}
	var notes []string
	for i := 0; i < len(items); i += 2 {
		value := exToken{}
		if i+1 < len(items) {
			value = items[i+1]
		}
		notes = append(notes, e.fetchItem(items[i].text, value))
	}
	e.ex.Meaning = fill(e.x.data["FETCH"], num, strings.Join(notes, e.t.clauseSep))
}

// fetchItem explains one FETCH data item and its value.
func (e *imapExplainer) fetchItem(name string, value exToken) string {
	u := strings.ToUpper(name)
	switch u {
	case "FLAGS":
		if len(value.items()) == 0 {
			return e.x.items["FETCH FLAGS none"]
		}
		return fill(e.x.items["FETCH FLAGS"], e.flagList(value))
	case "UID", "RFC822.SIZE", "INTERNALDATE":
		return fill(e.x.items["FETCH "+u], shown(value.text))
	case "MODSEQ":
		return fill(e.x.items["FETCH MODSEQ"], shown(strings.Trim(value.text, "() ")))
	}
	if key, args := sectionKey(u); key != "" {
		return fill(e.x.items[key], append([]string{shown(name)}, args...)...)
	}
	if m, ok := e.x.items["FETCH "+u]; ok {
		return m
	}
	return fill(e.x.items["FETCH other"], shown(name))
}

// sectionKey names the table entry of a body section item ("BODY[1.2]",
// "BINARY[2]<0>", "BODY[HEADER.FIELDS (SUBJECT)]") and the arguments
// its sentence takes after the item's name (the part number); "" for an
// item without a section.
func sectionKey(item string) (string, []string) {
	open, end := strings.IndexByte(item, '['), strings.LastIndexByte(item, ']')
	if open < 0 || end < open {
		return "", nil
	}
	switch prefix, section := item[:open], item[open+1:end]; {
	case prefix == "BINARY.SIZE":
		return "FETCH BINARY.SIZE", nil
	case prefix == "BINARY" || prefix == "BINARY.PEEK":
		return "FETCH BINARY[]", nil
	case prefix != "BODY" && prefix != "BODY.PEEK":
		return "", nil
	case section == "":
		return "FETCH BODY[]", nil
	case section == "HEADER" || section == "TEXT":
		return "FETCH BODY[" + section + "]", nil
	case strings.HasPrefix(section, "HEADER.FIELDS"):
		return "FETCH BODY[HEADER.FIELDS]", nil
	default:
		part := partNumber(section)
		if part == "" {
			return "FETCH other", nil
		}
		if strings.HasSuffix(section, ".MIME") {
			return "FETCH BODY[MIME]", []string{part}
		}
		return "FETCH BODY[part]", []string{part}
	}
}

// partNumber returns the part number a section starts with ("1.2" of
// "1.2.HEADER"), or "".
func partNumber(section string) string {
	var parts []string
	for _, p := range strings.Split(section, ".") {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			break
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ".")
}
