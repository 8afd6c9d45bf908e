package lessons

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/protocol"
)

// heading marks the start of a lesson or a part.
func heading(s string) string { return "== " + s + " ==" }

// prompt is shown before each typed line, as the connect prompt names
// the connection: "[3/20] smtp> ", "[6/20] smtp+tls auth> " when the line
// answers a SASL challenge after STARTTLS, "[4/12] imap+tls INBOX> ".
func (r *runner) prompt() string {
	p := "smtp"
	if r.c != nil {
		p = promptLabel(r.c.context().Protocol, r.c.state(), r.c.inAuth(), r.o.Lang)
	}
	return "[" + strconv.Itoa(r.index+1) + "/" + strconv.Itoa(r.res.Steps) + "] " + p + "> "
}

// promptLabel names the state of a connection: the dialect's own label
// when it has one (protocol.Prompter), else the protocol, "+tls" once the
// connection is encrypted and " auth" in a SASL exchange.
func promptLabel(proto string, st protocol.State, auth bool, lang Lang) string {
	if d, ok := protocol.Lookup(protocol.Protocol(proto)); ok {
		if p, ok := d.(protocol.Prompter); ok {
			return p.Prompt(st, lang)
		}
	}
	if st.TLS {
		proto += "+tls"
	}
	if auth {
		proto += " auth"
	}
	return proto
}

// errNext says a meta command was handled: ask again.
var errNext = errors.New("ask again")

// meta handles the runner's own commands. skip reports :skip.
func (r *runner) meta(line string, s *Step, answer string) (skip bool, err error) {
	name, _, _ := strings.Cut(strings.TrimSpace(line), " ")
	switch strings.ToLower(name) {
	case ":answer":
		r.out.Text(msg(r.o.Lang, "answer", answer))
	case ":hint":
		r.showHint(s)
	case ":skip":
		r.out.Info(msg(r.o.Lang, "skipped"))
		return true, nil
	case ":quit", ":q", ":exit":
		return false, ErrQuit
	case ":help", ":h", ":?":
		r.out.Text(msg(r.o.Lang, "help"))
	default:
		return false, nil
	}
	return false, errNext
}

func (r *runner) showHint(s *Step) {
	if h := r.note(s.Hint); h != "" {
		r.out.Notice(r.out.hang(msg(r.o.Lang, "hint", ""), h))
		return
	}
	if len(s.Expect) > 0 {
		r.out.Notice(msg(r.o.Lang, "noHint", strings.Join(s.Expect, "  |  ")))
	}
}

// client runs a step where the student types one command.
func (r *runner) client(s *Step) error {
	answer := r.fillMsg(fillAccount(s.Client, r.acct))
	pats := r.compile(s.Expect)
	planned := ""
	if want, err := codec.Expand(answer, r.c.context()); err == nil {
		planned = r.plannedTag(want.Send)
	}
	if !r.auto {
		r.out.Info(msg(r.o.Lang, "type"))
	}
	for misses := 0; ; {
		typed, err := r.readLine(r.prompt(), answer, r.shownInClear)
		if err != nil {
			return err
		}
		if strings.TrimSpace(typed) == "" {
			continue
		}
		if r.o.Echo && strings.HasPrefix(typed, ":") && !isHelper(typed) {
			r.out.Info(typed)
		}
		skip, err := r.meta(typed, s, answer)
		switch {
		case errors.Is(err, errNext):
			r.lines.Keep(typed)
			continue
		case err != nil:
			return err
		}
		line := r.fillMsg(typed)
		if skip {
			line = answer
		}
		ctx := r.c.context()
		ctx.Lang = string(r.o.Lang) // the note shown after the line in the lesson's language
		exp, err := codec.Expand(line, ctx)
		if !r.auto && !skip {
			r.remember(typed, exp)
		}
		if err != nil {
			err = codec.Localize(err, string(r.o.Lang))
			if r.auto || skip { // the lesson's own answer failed: typing it again would fail again
				return fmt.Errorf("step answer %q: %w", answer, err)
			}
			r.out.Error(err)
			continue
		}
		if exp.Send == "" { // :unb64 shows and sends nothing
			if exp.Show != "" {
				r.out.Text(exp.Show)
			}
			continue
		}
		if skip || r.accept(exp, answer, pats) {
			r.count(skip)
			untagged := exp.Send
			exp = r.tagLine(exp, planned)
			switch {
			case skip && !r.o.Echo && !r.auto:
				r.out.Info(msg(r.o.Lang, "answer", shown(exp, r.c)))
			case exp.Send != untagged && (exp.Display == "" || exp.Display == exp.Send) && !r.holdsSecret(typed, exp) && !r.o.Echo && !r.auto: // on a terminal the tag is not seen otherwise
				r.out.Info(msg(r.o.Lang, "tagAdded", shown(exp, r.c), planned))
			}
			return r.c.send(exp)
		}
		if r.repeats(exp) {
			if err := r.sendAgain(exp); err != nil {
				return err
			}
			continue
		}
		misses++
		r.res.Misses++
		if r.o.Echo {
			r.out.Info(shown(exp, r.c))
		}
		r.out.Notice(msg(r.o.Lang, "miss"))
		r.showHint(s)
		if misses >= 2 {
			r.out.Info(msg(r.o.Lang, "stuck"))
		}
		if r.auto {
			return errors.New("the model answer does not match the step's expect patterns")
		}
	}
}

