package codec

import "strings"

// HelperInClear is how much of a helper line, after its ":", a terminal
// may show while it is typed: all of :unb64, :help and the other helpers
// that carry no secret; the user name of :plain, :cram, :apop and :login,
// never their password; :b64 all of it, unless it answers a challenge for
// a secret (secretAnswer: a SASL exchange is open and its challenge does
// not ask for the user name), when only ":b64 " shows.
func HelperInClear(rest string, secretAnswer bool) int {
	name, args, spaced := strings.Cut(rest, " ")
	switch strings.ToLower(name) {
	case "plain", "cram", "apop", "login":
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
