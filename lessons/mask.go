package lessons

import (
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
)

// shownInClear is how much of the line being typed a terminal shows: as
// the connect prompt does, only what is a secret is masked. The runner's
// own commands (:answer, :hint) and a user name (the answer to a
// "Username:" challenge, the user of :plain, :cram or :apop) stay
// readable; a password, the argument of PASS, APOP's digest, an AUTH
// initial response and any other answer to a challenge are masked from
// their first character.
func (r *runner) shownInClear(line string) int {
	if r.c == nil {
		return len(line)
	}
	proto, st := protocol.Protocol(r.c.context().Protocol), r.c.state()
	if st.Input == protocol.InputBody {
		return len(line)
	}
	if rest, ok := strings.CutPrefix(strings.TrimLeft(line, " "), ":"); ok {
		return len(line) - len(rest) + helperInClear(rest, r.c.inAuth() && !userChallenge(proto, st))
	}
	redacted, kind, secret := protocol.RedactIn(proto, line, st)
	switch {
	case !secret, kind == protocol.SecretUsername:
		return len(line)
	}
	if keep, ok := strings.CutSuffix(redacted, protocol.Redacted); ok && strings.HasPrefix(line, keep) {
		return len(keep)
	}
	return 0 // the mark does not line up with what was typed: hide it all
}

// userChallenge reports a SASL challenge that asks for the user name.
func userChallenge(proto protocol.Protocol, st protocol.State) bool {
	_, kind, _ := protocol.RedactIn(proto, "x", st)
	return kind == protocol.SecretUsername
}

// helperInClear is how much of a line after its ":" stays readable: a
// runner command or :unb64 all of it; :plain, :cram and :apop their user
// name; :b64 all of it, unless it answers a challenge for a secret.
func helperInClear(rest string, secretAnswer bool) int {
	name, args, spaced := strings.Cut(rest, " ")
	switch strings.ToLower(name) {
	case "plain", "cram", "apop":
		if !spaced {
			return len(rest)
		}
		user := len(args) - len(strings.TrimLeft(args, " "))
		if i := strings.IndexByte(args[user:], ' '); i >= 0 {
			return len(name) + 1 + user + i + 1
		}
		return len(rest) // the user name is being typed
	case "b64":
		if secretAnswer && spaced {
			return len(name) + 1
		}
	}
	return len(rest)
}
