package lessons

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// Options say how to run a lesson.
type Options struct {
	Lang    Lang
	In      io.Reader     // the student's lines, when Lines is nil
	Lines   LineReader    // where the student's lines come from (a terminal); nil reads In
	Out     Output        // where everything is shown; nil shows nothing
	Servers Servers       // where each service is; unused when Offline
	Offline bool          // the recorded replies answer; nothing is dialled
	Auto    bool          // a scripted student types every model answer (lesson check)
	Strict  bool          // a reply the lesson does not allow for (see Step.Accept) is an error
	Echo    bool          // show each typed line (the input is not a terminal)
	Account *Account      // the student's account, instead of the lesson's
	Timeout time.Duration // connect and reply wait; 0 means 10s
	// Width is the terminal's width: the lesson's prose is laid out to
	// it (English by words, Chinese by its line-breaking rules). 0 leaves
	// the text as the lesson file breaks it.
	Width int

	ProgressPath string // "" keeps no progress
	Restart      bool   // start from the first step even if progress says otherwise
}

// Result is how a run went.
type Result struct {
	Steps     int      // steps in the lesson
	Done      int      // steps completed (including skipped ones)
	Right     int      // client and data steps typed right
	Skipped   int      // client and data steps skipped
	Misses    int      // wrong tries
	Allowed   []string // replies that differed from the recorded one as the step allows (Step.Accept)
	Mismatch  []string // replies that differed from the recorded one unexpectedly
	Completed bool     // the lesson ran to its end
}

// ErrQuit is returned when the student typed :quit; progress is kept.
var ErrQuit = errors.New("the student stopped the lesson")

// ErrInputEnded is returned when the input ended before the lesson.
var ErrInputEnded = errors.New("the input ended before the lesson did")

// runner is one run of one lesson.
type runner struct {
	l     *Lesson
	o     Options
	acct  Account
	lines LineReader
	out   *screen
	res   Result
	index int // flat index of the current step
	auto  bool
	c     conn
	cur   Part        // the part being run
	again *repeatable // a client step the student may send again (Step.Repeat)

	// tagged: the part's protocol tags its commands (IMAP); maxTag is the
	// highest n of the tags "an" the lesson recorded so far in the part,
	// retags maps a recorded tag to the one the student typed instead.
	tagged bool
	maxTag int
	retags map[string]string

	// firstMsg is the number, in the POP3 maildrop or the IMAP INBOX, of
	// the first message the lesson's setup delivered, for {msg:K}; uids
	// are the IMAP UIDs of the setup's messages, for {uid:K} (see fillMsg).
	firstMsg int
	uids     []int
}

