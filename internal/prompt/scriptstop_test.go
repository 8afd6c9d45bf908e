package prompt

import (
	"errors"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/lab/labtest"
)

// TestScriptStopsAtABadLineWithQUIT: a line the prompt refuses (an unknown
// :command, a helper that cannot expand, a :save that fails) stops the
// script: the error names the line and comes after the replies before it,
// the lines after it are not sent, and QUIT is (issue 14 bug 5).
func TestScriptStopsAtABadLineWithQUIT(t *testing.T) {
	tests := []struct{ name, bad, want string }{
		{"unknown command", ":foo", `unknown helper ":foo"`},
		{"bad inline helper", "AUTH PLAIN {plain:onlyuser}", "line 2 of the script"},
		{"meta that fails", ":save x", "cannot save"},
	}
	l := labtest.Start(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, out := runner(t, l, "submission")
			r.OnMeta = func(name, args string) (bool, error) {
				if name == "save" {
					return true, errors.New("cannot save " + args)
				}
				return false, nil
			}
			err := r.RunScript(strings.NewReader("EHLO me\n" + tt.bad + "\nNOOP\nQUIT\n"))
			if !errors.Is(err, ErrScript) {
				t.Fatalf("RunScript = %v, want ErrScript", err)
			}
			text := out.String()
			last, at, quit := strings.Index(text, "S: 250 SMTPUTF8"), strings.Index(text, tt.want), strings.Index(text, "C: QUIT")
			if last < 0 || at < last || quit < at || !strings.Contains(text, "line 2 of the script") {
				t.Errorf("want the EHLO reply, then %q naming line 2, then QUIT:\n%s", tt.want, text)
			}
			if strings.Contains(text, "C: NOOP") || !strings.Contains(text, "S: 221") {
				t.Errorf("the script went on past the bad line, or QUIT got no reply:\n%s", text)
			}
		})
	}
}
