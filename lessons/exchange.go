package lessons

import (
	"fmt"

	"github.com/mailtutor/mailtutor/protocol"
)

// In a tagged protocol (IMAP) a command is answered by any number of
// untagged responses and then its tagged completion, and two servers send
// different untagged data (Dovecot adds HIGHESTMODSEQ to a SELECT, a count
// comes and goes). So consecutive server steps are one exchange: the
// runner reads live responses until the exchange is complete — every
// tagged completion it records has come, and every continuation request
// ("+"); an exchange of untagged responses only (the greeting, what IDLE
// reports) waits for as many responses and for the mailbox counts it
// records (EXISTS) — and then judges it as replay --against does:
//
//   - each tagged completion and "+" against the live one (protocol.Compare:
//     the status, OK, NO or BAD; a "+" answered by a completion instead
//     is a conversation the lesson cannot follow);
//   - the kinds of untagged data the lesson recorded ("FLAGS",
//     "OK [UIDVALIDITY]") must come too; what the server sends besides is
//     shown with its explanation and is no difference. Mailbox counts
//     (EXISTS, RECENT, EXPUNGE) are incidental: they come and go.

// exchange runs a run of consecutive server steps of a tagged protocol.
func (r *runner) exchange(steps []Step) error {
	for i := range steps {
		if e := r.note(steps[i].Explain); e != "" && !(r.auto && !r.o.Auto) {
			r.out.Text("\n" + e)
		}
	}
	var recorded []*protocol.Reply
	var owner []int // the step each recorded reply is of
	for i := range steps {
		reps, err := r.c.record(r.retag(steps[i].Server), steps[i].Wire)
		if err != nil {
			return err
		}
		for _, rep := range reps {
			recorded, owner = append(recorded, rep), append(owner, i)
		}
		if r.o.Offline {
			r.showNotice(&steps[i])
		}
	}
	if r.o.Offline {
		return nil
	}
	live, err := r.readExchange(recorded)
	if err != nil {
		return err
	}
	return r.judgeExchange(steps, recorded, owner, live)
}

// readExchange reads live responses until the exchange the recorded ones
// make is complete (see above).
func (r *runner) readExchange(recorded []*protocol.Reply) ([]*protocol.Reply, error) {
	want, counts := map[string]bool{}, map[string]bool{}
	conts, data := 0, 0
	for _, rep := range recorded {
		switch {
		case rep.Tag == "+":
			conts++
		case isStatus(rep):
			want[rep.Tag] = true
		default:
			data++
			if protocol.Incidental(rep) {
				counts[rep.Status] = true
			}
		}
	}
	dataOnly := len(want) == 0 && conts == 0
	var live []*protocol.Reply
	for {
		if dataOnly && len(live) >= data && len(counts) == 0 || !dataOnly && len(want) == 0 && conts <= 0 {
			return live, nil
		}
		rep, err := r.c.nextReply()
		if err != nil {
			return live, err
		}
		live = append(live, rep)
		switch {
		case rep.Tag == "+":
			conts--
		case want[rep.Tag]:
			delete(want, rep.Tag)
		case isStatus(rep) && conts > 0:
			conts = 0 // the command ended instead of asking for more
		default:
			delete(counts, rep.Status)
		}
	}
}

// judgeExchange compares the live responses with the recorded ones and
// shows each step's notice, or what differs at it instead.
func (r *runner) judgeExchange(steps []Step, recorded []*protocol.Reply, owner []int, live []*protocol.Reply) error {
	differs := make([]bool, len(steps))
	used := map[*protocol.Reply]bool{}
	for i, rec := range recorded {
		var l *protocol.Reply
		switch {
		case isStatus(rec):
			l = firstLive(live, used, func(x *protocol.Reply) bool { return isStatus(x) && x.Tag == rec.Tag })
		case rec.Tag == "+":
			if l = firstLive(live, used, func(x *protocol.Reply) bool { return x.Tag == "+" }); l == nil {
				l = firstLive(live, used, isStatus)
			}
		}
		if l == nil {
			continue
		}
		used[l] = true
		if protocol.Compare(rec, l).Sameness == protocol.Different {
			differs[owner[i]] = true
			if err := r.differs(&steps[owner[i]], rec, l); err != nil {
				return err
			}
		}
	}
	seen := map[string]bool{}
	for _, l := range live {
		seen[l.Kind()] = true
	}
	for i, rec := range recorded {
		if isStatus(rec) || rec.Tag == "+" || protocol.Incidental(rec) || seen[rec.Kind()] || differs[owner[i]] {
			continue
		}
		differs[owner[i]] = true
		if err := r.missingData(&steps[owner[i]], rec); err != nil {
			return err
		}
	}
	for i := range steps {
		if !differs[i] {
			r.showNotice(&steps[i])
		}
	}
	return nil
}

// firstLive is the first live response not yet used that fits.
func firstLive(live []*protocol.Reply, used map[*protocol.Reply]bool, fits func(*protocol.Reply) bool) *protocol.Reply {
	for _, l := range live {
		if !used[l] && fits(l) {
			return l
		}
	}
	return nil
}

// missingData tells the student that the server sent no response of a
// kind the lesson recorded, and records it; an error when Strict.
func (r *runner) missingData(s *Step, rec *protocol.Reply) error {
	lang, kind := r.o.Lang, rec.Kind()
	r.res.Mismatch = append(r.res.Mismatch, fmt.Sprintf("%s:%d: no untagged %s, recorded %q", r.l.File, s.Line, kind, firstOf(rec)))
	if r.o.Strict {
		return fmt.Errorf("the server sent no untagged %s response; the lesson recorded %q", kind, firstOf(rec))
	}
	r.out.Notice(msg(lang, "missingData", kind, firstOf(rec)))
	if n := r.note(s.Notice); n != "" {
		r.out.Info(msg(lang, "theirNotice") + "\n" + indent(n))
	}
	return nil
}

// firstOf is the first line of a reply, to quote it.
func firstOf(rep *protocol.Reply) string {
	if len(rep.Lines) == 0 {
		return ""
	}
	return rep.Lines[0]
}
