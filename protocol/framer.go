package protocol

import "strings"

// Framer assembles received lines into complete replies. Not safe for
// concurrent use.
//
// Beyond the reply being assembled it keeps only the queue of client lines
// still awaiting a reply (reduced to what framing needs, secrets redacted)
// and two flags: whether a SASL exchange is under way and whether a login
// succeeded.
type Framer struct {
	proto    Protocol
	queue    []expected  // client lines awaiting a reply, oldest first
	cur      *Reply      // the reply being assembled, or nil
	curProbs problemList // its problems so far
	curLines int         // lines of the current reply so far, drained ones included
	curBytes int         // bytes of the current reply's lines held (not yet drained)
	inAuth   bool        // the last complete reply was a SASL challenge
	claimed  bool        // a client line was already taken as the SASL response
	loggedIn bool
}

// expected is one client line awaiting its reply.
type expected struct {
	command string // the line, secrets redacted
	verb    string
	hasArg  bool
	sasl    bool // the line is a SASL response, not a command
}

// NewFramer returns a framer for protocol p (SMTP unless p is POP3).
func NewFramer(p Protocol) *Framer {
	if p != POP3 {
		p = SMTP
	}
	return &Framer{proto: p}
}

// Expect queues the client line the next not-yet-started reply answers
// (commands may be pipelined, so this is a FIFO). For the end of an SMTP
// DATA body the session calls Expect("."). A reply that starts while the
// queue is empty answers "" (greeting or unsolicited).
//
// The first line queued after a SASL challenge is taken as the SASL
// response. Only the redacted form of a line is kept.
func (f *Framer) Expect(clientLine string) {
	e := expected{verb: Verb(clientLine), hasArg: hasArgument(clientLine)}
	e.command, _, _ = Redact(f.proto, clientLine, f.inAuth, "")
	if f.inAuth && !f.claimed {
		e.sasl, f.claimed = true, true
		e.verb, e.hasArg = "", false
	}
	f.queue = append(f.queue, e)
}

// Feed gives one received line, without its line ending. It returns the
// reply when this line completes one, else nil.
func (f *Framer) Feed(line string, ending LineEnding) *Reply {
	if f.proto == POP3 {
		return f.feedPOP3(line, ending)
	}
	return f.feedSMTP(line, ending)
}

// Partial returns the lines of a reply that has started but is not complete
// (for reporting a close in the middle of a reply), or nil.
func (f *Framer) Partial() []string {
	if f.cur == nil {
		return nil
	}
	return append([]string(nil), f.cur.Lines...)
}

// Held is the number of bytes of received lines the framer holds for the
// reply being assembled (0 between replies): what [Framer.Drain] would free.
func (f *Framer) Held() int {
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
func (f *Framer) Drain() []string {
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
	r.Streamed += len(r.Body)
	r.Drained = true
	r.Lines = []string{r.Lines[0]} // a new array: out must not be written over
	r.Body = nil
	f.curBytes = len(r.Lines[0])
	return out
}

// InAuth reports whether the last complete reply was an SMTP 334 or a POP3
// "+ " continuation, i.e. the next client line is a SASL response, not a
// command.
func (f *Framer) InAuth() bool {
	return f.inAuth
}

// start begins a new reply with the oldest queued client line.
func (f *Framer) start() (*Reply, expected) {
	var e expected
	if len(f.queue) > 0 {
		e = f.queue[0]
		f.queue[0] = expected{}
		f.queue = f.queue[1:]
	}
	f.cur = &Reply{Protocol: f.proto, Command: e.command, SASL: e.sasl, LoggedIn: f.loggedIn}
	f.curProbs = nil
	f.curLines, f.curBytes = 0, 0
	return f.cur, e
}

// finish hands out the current reply and updates the session flags.
func (f *Framer) finish() *Reply {
	r := f.cur
	r.Problems = f.curProbs.strings()
	r.problems = f.curProbs
	f.cur, f.curProbs = nil, nil
	f.inAuth = r.Code == 334 || r.Class == ClassContinue
	f.claimed = false
	f.noteLogin(r)
	return r
}

// noteLogin tracks whether a login succeeded: SMTP 235 (RFC 4954 6), a POP3
// +OK to PASS, APOP, AUTH with a mechanism or a SASL response; STARTTLS
// forgets it (RFC 3207 4.2).
func (f *Framer) noteLogin(r *Reply) {
	verb := Verb(r.Command)
	switch {
	case r.Code == 235:
		f.loggedIn = true
	case r.Code == 220 && verb == "STARTTLS":
		f.loggedIn = false
	case r.Class == ClassOK && (r.SASL || verb == "PASS" || verb == "APOP" || (verb == "AUTH" && hasArgument(r.Command))):
		f.loggedIn = true
	}
}

// bodyLine is a POP3 body line as a learner reads it: dot-unstuffed, and
// never holding a line feed (a caller that broke the Feed contract).
func bodyLine(line string) string {
	return strings.ReplaceAll(strings.TrimPrefix(line, "."), "\n", "\uFFFD")
}