// Run walks the student through l. It returns the result so far with
// ErrQuit, ErrInputEnded or the error that stopped it.
func Run(l *Lesson, o Options) (Result, error) {
	if o.Lang == "" {
		o.Lang = English
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.In == nil {
		o.In = strings.NewReader("")
	}
	if o.Out == nil {
		o.Out = Discard
	}
	r := &runner{l: l, o: o, acct: l.Account, out: &screen{o.Out, o.Lang, o.Width}, lines: o.Lines, firstMsg: 1}
	if r.lines == nil {
		r.lines = newPlainReader(o.In, o.Out, o.Echo)
	}
	if o.Account != nil {
		r.acct = *o.Account
	}
	r.res.Steps = l.StepCount()
	start := r.resumePoint()
	r.header()
	if !o.Offline {
		if err := r.setup(); err != nil {
			return r.res, err
		}
	}
	err := r.parts(start)
	if perr := r.saveProgress(); perr != nil && err == nil {
		err = perr
	}
	switch {
	case err == nil:
		r.res.Completed = true
		r.out.Notice(r.res.Summary(o.Lang))
		if n, m := len(r.res.Allowed), len(r.res.Mismatch); n+m > 0 {
			r.out.Info(msg(o.Lang, "differences", n+m, n, m))
		}
	case errors.Is(err, ErrQuit), errors.Is(err, ErrInputEnded):
		r.out.Info(msg(o.Lang, "quit", r.res.Done+1, r.res.Steps))
	}
	return r.res, err
}

// Summary is the line shown when a lesson is finished, in lang.
func (res Result) Summary(lang Lang) string {
	return msg(lang, "finished", res.Steps, res.Right, res.Skipped, res.Misses)
}

func (r *runner) header() {
	lang := r.o.Lang
	title := msg(lang, "lessonFile", r.l.Name, r.l.TitleIn(lang))
	if r.l.Number > 0 {
		title = msg(lang, "lesson", strconv.Itoa(r.l.Number), r.l.TitleIn(lang))
	}
	r.out.Text(heading(title))
	if s := r.note(r.l.Summary); s != "" {
		r.out.Text(s)
	}
}

// parts runs every part from the one holding step start.
func (r *runner) parts(start int) error {
	first := 0
	for i, p := range r.l.Parts {
		if start >= first+len(p.Steps) {
			first += len(p.Steps)
			r.res.Done = first
			continue
		}
		if err := r.part(i, p, first, start); err != nil {
			return err
		}
		first += len(p.Steps)
	}
	return nil
}

// part runs one connection; steps before start (already done in an
// earlier run) are replayed with the model answers.
func (r *runner) part(i int, p Part, first, start int) error {
	lang := r.o.Lang
	r.cur = p
	proto, _ := ServiceProtocol(p.Service)
	r.tagged, r.maxTag, r.retags = tagged(proto), 0, map[string]string{}
	rec, err := newRecording(p.Service, lang)
	if err != nil {
		return &PartError{Part: i + 1, Err: err}
	}
	srv, ok := r.o.Servers[p.Service]
	if r.o.Offline {
		r.out.Text("\n" + heading(msg(lang, "offlinePart", i+1, len(r.l.Parts), p.Service)))
		r.c = &offlineConn{rec: rec, out: r.out}
	} else {
		if !ok {
			return &NeedsServiceError{Part: i + 1, Service: p.Service, Scheme: urlSchemes(p.Service)[0]}
		}
		r.out.Text("\n" + heading(msg(lang, "part", i+1, len(r.l.Parts), p.Service, srv.URL)))
	}
	if e := r.note(p.Explain); e != "" {
		r.out.Text(e)
	}
	if !r.o.Offline {
		c, err := dialLive(srv, r.out, r.o.Timeout)
		if err != nil {
			return &PartError{Part: i + 1, Err: err}
		}
		c.rec = rec
		r.c = c
	}
	defer r.c.close()
	r.again = nil
	if start > first {
		r.out.Info(msg(lang, "replay", start-first))
	}
	for j := 0; j < len(p.Steps); {
		n := 1
		if r.tagged {
			n = serverRun(p.Steps[j:])
		}
		r.index = first + j
		r.auto = r.o.Auto || r.index < start
		if err := r.step(p.Steps[j : j+n]); err != nil {
			return fmt.Errorf("%s:%d: %w", r.l.File, p.Steps[j].Line, err)
		}
		for k := j; k < j+n; k++ {
			r.noteRepeat(&p.Steps[k])
		}
		j += n
		r.res.Done = first + j
		if err := r.saveProgress(); err != nil {
			return err
		}
	}
	return nil
}

// serverRun is the number of server steps at the start of steps, or 1
// when the first is of another kind: the steps run together.
func serverRun(steps []Step) int {
	n := 0
	for n < len(steps) && steps[n].Kind() == KindServer {
		n++
	}
	return max(n, 1)
}

// step runs one step, or an exchange of server steps (tagged protocols).
func (r *runner) step(steps []Step) error {
	var err error
	if r.tagged && steps[0].Kind() == KindServer {
		err = r.exchange(steps)
	} else {
		err = r.stepKind(&steps[0])
	}
	if errors.Is(err, errClosedEarly) {
		r.out.Notice(msg(r.o.Lang, "closedEarly"))
		return &ContinueError{Err: err}
	}
	return err
}

// stepKind runs one step of its kind.
func (r *runner) stepKind(s *Step) error {
	if e := r.note(s.Explain); e != "" && !(r.auto && !r.o.Auto) {
		r.out.Text("\n" + e)
	}
	switch s.Kind() {
	case KindServer:
		live, err := r.c.reply(s.Server, s.Wire)
		if err != nil {
			return err
		}
		return r.afterReply(s, r.c.recorded(), live)
	case KindClient:
		return r.client(s)
	case KindData:
		return r.data(s)
	case KindTLS:
		if err := r.c.tlsUp(); err != nil {
			return err
		}
		r.showNotice(s)
	case KindClosed:
		return r.c.closed()
	case KindExample:
		r.example(s)
	case KindDeliver:
		return r.deliverNow(s)
	}
	return nil
}

// afterReply compares the live reply with the recorded one and points at
// what to notice in it.
func (r *runner) afterReply(s *Step, recorded, live *protocol.Reply) error {
	if protocol.Compare(recorded, live).Sameness == protocol.Different {
		return r.differs(s, recorded, live)
	}
	r.showNotice(s)
	return nil
}

// showNotice points at what the step's note asks to look at.
func (r *runner) showNotice(s *Step) {
	if n := r.note(s.Notice); n != "" {
		r.out.Notice(r.out.hang(msg(r.o.Lang, "notice", ""), n))
	}
}

// note is a teaching note in the run's language, with {msg:K} filled in,
// its paragraphs joined up when it is laid out to the terminal's width.
func (r *runner) note(t Text) string {
	n := r.fillMsg(t.In(r.o.Lang))
	if r.o.Width > 0 {
		n = reflow(n)
	}
	return n
}

// example shows a reply the lesson recorded elsewhere, in a conversation
// of the part's service of its own, as the answer to the step's command.
func (r *runner) example(s *Step) {
	r.out.Info(msg(r.o.Lang, "example", s.Command))
	if rec, err := newRecording(r.cur.Service, r.o.Lang); err == nil {
		rec.off.Send(s.Command, session.SendOptions{})
		if e, err := rec.reply(s.Example, false); err == nil {
			r.out.Event(e)
		}
	}
	r.showNotice(s)
}

func (r *runner) saveProgress() error {
	if r.o.ProgressPath == "" || r.o.Auto {
		return nil
	}
	p, err := LoadProgress(r.o.ProgressPath)
	if err != nil {
		return err
	}
	lp := p.Of(r.l.Name)
	lp.Done, lp.Total, lp.Updated = r.res.Done, r.res.Steps, time.Now().UTC()
	lp.Right, lp.Skipped, lp.Misses = r.res.Right, r.res.Skipped, r.res.Misses
	if r.res.Done >= r.res.Steps {
		lp.Finished = true // the next run starts over
	}
	p.Lessons[r.l.Name] = &lp
	return p.Save(r.o.ProgressPath)
}

// resumePoint is the step to start from: where the last run stopped. A
// resumed run goes on counting from the last run's figures.
func (r *runner) resumePoint() int {
	if r.o.ProgressPath == "" || r.o.Restart || r.o.Auto {
		return 0
	}
	p, err := LoadProgress(r.o.ProgressPath)
	if err != nil {
		return 0
	}
	lp := p.Of(r.l.Name)
	if !lp.InProgress(r.res.Steps) {
		return 0 // never run, finished, or the lesson changed
	}
	r.res.Right, r.res.Skipped, r.res.Misses = lp.Right, lp.Skipped, lp.Misses
	return lp.Done
}
