package lessons

import (
	"fmt"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// recording is the side of a part the lesson recorded, played on an
// offline session: the lines the student sends and the replies the lesson
// recorded, framed, redacted and explained the way a live session does it,
// in the conversation they were recorded in. Offline it is the other end
// of the part; live it plays along, to compare each live reply with the
// recorded one.
type recording struct {
	off *session.Offline
}

func newRecording(service string, lang Lang) (*recording, error) {
	t, ok := serviceTarget(service)
	if !ok {
		return nil, fmt.Errorf("unknown service %q (want %s)", service, serviceNames())
	}
	off, err := session.NewOffline(t, session.Options{Lang: lang}, time.Now())
	if err != nil {
		return nil, err
	}
	return &recording{off: off}, nil
}

// context is what the helpers (:b64, :cram, :apop) need of the recorded
// conversation.
func (r *recording) context() codec.Context {
	return session.HelperContextOf(r.off.Dialect(), r.off.State())
}

// send plays a line the student sent and returns its Sent event.
func (r *recording) send(exp codec.Expansion) session.Event {
	return r.off.Send(exp.Send, sendOptions(exp))
}

// sendData plays a message body and returns its events. A lesson has data
// steps only where its protocol has a message body (Validate).
func (r *recording) sendData(lines []string) []session.Event {
	out := make([]session.Event, 0, len(lines)+1)
	for _, l := range lines {
		e, err := r.off.BodyLine(l)
		if err != nil {
			return out
		}
		out = append(out, e)
	}
	if e, err := r.off.BodyEnd(); err == nil {
		out = append(out, e)
	}
	return out
}

// reply plays a recorded server step, which must hold one complete reply
// (in the wire form when wire is set), and returns its Received event.
func (r *recording) reply(recorded string, wire bool) (session.Event, error) {
	events, err := receive(r.off, recorded, wire)
	if err != nil || len(events) != 1 {
		return session.Event{}, fmt.Errorf("the recorded reply %q is not a complete %s reply", short(recorded), r.off.Target().Protocol)
	}
	return events[0], nil
}

// replies plays recorded server text that holds one or more complete
// replies (in the wire form when wire is set) and returns their Received
// events.
func (r *recording) replies(text string, wire bool) ([]session.Event, error) {
	events, err := receive(r.off, text, wire)
	if err != nil || len(events) == 0 {
		return events, fmt.Errorf("the recorded reply %q is not complete %s replies", short(text), r.off.Target().Protocol)
	}
	return events, nil
}

// repliesOf returns the replies of Received events.
func repliesOf(events []session.Event) []*protocol.Reply {
	out := make([]*protocol.Reply, 0, len(events))
	for _, e := range events {
		if e.Reply != nil {
			out = append(out, e.Reply)
		}
	}
	return out
}

// receive plays recorded server text in the form it is stored in.
func receive(off *session.Offline, text string, wire bool) ([]session.Event, error) {
	if wire {
		return off.ReceiveWire(text)
	}
	return off.Receive(text)
}

// sendOptions say how a line expanded from the student's typing is sent.
func sendOptions(exp codec.Expansion) session.SendOptions {
	return session.SendOptions{Display: exp.Display, Secret: exp.Secret}
}
