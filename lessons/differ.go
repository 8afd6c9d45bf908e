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

// judge compares a live reply with the recorded one and the step's accept list.
func judge(recorded, live *protocol.Reply, accept []string) verdict {
	switch {
	case status(recorded) == status(live):
		return replySame
	case waitsForMore(recorded) != waitsForMore(live):
		return replyStuck
	}
	for _, a := range accept {
		if replyFits(live, a) {
			return replyAllowed
		}
	}
	return replyUnexpected
}

// waitsForMore reports an intermediate reply: the server waits for a
// message body or a SASL answer rather than for the next command.
func waitsForMore(rep *protocol.Reply) bool {
	return rep.Class == protocol.ClassIntermediate || rep.Class == protocol.ClassContinue
}

// replyFits reports whether rep is what an accept entry names: "250",
// "5xx", "55x" (SMTP) or "+OK", "-ERR", "+" (POP3).
func replyFits(rep *protocol.Reply, entry string) bool {
	entry = strings.ToUpper(strings.TrimSpace(entry))
	if rep.Protocol == protocol.POP3 {
		return entry == rep.Status
	}
	code := strconv.Itoa(rep.Code)
	if len(entry) != 3 || len(code) != 3 {
		return false
	}
	for i := range 3 {
		if entry[i] != 'X' && entry[i] != code[i] {
			return false
		}
	}
	return true
}

// checkAccept validates one accept entry of a step whose recorded reply is
// rec: it must name replies of the protocol, and none that would change
// whether the server waits for more (such a reply could not be followed).
func checkAccept(entry string, rec *protocol.Reply) error {
	e := strings.ToUpper(strings.TrimSpace(entry))
	if rec.Protocol == protocol.POP3 {
		switch e {
		case "+OK", "-ERR":
			if waitsForMore(rec) {
				return fmt.Errorf("accept %q: the recorded reply %q waits for more; a server that answers %s does not", entry, rec.Status, e)
			}
			return nil
		case "+":
			if !waitsForMore(rec) {
				return fmt.Errorf("accept %q: a continuation waits for a SASL answer the next step does not send", entry)
			}
			return nil
		}
		return fmt.Errorf("accept %q: want +OK, -ERR or + for a POP3 reply", entry)
	}
	if len(e) != 3 || e[0] < '2' || e[0] > '5' || strings.Trim(e[1:], "0123456789X") != "" || e[1] == 'X' && e[2] != 'X' {
		return fmt.Errorf("accept %q: want a reply code such as 250, or a class such as 5xx or 55x", entry)
	}
	if (e[0] == '3') != waitsForMore(rec) {
		return fmt.Errorf("accept %q: the recorded reply is %d; a %cxx reply would leave the conversation where the next step cannot follow", entry, rec.Code, e[0])
	}
	return nil
}

// differs tells the student how the live reply differs from the recorded
// one, and records it. It returns an error when the lesson cannot go on,
// or, when Strict, for an unexpected reply.
func (r *runner) differs(s *Step, recorded, live *protocol.Reply) error {
	lang := r.o.Lang
	theirs, ours := status(live), firstLine(s.Server)
	where := fmt.Sprintf("%s:%d: %q → %s, recorded %s", r.l.File, s.Line, live.Command, theirs, status(recorded))
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
		return fmt.Errorf("%w: the server answered %s where the lesson expects %s", ErrCannotContinue, theirs, status(recorded))
	}
	r.res.Mismatch = append(r.res.Mismatch, where)
	if r.o.Strict {
		return fmt.Errorf("reply to %q: the server answered %s, the lesson expects %s", live.Command, theirs, status(recorded))
	}
	r.out.Notice(msg(lang, "unexpected", theirs, ours))
	r.out.Info(msg(lang, "goOn"))
	if n := r.note(s.Notice); n != "" {
		r.out.Info(msg(lang, "theirNotice") + "\n" + indent(n))
	}
	return nil
}

// firstLine is the first line of a recorded reply, to quote it.
func firstLine(recorded string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(recorded), "\n")
	return line
}
