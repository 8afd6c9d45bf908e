package mailstore

import (
	"strings"
	"testing"
)

// BenchmarkDeliverToGrowingInbox delivers small messages into one INBOX
// that already holds many: a delivery's cost must not grow with the
// mailbox (issue 13: a class's messages in one lab).
func BenchmarkDeliverToGrowingInbox(b *testing.B) {
	for _, disk := range []struct {
		name string
		dir  func() string
	}{{"temporary", func() string { return "" }}, {"synced", b.TempDir}} {
		b.Run(disk.name, func(b *testing.B) {
			s, err := Open(disk.dir())
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			msg := "Subject: load\r\n\r\n" + strings.Repeat("x", 900) + "\r\n"
			for range 3000 {
				if _, err := s.Deliver([]string{"student"}, strings.NewReader(msg)); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := s.Deliver([]string{"student"}, strings.NewReader(msg)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
