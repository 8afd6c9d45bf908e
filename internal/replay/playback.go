package replay

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// Pace says how Playback moves from one step to the next.
type Pace int

// The paces of a playback.
const (
	AllAtOnce     Pace = iota // everything without waiting (--no-wait)
	StepByStep                // wait for a line (Enter) before each client step
	RecordedSpeed             // wait as long as the recording did, divided by Speed
)

// PlaybackOptions tune Playback.
type PlaybackOptions struct {
	Pace  Pace
	Speed float64 // RecordedSpeed: 2 plays twice as fast; 0 or less means 1

	// Input gives the lines that move a StepByStep playback on: any line
	// goes to the next step, "q" or the end of input stops.
	Input io.Reader
	// Prompt receives the hint shown while waiting for Enter; nil shows none.
	Prompt io.Writer

	Color bool      // ANSI colour
	Raw   bool      // show CR, LF and non-printable bytes as render does
	Terse bool      // only the class of each reply, no explanations
	Lang  i18n.Lang // language of the explanations; "" is English

	// Sleep waits in a RecordedSpeed playback; nil means time.Sleep.
	Sleep func(time.Duration)
}

// Playback writes every step of t to w with the annotation a live session
// shows: client lines, replies with their meaning, TLS details and the
// close. A step-by-step playback that the user stops with "q" returns nil.
func Playback(w io.Writer, t *transcript.Transcript, opts PlaybackOptions) error {
	r := render.New(w, opts.Color, opts.Raw)
	r.Lang = opts.Lang
	r.EchoSent, r.Terse = true, opts.Terse
	r.Info(describeHeader(t))
	var input *bufio.Scanner
	if opts.Input != nil {
		input = bufio.NewScanner(opts.Input)
	}
	all, err := beats(t, session.Options{Lang: i18n.Resolve(opts.Lang), KeepRaw: opts.Raw})
	if err != nil {
		return err
	}
	var previous time.Duration
	for _, b := range all {
		switch opts.Pace {
		case StepByStep:
			if isClientStep(b.step) && b.index > 0 && !waitForEnter(input, opts.Prompt) {
				r.Info("-- playback stopped")
				return nil
			}
		case RecordedSpeed:
			pause(opts, b.step.At-previous)
		}
		previous = b.step.At
		if l := b.step.Lesson; l != nil && l.Explain != "" {
			r.Notice("lesson: " + l.Explain)
		}
		for _, e := range b.events {
			r.Event(e)
		}
		if l := b.step.Lesson; l != nil && l.Notice != "" {
			r.Notice("notice: " + l.Notice)
		}
	}
	return nil
}

// describeHeader says what the transcript is, in one line.
func describeHeader(t *transcript.Transcript) string {
	var b strings.Builder
	b.WriteString("replay of ")
	if t.Title != "" {
		fmt.Fprintf(&b, "%q: ", t.Title)
	}
	fmt.Fprintf(&b, "%s session with %s:%d (TLS: %s)", strings.ToUpper(t.Protocol), t.Server.Host, t.Server.Port, t.Server.TLS)
	if !t.Recorded.IsZero() {
		fmt.Fprintf(&b, ", recorded %s", t.Recorded.UTC().Format("2006-01-02 15:04 MST"))
	}
	if t.Tool != "" {
		fmt.Fprintf(&b, " by %s", t.Tool)
	}
	fmt.Fprintf(&b, ", %d steps", len(t.Steps))
	return b.String()
}

// isClientStep reports whether the step is something the user sent.
func isClientStep(s transcript.Step) bool {
	return s.Kind == transcript.KindClient || s.Kind == transcript.KindData
}

// waitForEnter shows the hint and reads one line; false means stop.
func waitForEnter(input *bufio.Scanner, prompt io.Writer) bool {
	if prompt != nil {
		io.WriteString(prompt, "[Enter: next step, q: quit] ")
	}
	if input == nil || !input.Scan() {
		return false
	}
	return !strings.EqualFold(strings.TrimSpace(input.Text()), "q")
}

// pause waits for a recorded gap, shortened by the speed.
func pause(opts PlaybackOptions, gap time.Duration) {
	if gap <= 0 {
		return
	}
	speed := opts.Speed
	if speed <= 0 {
		speed = 1
	}
	sleep := opts.Sleep
	if sleep == nil {
		sleep = time.Sleep
	}
	sleep(time.Duration(float64(gap) / speed))
}
