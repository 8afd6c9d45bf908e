package protocol

import "strings"

// finish hands out the response being framed and applies its effects.
func (f *imapFramer) finish() *Reply {
	r, h := f.cur, f.head
	f.cur, f.head, f.lit, f.litBinary = nil, imapHead{}, 0, false
	f.part, f.partLen, f.partCR = nil, 0, false
	greeting := !f.greeted && h.kind == imapStatus && (h.status == "OK" || h.status == "PREAUTH" || h.status == "BYE")
	if !f.greeted && !greeting && h.kind != imapMalformed {
		f.curProbs.add(probIMAPGreeting, snippet(r.Lines[0]))
	}
	f.greeted = true
	switch h.kind {
	case imapTagged:
		f.completed(r, h)
	case imapCont:
		f.continued(r, h)
	default:
		f.untagged(r, h, greeting)
	}
	r.Problems = f.curProbs.strings()
	r.problems = f.curProbs
	f.curProbs = nil
	return r
}

// untagged applies an untagged response (status, data or malformed);
// greeting says it is the server's greeting.
func (f *imapFramer) untagged(r *Reply, h imapHead, greeting bool) {
	st := &f.state
	r.Pending = !greeting
	switch {
	case greeting:
		st.Greeting = h.text
		st.LoggedIn = st.LoggedIn || h.status == "PREAUTH"
	case h.kind == imapStatus && h.status == "BAD" && len(f.pending) > 0 && !validTag(f.pending[0].tag):
		// The answer to a line without a valid tag (a blank line, "a*1
		// NOOP"), which no tagged response can complete (RFC 9051 7.1.3).
		cmd := f.pending[0]
		f.pending = f.pending[1:]
		r.Pending, r.Command, st.Previous = false, cmd.line, cmd.line
	default:
		r.Command = f.oldest()
	}
	r.Tone = imapTone(h, f.loggingOut())
	switch {
	case h.kind == imapData && h.status == "CAPABILITY":
		f.capabilities(h.text)
	case h.kind != imapStatus:
	case h.status == "BYE":
		st.Ended = true
	case h.status == "OK" && codeName(h.code) == "CLOSED":
		st.Mailbox, st.ReadOnly = "", false
	}
	f.codeCapabilities(h)
}

// completed applies a tagged response: it completes the oldest command
// sent with that tag.
func (f *imapFramer) completed(r *Reply, h imapHead) {
	r.Tone = imapTone(h, false)
	f.codeCapabilities(h)
	cmd := f.take(h.tag)
	if cmd == nil {
		f.curProbs.add(probIMAPTagNeverSent, h.tag)
		r.Pending = true // it completes nothing: the commands sent still await their replies
		return
	}
	st := &f.state
	r.Command, st.Previous = cmd.line, cmd.line
	if cmd == f.cont || cmd == f.sending {
		if cmd == f.sending {
			f.sending, st.Literal, st.Continuing = nil, 0, ""
		}
		f.cont = nil
		st.Input, st.Challenge, st.Mechanism = InputCommand, "", ""
	}
	f.commandEffects(r, h, cmd)
}

// commandEffects is how the completion of a command changes the state:
// login, mailbox selected or closed, logout, TLS agreed.
func (f *imapFramer) commandEffects(r *Reply, h imapHead, cmd *imapCmd) {
	st := &f.state
	ok := h.status == "OK"
	switch cmd.verb {
	case "LOGIN", "AUTHENTICATE":
		st.LoggedIn = st.LoggedIn || ok
	case "SELECT", "EXAMINE":
		switch {
		case ok:
			code := codeName(h.code)
			st.Mailbox = canonicalMailbox(cmd.mailbox)
			st.ReadOnly = code == "READ-ONLY" || cmd.verb == "EXAMINE" && code != "READ-WRITE"
		case h.status == "NO": // the old mailbox was closed first (RFC 9051 6.3.2)
			st.Mailbox, st.ReadOnly = "", false
		}
	case "CLOSE", "UNSELECT":
		if ok {
			st.Mailbox, st.ReadOnly = "", false
		}
	case "LOGOUT":
		st.Ended = st.Ended || ok
	case "STARTTLS":
		if ok {
			r.StartTLS, st.LoggedIn = true, false
		}
	}
}

