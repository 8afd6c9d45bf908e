package proxy

import (
	"errors"
	"fmt"
	"strings"
)

// Rule answers a client command with a chosen reply instead of forwarding
// it: --inject 'RCPT=451 4.3.0 try later'. In a tagged protocol (IMAP) the
// command's tag is put in front of the reply ("a3 NO [UNAVAILABLE] later").
type Rule struct {
	Verb  string   // the command it answers, upper case ("RCPT")
	Reply []string // the reply's lines, without line endings
	// Times is how many commands it answers before it stops; 0 is every one.
	Times int
}

// ErrBadRule is returned by ParseRule for a rule it cannot read.
var ErrBadRule = errors.New("bad --inject rule")

// ParseRule reads a rule as --inject takes it: VERB=REPLY, where a literal
// "\n" in REPLY separates the lines of a multi-line reply, and VERB may end
// in "*N" to answer only its first N commands ("RCPT*1=451 4.3.0 later").
func ParseRule(text string) (Rule, error) {
	verb, reply, ok := strings.Cut(text, "=")
	verb = strings.TrimSpace(verb)
	if !ok || verb == "" || strings.TrimSpace(reply) == "" {
		return Rule{}, fmt.Errorf("%w %q: want VERB=REPLY, such as RCPT=451 4.3.0 try later", ErrBadRule, text)
	}
	r := Rule{}
	if name, times, ok := strings.Cut(verb, "*"); ok {
		var n int
		if _, err := fmt.Sscanf(times, "%d", &n); err != nil || n < 1 || fmt.Sprint(n) != times {
			return Rule{}, fmt.Errorf("%w %q: after * give how many commands it answers, such as RCPT*1", ErrBadRule, text)
		}
		verb, r.Times = name, n
	}
	if strings.ContainsAny(verb, " \t\r\n") {
		return Rule{}, fmt.Errorf("%w %q: the command is one word", ErrBadRule, text)
	}
	r.Verb = strings.ToUpper(verb)
	for _, l := range strings.Split(reply, `\n`) {
		if strings.ContainsAny(l, "\r\n") {
			return Rule{}, fmt.Errorf("%w %q: a reply line holds a CR or LF", ErrBadRule, text)
		}
		r.Reply = append(r.Reply, l)
	}
	return r, nil
}

// injector applies rules to the commands of one connection.
type injector struct {
	rules []Rule
	used  []int // how many commands each rule answered
}

func newInjector(rules []Rule) *injector {
	return &injector{rules: rules, used: make([]int, len(rules))}
}

// match returns the reply lines for a command of that verb, with tag (""
// in untagged protocols) put in front of the first line, or nil to forward.
func (in *injector) match(verb, tag string) []string {
	for i, r := range in.rules {
		if r.Verb != verb || r.Times > 0 && in.used[i] >= r.Times {
			continue
		}
		in.used[i]++
		out := append([]string(nil), r.Reply...)
		if tag != "" {
			for j := range out {
				if !strings.HasPrefix(out[j], "* ") { // untagged data stays untagged
					out[j] = tag + " " + out[j]
				}
			}
		}
		return out
	}
	return nil
}
