package replay

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// taggedRun is the state of a replay of a tagged protocol.
type taggedRun struct {
	*runner
	expected map[int]int       // command → the exchange its completion is in
	recTag   map[int]string    // command → the tag it was recorded with
	carry    []*protocol.Reply // live replies read early: completions of later exchanges
	sent     int               // the last command sent
}

// runTagged plays the plan of a tagged protocol against the live session:
// client lines go with the replay's own tags, and each exchange of
// recorded replies is compared with the live replies to the same commands.
func (r *runner) runTagged(ctx context.Context, plan []planItem, expected map[int]int) error {
	tr := &taggedRun{runner: r, expected: expected, recTag: map[int]string{}}
	for i, item := range plan {
		var err error
		switch {
		case item.send != nil:
			err = tr.send(item)
		case item.exchange != nil:
			tr.compareExchange(ctx, item.exchange)
		case item.check.step.Kind == transcript.KindTLS:
			r.compareTLS(ctx, *item.check)
		case item.check.step.Text == "closed by the server":
			r.compareClose(ctx, *item.check)
		}
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if r.res.FirstMismatch != 0 {
			r.res.NotRun = countPlanChecks(plan[i+1:])
			break
		}
	}
	return nil
}

// send sends one recorded client line: a command with the replay's tag,
// any other line (a SASL answer, literal text, DONE) as it was, secrets
// filled in.
func (tr *taggedRun) send(item planItem) error {
	b := *item.send
	spot := secretSpot{quote: imapQuote, literal: b.before.Input == protocol.InputLiteral}
	line, err := tr.opts.Secrets.wireLineAt(b.step, b.number(), tr.s.Greeting(), spot)
	if err != nil {
		return err
	}
	if item.ordinal > 0 {
		tag, _ := startsCommand(&b, tr.s.Dialect())
		tr.recTag[item.ordinal] = tag
		line = liveLine(line, item.ordinal, tag != "")
		tr.sent = item.ordinal
	}
	if lit := item.literal; lit != nil {
		value, err := tr.opts.Secrets.lookup(lit.step.Secret, lit.number())
		if err != nil {
			return err
		}
		line = withAnnouncedLength(line, len(value))
	}
	if err := tr.s.Send(line, session.SendOptions{Secret: b.step.Secret != ""}); err != nil {
		tr.add(Row{Step: b.number(), Sent: displayed(b), Problem: "could not send: " + err.Error(), Verdict: Mismatch})
	}
	return nil
}

// compareExchange reads the live replies to the commands of an exchange
// and compares them with the recorded ones.
func (tr *taggedRun) compareExchange(ctx context.Context, ex *exchange) {
	live, problem := tr.liveReplies(ctx, ex)
	liveOrd := make([]int, len(live))
	for i, r := range live {
		liveOrd[i] = liveOrdinal(r)
	}
	row := Row{Step: ex.step, Sent: exchangeSent(ex), Recorded: replyLines(ex.replies, nil, nil)}
	row.Live = replyLines(live, liveOrd, tr.recTag)
	row.Verdict, row.Why = judgeExchange(ex, live, liveOrd, tr.opts.Strict)
	if row.Verdict == Match && !slices.Equal(row.Recorded, row.Live) {
		row.Verdict, row.Why = TextDiffers, "the same replies in another order"
		if tr.opts.Strict {
			row.Verdict = Mismatch
		}
	}
	if problem != "" {
		row.Problem, row.Verdict = problem, Mismatch
		if row.Why == "" {
			row.Why = problem
		}
	}
	if len(live) == 0 {
		row.Live = nil
	}
	tr.add(row)
}

// liveReplies reads live replies until the exchange is complete: every
// command it completes has its live tagged reply and every continuation
// request has come; an exchange of untagged replies only (the greeting)
// takes as many. A non-empty problem says why it stopped short.
func (tr *taggedRun) liveReplies(ctx context.Context, ex *exchange) (live []*protocol.Reply, problem string) {
	want, conts := map[int]bool{}, 0
	for i, r := range ex.replies {
		if k := ex.ordinals[i]; k > 0 {
			want[k] = true
		} else if r.Tag == "+" {
			conts++
		}
	}
	untaggedOnly := len(want) == 0 && conts == 0
	carried := tr.carry
	tr.carry = nil
	for {
		if untaggedOnly && len(live) >= len(ex.replies) || !untaggedOnly && len(want) == 0 && conts <= 0 {
			return live, ""
		}
		var r *protocol.Reply
		if len(carried) > 0 {
			r, carried = carried[0], carried[1:]
		} else {
			e, ok := tr.next(ctx)
			switch {
			case !ok:
				return live, tr.missing(ctx, "no reply within "+tr.wait.String())
			case e.Kind != session.Received:
				tr.held = &e
				return live, describeEvent(e)
			}
			r = e.Reply
		}
		k := liveOrdinal(r)
		switch {
		case k > 0 && tr.expected[k] > ex.index && !want[k]:
			tr.carry = append(tr.carry, r) // a later exchange's
			continue
		case r.Tag == "+":
			conts--
		case want[k]:
			delete(want, k)
		case k > 0 && k == tr.sent && conts > 0:
			conts = 0 // the command ended instead of asking for more
		}
		live = append(live, r)
	}
}

// exchangeSent names the commands an exchange answers.
func exchangeSent(ex *exchange) string {
	var cmds []string
	for _, r := range ex.replies {
		c := sentOf(r)
		if len(cmds) == 0 || cmds[len(cmds)-1] != c {
			cmds = append(cmds, c)
		}
	}
	return strings.Join(cmds, " · ")
}

// replyLines are the lines of replies in order; with ordinals, a live
// tagged reply shows the tag its command was recorded with, so that only
// what the server said differs.
func replyLines(replies []*protocol.Reply, ordinals []int, recTag map[int]string) []string {
	var out []string
	for i, r := range replies {
		lines := r.Lines
		if ordinals != nil && ordinals[i] > 0 && len(lines) > 0 {
			if tag := recTag[ordinals[i]]; tag != "" && tag != r.Tag {
				lines = append([]string{tag + strings.TrimPrefix(lines[0], r.Tag)}, lines[1:]...)
			}
		}
		out = append(out, lines...)
	}
	return out
}

// countPlanChecks counts the comparisons left in a plan.
func countPlanChecks(rest []planItem) int {
	n := 0
	for _, item := range rest {
		switch {
		case item.exchange != nil:
			n++
		case item.check != nil && (item.check.step.Kind == transcript.KindTLS || item.check.step.Text == "closed by the server"):
			n++
		}
	}
	return n
}

// describeCommand names command k of an exchange for a verdict.
func describeCommand(ex *exchange, k int) string {
	for i, r := range ex.replies {
		if ex.ordinals[i] == k {
			return fmt.Sprintf("%q", sentOf(r))
		}
	}
	return fmt.Sprintf("command %d", k)
}
