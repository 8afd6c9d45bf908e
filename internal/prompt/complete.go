package prompt

import (
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// completer offers the protocol's commands, the extensions the server
// advertised, AUTH mechanisms and the prompt's helpers.
type completer struct {
	session func() *session.Session // the prompt's session now (:connect changes it)
	s       *session.Session        // the session of the completion under way
}

var helperWords = []string{":b64 ", ":unb64 ", ":plain ", ":cram ", ":apop ", ":login ", ":unmutf7 ", ":append ", ":help ", ":helpers", ":status", ":cert", ":save ", ":connect ", ":quit"}

// Do implements readline.AutoCompleter.
func (c *completer) Do(line []rune, pos int) ([][]rune, int) {
	if c.session != nil {
		c.s = c.session()
	}
	typed := string(line[:pos])
	if m := c.s.Mode(); m == session.ModeData || m == session.ModeLiteral {
		return nil, 0 // message text
	}
	var cands []string
	upper := strings.ToUpper(typed)
	if !strings.Contains(typed, " ") {
		cands = c.words()
		if strings.HasPrefix(typed, ":") {
			cands = helperWords
			upper = typed
		}
	} else if verb := c.saslVerb(); verb != "" && strings.HasPrefix(upper, verb+" ") && strings.Count(typed, " ") == 1 {
		cands = c.mechanisms(verb)
	} else if strings.HasPrefix(typed, ":help ") && strings.Count(typed, " ") == 1 {
		for _, w := range c.words() {
			cands = append(cands, ":help "+strings.TrimSpace(w))
		}
	}
	var out [][]rune
	for _, w := range cands {
		if strings.HasPrefix(strings.ToUpper(w), strings.ToUpper(upper)) && len(w) > len(typed) {
			out = append(out, []rune(inCaseOf(typed, w[len(typed):])))
		}
	}
	return out, len([]rune(typed))
}

// inCaseOf returns the rest of a completion in the case the user started
// with, judged by the last letter typed: "ma" → "il from:<", ":ST" →
// "ATUS"; as offered when no letter was typed.
func inCaseOf(typed, rest string) string {
	for i := len(typed) - 1; i >= 0; i-- {
		c := typed[i]
		switch {
		case c >= 'a' && c <= 'z':
			return strings.ToLower(rest)
		case c >= 'A' && c <= 'Z':
			return strings.ToUpper(rest)
		}
	}
	return rest
}

// words are the command verbs with a useful continuation.
func (c *completer) words() []string {
	p := c.s.Target().Protocol
	seen := map[string]bool{}
	var out []string
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	for _, cmd := range protocol.Commands(p) {
		switch {
		case cmd.Completion != "":
			add(cmd.Completion)
		case !cmd.Obsolete:
			add(cmd.Name + " ")
		}
	}
	for _, ext := range c.s.Extensions() {
		w := strings.Fields(ext)
		if len(w) == 1 && isVerb(p, w[0]) {
			add(w[0] + " ")
		}
	}
	return out
}

// saslVerb is the command that starts a SASL exchange in this protocol.
func (c *completer) saslVerb() string { return c.s.Dialect().Auth().SASLVerb }

// mechanisms offers the SASL mechanisms the server advertised, or the
// three the helpers know when it advertised none.
func (c *completer) mechanisms(verb string) []string {
	mechs := c.s.State().Mechanisms
	if len(mechs) == 0 {
		mechs = []string{"PLAIN", "LOGIN", "CRAM-MD5"}
	}
	out := make([]string, len(mechs))
	for i, m := range mechs {
		out[i] = verb + " " + m
	}
	return out
}

func isVerb(p protocol.Protocol, w string) bool {
	_, ok := protocol.LookupCommand(p, w)
	return ok
}
