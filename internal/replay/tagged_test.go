package replay

import (
	"testing"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// The plan of a tagged replay: which lines start commands (with or
// without a recorded tag), which continue one, where the exchanges of
// replies are, and which command each tagged reply completes.
func TestTagPlan(t *testing.T) {
	steps := []transcript.Step{
		{Kind: transcript.KindServer, Text: "* OK ready"},
		{Kind: transcript.KindClient, Text: "A001 LOGIN student {9}"},
		{Kind: transcript.KindServer, Text: "+ go ahead"},
		{Kind: transcript.KindClient, Text: "<redacted>", Secret: transcript.SecretPassword},
		{Kind: transcript.KindServer, Text: "A001 OK Logged in"},
		{Kind: transcript.KindClient, Text: "select INBOX"}, // no tag
		{Kind: transcript.KindClient, Text: "A001 NOOP"},    // the tag again, pipelined
		{Kind: transcript.KindServer, Text: "* 2 EXISTS"},
		{Kind: transcript.KindServer, Text: "* BAD [CLIENTBUG] no tag"},
		{Kind: transcript.KindServer, Text: "A001 OK NOOP done"},
		{Kind: transcript.KindClient, Text: "A002 IDLE"},
		{Kind: transcript.KindServer, Text: "+ idling"},
		{Kind: transcript.KindClient, Text: "DONE"},
		{Kind: transcript.KindServer, Text: "A002 OK IDLE done"},
	}
	tr := &transcript.Transcript{Protocol: "imap", Server: transcript.Server{Host: "h", Port: 143, TLS: "none"}, Steps: steps}
	all, err := beats(tr, session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := protocol.Lookup("imap")
	plan, expected := tagPlan(all, d)
	type want struct {
		send    string
		ordinal int
		literal bool
		replies []int // the ordinals of an exchange's replies
	}
	wants := []want{
		{replies: []int{0}},
		{send: "A001 LOGIN student {9}", ordinal: 1, literal: true},
		{replies: []int{0}},
		{send: "<redacted>"},
		{replies: []int{1}},
		{send: "select INBOX", ordinal: 2},
		{send: "A001 NOOP", ordinal: 3},
		{replies: []int{0, 0, 3}},
		{send: "A002 IDLE", ordinal: 4},
		{replies: []int{0}},
		{send: "DONE"},
		{replies: []int{4}},
	}
	if len(plan) != len(wants) {
		t.Fatalf("%d plan items, want %d", len(plan), len(wants))
	}
	for i, w := range wants {
		p := plan[i]
		switch {
		case w.send != "":
			if p.send == nil || p.send.step.Text != w.send || p.ordinal != w.ordinal || (p.literal != nil) != w.literal {
				t.Errorf("item %d: got %+v, want %+v", i, p, w)
			}
		case p.exchange == nil || len(p.exchange.ordinals) != len(w.replies):
			t.Errorf("item %d: got %+v, want an exchange of %v", i, p, w.replies)
		default:
			for j, k := range w.replies {
				if p.exchange.ordinals[j] != k {
					t.Errorf("item %d reply %d: command %d, want %d", i, j, p.exchange.ordinals[j], k)
				}
			}
		}
	}
	if expected[3] != 3 || expected[1] != 2 {
		t.Errorf("expected %v", expected)
	}
	// Without a tag, a line gets one in front; with one, it is replaced.
	for _, tt := range []struct {
		line    string
		ordinal int
		hadTag  bool
		want    string
	}{
		{"select INBOX", 2, false, "a2 select INBOX"},
		{"A001 NOOP", 3, true, "a3 NOOP"},
		{"x LOGIN student {9}", 10, true, "a10 LOGIN student {9}"},
	} {
		if got := liveLine(tt.line, tt.ordinal, tt.hadTag); got != tt.want {
			t.Errorf("liveLine(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
	for line, want := range map[string]string{
		"a1 LOGIN student {9}": "a1 LOGIN student {17}", "a1 LOGIN student {9+}": "a1 LOGIN student {17+}",
		"a1 NOOP": "a1 NOOP", "a1 LOGIN {x}": "a1 LOGIN {x}",
	} {
		if got := withAnnouncedLength(line, 17); got != want {
			t.Errorf("withAnnouncedLength(%q) = %q, want %q", line, got, want)
		}
	}
}

// A live reply completes the command its tag "ak" names.
func TestLiveOrdinal(t *testing.T) {
	for tag, want := range map[string]int{"a1": 1, "a42": 42, "a0": 0, "A1": 0, "*": 0, "+": 0, "ab": 0, "": 0} {
		if got := liveOrdinal(&protocol.Reply{Tag: tag}); got != want {
			t.Errorf("liveOrdinal(%q) = %d, want %d", tag, got, want)
		}
	}
}
