// Package labtest starts the practice lab for the tests of other packages:
// a real lab on free loopback ports, closed when the test ends.
package labtest

import (
	"testing"

	"github.com/mailtutor/mailtutor/lab"
)

// Start starts a lab with lab.TestConfig (every service on a free port)
// and closes it when the test ends.
func Start(t testing.TB) *lab.Lab {
	t.Helper()
	l, err := lab.Start(lab.TestConfig())
	if err != nil {
		t.Fatalf("start the lab: %v", err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}
