package session_test

import (
	"testing"

	"github.com/mailtutor/mailtutor/session"
)

// A command typed right after STARTTLS waits for the upgrade and goes out encrypted.
func TestCommandRightAfterSTARTTLS(t *testing.T) {
	addr, _, ca := startGoSMTP(t)
	c := dial(t, "smtp://"+addr, session.Options{CAPEM: ca})
	c.do("EHLO client.test", 250)
	c.do("STARTTLS", 220)
	c.do("QUIT", 221)
}
