package protocol

import "strings"

// Extensions returns the keywords advertised by an EHLO reply (the first
// word of every line after the first, upper-cased, plus for AUTH the
// mechanisms as "AUTH PLAIN" etc.; the old "AUTH=PLAIN" form counts as
// AUTH) or by a POP3 CAPA reply (each body line's first word, SASL
// mechanisms likewise as "SASL PLAIN"). Each keyword appears once, in the
// order advertised. It returns nil for other replies, and an empty,
// non-nil slice for an EHLO or CAPA reply that advertises nothing.
func Extensions(r *Reply) []string {
	if r == nil {
		return nil
	}
	switch {
	case r.Protocol == SMTP && r.Code == 250 && Verb(r.Command) == "EHLO":
		lines := strings.Split(r.Text, "\n")
		return keywords(lines[1:], "AUTH")
	case r.Protocol == POP3 && r.Class == ClassOK && r.Multi && Verb(r.Command) == "CAPA":
		return keywords(r.Body, "SASL")
	}
	return nil
}

// keywords collects the first word of each line, upper-cased, and for the
// lines whose keyword is mechKey also "mechKey MECH" for each mechanism.
func keywords(lines []string, mechKey string) []string {
	out := []string{}
	seen := map[string]bool{}
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, line := range lines {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		key, first, hasEq := strings.Cut(strings.ToUpper(fields[0]), "=")
		if hasEq && key == mechKey {
			fields = append([]string{key, first}, fields[1:]...)
		} else {
			key = strings.ToUpper(fields[0])
		}
		add(key)
		if key != mechKey {
			continue
		}
		for _, mech := range fields[1:] {
			if mech != "" {
				add(mechKey + " " + strings.ToUpper(mech))
			}
		}
	}
	return out
}
