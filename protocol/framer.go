package protocol

import "strings"

// mailFramer frames SMTP and POP3 replies and keeps the conversation's
// state ([State]); a dialect gives it its feed and effects functions.
//
// Beyond the reply being assembled it keeps only the queue of client lines
// still awaiting a reply (reduced to what framing needs, secrets redacted)
// and the state.
type mailFramer struct {
	d        Dialect
	proto    Protocol
	feed     func(f *mailFramer, line string, ending LineEnding) *Reply
	effects  func(f *mailFramer, r *Reply, e expected) // how a complete reply changes f.state
	queue    []expected                                // client lines awaiting a reply, oldest first
	cur      *Reply                                    // the reply being assembled, or nil
	curExp   expected                                  // the client line cur answers
	curProbs problemList                               // its problems so far
	curLines int                                       // lines of the current reply so far, drained ones included
	curBytes int                                       // bytes of the current reply's lines held (not yet drained)
	claimed  bool                                      // a client line was already taken as the SASL response
	greeted  bool                                      // the first reply has come
	state    State
}

// expected is one client line awaiting its reply.
type expected struct {
	command string // the line, secrets redacted
	verb    string
	hasArg  bool
	sasl    bool // the line is a SASL response, not a command
	bodyEnd bool // the end of a message body
	last    bool // SMTP "BDAT n LAST": the chunk ends the message
}

// NewFramer returns a framer for a new connection of protocol p, from its
// dialect. A protocol no dialect owns gets the SMTP framer, whose replies
// then show what did not fit.
func NewFramer(p Protocol) Framer {
	d, ok := Lookup(p)
	if !ok {
		d = smtpDialect{}
	}
	return d.NewFramer()
}

// Expect queues the client line the next not-yet-started reply answers
// (commands may be pipelined, so this is a FIFO). A reply that starts
// while the queue is empty answers "" (greeting or unsolicited).
//
// The first line queued after a SASL challenge is taken as the SASL
// response. Only the redacted form of a line is kept.
func (f *mailFramer) Expect(clientLine string) Expected {
	if f.state.Input == InputLiteral {
		return f.chunkLine(clientLine)
	}
	e := expected{verb: Verb(clientLine), hasArg: hasArgument(clientLine)}
	e.command, _, _ = f.d.Redact(clientLine, f.pendingState())
	if f.state.Input == InputSASL && !f.claimed {
		e.sasl, f.claimed = true, true
		e.verb, e.hasArg = "", false
	}
	if f.state.Input == InputBody {
		f.state.Input = InputCommand // a command line ends nothing: the body is sent with ExpectBodyEnd
	}
	f.queue = append(f.queue, e)
	if size, last, ok := chunkCommand(f.proto, e, clientLine); ok {
		f.queue[len(f.queue)-1].last = last
		if size > 0 {
			f.state.Input, f.state.Literal = InputLiteral, size
		}
	}
	return Expected{StartTLS: !e.sasl && (e.verb == "STARTTLS" || e.verb == "STLS")}
}

// ExpectBodyEnd queues the end of a DATA body: its reply answers ".".
func (f *mailFramer) ExpectBodyEnd() {
	f.state.Input = InputCommand
	f.queue = append(f.queue, expected{command: ".", verb: ".", bodyEnd: true})
}

// pendingState is the state a line typed now is sent in: a SASL answer
// only while the challenge is not answered yet.
func (f *mailFramer) pendingState() State {
	st := f.state
	if st.Input == InputSASL && f.claimed {
		st.Input = InputCommand
	}
	return st
}

// Feed gives one received line, without its line ending. It returns the
// reply when this line completes one, else nil.
func (f *mailFramer) Feed(line string, ending LineEnding) *Reply {
	return f.feed(f, line, ending)
}

// State is the conversation's state after the last complete reply.
func (f *mailFramer) State() State { return f.pendingState() }

// TLSStarted records that the connection is now encrypted: what the
// server advertised and any login are forgotten (RFC 3207 4.2, RFC 2595 4).
func (f *mailFramer) TLSStarted() {
	f.state.TLS = true
	f.state.LoggedIn = false
	f.state.Extensions, f.state.Advertised, f.state.Mechanisms = nil, false, nil
}

// mechanisms picks the SASL mechanisms out of advertised keywords ("AUTH
// PLAIN" from EHLO, "SASL PLAIN" from CAPA).
func mechanisms(exts []string) []string {
	var out []string
	for _, e := range exts {
		if k, m, ok := strings.Cut(e, " "); ok && (k == "AUTH" || k == "SASL") {
			out = append(out, m)
		}
	}
	return out
}

