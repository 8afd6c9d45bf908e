package protocol

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// StatusWord is the word that carries a reply's status in its protocol:
// the SMTP reply code ("250"), the POP3 status indicator ("+OK", "-ERR",
// "+"); "" when the reply has none (a malformed one).
func (r *Reply) StatusWord() string {
	if r.Code != 0 {
		return strconv.Itoa(r.Code)
	}
	return r.Status
}

// Sameness says how a reply compares with the one recorded in its place.
type Sameness int

// How a reply can compare with the recorded one, from alike to unlike.
const (
	Same        Sameness = iota // the same status and the same lines
	TextDiffers                 // the same status, other text: a queue ID, a date, a host name
	Different                   // another tone or status: the server did something else
)

// String names the sameness in a few English words.
func (s Sameness) String() string {
	switch s {
	case Same:
		return "same"
	case TextDiffers:
		return "text differs"
	}
	return "different"
}

// Comparison is how a live reply compares with the recorded one.
type Comparison struct {
	Sameness Sameness
	// Diverges reports that one of the two replies waits for more (a
	// message body, a SASL answer) and the other does not: the
	// conversation is in another state, and what followed the recorded
	// reply cannot follow the live one.
	Diverges bool
}

// Compare compares a live reply with the one recorded in its place (a
// lesson's, a transcript's), by their tone and their protocol's status
// (StatusWord), then by their lines. It is pure and never panics on
// replies made by hand.
func Compare(recorded, live *Reply) Comparison {
	rt, lt := toneOf(recorded), toneOf(live)
	switch {
	case rt != lt || recorded.StatusWord() != live.StatusWord():
		return Comparison{Sameness: Different, Diverges: (rt == ToneIntermediate) != (lt == ToneIntermediate)}
	case slices.Equal(recorded.Lines, live.Lines):
		return Comparison{Sameness: Same}
	}
	return Comparison{Sameness: TextDiffers}
}

// toneOf is the tone of a reply, also of one made by hand with only its
// class.
func toneOf(r *Reply) Tone {
	if r.Tone == ToneMalformed {
		return r.Class.Tone()
	}
	return r.Tone
}

// StatusPattern names replies by their status, for a lesson's list of the
// replies a server may give instead of the recorded one: an exact status
// ("250", "+OK", "-ERR", "+") or an SMTP code with x for any digit
// ("5xx", "55x").
type StatusPattern struct {
	text  string // upper case
	Tone  Tone   // the tone of every reply it names
	Class string // the class of those replies as the protocol writes it: "3xx", "+OK"
}

// ErrNoStatusPatterns is returned for a protocol whose dialect does not
// name its replies by pattern.
var ErrNoStatusPatterns = errors.New("replies of this protocol cannot be named by a pattern")

// statusPatterns is implemented by a dialect that names its replies by
// pattern (see ParseStatusPattern).
type statusPatterns interface {
	parseStatusPattern(upper string) (StatusPattern, error)
}

// ParseStatusPattern reads a pattern naming replies of protocol p by their
// status (see StatusPattern), in any case.
func ParseStatusPattern(p Protocol, pattern string) (StatusPattern, error) {
	d, ok := Lookup(p)
	if !ok {
		return StatusPattern{}, fmt.Errorf("%q: %w", p, ErrNoStatusPatterns)
	}
	sp, ok := d.(statusPatterns)
	if !ok {
		return StatusPattern{}, fmt.Errorf("%s: %w", p, ErrNoStatusPatterns)
	}
	return sp.parseStatusPattern(strings.ToUpper(strings.TrimSpace(pattern)))
}

// Matches reports whether r is one of the replies the pattern names.
func (sp StatusPattern) Matches(r *Reply) bool {
	w := strings.ToUpper(r.StatusWord())
	if sp.text == "" || len(w) != len(sp.text) {
		return false
	}
	for i := range len(w) {
		if sp.text[i] != 'X' && sp.text[i] != w[i] {
			return false
		}
	}
	return true
}

// parseStatusPattern reads an SMTP code or class: "250", "5xx", "55x".
func (smtpDialect) parseStatusPattern(e string) (StatusPattern, error) {
	if len(e) != 3 || e[0] < '2' || e[0] > '5' || strings.Trim(e[1:], "0123456789X") != "" || e[1] == 'X' && e[2] != 'X' {
		return StatusPattern{}, errors.New("want a reply code such as 250, or a class such as 5xx or 55x")
	}
	tone := map[byte]Tone{'2': TonePositive, '3': ToneIntermediate, '4': ToneTransient, '5': TonePermanent}[e[0]]
	return StatusPattern{text: e, Tone: tone, Class: e[:1] + "xx"}, nil
}

// parseStatusPattern reads a POP3 status: "+OK", "-ERR", "+".
func (pop3Dialect) parseStatusPattern(e string) (StatusPattern, error) {
	tone, ok := map[string]Tone{"+OK": TonePositive, "-ERR": TonePermanent, "+": ToneIntermediate}[e]
	if !ok {
		return StatusPattern{}, errors.New("want +OK, -ERR or + for a POP3 reply")
	}
	return StatusPattern{text: e, Tone: tone, Class: e}, nil
}

// imapCountKinds are the untagged data that report the size of the
// selected mailbox (RFC 9051 7.4: EXISTS, EXPUNGE, and RFC 3501's RECENT).
var imapCountKinds = map[string]bool{"EXISTS": true, "RECENT": true, "EXPUNGE": true}

// Kind names what a reply is, for comparing a recorded exchange with a
// live one: the tagged status, "+" for a continuation request, the
// untagged kind with the atom of its response code ("OK [UIDVALIDITY]",
// "EXISTS", "FETCH"), or "malformed" for a line with no status.
func (r *Reply) Kind() string {
	switch {
	case r.Tag == "+":
		return "+"
	case r.Tone == ToneMalformed && r.Status == "":
		return "malformed"
	case r.RespCode != "":
		atom, _, _ := strings.Cut(r.RespCode, " ")
		return r.Status + " [" + strings.ToUpper(atom) + "]"
	}
	return r.Status
}

// Incidental reports untagged data a server sends whenever the mailbox
// changes, not because of the command (IMAP's EXISTS, RECENT, EXPUNGE): a
// replay compared with its recording may see them come, go or carry other
// numbers, which is a difference to show, not a failure.
func Incidental(r *Reply) bool {
	return r != nil && r.Protocol == IMAP && r.Tag == "*" && imapCountKinds[r.Status]
}
