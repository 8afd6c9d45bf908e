package replay

import (
	"fmt"
	"strings"
)

// A reply that differs is shown line by line: recorded lines with "-",
// live lines with "+", lines both have with two spaces. Lines are matched
// by a longest common subsequence, so one line more (an extension a
// server added) is one difference, not every line after it. An EHLO reply
// is compared by keyword: a list of extensions whose order and parameters
// may change.

// diffLimit bounds the lines matched by a longest common subsequence (its
// table is the product of the two lengths); longer replies are compared
// line by line at the same position.
const diffLimit = 2000

// writeLines writes the lines of a differing reply.
func writeLines(b *strings.Builder, row Row) {
	if rec, live, ok := ehloKeywords(row); ok {
		writeKeywords(b, row, rec, live)
		return
	}
	for _, op := range diffLines(row.Recorded, row.Live) {
		fmt.Fprintf(b, "  %c %s\n", op.mark, shown(op.line))
	}
}

type diffOp struct {
	mark byte // ' ' both, '-' recorded only, '+' live only
	line string
}

// diffLines lines up rec and live.
func diffLines(rec, live []string) []diffOp {
	if len(rec) > diffLimit || len(live) > diffLimit {
		return positional(rec, live)
	}
	// lcs[i][j]: the longest common subsequence of rec[i:] and live[j:]
	lcs := make([][]int, len(rec)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(live)+1)
	}
	for i := len(rec) - 1; i >= 0; i-- {
		for j := len(live) - 1; j >= 0; j-- {
			if rec[i] == live[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []diffOp
	i, j := 0, 0
	for i < len(rec) || j < len(live) {
		switch {
		case i < len(rec) && j < len(live) && rec[i] == live[j]:
			ops = append(ops, diffOp{' ', rec[i]})
			i, j = i+1, j+1
		case j == len(live) || i < len(rec) && lcs[i+1][j] >= lcs[i][j+1]:
			ops = append(ops, diffOp{'-', rec[i]})
			i++
		default:
			ops = append(ops, diffOp{'+', live[j]})
			j++
		}
	}
	return ops
}

// positional lines up rec and live by position.
func positional(rec, live []string) []diffOp {
	var ops []diffOp
	for i := 0; i < len(rec) || i < len(live); i++ {
		switch {
		case i < len(rec) && i < len(live) && rec[i] == live[i]:
			ops = append(ops, diffOp{' ', rec[i]})
		default:
			if i < len(rec) {
				ops = append(ops, diffOp{'-', rec[i]})
			}
			if i < len(live) {
				ops = append(ops, diffOp{'+', live[i]})
			}
		}
	}
	return ops
}

// ehloKeywords reads the extensions of a recorded and a live reply to
// EHLO (or LHLO): keyword → parameters, with the greeting line under "".
func ehloKeywords(row Row) (rec, live map[string]string, ok bool) {
	verb, _, _ := strings.Cut(strings.TrimSpace(row.Sent), " ")
	if v := strings.ToUpper(verb); v != "EHLO" && v != "LHLO" || len(row.Recorded) < 2 || len(row.Live) < 2 {
		return nil, nil, false
	}
	rec, ok1 := keywords(row.Recorded)
	live, ok2 := keywords(row.Live)
	return rec, live, ok1 && ok2
}

// keywords reads an EHLO reply's lines ("250-SIZE 10240000").
func keywords(lines []string) (map[string]string, bool) {
	out := map[string]string{}
	for i, l := range lines {
		if len(l) < 4 || !strings.HasPrefix(l, "250") || l[3] != '-' && l[3] != ' ' {
			return nil, false
		}
		text := l[4:]
		if i == 0 {
			out[""] = text
			continue
		}
		kw, params, _ := strings.Cut(text, " ")
		out[strings.ToUpper(kw)] = params
	}
	return out, true
}

// writeKeywords shows how two EHLO replies differ, keyword by keyword in
// the recorded order, then the live one's new keywords: one line for an
// extension added or gone, two for one whose parameters changed.
func writeKeywords(b *strings.Builder, row Row, rec, live map[string]string) {
	item := func(kw, params string) string { return strings.TrimSpace(kw + " " + params) }
	if rec[""] != live[""] {
		fmt.Fprintf(b, "  - %s\n  + %s\n", shown(rec[""]), shown(live[""]))
	}
	seen := map[string]bool{"": true}
	for _, l := range row.Recorded[1:] {
		kw, _, _ := strings.Cut(l[4:], " ")
		kw = strings.ToUpper(kw)
		seen[kw] = true
		lp, inLive := live[kw]
		switch {
		case !inLive:
			fmt.Fprintf(b, "  - %s\n", shown(item(kw, rec[kw])))
		case lp != rec[kw]:
			fmt.Fprintf(b, "  - %s\n  + %s\n", shown(item(kw, rec[kw])), shown(item(kw, lp)))
		}
	}
	for _, l := range row.Live[1:] {
		kw, _, _ := strings.Cut(l[4:], " ")
		if kw = strings.ToUpper(kw); !seen[kw] {
			seen[kw] = true
			fmt.Fprintf(b, "  + %s\n", shown(item(kw, live[kw])))
		}
	}
}
