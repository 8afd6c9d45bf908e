package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/replay"
	"github.com/mailtutor/mailtutor/internal/term"
	"github.com/mailtutor/mailtutor/session"
	"github.com/mailtutor/mailtutor/transcript"
)

// replayFlags are the flags of "mailtutor replay".
type replayFlags struct {
	noWait, noColor, raw, terse bool
	speed                       float64
	against, ca, lang           string
	strict, insecure            bool
	timeout                     time.Duration
	secrets                     secretFlag
	trust                       trustFlags // with --against
}

// secretFlag collects repeated --secret KIND=VALUE flags.
type secretFlag map[string]string

func (s secretFlag) String() string { return "" } // never print a value

func (s secretFlag) Set(arg string) error {
	kind, value, err := replay.ParseSecret(arg)
	if err != nil {
		return err
	}
	s[kind] = value
	return nil
}

func runReplay(args []string) error {
	f := replayFlags{secrets: secretFlag{}}
	fs := newFlagSet("replay", i18n.UsageReplay)
	fs.BoolVar(&f.noWait, "no-wait", false, "show the whole transcript at once (always so when input is not a terminal)")
	fs.Float64Var(&f.speed, "speed", 0, "play at the recorded pace, N times as fast (2 = twice as fast)")
	fs.BoolVar(&f.noColor, "no-color", false, "plain text, no colour (NO_COLOR in the environment does the same)")
	fs.BoolVar(&f.raw, "raw", false, "show CR, LF and non-printable bytes")
	fs.BoolVar(&f.terse, "terse", false, "show only the class of each reply, no explanations")
	fs.StringVar(&f.lang, "lang", "", "language of the explanations: en or zh (default from LC_ALL / LANG)")
	fs.StringVar(&f.against, "against", "", "re-send the client side to the server at `URL` and compare its replies with the recorded ones")
	fs.BoolVar(&f.strict, "strict", false, "with --against: a changed reply text is a mismatch too")
	fs.Var(f.secrets, "secret", "with --against: the real value of a redacted credential, `KIND=VALUE` (username, password, apop-digest (give the password), sasl-initial-response, sasl-response, credential); also "+replay.EnvPrefix+"<KIND>")
	fs.DurationVar(&f.timeout, "timeout", session.DefaultTimeout, "with --against: how long to wait for the connection and for each reply")
	fs.StringVar(&f.ca, "ca", "", "with --against: trust the PEM certificate(s) in `FILE` as well as the system's")
	fs.BoolVar(&f.insecure, "insecure", false, "with --against: do not fail on a certificate that does not verify")
	f.trust.register(fs, true)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	if len(pos) != 1 || f.speed < 0 || f.timeout <= 0 || f.trust.replyTimeout <= 0 {
		fmt.Fprintln(os.Stderr, i18n.Text(screenLang, i18n.ReplayUsageErr))
		return errUsage
	}
	if _, err := pickUILang(f.lang); err != nil {
		return err
	}
	t, warnings, err := transcript.Open(pos[0]) // checked whole, then played step by step
	if err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintln(os.Stderr, i18n.Text(screenLang, i18n.WarningLabel)+w)
	}
	if f.against != "" {
		return replayAgainst(f, t)
	}
	return replay.PlaybackFrom(os.Stdout, t, playbackOptions(f))
}

// playbackOptions picks the pace: --speed, else step by step on a terminal,
// else all at once.
func playbackOptions(f replayFlags) replay.PlaybackOptions {
	lang, _ := pickUILang(f.lang) // a bad --lang was refused when the flags were read
	opts := replay.PlaybackOptions{Color: useColor(f.noColor), Raw: f.raw, Terse: f.terse, Lang: lang}
	switch {
	case f.noWait:
	case f.speed > 0:
		opts.Pace, opts.Speed = replay.RecordedSpeed, f.speed
	case interactive():
		opts.Pace, opts.Input, opts.Prompt = replay.StepByStep, os.Stdin, os.Stdout
	}
	return opts
}

// replayAgainst compares the transcript with a live server and prints the table.
func replayAgainst(f replayFlags, t *transcript.File) error {
	target, err := session.ParseURL(f.against)
	if err != nil {
		return err
	}
	if f.insecure {
		fmt.Fprintln(os.Stderr, i18n.Text(screenLang, i18n.WarnInsecure))
	}
	secrets := &replay.Secrets{Values: f.secrets, Getenv: os.Getenv}
	if term.IsTerminal(os.Stdin) {
		secrets.Ask = askSecret
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts := replay.AgainstOptions{Strict: f.strict, Secrets: secrets,
		Session: session.Options{Timeout: f.timeout, Insecure: f.insecure, CAFile: f.ca}}
	f.trust.apply(&opts.Session)
	lang, _ := pickUILang(f.lang) // a bad --lang was refused when the flags were read
	f.trust.warn(os.Stderr, lang)
	res, err := replay.AgainstFrom(ctx, t, target, opts)
	if len(res.Rows) > 0 {
		if werr := replay.WriteTable(os.Stdout, res, useColor(f.noColor)); werr != nil && err == nil {
			err = werr
		}
	}
	if err != nil {
		return err
	}
	return res.Err()
}

// askSecret asks for a credential at the terminal, without echo.
func askSecret(kind string, step int) (string, error) {
	what := map[string]string{
		transcript.SecretUsername:   "user name",
		transcript.SecretPassword:   "password",
		transcript.SecretAPOPDigest: "password (the APOP digest is computed from it)",
	}[kind]
	if what == "" {
		what = kind + " (as sent on the wire)"
	}
	return term.ReadPassword(fmt.Sprintf("step %d needs the %s: ", step, what))
}
