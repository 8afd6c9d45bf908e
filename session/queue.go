package session

import (
	"sync/atomic"
	"time"
)

// The events of a session go to its consumer (Events) through a channel
// of eventBuffer events. When the consumer falls behind, the events that
// do not fit wait in order in an overflow queue, which a pump goroutine
// moves into the channel as the consumer takes them. So no one who emits
// an event ever blocks on the channel:
//
//   - a caller (Send, SendData, a body line) never waits on a consumer
//     that is not running. Often the caller IS the consumer (a lesson's
//     setup, replay --against: send a whole body, then read the events),
//     and a blocked send would wait for itself forever. A caller that
//     streams a body (QueueDataLine) waits for room only while the
//     consumer is seen to take events, so memory stays bounded when the
//     consumer is merely slower (a terminal), and never when it is not
//     running at all.
//   - the reader waits for the overflow to drain before it reads more
//     from the server (waitRoom): the server is slowed down by TCP, not
//     buffered in memory, however much it sends.

// eventBuffer is the capacity of the Events channel.
const eventBuffer = 256

// streamHighWater is the overflow at which a caller streaming a body
// waits for the consumer (if it is running).
const streamHighWater = 4096

// consumerStall is how long a consumer that takes no event is taken to be
// running still: past it, a streaming caller stops waiting for it.
const consumerStall = 100 * time.Millisecond

// streamLowWater is the overflow at which a waiting streaming caller
// goes on.
const streamLowWater = streamHighWater / 2

// eventQueue is the overflow of a session's events. The session's emu
// guards it.
type eventQueue struct {
	over      []Event       // events waiting for room in the channel, oldest first
	spare     []Event       // an emptied array for over, reused
	inFlight  int           // events the pump took from over and has not delivered yet
	pumping   bool          // a pump goroutine is moving over into the channel
	delivered uint64        // events the pump handed to the consumer, counted a batch at a time
	taken     atomic.Uint64 // the same, counted one at a time (no lock): the consumer runs
	roomWake  chan struct{} // non-nil while a streaming caller waits: closed at streamLowWater
	drainWake chan struct{} // non-nil while the reader waits: closed when the overflow is empty
	stalled   bool          // the consumer was seen to take no event for consumerStall...
	stalledAt uint64        // ...when taken was this
}

// waiting is the number of events not yet in the channel.
func (q *eventQueue) waiting() int { return len(q.over) + q.inFlight }

// emit delivers an event; after the stream is closed it drops it.
func (s *Session) emit(e Event) {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	s.emu.Lock()
	defer s.emu.Unlock()
	s.emitLocked(e)
}

// emitLocked is emit for a caller that holds emu. It never blocks.
func (s *Session) emitLocked(e Event) {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	if s.eventsDone {
		return
	}
	if e.Kind == Closed {
		s.eventsDone = true // nothing after it
	}
	s.emitted++
	q := &s.queue
	if !q.pumping {
		select {
		case s.events <- e:
			if e.Kind == Closed {
				close(s.events)
			}
			return
		default: // the consumer is behind: queue it
		}
		q.pumping = true
		go s.pump()
	}
	q.over = append(q.over, e)
}

// pump moves the overflow into the channel, in order, as the consumer
// takes events, a batch at a time; it stops when the overflow is empty.
func (s *Session) pump() {
	q := &s.queue
	for {
		s.emu.Lock()
		if len(q.over) == 0 {
			q.pumping = false
			q.over, q.spare = nil, nil // do not pin a flood's arrays
			wake(&q.roomWake)
			wake(&q.drainWake)
			s.emu.Unlock()
			return
		}
		batch := q.over
		q.over, q.spare = q.spare[:0], nil
		q.inFlight = len(batch)
		s.emu.Unlock()
		for i := range batch {
			e := batch[i]
			batch[i] = Event{}
			s.events <- e // the only send that waits, and nobody waits for it
			q.taken.Add(1)
			if e.Kind == Closed {
				close(s.events)
			}
			if i%64 == 63 || i == len(batch)-1 {
				s.delivered(q, i%64+1)
			}
		}
		s.emu.Lock()
		q.spare = batch[:0]
		s.emu.Unlock()
	}
}

// delivered notes n more events taken by the consumer and wakes a
// streaming caller once the overflow is down to streamLowWater.
func (s *Session) delivered(q *eventQueue, n int) {
	s.emu.Lock()
	q.inFlight -= n
	q.delivered += uint64(n)
	if q.waiting() <= streamLowWater {
		wake(&q.roomWake)
	}
	s.emu.Unlock()
}

// wake closes a wake-up channel a waiter made, if any.
func wake(ch *chan struct{}) {
	if *ch != nil {
		close(*ch)
		*ch = nil
	}
}

// waitRoom makes the reader wait until the consumer has taken the
// overflow, unless the session is being closed. It reports whether it
// waited: then the silence timeout starts again, the server was not silent.
func (s *Session) waitRoom() (waited bool) {
	s.emu.Lock()
	defer s.emu.Unlock()
	q := &s.queue
	for q.pumping && !s.isClosing() {
		waited = true
		if q.drainWake == nil {
			q.drainWake = make(chan struct{})
		}
		ch := q.drainWake
		s.emu.Unlock()
		select {
		case <-ch:
		case <-s.closed:
		}
		s.emu.Lock()
	}
	return waited
}

// emitStreamed is emit for a caller that streams a body: at the overflow's
// high-water mark it waits for the consumer to take it down to the low
// one, as long as the consumer is seen to take events; a consumer that
// took none for consumerStall is not running (it may be the caller
// itself), and then nobody waits for it until it takes one.
func (s *Session) emitStreamed(e Event) {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	s.emu.Lock()
	defer s.emu.Unlock()
	q := &s.queue
	if q.waiting() >= streamHighWater && !(q.stalled && q.stalledAt == q.taken.Load()) {
		s.waitConsumer(q)
	}
	s.emitLocked(e)
}

// waitConsumer waits (emu held, released while waiting) until the
// overflow is down to streamLowWater, the consumer stalls or the session
// is closed.
func (s *Session) waitConsumer(q *eventQueue) {
	timer := time.NewTimer(consumerStall)
	defer timer.Stop()
	seen := q.taken.Load()
	for q.waiting() > streamLowWater && !s.isClosing() {
		if q.roomWake == nil {
			q.roomWake = make(chan struct{})
		}
		ch := q.roomWake
		s.emu.Unlock()
		stall := false
		select {
		case <-ch:
		case <-s.closed:
		case <-timer.C:
			stall = true
		}
		s.emu.Lock()
		if stall {
			now := q.taken.Load()
			if now == seen { // not running: go on without it
				q.stalled, q.stalledAt = true, seen
				return
			}
			seen = now
			timer.Reset(consumerStall)
		}
	}
	q.stalled = false
}

// Emitted is the number of events emitted so far: once the consumer has
// taken that many from Events, it has seen everything that happened
// until now (a script shows its own error after them, not before).
func (s *Session) Emitted() uint64 {
	s.emu.Lock()
	defer s.emu.Unlock()
	return s.emitted
}

// isClosing reports whether Close was called.
func (s *Session) isClosing() bool {
	select {
	case <-s.closed:
		return true
	default:
		return false
	}
}
