package render

import (
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// TestReplyShowsTheExplanationsWarning: a 221 to a header sent as a
// command is positive, yet the renderer says what went wrong, under the
// warning label and in the warning colour.
func TestReplyShowsTheExplanationsWarning(t *testing.T) {
	rep := frame(t, protocol.SMTP, "Subject: hello", "221 2.7.0 Error: I can break rules, too. Goodbye.")
	e := session.Event{Kind: session.Received, Reply: rep, Elapsed: time.Millisecond}
	for lang, want := range map[i18n.Lang]string{i18n.English: "   warning: the server hung up", i18n.Chinese: "   注意：服务器挂断了"} {
		if out := renderIn(t, lang, e); !strings.Contains(out, want) {
			t.Errorf("%q: output lacks %q:\n%s", lang, want, out)
		}
	}
	quit := frame(t, protocol.SMTP, "QUIT", "221 2.0.0 Bye")
	if out := renderIn(t, i18n.English, session.Event{Kind: session.Received, Reply: quit}); strings.Contains(out, "warning:") || strings.Contains(out, "next:") {
		t.Errorf("QUIT answered: a warning or a next step:\n%s", out)
	}
	w := &countingWriter{}
	New(w, true, false).Event(e)
	if !strings.Contains(w.b.String(), "\x1b[33mwarning: ") {
		t.Errorf("the warning is not in the warning colour: %q", w.b.String())
	}
}
