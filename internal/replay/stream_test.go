package replay_test

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/replay"
	"github.com/mailtutor/mailtutor/lab"
	"github.com/mailtutor/mailtutor/lab/labtest"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// open opens a recorded file step by step.
func open(t *testing.T, path string) *transcript.File {
	t.Helper()
	f, warnings, err := transcript.Open(path)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("open %s: %v %q", path, err, warnings)
	}
	return f
}

// A transcript played from its file, one step at a time, shows exactly
// what it shows loaded whole, at every pace and in every display.
func TestPlaybackFromFileSameAsLoaded(t *testing.T) {
	for _, tc := range []struct {
		name   string
		record func(t *testing.T, l *lab.Lab) *driver
	}{
		{"smtp submission", func(t *testing.T, l *lab.Lab) *driver { return recordSubmission(t, l, false) }},
		{"pop3 apop, secrets kept", func(t *testing.T, l *lab.Lab) *driver { return recordPOP3(t, l, true) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.record(t, labtest.Start(t))
			tr := d.finish()
			f := open(t, d.path)
			if f.Summary().Steps != len(tr.Steps) {
				t.Fatalf("Summary has %d steps, the file %d", f.Summary().Steps, len(tr.Steps))
			}
			for _, tt := range []struct {
				opts  replay.PlaybackOptions
				input string // the lines typed at a step-by-step playback
			}{
				{opts: replay.PlaybackOptions{}},
				{opts: replay.PlaybackOptions{Color: true, Lang: "zh"}},
				{opts: replay.PlaybackOptions{Raw: true, Terse: true}},
				{opts: replay.PlaybackOptions{Pace: replay.StepByStep}, input: strings.Repeat("\n", 40)},
				{opts: replay.PlaybackOptions{Pace: replay.StepByStep}, input: "\n\nq\n"},
			} {
				loaded, streamed := tt.opts, tt.opts
				if tt.opts.Pace == replay.StepByStep {
					loaded.Input, streamed.Input = strings.NewReader(tt.input), strings.NewReader(tt.input)
				}
				want := playback(t, tr, loaded)
				var got bytes.Buffer
				if err := replay.PlaybackFrom(&got, f, streamed); err != nil {
					t.Fatal(err)
				}
				if got.String() != want {
					t.Fatalf("options %+v: played from the file\n%s\nloaded whole\n%s", tt.opts, got.String(), want)
				}
			}
		})
	}
}

// A step-by-step playback writes each step out before it waits: the hint
// follows the steps shown so far, on the same output.
func TestPlaybackFromFileShowsStepsBeforeWaiting(t *testing.T) {
	d := recordPOP3(t, labtest.Start(t), false)
	d.finish()
	var out bytes.Buffer
	opts := replay.PlaybackOptions{Pace: replay.StepByStep, Input: strings.NewReader("q\n"), Prompt: &out}
	if err := replay.PlaybackFrom(&out, open(t, d.path), opts); err != nil {
		t.Fatal(err)
	}
	before, after, found := strings.Cut(out.String(), "[Enter: next step, q: quit]")
	if !found || !strings.Contains(before, "S: +OK") || strings.Contains(before, "C: ") || !strings.Contains(after, "playback stopped") {
		t.Fatalf("the greeting is not shown before the first wait:\n%s", out.String())
	}
}

// Against gives the same result for the file read step by step as for
// the transcript loaded whole.
func TestAgainstFromFileSameAsLoaded(t *testing.T) {
	l := labtest.Start(t)
	d := recordSubmission(t, l, true)
	tr := d.finish()
	want, _ := against(t, l, "submission", tr, replay.AgainstOptions{})
	opts := replay.AgainstOptions{Session: sessionOptions(l)}
	got, err := replay.AgainstFrom(context.Background(), open(t, d.path), target(t, l, "submission"), opts)
	if err != nil {
		t.Fatal(err)
	}
	if got.FirstMismatch != 0 || len(got.Rows) != checkedSteps(tr) || len(got.Rows) != len(want.Rows) {
		t.Fatalf("from the file %+v\nloaded whole %+v", got, want)
	}
	for i := range got.Rows {
		g, w := got.Rows[i], want.Rows[i]
		g.Live, w.Live = nil, nil // a queue id differs from one delivery to the next
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("row %d from the file %+v\nloaded whole %+v", i+1, g, w)
		}
	}
}

// heapSampler discards what is written and samples the live heap every
// so many writes.
type heapSampler struct {
	writes, every int
	peak          uint64
}

func (h *heapSampler) Write(p []byte) (int, error) {
	if h.writes++; h.writes%h.every == 0 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		h.peak = max(h.peak, m.HeapAlloc)
	}
	return len(p), nil
}

