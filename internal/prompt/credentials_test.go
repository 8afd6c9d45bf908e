package prompt

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/lab/labtest"
)

// A helper refused in this session is shown in the prompt's language,
// nothing is sent, and the script stops there.
func TestRefusedHelperInThePromptsLanguage(t *testing.T) {
	tests := []struct {
		lang       i18n.Lang
		line, want string
	}{
		{i18n.English, "line 2 of the script", "no CRAM-MD5 challenge is open: send AUTH CRAM-MD5 first"},
		{i18n.Chinese, "脚本第 2 行", "当前没有 CRAM-MD5 质询：请先发送 AUTH CRAM-MD5"},
	}
	l := labtest.Start(t)
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			r, out := runner(t, l, "submission")
			r.Lang = tt.lang
			err := r.RunScript(strings.NewReader("EHLO me\n:cram student secret123\nQUIT\n"))
			if !errors.Is(err, ErrScript) {
				t.Fatalf("RunScript: %v, want ErrScript", err)
			}
			text := out.String()
			// the script stops there, the error naming the line, and
			// the goodbye (QUIT) is sent after it
			at, quit := strings.Index(text, tt.want), strings.Index(text, "C: QUIT")
			if at < 0 || quit < at || !strings.Contains(text, tt.line) {
				t.Fatalf("output lacks %q and %q, or no QUIT after them:\n%s", tt.line, tt.want, text)
			}
			if n := r.Session.Pending(); n != 0 || strings.Count(text, "C: ") != 2 {
				t.Fatalf("the refused line was sent (%d pending):\n%s", n, text)
			}
		})
	}
}

// :plain after a bare AUTH PLAIN sends the response alone and logs in.
func TestPlainAnswersAnOpenExchange(t *testing.T) {
	l := labtest.Start(t)
	r, out := runner(t, l, "submission")
	if err := r.RunScript(strings.NewReader("EHLO me\nAUTH PLAIN\n:plain student secret123\nQUIT\n")); err != nil {
		t.Fatalf("RunScript: %v\n%s", err, out)
	}
	if text := out.String(); !strings.Contains(text, "C: ••••••••  (PLAIN: \"\" / \"student\" / ******)\nS: 235") {
		t.Fatalf("the bare response was not sent, or not accepted:\n%s", text)
	}
}

// Typed credential forms never reach the history: the session calls them
// secret, whichever protocol's form they are.
func TestTypedCredentialsStayOutOfTheHistory(t *testing.T) {
	l := labtest.Start(t)
	for _, service := range []string{"submission", "pop3"} {
		r, _ := runner(t, l, service)
		t.Cleanup(func() { r.Session.Close() })
		for !r.Session.Greeted() {
			select {
			case <-r.Session.Changed():
			case <-time.After(5 * time.Second):
				t.Fatalf("%s: no greeting", service)
			}
		}
		for _, line := range []string{"a1 LOGIN student secret123", "a1 authenticate plain AHN0dWRlbnQAc2VjcmV0MTIz",
			"PASS secret123", "AUTH PLAIN AHN0dWRlbnQAc2VjcmV0MTIz", "APOP student c4c9334bac560ecc979e58001b3e22fb"} {
			if !holdsSecret(r.Session, line, codec.Expansion{Send: line}) {
				t.Errorf("%s: %q would go to the history", service, line)
			}
		}
		if holdsSecret(r.Session, "USER student", codec.Expansion{Send: "USER student"}) {
			t.Errorf("%s: USER student kept out of the history", service)
		}
	}
}
