package replay

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/internal/term"
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
	// Columns is the screen's width, asked before each notice (see
	// render.Renderer.Columns); nil lays out to the terminal's width when
	// PlaybackFrom writes to standard output, and wraps nothing elsewhere.
	Columns func() int

	// Sleep waits in a RecordedSpeed playback; nil means time.Sleep.
	Sleep func(time.Duration)
}

// Playback writes every step of t to w with the annotation a live session
// shows: client lines, replies with their meaning, TLS details and the
// close. A step-by-step playback that the user stops with "q" returns nil.
func Playback(w io.Writer, t *transcript.Transcript, opts PlaybackOptions) error {
	return PlaybackFrom(w, t.Source(), opts)
}

// PlaybackFrom plays a transcript read step by step (a transcript.File),
// as Playback does: one step at a time is in memory, however long the
// transcript. Output is buffered and written out before every wait and at
// the end.
func PlaybackFrom(w io.Writer, src transcript.Source, opts PlaybackOptions) error {
	out := bufio.NewWriterSize(w, 64<<10)
	if f, ok := w.(*os.File); ok && f == os.Stdout && opts.Columns == nil {
		opts.Columns = term.Columns
	}
	err := playback(out, src, opts)
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	return err
}

func playback(out *bufio.Writer, src transcript.Source, opts PlaybackOptions) error {
	header := src.Header()
	r := render.New(out, opts.Color, opts.Raw)
	r.Lang, r.Columns = opts.Lang, opts.Columns
	r.EchoSent, r.Terse = true, opts.Terse
	r.Info(describeHeader(&header, src.Summary().Steps, opts.Lang))
	var input *bufio.Scanner
	if opts.Input != nil {
		input = bufio.NewScanner(opts.Input)
	}
	p, err := newPlayer(&header, session.Options{Lang: i18n.Resolve(opts.Lang), KeepRaw: opts.Raw})
	if err != nil {
		return err
	}
	var previous time.Duration
	for step, err := range src.Steps() {
		if err != nil {
			return err
		}
		switch opts.Pace {
		case StepByStep:
			if isClientStep(step) && p.next > 0 && !waitForEnter(out, input, opts.Prompt) {
				r.Info("-- playback stopped")
				return nil
			}
		case RecordedSpeed:
			pause(out, opts, step.At-previous)
		}
		previous = step.At
		show(r, p.beat(step))
	}
	return nil
}

// show renders one played step with its lesson notes.
func show(r *render.Renderer, b beat) {
	if l := b.step.Lesson; l != nil && l.Explain != "" {
		r.Notice(i18n.Text(r.Lang, i18n.ReplayLesson) + l.Explain)
	}
	for _, e := range b.events {
		r.Event(e)
	}
	if l := b.step.Lesson; l != nil && l.Notice != "" {
		r.Notice(i18n.Text(r.Lang, i18n.ReplayNotice) + l.Notice)
	}
}

// describeHeader says what the transcript is, in one line, in lang.
func describeHeader(t *transcript.Transcript, steps int, lang i18n.Lang) string {
	title, recorded, tool := "", "", ""
	if t.Title != "" {
		title = i18n.Textf(lang, i18n.ReplayTitle, t.Title)
	}
	if !t.Recorded.IsZero() {
		recorded = i18n.Textf(lang, i18n.ReplayRecorded, t.Recorded.UTC().Format("2006-01-02 15:04 MST"))
	}
	if t.Tool != "" {
		tool = i18n.Textf(lang, i18n.ReplayTool, t.Tool)
	}
	tls := t.Server.TLS
	if tls == "none" {
		tls = i18n.Text(lang, i18n.ReplayNoTLS)
	}
	return i18n.Textf(lang, i18n.ReplayHeader, title, strings.ToUpper(t.Protocol), fmt.Sprintf("%s:%d", t.Server.Host, t.Server.Port),
		tls, recorded, tool, steps)
}

// isClientStep reports whether the step is something the user sent.
func isClientStep(s transcript.Step) bool {
	return s.Kind == transcript.KindClient || s.Kind == transcript.KindData
}

// waitForEnter writes out what was shown, shows the hint and reads one
// line; false means stop.
func waitForEnter(out *bufio.Writer, input *bufio.Scanner, prompt io.Writer) bool {
	out.Flush()
	if prompt != nil {
		io.WriteString(prompt, "[Enter: next step, q: quit] ")
	}
	if input == nil || !input.Scan() {
		return false
	}
	return !strings.EqualFold(strings.TrimSpace(input.Text()), "q")
}

// pause writes out what was shown and waits for a recorded gap,
// shortened by the speed.
func pause(out *bufio.Writer, opts PlaybackOptions, gap time.Duration) {
	if gap <= 0 {
		return
	}
	out.Flush()
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
