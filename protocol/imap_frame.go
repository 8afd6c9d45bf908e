package protocol

import "strings"

// imapFramer frames IMAP responses (RFC 9051 2.2.2, 7) and keeps the
// conversation's state. It implements [LiteralFramer] and [Tagger].
//
// A response is one line, unless it is untagged data whose line ends with
// a literal announcement ({n} or ~{n}): then n bytes follow that may hold
// anything, and the response line goes on after them, possibly with more
// literals. Literal bytes come through FeedLiteral (a live connection) or
// as lines through Feed (a recorded one); either way they are counted in
// bytes, line ends included, and the reply's Lines hold the wire text cut
// at each CRLF.
type imapFramer struct {
	state   State
	greeted bool       // the first response has come
	pending []*imapCmd // commands sent and not completed, oldest first
	cont    *imapCmd   // the command a "+" answers now, nil if none
	sending *imapCmd   // the command whose line is not all sent (literals), nil if none
	lastTag int        // the highest n of the tags "an" sent, for AutoTag

	cur       *Reply   // the response being framed, nil between responses
	head      imapHead // its first line taken apart
	curProbs  problemList
	curLines  int    // lines of cur so far, drained and dropped ones included
	curBytes  int    // wire bytes of cur.Lines held, line ends included
	lit       int64  // literal bytes still expected
	litBinary bool   // the literal is ~{n}
	part      []byte // the line read since the last CRLF inside or after a literal, cut at maxIMAPLineBytes
	partLen   int64  // its length on the wire, cut bytes included
	partCR    bool   // the last literal byte was a CR, kept out of part until the next byte tells
}

// imapCmd is one command sent and not yet completed.
type imapCmd struct {
	tag, verb string
	line      string // redacted, each literal's text left out
	args      int    // arguments seen so far; a literal counts as the one it carries
	mailbox   string // SELECT/EXAMINE: the mailbox named
	mech      string // AUTHENTICATE: the mechanism
	awaits    imapAwait
}

// imapAwait is what a "+" continuation request means to a command.
type imapAwait int

const (
	awaitNothing imapAwait = iota
	awaitSASL              // AUTHENTICATE: a challenge
	awaitLiteral           // a synchronizing literal: send it
	awaitIdle              // IDLE: the server idles
)

func newIMAPFramer() *imapFramer { return &imapFramer{} }

// State is the conversation's state after the last complete response and
// the client lines sent since.
func (f *imapFramer) State() State { return f.state }

// Literal is the number of literal bytes the server still owes the
// response being framed; 0 in line mode.
func (f *imapFramer) Literal() int64 { return f.lit }

// FeedLiteral gives up to Literal() raw bytes of a literal; bytes beyond
// are ignored. It returns nil: a response ends at a line end, after the
// literal, which Feed gives.
func (f *imapFramer) FeedLiteral(p []byte) *Reply {
	if f.lit == 0 || len(p) == 0 {
		return nil
	}
	if int64(len(p)) > f.lit {
		p = p[:f.lit]
	}
	f.takeLiteral(string(p)) // one copy; the lines are slices of it
	return nil
}

// Feed gives one received line without its line ending. While a literal is
// expected the line and its ending are literal bytes, up to the count; what
// follows the literal continues the response line.
func (f *imapFramer) Feed(line string, ending LineEnding) *Reply {
	if f.lit == 0 {
		return f.feedLine(line, ending)
	}
	if int64(len(line)) >= f.lit {
		k := f.lit
		f.takeLiteral(line[:k])
		return f.feedLine(line[k:], ending)
	}
	f.takeLiteral(line)
	end := endingBytes(ending)
	if int64(len(end)) <= f.lit {
		f.takeLiteral(end)
		return nil
	}
	f.takeLiteral("\r") // the literal ends between CR and LF: a bare LF ends the line
	return f.feedLine("", BareLF)
}

// endingBytes is a line ending as it was on the wire.
func endingBytes(e LineEnding) string {
	switch e {
	case CRLF:
		return "\r\n"
	case BareLF:
		return "\n"
	}
	return ""
}

// feedLine takes one line in line mode: the first line of a response, or
// the rest of a response line after a literal.
func (f *imapFramer) feedLine(line string, ending LineEnding) *Reply {
	first := f.cur == nil
	full := line
	if first {
		f.start()
	} else {
		full = f.takePart() + line
	}
	f.curLines++
	f.curProbs.checkLine(IMAP, f.curLines, line, ending, false)
	f.keep(full)
	if first && !f.begin(line) {
		return f.finish()
	}
	lit, ok, open, bad := trailingLiteral(line)
	switch {
	case open:
		f.curProbs.add(probIMAPQuoteOpen, f.curLines)
	case bad != "":
		f.curProbs.add(probIMAPLiteralSize, bad)
	}
	if !ok {
		return f.finish()
	}
	if lit.nonSync {
		f.curProbs.add(probIMAPLiteralNonSync, lit.size)
	}
	f.lit, f.litBinary = lit.size, lit.binary
	return nil
}

// start begins a new response.
func (f *imapFramer) start() {
	f.cur = &Reply{Protocol: IMAP, Before: f.State(), LoggedIn: f.state.LoggedIn}
	f.curProbs, f.curLines, f.curBytes = nil, 0, 0
}

// begin reads the first line of the response into it; it reports whether
// the response may go on with literals (untagged data).
func (f *imapFramer) begin(line string) bool {
	h := parseIMAPHead(line)
	f.head = h
	r := f.cur
	r.Tag, r.Status, r.RespCode, r.Text = h.tag, h.status, h.code, h.text
	for _, p := range h.probs {
		f.curProbs.add(p.kind, p.args...)
	}
	if h.kind == imapMalformed {
		f.curProbs.add(probIMAPNotResponse, snippet(line))
	}
	return h.kind == imapData
}

