package lessons

import (
	"testing"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// A lesson hides an IMAP password the way the live prompt does, by the
// conversation's state: as an argument of LOGIN, and as the literal text
// that follows "LOGIN user {9}" once the server said "+".
func TestIMAPSecretsByState(t *testing.T) {
	rec, err := newRecording("imap", English)
	if err != nil {
		t.Fatal(err)
	}
	c := &offlineConn{rec: rec}
	r := &runner{c: c}
	if _, err := rec.reply("* OK ready", false); err != nil {
		t.Fatal(err)
	}
	check := func(typed string, secret bool, shownAs string) {
		t.Helper()
		exp := codec.Expansion{Send: typed}
		if got := r.holdsSecret(typed, exp); got != secret {
			t.Errorf("holdsSecret(%q) = %v, want %v", typed, got, secret)
		}
		if got := shown(exp, c); got != shownAs {
			t.Errorf("shown(%q) = %q, want %q", typed, got, shownAs)
		}
	}
	check("a1 LOGIN student secret123", true, "a1 LOGIN student "+protocol.Redacted)
	check("a1 LOGIN student {9}", false, "a1 LOGIN student {9}")
	rec.off.Send("a1 LOGIN student {9}", session.SendOptions{})
	if _, err := rec.reply("+ OK", false); err != nil {
		t.Fatal(err)
	}
	check("secret123", true, protocol.Redacted)
}
