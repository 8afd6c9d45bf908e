package render

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// TestNoTimeForAReplyPlayedBack: a reply played back or explained offline
// took no measured time: no "· 0 µs" (issue 14 bug 10); a live one shows
// its time.
func TestNoTimeForAReplyPlayedBack(t *testing.T) {
	for _, tt := range []struct {
		elapsed time.Duration
		want    string
	}{{0, ""}, {250 * time.Microsecond, " · 250 µs"}} {
		w := &countingWriter{}
		New(w, false, false).Event(session.Event{Kind: session.Received, Elapsed: tt.elapsed,
			Reply: frame(t, protocol.SMTP, "NOOP", "250 2.0.0 Ok")})
		class, _, _ := strings.Cut(strings.SplitN(w.b.String(), "\n", 3)[1], "\n")
		if got := class[strings.LastIndex(class, "asked")+len("asked"):]; got != tt.want {
			t.Errorf("elapsed %s: class line %q ends %q, want %q", tt.elapsed, class, got, tt.want)
		}
	}
}

// TestServerTextInTheTerminalsColour: the server's words are drawn in the
// terminal's own colour, never white (unreadable on a light background);
// the "S:" label keeps the reply's colour.
func TestServerTextInTheTerminalsColour(t *testing.T) {
	w := &countingWriter{}
	New(w, true, false).Event(session.Event{Kind: session.Received, Reply: frame(t, protocol.SMTP, "", "220 mail.example.test ESMTP")})
	out := w.b.String()
	if strings.Contains(out, "\x1b[37m") || strings.Contains(out, "[37;") {
		t.Errorf("white in the output: %q", out)
	}
	if !regexp.MustCompile(`S:\x1b\[[0-9;]*m 220 mail\.example\.test ESMTP\n`).MatchString(out) {
		t.Errorf("server text not plain after the coloured label: %q", out)
	}
}
