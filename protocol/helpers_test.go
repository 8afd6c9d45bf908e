package protocol

import (
	"strings"
	"testing"
)

// received is one line as the session's reader hands it to Feed.
type received struct {
	line   string
	ending LineEnding
}

// splitWire cuts raw received bytes into lines the way the session's line
// reader does: at each LF, a CR before it belonging to the ending; bytes
// after the last LF end with NoEnding.
func splitWire(raw string) []received {
	var out []received
	for raw != "" {
		i := strings.IndexByte(raw, '\n')
		if i < 0 {
			return append(out, received{raw, NoEnding})
		}
		line, ending := raw[:i], BareLF
		if strings.HasSuffix(line, "\r") {
			line, ending = line[:len(line)-1], CRLF
		}
		out = append(out, received{line, ending})
		raw = raw[i+1:]
	}
	return out
}

// feedWire feeds raw received bytes to f and returns the complete replies.
func feedWire(t *testing.T, f Framer, raw string) []*Reply {
	t.Helper()
	var replies []*Reply
	for _, l := range splitWire(raw) {
		if r := f.Feed(l.line, l.ending); r != nil {
			replies = append(replies, r)
		}
	}
	return replies
}

// converse expects each client line, then feeds the wire; it returns the
// replies.
func converse(t *testing.T, p Protocol, expects []string, wire string) (Framer, []*Reply) {
	t.Helper()
	f := NewFramer(p)
	for _, e := range expects {
		f.Expect(e)
	}
	return f, feedWire(t, f, wire)
}

// oneReply frames wire after expects and insists on exactly one reply.
func oneReply(t *testing.T, p Protocol, expects []string, wire string) *Reply {
	t.Helper()
	_, replies := converse(t, p, expects, wire)
	if len(replies) != 1 {
		t.Fatalf("framing %q: got %d replies, want 1", wire, len(replies))
	}
	return replies[0]
}

// lastReply frames wire after expects and returns the last reply: the
// earlier ones set up the state it arrives in. Each expected line gets one
// reply, and a greeting may come first.
func lastReply(t *testing.T, p Protocol, expects []string, wire string) *Reply {
	t.Helper()
	_, replies := converse(t, p, expects, wire)
	if len(replies) == 0 || len(replies) < len(expects) || len(replies) > len(expects)+1 {
		t.Fatalf("framing %q after %q: got %d replies", wire, expects, len(replies))
	}
	return replies[len(replies)-1]
}

// equalStrings compares two string slices, nil and empty alike.
func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// hasProblem reports whether one of r's problems contains every fragment.
func hasProblem(r *Reply, fragments ...string) bool {
	for _, p := range r.Problems {
		all := true
		for _, f := range fragments {
			all = all && strings.Contains(p, f)
		}
		if all {
			return true
		}
	}
	return false
}
