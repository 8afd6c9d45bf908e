package lessons

import (
	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// repeatable is a client step the student may send again (Step.Repeat)
// before the next client step, and the reply recorded after it.
type repeatable struct {
	step  *Step
	reply string // the recorded reply that answers it offline
	wire  bool
}

// noteRepeat follows the steps for Step.Repeat: a repeatable client step
// opens the chance, the server step after it gives the reply offline, and
// the next client step closes it once it is sent.
func (r *runner) noteRepeat(s *Step) {
	switch s.Kind() {
	case KindClient:
		r.again = nil
		if s.Repeat {
			r.again = &repeatable{step: s}
		}
	case KindServer:
		if r.again != nil && r.again.reply == "" {
			r.again.reply, r.again.wire = s.Server, s.Wire
		}
	default:
		r.again = nil
	}
}

// repeats reports whether a typed line, which the current step does not
// accept, sends the repeatable step's command again.
func (r *runner) repeats(exp codec.Expansion) bool {
	if r.again == nil || r.again.reply == "" || r.auto {
		return false
	}
	answer := r.fillMsg(fillAccount(r.again.step.Client, r.acct))
	return r.accept(exp, answer, r.compile(r.again.step.Expect))
}

// sendAgain sends the repeated command and shows its reply; a live reply
// is not compared with the recorded one (another recipient may be
// refused: the lesson goes on with the ones accepted).
func (r *runner) sendAgain(exp codec.Expansion) error {
	_, err := r.c.extra(exp, r.again.reply, r.again.wire)
	return err
}

// extra sends a line outside the recorded conversation and shows the
// server's reply.
func (c *liveConn) extra(exp codec.Expansion, _ string, _ bool) (*protocol.Reply, error) {
	if err := c.s.Send(exp.Send, sendOptions(exp)); err != nil {
		return nil, err
	}
	e, err := c.next(session.Received)
	if err != nil {
		return nil, err
	}
	return e.Reply, nil
}

// extra plays a line and the recorded reply to it.
func (c *offlineConn) extra(exp codec.Expansion, recorded string, wire bool) (*protocol.Reply, error) {
	c.out.Event(c.rec.send(exp))
	e, err := c.rec.reply(recorded, wire)
	if err != nil {
		return nil, err
	}
	c.out.Event(e)
	return e.Reply, nil
}