// continued applies a "+" continuation request: it answers the command
// that waits for one.
func (f *imapFramer) continued(r *Reply, h imapHead) {
	r.Pending, r.Tone = true, ToneIntermediate
	cmd := f.cont
	if cmd == nil {
		f.curProbs.add(probIMAPContUnasked)
		r.Command = f.oldest()
		return
	}
	r.Command = cmd.line
	st := &f.state
	switch cmd.awaits {
	case awaitSASL:
		st.Input, st.Challenge, st.Mechanism = InputSASL, strings.TrimSpace(h.text), cmd.mech
	case awaitLiteral:
		cmd.awaits, f.cont = awaitNothing, nil
		if st.Literal > 0 {
			st.Input = InputLiteral
		}
	case awaitIdle:
		st.Input = InputIdle
	}
}

// imapTone says how a response went. NO is transient when its code says
// the failure is temporary (RFC 5530 3).
func imapTone(h imapHead, loggingOut bool) Tone {
	switch h.kind {
	case imapMalformed:
		return ToneMalformed
	case imapCont:
		return ToneIntermediate
	case imapData:
		return TonePositive
	}
	switch h.status {
	case "OK", "PREAUTH":
		return TonePositive
	case "NO":
		if transientCodes[codeName(h.code)] {
			return ToneTransient
		}
	case "BYE":
		if loggingOut {
			return TonePositive
		}
	}
	return TonePermanent
}

// transientCodes are the response codes of a NO that may work later.
var transientCodes = map[string]bool{
	"UNAVAILABLE": true, "INUSE": true, "LIMIT": true, "OVERQUOTA": true, "EXPUNGEISSUED": true,
}

// codeName is the first atom of a response code, upper-cased.
func codeName(code string) string {
	name, _, _ := strings.Cut(code, " ")
	return strings.ToUpper(name)
}

// codeCapabilities takes the capabilities of a [CAPABILITY …] code.
func (f *imapFramer) codeCapabilities(h imapHead) {
	if codeName(h.code) == "CAPABILITY" && (h.kind == imapStatus || h.kind == imapTagged) {
		_, list, _ := strings.Cut(h.code, " ")
		f.capabilities(list)
	}
}

// capabilities records what the server advertised (RFC 9051 7.2.2); the
// SASL mechanisms are the AUTH= atoms.
func (f *imapFramer) capabilities(list string) {
	st := &f.state
	st.Extensions, st.Advertised, st.Mechanisms = strings.Fields(list), true, nil
	for _, c := range st.Extensions {
		if len(c) > 5 && strings.EqualFold(c[:5], "AUTH=") {
			st.Mechanisms = append(st.Mechanisms, strings.ToUpper(c[5:]))
		}
	}
}

// take removes the oldest pending command with that tag and returns it.
func (f *imapFramer) take(tag string) *imapCmd {
	for i, c := range f.pending {
		if c.tag == tag {
			f.pending = append(f.pending[:i:i], f.pending[i+1:]...)
			return c
		}
	}
	return nil
}

// oldest is the line of the oldest pending command, "" if none.
func (f *imapFramer) oldest() string {
	if len(f.pending) == 0 {
		return ""
	}
	return f.pending[0].line
}

func (f *imapFramer) loggingOut() bool {
	for _, c := range f.pending {
		if c.verb == "LOGOUT" {
			return true
		}
	}
	return false
}

// canonicalMailbox is a mailbox name as the server knows it: INBOX is
// case-insensitive (RFC 9051 5.1), so "select inbox" selects "INBOX";
// every other name is case-sensitive and kept as typed.
func canonicalMailbox(name string) string {
	if strings.EqualFold(name, "INBOX") {
		return "INBOX"
	}
	return name
}
