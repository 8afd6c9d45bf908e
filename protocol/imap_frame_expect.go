package protocol

import (
	"strconv"
	"strings"
)

// Expect notes a client line. A line that starts a command is queued by
// its tag; a SASL answer, literal text, the rest of a command line after a
// literal and DONE after IDLE continue a pending command (Continues).
func (f *imapFramer) Expect(line string) Expected {
	st := &f.state
	switch {
	case st.Literal > 0 && f.sending != nil:
		f.literalText(line)
	case st.Input == InputSASL:
		st.Input, st.Challenge = InputCommand, ""
	case st.Input == InputIdle || f.cont != nil && f.cont.awaits == awaitIdle:
		st.Input = InputCommand
		if f.cont != nil {
			f.cont.awaits, f.cont = awaitNothing, nil
		}
	case f.sending != nil:
		f.continueLine(line)
	default:
		return f.command(line)
	}
	return Expected{Continues: true}
}

// command starts a command: "tag VERB arguments".
func (f *imapFramer) command(line string) Expected {
	red, _, _ := redactIMAP(line, State{})
	toks := imapTokens(line)
	cmd := &imapCmd{line: red}
	if len(toks) > 0 {
		cmd.tag = line[toks[0].start:toks[0].end]
		f.noteTag(cmd.tag)
	}
	if len(toks) > 1 {
		cmd.verb = strings.ToUpper(line[toks[1].start:toks[1].end])
		cmd.args = len(toks) - 2
	}
	switch cmd.verb {
	case "SELECT", "EXAMINE":
		if len(toks) > 2 && !toks[2].literal {
			cmd.mailbox = unquoteIMAP(line[toks[2].start:toks[2].end])
		}
	case "AUTHENTICATE":
		if len(toks) > 2 {
			cmd.mech = strings.ToUpper(line[toks[2].start:toks[2].end])
		}
		cmd.awaits, f.cont = awaitSASL, cmd
	case "IDLE":
		cmd.awaits, f.cont = awaitIdle, cmd
	}
	f.pending = append(f.pending, cmd)
	f.lineSent(cmd, line)
	return Expected{StartTLS: cmd.verb == "STARTTLS"}
}

// lineSent looks at the end of a command line (or of its rest after a
// literal): a literal announced there is owed next, else the command is
// all sent.
func (f *imapFramer) lineSent(cmd *imapCmd, text string) {
	st := &f.state
	lit, ok, _, _ := trailingLiteral(text)
	if !ok {
		f.sending, st.Continuing = nil, ""
		return
	}
	f.sending, st.Literal, st.Continuing = cmd, lit.size, cmd.line
	if lit.nonSync {
		if lit.size > 0 {
			st.Input = InputLiteral
		}
		return
	}
	cmd.awaits, f.cont = awaitLiteral, cmd
}

// literalText counts a line of literal text: its bytes and CRLF. When the
// literal ends inside the line, the rest continues the command line.
func (f *imapFramer) literalText(line string) {
	st := &f.state
	n := int64(len(line))
	if n+2 <= st.Literal {
		f.literalArg(line)
		st.Literal -= n + 2
		if st.Literal == 0 && st.Input == InputLiteral {
			st.Input = InputCommand
		}
		return
	}
	k := min(st.Literal, n)
	f.literalArg(line[:k])
	st.Literal = 0
	if st.Input == InputLiteral {
		st.Input = InputCommand
	}
	f.continueLine(line[k:])
}

// literalArg keeps the mailbox name SELECT or EXAMINE sends as a literal.
func (f *imapFramer) literalArg(text string) {
	cmd := f.sending
	if (cmd.verb == "SELECT" || cmd.verb == "EXAMINE") && cmd.args == 1 && len(cmd.mailbox) < 1000 {
		cmd.mailbox += text
	}
}

// continueLine takes the rest of a command line after a literal.
func (f *imapFramer) continueLine(text string) {
	cmd := f.sending
	red, _ := redactArgs(cmd.verb, cmd.args+1, text)
	cmd.line += red
	cmd.args += len(imapTokens(text))
	f.lineSent(cmd, text)
}

// AutoTag puts the next free tag, "a1", "a2", …, in front of a line that
// starts with a command name and no tag; see [Tagger]. The tag is taken
// when the line is sent (Expect), so asking twice gives the same tag.
func (f *imapFramer) AutoTag(line string) (string, bool) {
	st := f.state
	if st.Input != InputCommand || st.Continuing != "" || f.cont != nil && f.cont.awaits == awaitIdle {
		return line, false
	}
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return line, false
	}
	if _, verb := imapVerbs[strings.ToUpper(fields[0])]; !verb {
		return line, false
	}
	return "a" + strconv.Itoa(f.lastTag+1) + " " + strings.TrimLeft(line, " \t"), true
}

// noteTag remembers the number of a tag "an", so that AutoTag never gives
// a tag already used.
func (f *imapFramer) noteTag(tag string) {
	if len(tag) < 2 || len(tag) > 10 || tag[0] != 'a' || !isNumber(tag[1:]) {
		return
	}
	if n, err := strconv.Atoi(tag[1:]); err == nil && n > f.lastTag {
		f.lastTag = n
	}
}