// Partial returns the lines of a reply that has started but is not complete
// (for reporting a close in the middle of a reply), or nil.
func (f *mailFramer) Partial() []string {
	if f.cur == nil {
		return nil
	}
	return append([]string(nil), f.cur.Lines...)
}

// Held is the number of bytes of received lines the framer holds for the
// reply being assembled (0 between replies): what [Framer.Drain] would free.
func (f *mailFramer) Held() int {
	if f.cur == nil {
		return 0
	}
	return f.curBytes
}

// Drain hands out the lines of a POP3 multi-line reply received so far and
// forgets them, so that a long body (RETR of a large message) is never held
// whole: the caller shows and records each part as it comes. The first
// Drain of a reply returns its status line too; lines are as received
// (still dot-stuffed). The reply Feed completes after a Drain holds the
// status line, only the body lines that came after the last Drain, and the
// final "."; Streamed counts the body lines handed out before. Drain
// returns nil when no multi-line body is being assembled or nothing new
// came since the last Drain.
func (f *mailFramer) Drain() []string {
	r := f.cur
	if r == nil || !r.Multi || len(r.Lines) == 0 {
		return nil
	}
	out := r.Lines
	if r.Drained {
		out = r.Lines[1:]
	}
	if len(out) == 0 {
		return nil
	}
	r.Streamed += len(r.Lines) - 1 // every line but the status line is a body line
	r.Drained = true
	next := make([]string, 1, len(r.Lines)) // a new array: out must not be written over
	next[0] = r.Lines[0]
	r.Lines = next
	f.curBytes = len(r.Lines[0])
	return out
}

// InAuth reports whether the next client line is a SASL response, not a
// command (the last complete reply was an SMTP 334 or a POP3 "+ ").
func InAuth(f Framer) bool { return f.State().Input == InputSASL }

// start begins a new reply with the oldest queued client line.
func (f *mailFramer) start() (*Reply, expected) {
	var e expected
	if len(f.queue) > 0 {
		e = f.queue[0]
		f.queue[0] = expected{}
		f.queue = f.queue[1:]
	}
	f.curExp = e
	f.cur = &Reply{Protocol: f.proto, Command: e.command, SASL: e.sasl, LoggedIn: f.state.LoggedIn, Before: f.pendingState()}
	f.curProbs = nil
	f.curLines, f.curBytes = 0, 0
	return f.cur, e
}

// finish hands out the current reply and updates the session flags.
func (f *mailFramer) finish() *Reply {
	r := f.cur
	r.Problems = f.curProbs.strings()
	r.problems = f.curProbs
	f.cur, f.curProbs = nil, nil
	r.Tone = r.Class.Tone()
	e := f.curExp
	f.curExp = expected{}
	f.claimed = false
	if !f.greeted && r.Command == "" {
		f.greeted = true
		f.state.Greeting = r.Text
	}
	if exts := Extensions(r); exts != nil {
		f.state.Extensions, f.state.Advertised = exts, true
		f.state.Mechanisms = mechanisms(exts)
	}
	chunking := f.state.Input == InputLiteral && f.state.Literal > 0
	f.state.Input, f.state.Challenge = InputCommand, ""
	f.effects(f, r, e)
	if chunking && !f.state.Ended { // a reply to an earlier command came while a BDAT chunk is typed
		f.state.Input = InputLiteral
	}
	if f.state.Input == InputSASL {
		f.state.Challenge = strings.TrimSpace(r.Text)
		if m := mechanismOf(r.Command); m != "" {
			f.state.Mechanism = strings.ToUpper(m)
		}
	} else {
		f.state.Mechanism = ""
	}
	if !e.sasl {
		f.state.Previous = r.Command
	}
	return r
}

// bodyLine is a POP3 body line as a learner reads it: dot-unstuffed, and
// never holding a line feed (a caller that broke the Feed contract).
func bodyLine(line string) string {
	return strings.ReplaceAll(strings.TrimPrefix(line, "."), "\n", "\uFFFD")
}

// ViewPart returns drained lines as a learner reads them: a POP3 body line
// dot-unstuffed (the status line never starts with a dot). SMTP replies
// are never drained. A part with no dot-stuffed line, the usual one, is
// its own view (the caller must not change it).
func (f *mailFramer) ViewPart(lines []string) []string {
	for i, l := range lines {
		if strings.HasPrefix(l, ".") {
			out := make([]string, len(lines))
			copy(out, lines[:i])
			for j := i; j < len(lines); j++ {
				out[j] = DotUnstuff(lines[j])
			}
			return out
		}
	}
	return lines
}
