package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/prompt"
	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/lab"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// connectFlags are the flags of "mailtutor connect".
type connectFlags struct {
	insecure, noColor, raw, useLab, terse bool
	ca, record, lang                      string
	keepSecrets, overwrite                bool
	timeout                               time.Duration
	history                               string
	trust                                 trustFlags
	admin                                 adminFlags
}

// connectGCPercent is the garbage collector's target for a session: its
// live heap stays small (long replies and bodies stream), so collecting
// less often costs a few MB and saves about a tenth of a 100 MB RETR.
const connectGCPercent = 300

// connectMemoryLimit caps what the larger target lets the heap grow to
// while a long reply streams (a live heap of up to 6 MB of parts waiting
// for the screen and the transcript): the collector works harder only
// near it. A 100 MB FETCH then peaks at about 25 MB of RSS instead of
// 30-40 MB, for no more CPU (docs/benchmarks.md).
const connectMemoryLimit = 20 << 20

func runConnect(args []string) int {
	if os.Getenv("GOGC") == "" { // a GOGC the user set wins
		debug.SetGCPercent(connectGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" { // and so does a GOMEMLIMIT
		debug.SetMemoryLimit(connectMemoryLimit)
	}
	var f connectFlags
	fs := newFlagSet("connect", i18n.UsageConnect, strings.Join(lab.ServiceNames(), "|"), schemeList(screenLang))
	fs.BoolVar(&f.insecure, "insecure", false, "do not fail on a certificate that does not verify (shown with a warning)")
	fs.StringVar(&f.ca, "ca", "", "trust the PEM certificate(s) in `FILE` as well as the system's")
	fs.DurationVar(&f.timeout, "timeout", session.DefaultTimeout, "how long to wait for the connection and for each reply")
	fs.BoolVar(&f.noColor, "no-color", false, "plain text, no colour (NO_COLOR in the environment does the same)")
	fs.BoolVar(&f.raw, "raw", false, "show CR, LF and non-printable bytes of what crosses the wire")
	fs.BoolVar(&f.terse, "terse", false, "show only the class of each reply, no explanations")
	fs.StringVar(&f.record, "record", "", "write the session as a YAML transcript to `FILE` as it happens (mode 0600)")
	fs.BoolVar(&f.keepSecrets, "keep-secrets", false, "store passwords and AUTH responses in the transcript instead of redacting them")
	fs.BoolVar(&f.overwrite, "overwrite", false, "let --record and :save replace an existing file")
	fs.StringVar(&f.lang, "lang", "", "language of the explanations: en or zh (default from LC_ALL / LANG)")
	fs.BoolVar(&f.useLab, "lab", false, "start the practice lab in this process and connect to one of its services")
	fs.StringVar(&f.history, "history", prompt.DefaultHistoryFile(), "history `FILE` of the prompt (\"\" for none; secrets never go there)")
	f.trust.register(fs, true)
	f.admin.register(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if f.timeout <= 0 || f.trust.replyTimeout <= 0 {
		fmt.Fprintln(os.Stderr, "mailtutor: --timeout and --reply-timeout must be positive, like 5s")
		return 2
	}
	return exitCode(connect(f, pos))
}

func connect(f connectFlags, pos []string) error {
	lang, err := pickUILang(f.lang)
	if err != nil {
		return err
	}
	opts := session.Options{Timeout: f.timeout, Insecure: f.insecure, CAFile: f.ca, StreamBodies: true, KeepRaw: f.raw, Lang: i18n.Resolve(lang)}
	f.trust.apply(&opts)
	f.admin.apply(&opts)
	var target session.Target
	var banner, labLine string
	var practice *lab.Lab // the lab started here, for :connect
	switch {
	case f.useLab:
		name := lab.DefaultService
		if len(pos) > 0 {
			name = pos[0]
		}
		l, err := startLab()
		if err != nil {
			return err
		}
		defer l.Close()
		svc, err := labService(l, name)
		if err != nil {
			return err
		}
		target, _ = session.ParseURL(svc.URL)
		opts.CAPEM = l.CertPEM()
		banner, practice = labBanner(l, svc, lang), l
		labLine = i18n.Textf(lang, i18n.StatusLab, labPorts(l))
	case len(pos) == 1:
		t, err := session.ParseURL(pos[0])
		if err != nil {
			return err
		}
		target = t
		noteSchemeAssumed(pos[0], t, lang)
	default:
		fmt.Fprintln(os.Stderr, i18n.Textf(lang, i18n.ConnectNoURL, exampleURL()))
		return errUsage
	}
	if f.insecure {
		fmt.Fprintln(os.Stderr, i18n.Text(lang, i18n.WarnInsecure))
	}
	if f.keepSecrets {
		fmt.Fprintln(os.Stderr, i18n.Text(lang, i18n.WarnKeepSecrets))
	}
	f.trust.warn(os.Stderr, lang)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	color := useColor(f.noColor)
	sess, err := f.admin.dial(ctx, target, opts, render.New(os.Stdout, color, f.raw), lang)
	if err != nil {
		return err
	}
	rec := session.NewRecording(target, sess.Started(), "mailtutor "+version, f.keepSecrets)
	all, first := &sessions{}, rec
	all.add(sess, rec)
	if f.record != "" {
		if err := rec.SaveTo(f.record, f.overwrite); err != nil {
			sess.Close()
			return err
		}
	}
	r := &prompt.Runner{Session: sess, Render: render.New(os.Stdout, color, f.raw), Observers: []prompt.Observer{rec}}
	r.Render.Terse = f.terse
	r.StatusExtra = labLine
	r.Opening = f.admin.opening()
	r.Render.Lang, r.Lang = lang, lang
	if practice != nil {
		w := &labSwitch{ctx: ctx, l: practice, opts: opts, lang: lang, all: all, record: f.record, tool: "mailtutor " + version, keep: f.keepSecrets}
		r.Connect = w.connect
	}
	r.OnMeta = func(name, args string) (bool, error) {
		if name != "save" {
			return false, nil
		}
		if args == "" {
			return true, fmt.Errorf(":save needs a file name, e.g. :save lesson.yaml")
		}
		rec := all.recording() // :connect gives each session its own
		if err := rec.SaveTo(args, f.overwrite); err != nil {
			return true, err
		}
		if rec.Files() > 1 && f.record != "" && rec == first {
			r.Say(i18n.Textf(lang, i18n.RecordingAlsoTo, args, f.record))
		} else {
			r.Say(i18n.Textf(lang, i18n.RecordingTo, args))
		}
		return true, nil
	}
	go func() { // Ctrl-C in a script, SIGTERM: end the session cleanly, keep the transcript
		<-ctx.Done()
		all.closeAll()
	}()
	if !interactive() {
		err = r.RunScript(os.Stdin)
	} else {
		err = r.RunInteractive(prompt.Interactive{HistoryFile: f.history, Banner: banner})
	}
	if cerr := all.finish(); cerr != nil && err == nil {
		err = cerr
	}
	return err
}

// startLab starts the practice lab on its usual ports, or on free ones when
// those are taken.
func startLab() (*lab.Lab, error) {
	l, err := lab.Start(lab.DefaultConfig())
	if err != nil {
		l, err = lab.Start(lab.TestConfig()) // any free ports
		if err != nil {
			return nil, fmt.Errorf("start the practice lab: %w", err)
		}
	}
	return l, nil
}

// labService returns the service of l called name.
func labService(l *lab.Lab, name string) (lab.Service, error) {
	svc, ok := l.Service(name)
	if !ok {
		return lab.Service{}, &unknownServiceError{name: name}
	}
	return svc, nil
}

// unknownServiceError is a lab service name the lab does not have.
type unknownServiceError struct{ name string }

func (e *unknownServiceError) Error() string { return e.In(i18n.English) }

// In is the message in lang (session.Localize and lessons.Localize use it).
func (e *unknownServiceError) In(lang i18n.Lang) string {
	return i18n.Textf(lang, i18n.LabNoService, e.name, strings.Join(lab.ServiceNames(), listSep(lang)))
}

// labWelcomes is the banner of a prompt opened on the lab, by the protocol
// of the service.
var labWelcomes = map[protocol.Protocol]i18n.Key{
	protocol.SMTP: i18n.LabWelcomeSMTP,
	protocol.POP3: i18n.LabWelcomePOP3,
	protocol.IMAP: i18n.LabWelcomeIMAP,
}

// labPorts names every service of a running lab with its address, for
// :status: "smtp 127.0.0.1:1025, submission 127.0.0.1:1587, ...".
func labPorts(l *lab.Lab) string {
	var parts []string
	for _, s := range l.Services() {
		parts = append(parts, s.Name+" "+s.Addr)
	}
	return strings.Join(parts, ", ")
}

// labWelcome is the banner shown on a prompt opened on the lab; "" for a
// protocol that has none.
func labWelcome(svc lab.Service, lang i18n.Lang) string {
	key, ok := labWelcomes[svc.Protocol]
	if !ok {
		return ""
	}
	return i18n.Textf(lang, key, svc.Addr)
}

// exampleURL is a URL to show in a usage message: the first lab service's
// scheme on its lab port.
func exampleURL() string {
	for _, s := range protocol.Schemes() {
		if s.LabPort != 0 {
			return fmt.Sprintf("%s://127.0.0.1:%d", s.Name, s.LabPort)
		}
	}
	return "scheme://host:port"
}

// pickUILang is --lang, or the language of the environment.
func pickUILang(flagValue string) (i18n.Lang, error) {
	if flagValue == "" {
		return i18n.Detect(os.Getenv), nil
	}
	return i18n.Parse(flagValue)
}
