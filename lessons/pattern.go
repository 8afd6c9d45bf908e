package lessons

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/mailtutor/mailtutor/codec"
)

// Pattern is a compiled expectation.
type Pattern struct {
	Source string
	re     *regexp.Regexp
}

// Match reports whether line (surrounding spaces ignored) fits the pattern.
func (p *Pattern) Match(line string) bool { return p.re.MatchString(strings.TrimSpace(line)) }

// Compile turns an expectation into a matcher. The pattern language:
//
//   - literal text matches without regard to case; a run of spaces matches
//     one or more spaces, and a ":" may be followed by spaces
//     ("MAIL FROM:<{addr}>" accepts "mail from: <a@b.example>");
//   - {any} any text, also none; {word} one word; {n} a number;
//     {host} a host name or an address literal ("[127.0.0.1]");
//     {addr} any address (local@domain); {local} a local part;
//     {b64} any base64 text; {hex} hex digits;
//   - the student's own account: {user}, {pass}, {domain}, {me}
//     (user@domain); {b64:user} and {b64:pass} their base64 forms
//     ({b64:user} also accepts base64 of user@domain); {plain} the SASL
//     PLAIN response for the account (RFC 4616), with or without the domain;
//   - a pattern starting with "re:" is a Go regular expression, used as is.
//
// A pattern matches the whole line (after helpers are expanded). For a data
// step each pattern must match at least one line of the body.
func Compile(pattern string, acct Account) (*Pattern, error) {
	if rest, ok := strings.CutPrefix(pattern, "re:"); ok {
		re, err := regexp.Compile(`^(?:` + strings.TrimSpace(rest) + `)$`)
		if err != nil {
			return nil, fmt.Errorf("expect %q: %w", pattern, err)
		}
		return &Pattern{Source: pattern, re: re}, nil
	}
	var b strings.Builder
	b.WriteString("^")
	rest := strings.TrimSpace(pattern)
	for rest != "" {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			b.WriteString(literal(rest))
			break
		}
		b.WriteString(literal(rest[:open]))
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return nil, fmt.Errorf("expect %q: a '{' without its '}'", pattern)
		}
		name := rest[open+1 : open+end]
		re, err := placeholder(name, acct)
		if err != nil {
			return nil, fmt.Errorf("expect %q: %w", pattern, err)
		}
		b.WriteString(re)
		rest = rest[open+end+1:]
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("expect %q: %w", pattern, err)
	}
	return &Pattern{Source: pattern, re: re}, nil
}

var spaces = regexp.MustCompile(`\s+`)

// literal is the regexp of literal pattern text: any case, flexible
// spaces; after a ":" spaces are optional.
func literal(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	prev := ""
	for i, chunk := range spaces.Split(s, -1) {
		if i > 0 {
			if strings.HasSuffix(prev, ":") {
				b.WriteString(`\s*`)
			} else {
				b.WriteString(`\s+`)
			}
		}
		q := regexp.QuoteMeta(chunk)
		q = strings.ReplaceAll(q, ":", `:\s*`)
		if q != "" {
			b.WriteString("(?i:" + q + ")")
		}
		prev = chunk
	}
	return b.String()
}

// placeholder is the regexp of one {name}.
func placeholder(name string, acct Account) (string, error) {
	fold := func(s string) string { return "(?i:" + regexp.QuoteMeta(s) + ")" }
	exact := func(alts ...string) string {
		for i, a := range alts {
			alts[i] = regexp.QuoteMeta(a)
		}
		return "(?:" + strings.Join(alts, "|") + ")"
	}
	me := acct.User + "@" + acct.Domain
	switch name {
	case "any":
		return `.*`, nil
	case "word":
		return `\S+`, nil
	case "n":
		return `[0-9]+`, nil
	case "host":
		return `(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*)|\[[^\]\s]+\])`, nil
	case "addr":
		return `[^\s<>@]+@[A-Za-z0-9.-]+`, nil
	case "local":
		return `[^\s<>@]+`, nil
	case "b64":
		return `[A-Za-z0-9+/]+=*`, nil
	case "hex":
		return `[0-9A-Fa-f]+`, nil
	case "user":
		return fold(acct.User), nil
	case "pass":
		return exact(acct.Password), nil
	case "domain":
		return fold(acct.Domain), nil
	case "me":
		return fold(me), nil
	case "b64:user":
		return exact(codec.B64(acct.User), codec.B64(me)), nil
	case "b64:pass":
		return exact(codec.B64(acct.Password)), nil
	case "plain":
		return exact(codec.PlainResponse("", acct.User, acct.Password), codec.PlainResponse("", me, acct.Password)), nil
	}
	return "", fmt.Errorf("unknown placeholder {%s} (known: any word n host addr local b64 hex user pass domain me b64:user b64:pass plain)", name)
}

// fillAccount replaces {user}, {pass}, {domain} and {me} in a model answer
// by the student's account. Other braces (codec inline helpers such as
// {b64:TEXT}) are left for the codec.
func fillAccount(s string, acct Account) string {
	return strings.NewReplacer("{user}", acct.User, "{pass}", acct.Password,
		"{domain}", acct.Domain, "{me}", acct.User+"@"+acct.Domain).Replace(s)
}
