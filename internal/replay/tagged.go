package replay

import (
	"strconv"
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/transcript"
)

// A protocol whose commands carry tags (IMAP, RFC 9051 2.2.1) is replayed
// command by command rather than reply by reply: the live server may send
// more or fewer untagged responses than the recorded one, and the tags the
// replay sends are its own. The plan below groups the recorded steps into
// what is sent and the exchanges of replies that answer it.

// planItem is one thing a tagged replay does: send a client line, or
// compare an exchange, a TLS handshake or the close.
type planItem struct {
	send     *beat     // a client line to send
	ordinal  int       // send: the number of the command the line starts, 0 if it continues one
	literal  *beat     // send: the redacted literal text that follows the line, whose count it announces
	exchange *exchange // the recorded replies to compare
	check    *beat     // a TLS handshake or the close
}

// exchange is the recorded replies between two client lines: the answers
// to the commands sent so far.
type exchange struct {
	step     int               // the number of its first step
	replies  []*protocol.Reply // recorded, framed offline
	ordinals []int             // for each reply, the command a tagged one completes; 0 for the others
	index    int               // its place among the exchanges
}

// isTagged reports whether the dialect numbers its commands (protocol.Tagger).
func isTagged(d protocol.Dialect) bool {
	_, ok := d.NewFramer().(protocol.Tagger)
	return ok
}

// tagPlan turns the beats of a tagged protocol into a plan. The k-th
// command of the transcript is sent with tag "ak", whatever its tag was;
// a recorded tagged reply is matched to the oldest command sent with its
// tag and not completed, as a server matches them.
func tagPlan(all []beat, d protocol.Dialect) (plan []planItem, expected map[int]int) {
	open := map[string][]int{} // recorded tag → commands sent with it, not completed
	expected = map[int]int{}   // command → the exchange its completion is in
	var cur *exchange
	count, exchanges := 0, 0
	for i := range all {
		b := &all[i]
		if b.step.Kind == transcript.KindServer {
			if cur == nil {
				cur = &exchange{step: b.number(), index: exchanges}
				exchanges++
				plan = append(plan, planItem{exchange: cur})
			}
			for _, r := range b.replies {
				k := popTag(open, r)
				cur.replies, cur.ordinals = append(cur.replies, r), append(cur.ordinals, k)
				if k > 0 {
					expected[k] = cur.index
				}
			}
			continue
		}
		cur = nil
		switch b.step.Kind {
		case transcript.KindClient:
			item := planItem{send: b}
			if tag, ok := startsCommand(b, d); ok {
				count++
				item.ordinal = count
				open[tag] = append(open[tag], count)
			}
			item.literal = literalSecretAfter(all, i)
			plan = append(plan, item)
		case transcript.KindTLS, transcript.KindClosed:
			plan = append(plan, planItem{check: b})
		}
	}
	return plan, expected
}

// popTag finds the command a recorded tagged reply completes; 0 for an
// untagged reply, a continuation request, or a tag never sent.
func popTag(open map[string][]int, r *protocol.Reply) int {
	if r.Pending || r.Tag == "" || r.Tag == "*" || r.Tag == "+" {
		return 0
	}
	list := open[r.Tag]
	if len(list) == 0 {
		return 0
	}
	open[r.Tag] = list[1:]
	return list[0]
}

// startsCommand reports whether a recorded client line starts a command,
// and the tag it was sent with ("" when it had none: a line that starts
// with a command name).
func startsCommand(b *beat, d protocol.Dialect) (tag string, ok bool) {
	st := b.before
	if st.Input != protocol.InputCommand || st.Continuing != "" {
		return "", false
	}
	if tagger, isTagger := d.NewFramer().(protocol.Tagger); isTagger {
		if _, added := tagger.AutoTag(b.step.Text); added {
			return "", true
		}
	}
	tag, _, _ = strings.Cut(strings.TrimLeft(b.step.Text, " "), " ")
	return tag, tag != ""
}

// literalSecretAfter returns the next client step when it is a redacted
// secret sent whole as literal text (an IMAP LOGIN password as {n}): the
// line before announces its length, which the live value may not have.
func literalSecretAfter(all []beat, i int) *beat {
	for _, b := range all[i+1:] {
		if b.step.Kind != transcript.KindClient {
			continue
		}
		if b.before.Input == protocol.InputLiteral && b.step.Secret != "" && !b.step.Kept &&
			b.step.Text == transcript.RedactedPlaceholder {
			return &all[b.index]
		}
		return nil
	}
	return nil
}

// liveLine is a recorded command line with the replay's own tag for
// command ordinal: the recorded tag replaced, or put in front of a line
// that had none.
func liveLine(line string, ordinal int, hadTag bool) string {
	tag := liveTag(ordinal)
	if !hadTag {
		return tag + " " + strings.TrimLeft(line, " ")
	}
	_, rest, _ := strings.Cut(strings.TrimLeft(line, " "), " ")
	return tag + " " + rest
}

func liveTag(ordinal int) string { return "a" + strconv.Itoa(ordinal) }

// liveOrdinal is the command a live tagged reply completes: its tag "ak"
// names command k; 0 for any other reply.
func liveOrdinal(r *protocol.Reply) int {
	if r.Pending || len(r.Tag) < 2 || r.Tag[0] != 'a' {
		return 0
	}
	k, err := strconv.Atoi(r.Tag[1:])
	if err != nil || k < 1 {
		return 0
	}
	return k
}

// withAnnouncedLength replaces the count of the literal announced at the
// end of line ("{9}", "{9+}") with n.
func withAnnouncedLength(line string, n int) string {
	if !strings.HasSuffix(line, "}") {
		return line
	}
	open := strings.LastIndexByte(line, '{')
	if open < 0 {
		return line
	}
	count, plus := strings.CutSuffix(line[open+1:len(line)-1], "+")
	if _, err := strconv.ParseUint(count, 10, 63); err != nil {
		return line
	}
	if plus {
		return line[:open] + "{" + strconv.Itoa(n) + "+}"
	}
	return line[:open] + "{" + strconv.Itoa(n) + "}"
}
