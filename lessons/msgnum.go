package lessons

import (
	"regexp"
	"strconv"
)

// msgRef is {msg:K}: the number, in the POP3 maildrop or the IMAP INBOX,
// of the K-th message the lesson delivered (its setup, then its deliver
// steps). On the lab and offline the mailbox holds only those, so {msg:1}
// is 1; on a live server it may hold other mail before them, and {msg:1}
// follows (see runner.setup).
var msgRef = regexp.MustCompile(`\{msg:([0-9]+)\}`)

// uidRef is {uid:K}: the IMAP UID of the K-th message of the setup, as the
// runner found it after the delivery; K when it could not look (offline,
// and on a fresh mailbox of the lab, where UIDs start at 1).
var uidRef = regexp.MustCompile(`\{uid:([0-9]+)\}`)

// fillMsg replaces every {msg:K} and {uid:K} in s by the message's number
// or UID.
func (r *runner) fillMsg(s string) string {
	s = replaceRef(msgRef, s, func(k int) int { return r.firstMsg + k - 1 })
	return replaceRef(uidRef, s, func(k int) int {
		if k >= 1 && k <= len(r.uids) {
			return r.uids[k-1]
		}
		return k
	})
}

// replaceRef replaces each match of ref in s by value(K).
func replaceRef(ref *regexp.Regexp, s string, value func(k int) int) string {
	return ref.ReplaceAllStringFunc(s, func(m string) string {
		k, err := strconv.Atoi(ref.FindStringSubmatch(m)[1])
		if err != nil {
			return m
		}
		return strconv.Itoa(value(k))
	})
}

// msgRefsIn returns the K of every {msg:K} in s.
func msgRefsIn(s string) []int { return refsIn(msgRef, s) }

// uidRefsIn returns the K of every {uid:K} in s.
func uidRefsIn(s string) []int { return refsIn(uidRef, s) }

func refsIn(ref *regexp.Regexp, s string) []int {
	var out []int
	for _, m := range ref.FindAllStringSubmatch(s, -1) {
		k, err := strconv.Atoi(m[1])
		if err == nil {
			out = append(out, k)
		}
	}
	return out
}
