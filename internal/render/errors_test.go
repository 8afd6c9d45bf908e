package render

import (
	"errors"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/session"
)

// TestErrorHintOnItsOwnLine: an error whose text has a hint on a second
// line (a failed TLS handshake) is shown on two lines, not with a literal
// \x0a in the middle, indented under the text after its label like
// every notice; control bytes in it are still escaped.
func TestErrorHintOnItsOwnLine(t *testing.T) {
	err := &session.TLSError{Addr: "127.0.0.1:25", Err: errors.New("remote error: tls: bad \x1b[2J certificate")}
	hang := map[session.Kind]string{session.Problem: "     ", session.Closed: strings.Repeat(" ", len("connection lost: "))}
	for _, e := range []session.Event{{Kind: session.Problem, Err: err}, {Kind: session.Closed, Err: err}} {
		out := renderIn(t, i18n.English, e)
		if strings.Contains(out, `\x0a`) {
			t.Errorf("kind %d: a literal \\x0a in %q", e.Kind, out)
		}
		if strings.Contains(out, "\x1b") || !strings.Contains(out, `\x1b[2J`) {
			t.Errorf("kind %d: the escape byte is not escaped: %q", e.Kind, out)
		}
		if !strings.Contains(out, "\n"+hang[e.Kind]+"check the server's TLS set-up\n") {
			t.Errorf("kind %d: the hint is not on its own indented line: %q", e.Kind, out)
		}
	}
}

// TestConnectionLostSaidOnce: the label says "connection lost: " once,
// also for a transcript recorded when the session's text said it too.
func TestConnectionLostSaidOnce(t *testing.T) {
	for _, text := range []string{"reset by peer", "connection lost: reset by peer"} {
		for lang, want := range map[i18n.Lang]string{i18n.English: "connection lost: reset by peer\n", i18n.Chinese: "连接中断：reset by peer\n"} {
			out := renderIn(t, lang, session.Event{Kind: session.Closed, Err: errors.New(text)})
			if !strings.Contains(out, want) || strings.Count(out, "connection lost") > 1 {
				t.Errorf("%q in %s shown as %q, want %q once", text, lang, out, want)
			}
		}
	}
}

// TestTLSWarningShown: the warning of a lowered TLS minimum is on screen.
func TestTLSWarningShown(t *testing.T) {
	info := &session.TLSInfo{Version: "TLS 1.0", Cipher: "X", Verified: true, ServerName: "old.example",
		Warning: "TLS 1.0 accepted only because --tls-min lowered the minimum to TLS 1.0"}
	for lang, label := range map[i18n.Lang]string{i18n.English: "warning: ", i18n.Chinese: "注意："} {
		out := renderIn(t, lang, session.Event{Kind: session.TLSUp, TLS: info})
		if !strings.Contains(out, label+info.Warning) {
			t.Errorf("%s: the TLS warning is not shown: %q", lang, out)
		}
	}
}
