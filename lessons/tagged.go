package lessons

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// In a protocol that tags its commands (IMAP, whose framer is a
// protocol.Tagger) the runner tags what the student types as the prompt
// does: a line that starts with a command name gets the tag the lesson
// recorded for that command ("a1", "a2", … as the prompt numbers them, or
// the tag the model answer carries); a line with a tag of its own is sent
// as typed, and the recorded replies of that command are read with the
// student's tag. Lines that continue a command (a SASL answer, literal
// text, DONE) are never tagged.

// tagged reports whether the protocol tags its commands.
func tagged(p protocol.Protocol) bool {
	d, ok := protocol.Lookup(p)
	if !ok {
		return false
	}
	_, ok = d.NewFramer().(protocol.Tagger)
	return ok
}

// startsCommand reports whether line starts with a command name of the
// protocol and no tag, as its tagger reads a line typed at a command.
func startsCommand(p protocol.Protocol, line string) bool {
	d, ok := protocol.Lookup(p)
	if !ok {
		return false
	}
	t, ok := d.NewFramer().(protocol.Tagger)
	if !ok {
		return false
	}
	_, added := t.AutoTag(line)
	return added
}

// atCommand reports whether the next line starts a command: no SASL
// answer, literal text or IDLE's DONE is due, and no command line is
// waiting for its rest.
func (r *runner) atCommand() bool {
	st := r.c.state()
	return r.c.mode() == session.ModeCommand && st.Continuing == "" && st.Literal == 0
}

// proto is the protocol of the part being run.
func (r *runner) proto() protocol.Protocol { return protocol.Protocol(r.c.context().Protocol) }

// splitTag splits a command line of a tagged protocol into its tag and
// the rest; tag is "" when the line has none, or continues a command.
func (r *runner) splitTag(line string) (tag, rest string) {
	line = strings.TrimLeft(line, " \t")
	if !r.tagged || !r.atCommand() || startsCommand(r.proto(), line) {
		return "", line
	}
	tag, rest, _ = strings.Cut(line, " ")
	if rest = strings.TrimLeft(rest, " "); rest != "" && startsCommand(r.proto(), rest) {
		return tag, rest
	}
	return "", line
}

// plannedTag is the tag the lesson recorded for the command of a model
// answer (the expanded line): its own tag, or the next one the prompt
// would give; "" when the line starts no command.
func (r *runner) plannedTag(model string) string {
	if !r.tagged || !r.atCommand() {
		return ""
	}
	if startsCommand(r.proto(), strings.TrimLeft(model, " \t")) {
		return "a" + strconv.Itoa(r.maxTag+1)
	}
	tag, _ := r.splitTag(model)
	return tag
}

// tagLine puts the planned tag before a typed command that has none, and
// notes under which tag the recorded replies of the command come when the
// student gave a tag of their own.
func (r *runner) tagLine(exp codec.Expansion, planned string) codec.Expansion {
	if planned == "" {
		return exp
	}
	if n, err := strconv.Atoi(strings.TrimPrefix(planned, "a")); err == nil && strings.HasPrefix(planned, "a") {
		r.maxTag = max(r.maxTag, n)
	}
	own, _ := r.splitTag(exp.Send)
	switch {
	case own == "" && exp.Display == "":
		exp.Send = planned + " " + exp.Send
	case own == "":
		exp = exp.WithTag(planned)
	case own != planned:
		r.retags[planned] = own
	}
	return exp
}

// retag rewrites the recorded tags of commands the student tagged
// otherwise, at the start of each recorded line.
func (r *runner) retag(text string) string {
	if len(r.retags) == 0 {
		return text
	}
	lines := strings.SplitAfter(text, "\n")
	for i, l := range lines {
		tag, rest, ok := strings.Cut(l, " ")
		if own, found := r.retags[tag]; ok && found {
			lines[i] = own + " " + rest
		}
	}
	return strings.Join(lines, "")
}

// untagged is the typed line without its tag, for comparing with the
// model answer and the patterns.
func (r *runner) untagged(line string) string {
	_, rest := r.splitTag(line)
	return rest
}

// isStatus reports a tagged completion: neither untagged data nor a
// continuation request.
func isStatus(rep *protocol.Reply) bool {
	return rep.Tag != "" && rep.Tag != "*" && rep.Tag != "+"
}

// taggedStatuses are the statuses an accept entry may name in a tagged
// protocol.
var taggedStatuses = map[string]bool{"OK": true, "NO": true, "BAD": true}

// checkTaggedAccept validates the accept list of an IMAP server step: it
// names tagged statuses (OK, NO, BAD), and the step records a tagged
// completion they stand in for.
func checkTaggedAccept(s *Step) string {
	for _, a := range s.Accept {
		if !taggedStatuses[strings.ToUpper(strings.TrimSpace(a))] {
			return fmt.Sprintf("accept %q: want OK, NO or BAD, the status of a tagged completion", a)
		}
	}
	off, err := session.NewOffline(session.Target{Protocol: protocol.IMAP}, session.Options{}, time.Now())
	if err == nil {
		if events, _ := receive(off, s.Server, s.Wire); len(events) > 0 {
			for _, e := range events {
				if isStatus(e.Reply) {
					return ""
				}
			}
		}
	}
	return fmt.Sprintf("accept: the step %q records no tagged completion (OK, NO or BAD) another could stand for", short(s.Server))
}

// literalFits says, in the run's language, why lines typed as literal text
// (IMAP) do not make the literal the command announced: each line counts
// its bytes and CRLF, and together they must be its size. "" when they
// do, or when no literal is due.
func (r *runner) literalFits(lines []string) string {
	if !r.tagged {
		return ""
	}
	left, size := r.c.state().Literal, int64(0)
	for _, l := range lines {
		size += int64(len(l)) + 2
	}
	if size == left {
		return ""
	}
	return msg(r.o.Lang, "literalSize", left, size)
}

// sendLiteral sends literal text line by line (the framer counts its
// bytes) and then the empty line that ends the command line.
func (r *runner) sendLiteral(lines []string) error {
	for _, l := range lines {
		if err := r.c.send(codec.Expansion{Send: l}); err != nil {
			return err
		}
	}
	if st := r.c.state(); st.Input == protocol.InputCommand && st.Literal == 0 && st.Continuing != "" {
		if err := r.c.send(codec.Expansion{Send: ""}); err != nil {
			return err
		}
		if !r.auto {
			r.out.Info(msg(r.o.Lang, "literalEnd"))
		}
	}
	return nil
}
