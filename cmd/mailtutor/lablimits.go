package main

import (
	"flag"
	"fmt"
	"net/netip"
	"os"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/lab"
)

// limitFlags adds the flags of the lab's limits to fs, over cfg's fields
// (0 = the default), and returns the value of -trusted-nets, parsed after.
func limitFlags(fs *flag.FlagSet, cfg *lab.Config) *string {
	fs.DurationVar(&cfg.IdleTimeout, "idle-timeout", cfg.IdleTimeout, "cut a client silent for so long (Postfix's smtpd_timeout is 300s)")
	fs.IntVar(&cfg.MaxConnsPerClient, "max-conns-per-client", cfg.MaxConnsPerClient, "connections one client address may hold; more are told so and closed")
	fs.IntVar(&cfg.MaxConns, "max-conns", cfg.MaxConns, "connections over all services (default 1000, or half the file descriptor limit)")
	fs.IntVar(&cfg.AuthFreeFailures, "auth-free-failures", cfg.AuthFreeFailures, "failed logins of a client address before each further try waits")
	fs.DurationVar(&cfg.AuthDelay, "auth-delay", cfg.AuthDelay, "the first wait after the free failed logins; it doubles per failure")
	fs.DurationVar(&cfg.AuthMaxDelay, "auth-max-delay", cfg.AuthMaxDelay, "the longest wait before a login try")
	fs.DurationVar(&cfg.AuthForgive, "auth-forgive", cfg.AuthForgive, "time without a failed login after which an address starts afresh")
	fs.IntVar(&cfg.SMTPSoftErrors, "smtp-soft-errors", cfg.SMTPSoftErrors, "SMTP errors after which every reply waits -error-sleep (Postfix's smtpd_soft_error_limit)")
	fs.IntVar(&cfg.SMTPHardErrors, "smtp-hard-errors", cfg.SMTPHardErrors, "SMTP errors after which the lab says 421 and hangs up (smtpd_hard_error_limit)")
	fs.DurationVar(&cfg.ErrorSleep, "error-sleep", cfg.ErrorSleep, "the wait of -smtp-soft-errors (smtpd_error_sleep_time)")
	fs.IntVar(&cfg.MaxErrors, "max-errors", cfg.MaxErrors, "POP3 and IMAP errors after which the lab hangs up")
	return fs.String("trusted-nets", "", "comma-separated `CIDRs` whose SMTP clients may end lines with a bare LF (default: loopback; others get 550 5.5.2)")
}

// parseNets reads -trusted-nets: "" is nil (loopback).
func parseNets(list string) ([]netip.Prefix, error) {
	if strings.TrimSpace(list) == "" {
		return nil, nil
	}
	var out []netip.Prefix
	for _, s := range strings.Split(list, ",") {
		p, err := netip.ParsePrefix(strings.TrimSpace(s))
		if err != nil {
			return nil, fmt.Errorf("-trusted-nets: %w", err)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// openLabLog points cfg.Logf at the instructor's log: path, appended to and
// kept to its owner (0600), or standard error. It returns the banner's line
// about it and what closes it.
func openLabLog(cfg *lab.Config, path string, lang i18n.Lang) (note string, closeLog func(), err error) {
	if path == "" {
		cfg.Logf = lab.LogTo(os.Stderr)
		return i18n.Text(lang, i18n.LabLogStderr), func() {}, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return "", nil, fmt.Errorf("open the log: %w", err)
	}
	if err := f.Chmod(0o600); err != nil { // a file made before, readable by others
		_ = f.Close()
		return "", nil, fmt.Errorf("open the log: %w", err)
	}
	cfg.Logf = lab.LogTo(f)
	return i18n.Textf(lang, i18n.LabLogFile, path), func() { _ = f.Close() }, nil
}

// labLimitsNote is the banner's line on the limits in force.
func labLimitsNote(cfg lab.Config, lang i18n.Lang) string {
	return i18n.Textf(lang, i18n.LabLimits, cfg.MaxConnsPerClient, cfg.MaxConns, spoken(cfg.IdleTimeout, lang),
		cfg.AuthFreeFailures, spoken(cfg.AuthDelay, lang), spoken(cfg.AuthMaxDelay, lang))
}

// spoken is a duration as a person says it, "5 min" or "5 分钟", "8 s" or
// "8 秒"; Go's form ("1.5s") for what is not whole seconds.
func spoken(d time.Duration, lang i18n.Lang) string {
	zh := i18n.Resolve(lang) == i18n.Chinese
	switch {
	case d >= time.Minute && d%time.Minute == 0:
		return fmt.Sprintf("%d %s", d/time.Minute, map[bool]string{false: "min", true: "分钟"}[zh])
	case d >= time.Second && d%time.Second == 0:
		return fmt.Sprintf("%d %s", d/time.Second, map[bool]string{false: "s", true: "秒"}[zh])
	}
	return d.String()
}
