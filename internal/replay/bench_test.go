package replay_test

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/replay"
	"github.com/mailtutor/mailtutor/transcript"
)

// mix builds an n-step SMTP transcript with the mix of bench/gentranscript:
// a command, a one-line reply, a multi-line reply, a DATA body and a
// redacted password, in turn.
func mix(n int) *transcript.Transcript {
	tr := &transcript.Transcript{Protocol: transcript.ProtocolSMTP,
		Server:   transcript.Server{Host: "127.0.0.1", Port: 2525, TLS: transcript.TLSNone},
		Recorded: time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC), Steps: make([]transcript.Step, 0, n)}
	for i := range n {
		s := transcript.Step{At: time.Duration(i) * 10 * time.Millisecond}
		switch i % 5 {
		case 0:
			s.Kind, s.Text = transcript.KindClient, fmt.Sprintf("RCPT TO:<user%d@example.test>", i)
		case 1:
			s.Kind, s.Text = transcript.KindServer, "250 2.1.5 Ok"
		case 2:
			s.Kind, s.Text = transcript.KindServer, "250-mail.example.test\n250-PIPELINING\n250-STARTTLS\n250 8BITMIME"
		case 3:
			s.Kind, s.Text = transcript.KindData, fmt.Sprintf("Subject: message %d\n\nHello.\n.dot\n", i)
		case 4:
			s.Kind, s.Text, s.Secret = transcript.KindClient, transcript.RedactedPlaceholder, transcript.SecretPassword
		}
		tr.Steps = append(tr.Steps, s)
	}
	return tr
}

// BenchmarkPlayback100k plays a loaded 100,000-step transcript to
// io.Discard: framing, explaining and rendering every step.
func BenchmarkPlayback100k(b *testing.B) {
	tr := mix(100_000)
	b.ReportAllocs()
	for b.Loop() {
		if err := replay.Playback(io.Discard, tr, replay.PlaybackOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
