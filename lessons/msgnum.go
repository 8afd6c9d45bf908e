package lessons

import (
	"regexp"
	"strconv"
)

// msgRef is {msg:K}: the number, in the POP3 maildrop, of the K-th message
// the lesson's setup delivered. On the lab and offline the mailbox holds
// only those, so {msg:1} is 1; on a live server it may hold other mail
// before them, and {msg:1} follows (see runner.countBefore).
var msgRef = regexp.MustCompile(`\{msg:([0-9]+)\}`)

// fillMsg replaces every {msg:K} in s by the message number.
func (r *runner) fillMsg(s string) string {
	return msgRef.ReplaceAllStringFunc(s, func(ref string) string {
		k, err := strconv.Atoi(msgRef.FindStringSubmatch(ref)[1])
		if err != nil {
			return ref
		}
		return strconv.Itoa(r.firstMsg + k - 1)
	})
}

// msgRefsIn returns the K of every {msg:K} in s.
func msgRefsIn(s string) []int {
	var out []int
	for _, m := range msgRef.FindAllStringSubmatch(s, -1) {
		k, err := strconv.Atoi(m[1])
		if err == nil {
			out = append(out, k)
		}
	}
	return out
}
