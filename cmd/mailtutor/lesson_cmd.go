package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/internal/term"
	"github.com/mailtutor/mailtutor/lab"
	"github.com/mailtutor/mailtutor/lessons"
	"github.com/mailtutor/mailtutor/lessons/lineedit"
	"github.com/mailtutor/mailtutor/transcript"
)

// lessonFlags are the flags of `mailtutor lesson NAME`.
type lessonFlags struct {
	servers  []string
	offline  bool
	lang     string
	user     string
	password string
	restart  bool
	insecure bool
	caFile   string
	timeout  time.Duration
	noColor  bool
	trust    trustFlags
}

// runLesson runs the lesson subcommands.
func runLesson(args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return listLessons(args[1:], os.Stdout)
		case "make":
			return makeLesson(args[1:], os.Stdout)
		case "check":
			return checkLesson(args[1:], os.Stdout)
		}
	}
	var f lessonFlags
	fs := newFlagSet("lesson", i18n.UsageLesson)
	fs.Func("server", "run on `URL` instead of the lab: every service of its protocol; name=URL for one service (repeatable)", func(s string) error {
		f.servers = append(f.servers, s)
		return nil
	})
	fs.BoolVar(&f.offline, "offline", false, "no server: the replies recorded in the lesson answer")
	fs.StringVar(&f.lang, "lang", "", "language: en or zh (default from LC_ALL / LANG)")
	fs.StringVar(&f.user, "user", "", "your user name, if not the lesson's (student)")
	fs.StringVar(&f.password, "password", "", "your password, if not the lesson's (secret123)")
	fs.BoolVar(&f.restart, "restart", false, "start from the first step, ignoring saved progress")
	fs.BoolVar(&f.insecure, "insecure", false, "accept a certificate that does not verify (still shown)")
	fs.StringVar(&f.caFile, "ca", "", "extra CA certificate `FILE` (PEM) to trust")
	fs.DurationVar(&f.timeout, "timeout", 10*time.Second, "connect and reply timeout")
	fs.BoolVar(&f.noColor, "no-color", false, "no colours")
	f.trust.register(fs, false)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	if len(pos) != 1 {
		fs.Usage()
		return errUsage
	}
	return runOneLesson(pos[0], f)
}

// runOneLesson runs a lesson for a person (or a script on stdin).
func runOneLesson(name string, f lessonFlags) error {
	l, err := lessons.Find(name)
	if err != nil {
		return err
	}
	lang, err := pickUILang(f.lang)
	if err != nil {
		return err
	}
	progress, err := lessons.DefaultProgressPath()
	if err != nil {
		return err
	}
	o := lessons.Options{Lang: lang, In: os.Stdin, Offline: f.offline, Echo: !interactive(),
		Timeout: f.timeout, ProgressPath: progress, Restart: f.restart}
	if interactive() { // line editing, masked credentials; piped input stays a plain line reader
		lr, err := lineedit.New(lineedit.Options{})
		if err != nil {
			return err
		}
		defer lr.Close()
		o.Lines = lr
		o.Width = term.Columns() // the lesson's prose laid out to the terminal
	}
	out := render.New(os.Stdout, useColor(f.noColor), false)
	out.EchoSent = o.Echo
	out.Lang = lang // the annotations in the lesson's language
	o.Out = out
	if f.user != "" || f.password != "" {
		acct := l.Account
		if f.user != "" {
			acct.User = f.user
		}
		if f.password != "" {
			acct.Password = f.password
		}
		o.Account = &acct
	}
	if !f.offline {
		f.trust.warn(os.Stderr, lang)
		servers, stop, err := lessonServers(f)
		if err != nil {
			return err
		}
		defer stop()
		o.Servers = servers
	}
	_, err = lessons.Run(l, o)
	switch {
	case errors.Is(err, lessons.ErrQuit):
		return nil
	case errors.Is(err, lessons.ErrInputEnded) && interactive():
		return nil // Ctrl-D: progress is kept
	}
	return err
}

// lessonServers maps services to the --server URLs, or to a lab started
// here when there are none.
func lessonServers(f lessonFlags) (lessons.Servers, func(), error) {
	base := lessons.Server{Insecure: f.insecure, CAFile: f.caFile, TLSMin: uint16(f.trust.tlsMin), AllowPlaintextAuth: f.trust.allowPlaintext}
	if len(f.servers) > 0 {
		all := lessons.Servers{}
		for _, spec := range f.servers {
			s, err := lessons.ServersFor(spec, base)
			if err != nil {
				return nil, nil, err
			}
			for name, srv := range s {
				all[name] = srv
			}
		}
		return all, func() {}, nil
	}
	lb, err := startLab()
	if err != nil {
		return nil, nil, err
	}
	return labServers(lb), func() { lb.Close() }, nil
}

// labServers maps every service of a running lab, trusting its certificate.
func labServers(lb *lab.Lab) lessons.Servers {
	out := lessons.Servers{}
	for _, s := range lb.Services() {
		out[s.Name] = lessons.Server{URL: s.URL, CAPEM: lb.CertPEM()}
	}
	return out
}