// keep adds a line to the response unless the bounds are reached.
func (f *imapFramer) keep(s string) {
	r := f.cur
	if len(r.Lines) > 0 && (len(r.Lines) >= MaxIMAPResponseLines || f.curBytes+len(s)+2 > MaxIMAPResponseBytes) {
		f.curProbs.add(probIMAPTooMuch, MaxIMAPResponseLines, MaxIMAPResponseBytes)
		return
	}
	r.Lines = append(r.Lines, s)
	f.curBytes += len(s) + 2
}

// takeLiteral reads literal bytes (at most f.lit), cutting lines at CRLF;
// a bare CR or LF is part of the line.
func (f *imapFramer) takeLiteral(s string) {
	f.lit -= int64(len(s))
	if !f.litBinary && strings.IndexByte(s, 0) >= 0 {
		f.curProbs.add(probIMAPLiteralNUL)
	}
	for s != "" {
		i := strings.IndexByte(s, '\n')
		switch {
		case i < 0:
			f.addPart(s)
			s = ""
			continue
		case i == 0 && f.partCR:
			f.partCR = false
			f.lineEnd("")
		case i > 0 && s[i-1] == '\r':
			f.lineEnd(s[:i-1])
		default:
			f.addPart(s[:i+1])
		}
		s = s[i+1:]
	}
	if f.lit == 0 && f.partCR { // the literal's last byte is a CR: it is text
		f.partCR = false
		f.appendPart("\r")
	}
}

// addPart adds literal bytes that end no line to the current line.
func (f *imapFramer) addPart(x string) {
	if f.partCR {
		f.partCR = false
		f.appendPart("\r")
	}
	if strings.HasSuffix(x, "\r") {
		f.partCR, x = true, x[:len(x)-1]
	}
	f.appendPart(x)
}

func (f *imapFramer) appendPart(x string) {
	f.partLen += int64(len(x))
	if room := maxIMAPLineBytes - len(f.part); room > 0 {
		f.part = append(f.part, x[:min(room, len(x))]...)
	}
}

// lineEnd ends the current line inside a literal with x, its last bytes
// before CRLF. A line that came whole is kept as a slice of its chunk.
func (f *imapFramer) lineEnd(x string) {
	if f.partLen > 0 || f.partCR {
		if f.partCR { // a CR before x is text
			f.partCR = false
			f.appendPart("\r")
		}
		f.appendPart(x) // all of x is text, a CR at its end too
		x = f.takePart()
	} else if len(x) > maxIMAPLineBytes {
		f.curProbs.add(probIMAPLineCut, f.curLines+1, maxIMAPLineBytes)
		x = x[:maxIMAPLineBytes]
	}
	f.curLines++
	f.keep(x)
}

// takePart returns the current line's bytes and forgets them; a line
// longer than maxIMAPLineBytes comes cut, with a problem.
func (f *imapFramer) takePart() string {
	s := string(f.part)
	if f.partLen > int64(len(f.part)) {
		f.curProbs.add(probIMAPLineCut, f.curLines+1, maxIMAPLineBytes)
	}
	f.part, f.partLen = f.part[:0], 0
	if cap(f.part) > 4<<10 {
		f.part = nil // a long line's buffer is not kept for the next ones
	}
	return s
}

// Partial returns the lines of a response that has started but is not
// complete (a literal still owed, a close in the middle), the line being
// read inside a literal included; nil between responses.
func (f *imapFramer) Partial() []string {
	if f.cur == nil {
		return nil
	}
	out := append([]string(nil), f.cur.Lines...)
	if f.partLen > 0 || f.partCR {
		out = append(out, string(f.part))
	}
	return out
}

// Held is the number of bytes held for the response being framed, line
// ends counted: what Drain would free.
func (f *imapFramer) Held() int {
	if f.cur == nil {
		return 0
	}
	return f.curBytes + len(f.part)
}

// Drain hands out the lines of a response with literals received so far
// and forgets them, so that a long literal (FETCH BODY[] of a large
// message) is never held whole. The first Drain of a response returns its
// first line too; later ones only what came since. The reply Feed
// completes after a Drain holds the first line (Lines[0]) and the lines
// after the last Drain; Drained is set and Streamed counts the lines after
// the first that were handed out. A line still being read inside a literal
// stays until it ends. Nil when nothing is there to hand out.
func (f *imapFramer) Drain() []string {
	r := f.cur
	if r == nil || len(r.Lines) < 2 {
		return nil
	}
	out := r.Lines
	if r.Drained {
		out = r.Lines[1:]
		r.Streamed += len(out)
	} else {
		r.Streamed += len(out) - 1
	}
	r.Drained = true
	// A new array, out must not be written over, as large as the last part.
	r.Lines = append(make([]string, 0, len(out)+1), r.Lines[0])
	f.curBytes = len(r.Lines[0]) + 2
	return out
}

// TLSStarted records that the connection is now encrypted: the
// capabilities are forgotten (RFC 9051 6.2.1).
func (f *imapFramer) TLSStarted() {
	f.state.TLS, f.state.LoggedIn = true, false
	f.state.Extensions, f.state.Advertised, f.state.Mechanisms = nil, false, nil
}

// ExpectBodyEnd does nothing: IMAP has no message body ended by a line
// (a message goes as a literal).
func (f *imapFramer) ExpectBodyEnd() {}
