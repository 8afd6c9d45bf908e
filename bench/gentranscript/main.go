// Command gentranscript writes a transcript of -steps steps to standard
// output, for the load-and-replay benchmarks. With -mix mixed (the default)
// the steps are the mix of transcript.BenchmarkLoad100k (a command, a
// one-line reply, a multi-line reply, a DATA body and a redacted password,
// in turn); with -mix noop they are NOOP round trips (a "NOOP" line and its
// "250 2.0.0 Ok" reply), the shape of a long scripted session.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/mailtutor/mailtutor/transcript"
)

func main() {
	steps := flag.Int("steps", 100_000, "number of `STEPS`")
	mix := flag.String("mix", "mixed", "the steps: mixed or noop")
	flag.Parse()
	var step func(i int) transcript.Step
	switch *mix {
	case "mixed":
		step = mixed
	case "noop":
		step = noop
	default:
		log.Fatalf("gentranscript: -mix %q: want mixed or noop", *mix)
	}
	tr := build(*steps, step)
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	if err := tr.Encode(w); err != nil {
		log.Fatalf("gentranscript: encode: %v", err)
	}
	if err := w.Flush(); err != nil {
		log.Fatalf("gentranscript: write: %v", err)
	}
}

// build makes a transcript of n steps, 10 ms apart, the i-th made by step.
func build(n int, step func(i int) transcript.Step) *transcript.Transcript {
	tr := &transcript.Transcript{
		Title:    "benchmark: many steps",
		Protocol: transcript.ProtocolSMTP,
		Server:   transcript.Server{Host: "127.0.0.1", Port: 2525, TLS: transcript.TLSNone},
		Recorded: time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC),
		Tool:     "mailtutor bench",
		Steps:    make([]transcript.Step, 0, n),
	}
	for i := range n {
		s := step(i)
		s.At = time.Duration(i) * 10 * time.Millisecond
		tr.Steps = append(tr.Steps, s)
	}
	return tr
}

// mixed is the i-th step of the mix of transcript.BenchmarkLoad100k.
func mixed(i int) transcript.Step {
	var s transcript.Step
	switch i % 5 {
	case 0:
		s.Kind, s.Text = transcript.KindClient, fmt.Sprintf("RCPT TO:<user%d@example.test>", i)
	case 1:
		s.Kind, s.Text, s.Note = transcript.KindServer, "250 2.1.5 Ok", "250: done"
	case 2:
		s.Kind, s.Text = transcript.KindServer, "250-mail.example.test\n250-PIPELINING\n250-STARTTLS\n250 8BITMIME"
	case 3:
		s.Kind, s.Text = transcript.KindData, fmt.Sprintf("Subject: message %d\n\nHello.\n.dot\n", i)
	case 4:
		s.Kind, s.Text, s.Secret = transcript.KindClient, transcript.RedactedPlaceholder, transcript.SecretPassword
	}
	return s
}

// noop is the i-th step of a run of NOOP round trips.
func noop(i int) transcript.Step {
	if i%2 == 0 {
		return transcript.Step{Kind: transcript.KindClient, Text: "NOOP"}
	}
	return transcript.Step{Kind: transcript.KindServer, Text: "250 2.0.0 Ok"}
}
