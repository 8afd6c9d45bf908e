package replay

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
)

// judgeExchange compares the live replies to the commands of an exchange
// with the recorded ones: the status of each tagged completion (OK, NO,
// BAD), the continuation requests, and the kinds of untagged data. Any of
// these differing is a Mismatch, why says which; the same statuses and
// kinds with other values (a message count, a UIDVALIDITY, a date) are
// TextDiffers, a Mismatch too with strict.
func judgeExchange(ex *exchange, live []*protocol.Reply, liveOrd []int, strict bool) (Verdict, string) {
	var why []string
	done := map[int]*protocol.Reply{}
	for i, r := range live {
		if liveOrd[i] > 0 {
			done[liveOrd[i]] = r
		}
	}
	for i, r := range ex.replies {
		k := ex.ordinals[i]
		if k == 0 {
			continue
		}
		l, ok := done[k]
		delete(done, k)
		switch {
		case !ok:
			why = append(why, "no tagged reply to "+describeCommand(ex, k))
		case l.Status != r.Status:
			why = append(why, fmt.Sprintf("%s: recorded %s, live %s", describeCommand(ex, k), r.Status, l.Status))
		}
	}
	for _, k := range sortedKeys(done) {
		why = append(why, fmt.Sprintf("a tagged reply not recorded here: %q", firstLine(done[k].Lines)))
	}
	if rc, lc := continuations(ex.replies), continuations(live); rc != lc {
		why = append(why, fmt.Sprintf("the recorded server asked for more (+) %d time(s), the live one %d", rc, lc))
	}
	rk, lk := untaggedKinds(ex.replies), untaggedKinds(live)
	if missing := without(rk, lk); len(missing) > 0 {
		why = append(why, "untagged data missing: "+strings.Join(missing, ", "))
	}
	if extra := without(lk, rk); len(extra) > 0 {
		why = append(why, "untagged data not recorded: "+strings.Join(extra, ", "))
	}
	if len(why) > 0 {
		return Mismatch, strings.Join(why, "; ")
	}
	changed := changedKinds(ex.replies, live)
	if len(changed) == 0 {
		return Match, ""
	}
	v := TextDiffers
	if strict {
		v = Mismatch
	}
	return v, "the same statuses and kinds of data, other values in: " + strings.Join(changed, ", ")
}

func untagged(r *protocol.Reply) bool { return r.Tag == "*" || r.Tag == "" }

// untaggedKinds is the set of kinds of untagged replies, leaving out those
// the dialect calls incidental (IMAP's mailbox counts): between a
// recording and a replay they may come, go or carry other numbers.
func untaggedKinds(replies []*protocol.Reply) []string {
	var out []string
	for _, r := range replies {
		if k := r.Kind(); untagged(r) && !protocol.Incidental(r) && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func continuations(replies []*protocol.Reply) int {
	n := 0
	for _, r := range replies {
		if r.Tag == "+" {
			n++
		}
	}
	return n
}

// changedKinds names the kinds whose lines differ, in recorded order.
func changedKinds(rec, live []*protocol.Reply) []string {
	text := func(replies []*protocol.Reply) (map[string]string, []string) {
		m, order := map[string]string{}, []string(nil)
		for _, r := range replies {
			k := r.Kind()
			if !untagged(r) && r.Tag != "+" {
				k = "tagged " + r.Status
			}
			if _, seen := m[k]; !seen {
				order = append(order, k)
			}
			lines := r.Lines
			if !untagged(r) && len(lines) > 0 {
				lines = append([]string{strings.TrimPrefix(lines[0], r.Tag)}, lines[1:]...)
			}
			m[k] += strings.Join(lines, "\n") + "\n"
		}
		return m, order
	}
	rm, order := text(rec)
	lm, lorder := text(live)
	for _, k := range lorder {
		if !slices.Contains(order, k) {
			order = append(order, k)
		}
	}
	var out []string
	for _, k := range order {
		if rm[k] != lm[k] {
			out = append(out, k)
		}
	}
	return out
}

// without is a with the elements of b left out.
func without(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func sortedKeys(m map[int]*protocol.Reply) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}
