package prompt

import (
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// completer offers the protocol's commands, the extensions the server
// advertised, AUTH mechanisms and the prompt's helpers.
type completer struct {
	s *session.Session
}

var helperWords = []string{":b64 ", ":unb64 ", ":plain ", ":cram ", ":apop ", ":help ", ":helpers", ":status", ":save ", ":quit"}

// Do implements readline.AutoCompleter.
func (c *completer) Do(line []rune, pos int) ([][]rune, int) {
	typed := string(line[:pos])
	if c.s.Mode() == session.ModeData {
		return nil, 0
	}
	var cands []string
	upper := strings.ToUpper(typed)
	if !strings.Contains(typed, " ") {
		cands = c.words()
		if strings.HasPrefix(typed, ":") {
			cands = helperWords
			upper = typed
		}
	} else if strings.HasPrefix(upper, "AUTH ") && strings.Count(typed, " ") == 1 {
		cands = c.mechanisms()
	} else if strings.HasPrefix(typed, ":help ") && strings.Count(typed, " ") == 1 {
		for _, w := range c.words() {
			cands = append(cands, ":help "+strings.TrimSpace(w))
		}
	}
	var out [][]rune
	for _, w := range cands {
		if strings.HasPrefix(strings.ToUpper(w), strings.ToUpper(upper)) && len(w) > len(typed) {
			out = append(out, []rune(w[len(typed):]))
		}
	}
	return out, len([]rune(typed))
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
		switch cmd.Name {
		case "MAIL":
			add("MAIL FROM:<")
		case "RCPT":
			add("RCPT TO:<")
		default:
			if !cmd.Obsolete {
				add(cmd.Name + " ")
			}
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

func (c *completer) mechanisms() []string {
	var out []string
	for _, ext := range c.s.Extensions() {
		f := strings.Fields(ext)
		if len(f) == 2 && (f[0] == "AUTH" || f[0] == "SASL") {
			out = append(out, "AUTH "+f[1])
		}
	}
	if len(out) == 0 {
		out = []string{"AUTH PLAIN", "AUTH LOGIN", "AUTH CRAM-MD5"}
	}
	return out
}

func isVerb(p protocol.Protocol, w string) bool {
	_, ok := protocol.LookupCommand(p, w)
	return ok
}
