package replay_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/internal/replay"
	"github.com/mailtutor/mailtutor/lab/labtest"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// took matches the response time after a reply's class, which differs
// between the live session and the millisecond-rounded recording.
var took = regexp.MustCompile(`(?m) · [^\n]*$`)

// liveRendering renders the events of the live session as the prompt did.
func liveRendering(events []session.Event) string {
	var b bytes.Buffer
	r := render.New(&b, false, false)
	r.EchoSent = true
	for _, e := range events {
		if e.Kind != session.Connected {
			r.Event(e)
		}
	}
	return took.ReplaceAllString(b.String(), "")
}

func playback(t *testing.T, tr *transcript.Transcript, opts replay.PlaybackOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := replay.Playback(&b, tr, opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The playback of a recording shows exactly what the live session showed:
// every reply, its explanation, the decoded challenges, the TLS details.
func TestPlaybackShowsWhatTheLiveSessionShowed(t *testing.T) {
	for _, tc := range []struct {
		name   string
		record func(t *testing.T) *driver
	}{
		{"smtp submission", func(t *testing.T) *driver { return recordSubmission(t, labtest.Start(t), false) }},
		{"pop3", func(t *testing.T) *driver { return recordPOP3(t, labtest.Start(t), false) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.record(t)
			tr := d.finish()
			out := playback(t, tr, replay.PlaybackOptions{Pace: replay.AllAtOnce})
			header, body, _ := strings.Cut(out, "\n")
			if !strings.Contains(header, "replay of") || !strings.Contains(header, tr.Server.Host) {
				t.Errorf("header line %q", header)
			}
			got, want := took.ReplaceAllString(body, ""), liveRendering(d.events)
			if got != want {
				t.Fatalf("playback differs from the live session\n--- playback\n%s\n--- live\n%s", got, want)
			}
			for _, s := range tr.Steps {
				if s.Kind == transcript.KindServer && !strings.Contains(out, strings.Split(s.Text, "\n")[0]) {
					t.Errorf("the reply %q is missing", s.Text)
				}
			}
		})
	}
}

func TestPlaybackNeverShowsSecrets(t *testing.T) {
	for _, keep := range []bool{false, true} {
		d := recordSubmission(t, labtest.Start(t), keep)
		tr := d.finish()
		out := playback(t, tr, replay.PlaybackOptions{})
		for _, secret := range []string{"secret123", codec.B64("secret123"), codec.B64("student")} {
			if strings.Contains(out, secret) {
				t.Errorf("keep=%v: the playback shows %q:\n%s", keep, secret, out)
			}
		}
		if !strings.Contains(out, `decoded: "Password:"`) || !strings.Contains(out, "C: <redacted>") {
			t.Errorf("keep=%v: the AUTH LOGIN exchange is not shown:\n%s", keep, out)
		}
	}
}

// handWritten is a POP3 transcript as an instructor would write it.
const handWritten = `mailtutor: 1
title: "Read a message"
protocol: pop3
server: {host: "127.0.0.1", port: 1110, tls: none}
steps:
- server: "+OK ready <1.2@mail.example.test>"
  at: "0.010"
- client: "USER student"
  at: "1"
- server: "+OK"
  at: "1.5"
- client: "PASS <redacted>"
  secret: password
  at: "3"
- server: "+OK Logged in."
  at: "3.2"
- client: "RETR 1"
  lesson:
    explain: "RETR N shows message N."
    notice: "Look at the dot-stuffed line."
  at: "7"
- server: |
    +OK 30 octets
    Subject: hi

    ..signature
    .
  at: "7.25"
- closed: "connection lost: reset by peer"
  at: "9"
`

func parse(t *testing.T, yaml string) *transcript.Transcript {
	t.Helper()
	tr, _, err := transcript.Parse([]byte(yaml), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestPlaybackOfAHandWrittenLesson(t *testing.T) {
	out := playback(t, parse(t, handWritten), replay.PlaybackOptions{})
	for _, want := range []string{
		`replay of "Read a message": POP3 session with 127.0.0.1:1110`,
		"C: PASS <redacted>",
		"lesson: RETR N shows message N.",
		"S: .signature\n", // dot-unstuffed, as a learner reads it
		"notice: Look at the dot-stuffed line.",
		"connection lost: reset by peer\n", // once, though the recorded text says it too
		" · 250 ms",                        // the recorded response time of RETR
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the playback lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "connection lost: connection lost") {
		t.Errorf("the playback says it twice:\n%s", out)
	}
}

func TestPlaybackStepByStep(t *testing.T) {
	tr := parse(t, handWritten)
	tests := []struct {
		input       string
		clientSteps int
		prompts     int
		stopped     bool
	}{
		{"\n\n\n", 3, 3, false},
		{"\nq\n", 1, 2, true},
		{"", 0, 1, true}, // end of input before the first client step
	}
	for _, tc := range tests {
		var prompts bytes.Buffer
		out := playback(t, tr, replay.PlaybackOptions{Pace: replay.StepByStep, Input: strings.NewReader(tc.input), Prompt: &prompts})
		if got := strings.Count(out, "C: "); got != tc.clientSteps {
			t.Errorf("input %q: %d client steps shown, want %d:\n%s", tc.input, got, tc.clientSteps, out)
		}
		if got := strings.Contains(out, "playback stopped"); got != tc.stopped {
			t.Errorf("input %q: stopped=%v, want %v", tc.input, got, tc.stopped)
		}
		if got := strings.Count(prompts.String(), "[Enter"); got != tc.prompts {
			t.Errorf("input %q: %d prompts, want %d", tc.input, got, tc.prompts)
		}
	}
}

func TestPlaybackAtRecordedSpeed(t *testing.T) {
	tr := parse(t, handWritten)
	for _, speed := range []float64{1, 2, 0.5} {
		var slept []time.Duration
		playback(t, tr, replay.PlaybackOptions{Pace: replay.RecordedSpeed, Speed: speed,
			Sleep: func(d time.Duration) { slept = append(slept, d) }})
		var want []time.Duration
		var previous time.Duration
		for _, s := range tr.Steps {
			if gap := s.At - previous; gap > 0 {
				want = append(want, time.Duration(float64(gap)/speed))
			}
			previous = s.At
		}
		if len(slept) != len(want) {
			t.Fatalf("speed %v: slept %v, want %v", speed, slept, want)
		}
		var total time.Duration
		for i := range want {
			if slept[i] != want[i] {
				t.Errorf("speed %v: pause %d is %v, want %v", speed, i, slept[i], want[i])
			}
			total += slept[i]
		}
		if wantTotal := time.Duration(float64(9*time.Second) / speed); total != wantTotal {
			t.Errorf("speed %v: %v in all, want %v", speed, total, wantTotal)
		}
	}
}

// A reply cut short in a hand-written file is still shown, with a warning.
func TestPlaybackOfAnIncompleteReply(t *testing.T) {
	tr := parse(t, `mailtutor: 1
protocol: smtp
server: {host: "mail.example.test", port: 25, tls: none}
steps:
- server: "220 ready"
  at: "0"
- client: "EHLO me"
  at: "1"
- server: "250-mail.example.test"
  at: "1.1"
- client: "NOOP"
  at: "2"
- server: "250 2.0.0 Ok"
  at: "2.1"
`)
	out := playback(t, tr, replay.PlaybackOptions{})
	for _, want := range []string{"S: 250-mail.example.test\n", "protocol problem: the recorded reply is incomplete", "C: NOOP\nS: 250 2.0.0 Ok\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("the playback lacks %q:\n%s", want, out)
		}
	}
}