// listLessons prints the built-in course with the student's progress.
func listLessons(args []string, w io.Writer) error {
	fs := newFlagSet("lesson list", i18n.UsageLessonList)
	_, langFlag := commonFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	lang, err := pickUILang(*langFlag)
	if err != nil {
		return err
	}
	path, err := lessons.DefaultProgressPath()
	if err != nil {
		return err
	}
	p, err := lessons.LoadProgress(path)
	if err != nil {
		return err
	}
	list, err := lessons.List(p, lang)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, list)
	return err
}

// makeLesson writes a lesson skeleton made from a recorded transcript.
// Credentials the transcript holds in clear (--keep-secrets) are replaced
// by helpers unless --keep-secrets is given here too; either way a
// warning says so, and a file made from such a transcript is 0600.
func makeLesson(args []string, w io.Writer) error {
	fs := newFlagSet("lesson make", i18n.UsageLessonMake)
	out := fs.String("o", "", "write the lesson to `FILE` (default: standard output)")
	keep := fs.Bool("keep-secrets", false, "keep the credentials a --keep-secrets transcript holds in clear (default: helpers in their place)")
	langFlag := fs.String("lang", "", "language of the messages: en or zh (default from LC_ALL / LANG)")
	commonFlags(fs)
	pos, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil || len(pos) != 1 {
		fs.Usage()
		return errUsage
	}
	lang, err := pickUILang(*langFlag)
	if err != nil {
		return err
	}
	t, warnings, err := transcript.Load(pos[0])
	if err != nil {
		return err
	}
	for _, warn := range warnings {
		fmt.Fprintln(os.Stderr, i18n.Text(screenLang, i18n.WarningLabel)+warn)
	}
	mode := os.FileMode(0o644)
	if n := lessons.KeptSecrets(t); n > 0 {
		key := i18n.WarnLessonSecrets
		if *keep {
			key = i18n.WarnLessonKept
		}
		fmt.Fprintln(os.Stderr, i18n.Textf(lang, key, pos[0], n))
		mode = 0o600 // what the transcript held in clear stays private, kept or not
	}
	data := lessons.FromTranscriptWith(t, lessons.MakeOptions{KeepSecrets: *keep})
	if *out == "" {
		_, err = w.Write(data)
		return err
	}
	if err := writeNew(*out, data, mode); err != nil {
		return fmt.Errorf("write the lesson: %w", err)
	}
	fmt.Fprintln(w, i18n.Textf(screenLang, i18n.LessonMakeWrote, *out))
	return nil
}

// writeNew writes data to a new file of the given mode (less the umask).
func writeNew(path string, data []byte, mode os.FileMode) error {
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := file.Write(data); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}

// checkLesson validates a lesson and runs it as a scripted student on a
// fresh lab (free ports), or on the --server servers, and offline.
func checkLesson(args []string, w io.Writer) error {
	var f lessonFlags
	fs := newFlagSet("lesson check", i18n.UsageLessonCheck)
	langFlag := fs.String("lang", "en", "language of the run: en or zh")
	fs.Func("server", "run on `URL` instead of a fresh lab, as for a lesson (repeatable)", func(s string) error {
		f.servers = append(f.servers, s)
		return nil
	})
	fs.StringVar(&f.caFile, "ca", "", "extra CA certificate `FILE` (PEM) to trust")
	fs.BoolVar(&f.insecure, "insecure", false, "accept a certificate that does not verify")
	fs.DurationVar(&f.timeout, "timeout", 10*time.Second, "connect and reply timeout")
	f.trust.register(fs, false)
	commonFlags(fs)
	pos, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil || len(pos) != 1 {
		fs.Usage()
		return errUsage
	}
	l, err := lessons.Find(pos[0])
	if err != nil {
		return err
	}
	lang, err := i18n.Parse(*langFlag)
	if err != nil {
		return err
	}
	for _, m := range l.MissingNotes() {
		fmt.Fprintf(w, "note missing: %s\n", m)
	}
	servers, where := lessons.Servers(nil), "the lab"
	if len(f.servers) > 0 {
		f.trust.warn(os.Stderr, lang)
		if servers, _, err = lessonServers(f); err != nil {
			return err
		}
		where = "your servers"
	} else {
		lb, err := lab.Start(lab.TestConfig())
		if err != nil {
			return fmt.Errorf("start the practice lab: %w", err)
		}
		defer lb.Close()
		servers = labServers(lb)
	}
	out := render.New(w, false, false)
	out.EchoSent = true
	out.Lang = lang
	for _, offline := range []bool{false, true} {
		o := lessons.Options{Lang: lang, Out: out, Auto: true, Strict: true, Offline: offline, Servers: servers, Timeout: f.timeout}
		res, err := lessons.Run(l, o)
		if err != nil {
			return fmt.Errorf("lesson check %s (offline=%v): %w", l.File, offline, err)
		}
		if n := len(res.Allowed); n > 0 && !offline {
			fmt.Fprintf(w, "\n%s answered as the lesson allows, not as recorded, at %d step(s):\n  %s\n", where, n, strings.Join(res.Allowed, "\n  "))
		}
	}
	fmt.Fprintf(w, "\n%s: valid, and runs start to end on %s and offline (%d steps)\n", l.File, where, l.StepCount())
	return nil
}