func (r *runner) count(skip bool) {
	switch {
	case skip:
		r.res.Skipped++
	case !r.auto:
		r.res.Right++
	case r.o.Auto:
		r.res.Right++
	}
}

func (r *runner) compile(src []string) []*Pattern {
	var pats []*Pattern
	for _, s := range src {
		if p, err := Compile(s, r.acct); err == nil {
			pats = append(pats, p)
		}
	}
	return pats
}

// accept says whether the expanded line does what the step asks: it is the
// model answer (its verb in any case), or it fits an expect pattern. In a
// tagged protocol the tags are left out of the comparison: the student
// may type one of their own, or none.
func (r *runner) accept(exp codec.Expansion, answer string, pats []*Pattern) bool {
	sent := strings.TrimSpace(r.untagged(exp.Send))
	if want, err := codec.Expand(answer, r.c.context()); err == nil && sameCommand(sent, strings.TrimSpace(r.untagged(want.Send)), want.Secret) {
		return true
	}
	for _, p := range pats {
		if p.Match(sent) || p.Match(exp.Send) {
			return true
		}
	}
	return false
}

// sameCommand compares a typed line with the model answer: the verb in any
// case; the rest in any case too unless it carries a credential.
func sameCommand(got, want string, secret bool) bool {
	gv, grest, _ := strings.Cut(got, " ")
	wv, wrest, _ := strings.Cut(want, " ")
	if secret {
		return got == want || strings.EqualFold(gv, wv) && grest == wrest && grest != ""
	}
	return strings.EqualFold(strings.Join(strings.Fields(got), " "), strings.Join(strings.Fields(want), " "))
}

// data runs a step where the student types a message body.
func (r *runner) data(s *Step) error {
	answer := fillAccount(s.Data, r.acct)
	pats := r.compile(s.Expect)
	if !r.auto {
		r.out.Info(msg(r.o.Lang, "typeData"))
	}
	for misses := 0; ; {
		lines, skip, err := r.readBody(s, answer)
		if err != nil {
			return err
		}
		fits := r.literalFits(lines)
		if skip && fits != "" {
			return fmt.Errorf("the model literal does not fit: %s", fits)
		}
		if skip || bodyMatches(lines, pats) && fits == "" {
			r.count(skip)
			if skip && !r.o.Echo && !r.auto {
				r.out.Text(strings.Join(lines, "\n") + "\n.")
			}
			if r.tagged {
				return r.sendLiteral(lines)
			}
			return r.c.sendData(lines)
		}
		misses++
		r.res.Misses++
		if fits != "" {
			r.out.Notice(fits)
		}
		r.out.Notice(msg(r.o.Lang, "missData"))
		r.showHint(s)
		if misses >= 2 {
			r.out.Info(msg(r.o.Lang, "stuck"))
		}
		if r.auto {
			return errors.New("the model body does not match the step's expect patterns, or not the literal's size")
		}
	}
}

// readBody reads body lines up to a line holding only ".". A meta command
// on the first line is handled; :skip returns the model body.
func (r *runner) readBody(s *Step, answer string) (lines []string, skip bool, err error) {
	model := bodyLines(answer)
	if r.auto {
		return model, false, nil
	}
	prompt := "" // piped: no prompt before each body line
	switch {
	case r.o.Lines != nil && r.tagged:
		prompt = "literal> "
	case r.o.Lines != nil:
		prompt = "data> "
	}
	for {
		line, err := r.readLine(prompt, "", nil)
		if err != nil {
			return nil, false, err
		}
		if line == "." {
			return lines, false, nil
		}
		if len(lines) == 0 && strings.HasPrefix(line, ":") {
			skip, err := r.meta(line, s, "\n"+strings.TrimSuffix(answer, "\n")+"\n.")
			switch {
			case errors.Is(err, errNext):
				continue
			case err != nil:
				return nil, false, err
			case skip:
				return model, true, nil
			}
		}
		lines = append(lines, line)
	}
}

func bodyLines(body string) []string {
	body = strings.TrimSuffix(body, "\n")
	if body == "" {
		return nil
	}
	return strings.Split(body, "\n")
}

// bodyMatches says whether every pattern matches at least one line.
func bodyMatches(lines []string, pats []*Pattern) bool {
	for _, p := range pats {
		found := false
		for _, l := range lines {
			if p.Match(l) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// isHelper reports a codec helper line (":b64 ...").
func isHelper(line string) bool {
	name, _, _ := strings.Cut(strings.TrimPrefix(line, ":"), " ")
	switch strings.ToLower(name) {
	case "b64", "unb64", "plain", "cram", "apop":
		return true
	}
	return false
}

// shown is a typed line as it may be shown: masked when it holds a secret.
func shown(exp codec.Expansion, c conn) string {
	switch {
	case exp.Secret && exp.Display != "":
		return exp.Display
	case exp.Secret || c.inAuth():
		return protocol.Redacted
	}
	redacted, _, _ := protocol.RedactIn(protocol.Protocol(c.context().Protocol), exp.Send, c.state())
	return redacted
}
