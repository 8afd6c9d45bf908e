package lessons

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
)

// A live server need not answer as the server the lesson was recorded on
// (the practice lab): Postfix accepts MAIL FROM and refuses the recipient
// where the lab refuses the sender, texts, queue IDs and challenges differ.
// Each reply of a live run is judged against the recorded one:
//
//   - same: the same code (SMTP) or status (POP3); texts may differ;
//   - allowed: one of the step's accept list; the step's otherwise note
//     says why, and the lesson goes on;
//   - unexpected: another reply the lesson did not plan for; the student is
//     told, the lesson goes on (an error only when Strict);
//   - stuck: the lesson cannot go on, because the live reply leaves the
//     conversation in another state than the next step assumes: the
//     recorded reply asks for more (354 before a message body, 334 or "+"
//     before a SASL answer) and the live one does not, or the other way
//     round.

// verdict is how a live reply compares with the recorded one.
type verdict int

const (
	replySame verdict = iota
	replyAllowed
	replyUnexpected
	replyStuck
)

// ErrCannotContinue is returned when a live server's reply leaves the
// conversation where the lesson's next steps cannot follow (see [Step.Accept]).
var ErrCannotContinue = errors.New("the lesson cannot go on with this server")

// judge compares a live reply with the recorded one (protocol.Compare)
// and the step's accept list.
func judge(recorded, live *protocol.Reply, accept []string) verdict {
	c := protocol.Compare(recorded, live)
	switch {
	case c.Sameness != protocol.Different:
		return replySame
	case c.Diverges:
		return replyStuck
	}
	for _, a := range accept {
		if acceptMatches(a, live) {
			return replyAllowed
		}
	}
	return replyUnexpected
}

// acceptMatches reports whether an accept entry names the live reply: a
// status pattern of its protocol (250, 5xx, +OK), or in a tagged protocol
// the status of a tagged completion (OK, NO, BAD).
func acceptMatches(entry string, live *protocol.Reply) bool {
	if tagged(live.Protocol) {
		return isStatus(live) && strings.EqualFold(strings.TrimSpace(entry), live.Status)
	}
	p, err := protocol.ParseStatusPattern(live.Protocol, entry)
	return err == nil && p.Matches(live)
}

// checkAccept validates one accept entry of a step whose recorded reply is
// rec: it must name replies of the protocol (a status such as 250 or +OK,
// a class such as 5xx), and none that would change whether the server
// waits for more (such a reply could not be followed).
func checkAccept(entry string, rec *protocol.Reply) error {
	p, err := protocol.ParseStatusPattern(rec.Protocol, entry)
	if err != nil {
		return fmt.Errorf("accept %q: %w", entry, err)
	}
	if (p.Tone == protocol.ToneIntermediate) != (rec.Tone == protocol.ToneIntermediate) {
		return fmt.Errorf("accept %q: the recorded reply is %s; a %s reply would leave the conversation where the next step cannot follow", entry, said(rec), p.Class)
	}
	return nil
}

// said is what a reply answered, to name it: its status (250, +OK), or
// its first line when it has none.
func said(rep *protocol.Reply) string {
	if w := rep.StatusWord(); w != "" {
		return w
	}
	if len(rep.Lines) == 0 {
		return `""`
	}
	return strconv.Quote(rep.Lines[0])
}

// differs tells the student how the live reply differs from the recorded
// one, and records it. It returns an error when the lesson cannot go on,
// or, when Strict, for an unexpected reply.
func (r *runner) differs(s *Step, recorded, live *protocol.Reply) error {
	lang := r.o.Lang
	theirs, ours := said(live), firstOf(recorded)
	where := fmt.Sprintf("%s:%d: %q → %s, recorded %s", r.l.File, s.Line, live.Command, theirs, said(recorded))
	switch judge(recorded, live, s.Accept) {
	case replyAllowed:
		r.res.Allowed = append(r.res.Allowed, where)
		why := r.note(s.Otherwise)
		if why == "" {
			why = msg(lang, "allowedNoWhy")
		}
		r.out.Notice(msg(lang, "allowed", theirs, ours))
		r.out.Notice(indent(why))
		return nil
	case replyStuck:
		r.res.Mismatch = append(r.res.Mismatch, where)
		r.out.Notice(msg(lang, "unexpected", theirs, ours))
		r.out.Notice(msg(lang, "cannotGoOn"))
		return fmt.Errorf("%w: the server answered %s where the lesson expects %s", ErrCannotContinue, theirs, said(recorded))
	}
	r.res.Mismatch = append(r.res.Mismatch, where)
	if r.o.Strict {
		return fmt.Errorf("reply to %q: the server answered %s, the lesson expects %s", live.Command, theirs, said(recorded))
	}
	r.out.Notice(msg(lang, "unexpected", theirs, ours))
	r.out.Info(msg(lang, "goOn"))
	if n := r.note(s.Notice); n != "" {
		r.out.Info(msg(lang, "theirNotice") + "\n" + indent(n))
	}
	return nil
}