// writeNoops records n steps of NOOP round trips to a file.
func writeNoops(t testing.TB, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "noops.yaml")
	header := transcript.Transcript{Protocol: transcript.ProtocolSMTP,
		Server: transcript.Server{Host: "127.0.0.1", Port: 2525, TLS: transcript.TLSNone}}
	r, err := transcript.Create(path, header, transcript.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		s := transcript.Step{Kind: transcript.KindClient, Text: "NOOP"}
		if i%2 == 1 {
			s.Kind, s.Text = transcript.KindServer, "250 2.0.0 Ok"
		}
		if err := r.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// Playing a transcript from its file keeps one step in memory: the live
// heap does not grow with the number of steps.
func TestPlaybackFromFileBoundedMemory(t *testing.T) {
	const n = 200_000
	f := open(t, writeNoops(t, n))
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	sink := &heapSampler{every: 20}
	if err := replay.PlaybackFrom(sink, f, replay.PlaybackOptions{}); err != nil {
		t.Fatal(err)
	}
	grew := int64(sink.peak) - int64(m.HeapAlloc)
	t.Logf("%d steps played in %d writes; the live heap grew by at most %d KB", n, sink.writes, grew/1024)
	if sink.writes < 100 {
		t.Fatalf("only %d writes: the heap was hardly sampled", sink.writes)
	}
	if grew > 8<<20 {
		t.Fatalf("the live heap grew by %d KB playing %d steps: they are being kept", grew/1024, n)
	}
}

// BenchmarkPlaybackFromFile200k plays 200,000 NOOP round-trip steps from
// their file, as "mailtutor replay --no-wait" does.
func BenchmarkPlaybackFromFile200k(b *testing.B) {
	path := writeNoops(b, 200_000)
	b.ReportAllocs()
	for b.Loop() {
		f, _, err := transcript.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := replay.PlaybackFrom(discard{}, f, replay.PlaybackOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// An IMAP recording of schema 2 (a LOGIN with a literal password, a FETCH
// whose literal holds a bare LF and CR, so a wire step) is read from its
// file step by step: it plays back exactly as loaded whole, and replays
// against a server with the tags renumbered, as loaded whole.
func TestIMAPFromFileSameAsLoaded(t *testing.T) {
	cfg := fakeConfig{Password: "secret123", UIDValidity: 7, Exists: 1, Body: tricky}
	d := recordIMAP(t, (&fakeIMAP{fakeConfig: cfg}).start(t))
	tr := d.finish()
	f := open(t, d.path)
	if h := f.Header(); h.Version != 2 || h.Protocol != "imap" || f.Summary().Steps != len(tr.Steps) {
		t.Fatalf("header %+v, %d steps; loaded whole: %d steps", h, f.Summary().Steps, len(tr.Steps))
	}
	wire := 0
	for s, err := range f.Steps() {
		if err != nil {
			t.Fatal(err)
		}
		if s.Wire {
			wire++
		}
	}
	if wire == 0 {
		t.Fatal("no wire step read from the file")
	}
	for _, opts := range []replay.PlaybackOptions{{}, {Raw: true}, {Color: true, Lang: "zh"}} {
		want := playback(t, tr, opts)
		var got bytes.Buffer
		if err := replay.PlaybackFrom(&got, f, opts); err != nil {
			t.Fatal(err)
		}
		if got.String() != want {
			t.Fatalf("options %+v: played from the file\n%s\nloaded whole\n%s", opts, got.String(), want)
		}
	}
	results := make([]replay.Result, 2)
	for i, src := range []transcript.Source{tr.Source(), f} {
		live := &fakeIMAP{fakeConfig: cfg}
		tg, err := session.ParseURL(live.start(t))
		if err != nil {
			t.Fatal(err)
		}
		opts := replay.AgainstOptions{Session: session.Options{Timeout: 3 * time.Second},
			Secrets: &replay.Secrets{Values: map[string]string{transcript.SecretPassword: "secret123"}}}
		if results[i], err = replay.AgainstFrom(context.Background(), src, tg, opts); err != nil {
			t.Fatal(err)
		}
		if want := []string{"a1", "a2", "a3", "a4", "a5", "a6"}; !slices.Equal(live.Tags(), want) {
			t.Errorf("the live server saw tags %q, want %q", live.Tags(), want)
		}
	}
	if results[1].FirstMismatch != 0 || len(results[1].Rows) == 0 || !reflect.DeepEqual(results[0], results[1]) {
		t.Fatalf("from the file %+v\nloaded whole %+v", results[1], results[0])
	}
}
