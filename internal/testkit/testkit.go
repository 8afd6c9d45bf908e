// Package testkit holds what several packages' tests need alike: a
// practice lab on free ports, a small DNS server (StartDNS) and an output
// buffer safe for the renderer's goroutine. It is imported only from
// _test.go files.
package testkit

import (
	"bytes"
	"sync"
	"testing"

	"github.com/mailtutor/mailtutor/lab"
)

// StartLab runs the practice lab on free loopback ports for one test and
// closes it when the test ends.
func StartLab(t testing.TB) *lab.Lab {
	t.Helper()
	l, err := lab.Start(lab.TestConfig())
	if err != nil {
		t.Fatalf("start the lab: %v", err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// SyncBuffer is a bytes.Buffer safe for concurrent Write and String.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String is everything written so far.
func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
