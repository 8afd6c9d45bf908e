package lab

import (
	"path/filepath"
	"testing"

	"github.com/emersion/go-smtp"
)

// BenchmarkSMTPSession sends one small message per SMTP session through
// the MX, with and without --record-dir: what recording costs a session.
func BenchmarkSMTPSession(b *testing.B) {
	for _, record := range []bool{false, true} {
		name := "plain"
		if record {
			name = "recorded"
		}
		b.Run(name, func(b *testing.B) {
			cfg := TestConfig()
			if record {
				cfg.RecordDir = filepath.Join(b.TempDir(), "rec")
			}
			l, err := Start(cfg)
			if err != nil {
				b.Fatal(err)
			}
			defer l.Close()
			s, _ := l.Service("smtp")
			body := []byte("Subject: bench\r\n\r\nhello\r\n")
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					c, err := smtp.Dial(s.Addr)
					if err != nil {
						b.Error(err)
						return
					}
					if err := sendMail(c, "teacher@example.test", []string{"student@example.test"}, body); err != nil {
						b.Error(err)
					}
					_ = c.Quit()
				}
			})
		})
	}
}
