// Package testkit holds what several packages' tests need alike: a small
// DNS server (StartDNS), an output buffer safe for the renderer's
// goroutine and the detector of English on a Chinese screen. It is
// imported only from _test.go files; the practice lab for tests is
// lab/labtest.
package testkit

import (
	"bytes"
	"sync"
)

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
