package transcript

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// mix100k is a 100,000-step session repeating a command, a multi-line
// reply, a DATA body and a secret.
func mix100k() Transcript {
	const n = 100_000
	tr := smtpHeader()
	tr.Steps = make([]Step, 0, n)
	for i := range n {
		s := Step{At: ms(i * 10)}
		switch i % 5 {
		case 0:
			s.Kind, s.Text = KindClient, fmt.Sprintf("RCPT TO:<user%d@example.test>", i)
		case 1:
			s.Kind, s.Text, s.Note = KindServer, "250 2.1.5 Ok", "250: done"
		case 2:
			s.Kind, s.Text = KindServer, "250-mail.example.test\n250-PIPELINING\n250-STARTTLS\n250 8BITMIME"
		case 3:
			s.Kind, s.Text = KindData, "Subject: message "+fmt.Sprint(i)+"\n\nHello.\n.dot\n"
		case 4:
			s.Kind, s.Text, s.Secret = KindClient, "<redacted>", SecretPassword
		}
		tr.Steps = append(tr.Steps, s)
	}
	return tr
}

// BenchmarkLoad100k loads a 100,000-step transcript (mix100k).
func BenchmarkLoad100k(b *testing.B) {
	const n = 100_000
	tr := mix100k()
	path := filepath.Join(b.TempDir(), "big.yaml")
	if err := os.WriteFile(path, encode(b, &tr), 0o600); err != nil {
		b.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(info.Size())
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		got, _, err := Load(path)
		if err != nil {
			b.Fatal(err)
		}
		if len(got.Steps) != n {
			b.Fatalf("loaded %d steps, want %d", len(got.Steps), n)
		}
	}
}

// BenchmarkEncode100k encodes a 100,000-step transcript (mix100k): the
// emitter the recorder uses for every step.
func BenchmarkEncode100k(b *testing.B) {
	tr := mix100k()
	b.ReportAllocs()
	for b.Loop() {
		if err := tr.Encode(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStream100k opens the file of BenchmarkLoad100k and reads its
// steps once more, keeping none: what replay and export do.
func BenchmarkStream100k(b *testing.B) {
	tr := mix100k()
	path := filepath.Join(b.TempDir(), "big.yaml")
	if err := os.WriteFile(path, encode(b, &tr), 0o600); err != nil {
		b.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(info.Size())
	b.ReportAllocs()
	for b.Loop() {
		f, _, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, err := range f.Steps() {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != len(tr.Steps) || f.Summary().Steps != n {
			b.Fatalf("read %d steps, want %d", n, len(tr.Steps))
		}
	}
}
