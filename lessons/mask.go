package lessons

import (
	"strings"

	"github.com/mailtutor/mailtutor/codec"

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
		return len(line) - len(rest) + codec.HelperInClear(rest, r.c.inAuth() && !protocol.AsksForUser(proto, st))
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
