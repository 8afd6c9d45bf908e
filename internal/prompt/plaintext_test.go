package prompt

import (
	"errors"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/lab/labtest"
)

// TestInteractiveAsksBeforeCredentialsInClear: after a refused STARTTLS,
// :plain at the prompt asks first; "n" (or Enter) sends nothing, "y"
// sends it.
func TestInteractiveAsksBeforeCredentialsInClear(t *testing.T) {
	tm := startTerminal(t, "submission", "")
	tm.wait("smtp> ")
	tm.keys("EHLO me.example\r")
	tm.wait("S: 250 SMTPUTF8")
	tm.keys("STARTTLS now\r")
	tm.wait("S: 501")
	tm.keys(":plain student secret123\r")
	tm.wait("refusing to send a credential in clear")
	tm.wait("send it in clear anyway? [y/N] ")
	tm.keys("\r")
	tm.wait("not sent")
	tm.keys(":plain student secret123\r")
	tm.wait("send it in clear anyway? [y/N] ")
	tm.keys("y\r")
	tm.wait("S: 235")
	tm.keys("QUIT\r")
	tm.wait("(press Enter to leave)")
	tm.keys("\r")
	tm.end()
	if n := strings.Count(tm.out.String(), "S: 235"); n != 1 {
		t.Errorf("%d logins, want the one confirmed:\n%s", n, tm.out)
	}
}

// TestScriptStopsBeforeCredentialsInClear: a script is not asked: the
// credential stays here, the script stops (with QUIT sent), and the error
// names --allow-plaintext-auth.
func TestScriptStopsBeforeCredentialsInClear(t *testing.T) {
	l := labtest.Start(t)
	r, out := runner(t, l, "submission")
	err := r.RunScript(strings.NewReader("EHLO me.example\nSTARTTLS now\n:plain student secret123\nQUIT\n"))
	if !errors.Is(err, ErrScript) {
		t.Fatalf("RunScript = %v, want ErrScript\n%s", err, out)
	}
	text := out.String()
	if !strings.Contains(text, "--allow-plaintext-auth") || strings.Contains(text, "S: 235") || !strings.Contains(text, "C: QUIT") {
		t.Errorf("the script did not stop at the credential:\n%s", text)
	}
}
