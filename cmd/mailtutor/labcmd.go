package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/term"
	"github.com/mailtutor/mailtutor/lab"
)

// runLab runs the practice lab in the foreground until Ctrl-C or SIGTERM.
func runLab(args []string) error {
	if len(args) > 0 && args[0] == "report" {
		return runLabReport(args[1:])
	}
	cfg, lang, logPath, err := parseLabFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	logNote, closeLog, err := openLabLog(&cfg, logPath, lang)
	if err != nil {
		return err
	}
	defer closeLog()
	l, err := lab.Start(cfg)
	if err != nil {
		return fmt.Errorf("start the lab: %w", err)
	}
	defer l.Close()
	// laid out like every notice: to the terminal's width, its table's
	// lines hanging under their second column
	banner := l.BannerIn(lang) + logNote + "\n" + labLimitsNote(l.Config(), lang) + "\n" + i18n.Text(lang, i18n.LabStopHint)
	fmt.Print(term.Fit(banner, term.Columns()) + "\n")
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	fmt.Println("\n" + term.Fit(i18n.Text(lang, i18n.LabStopped), term.Columns()))
	return nil
}

// parseLabFlags reads the flags of "mailtutor lab": one port flag per lab
// service (-smtp-port, ..., named after lab.ServiceNames), and the rest.
// It returns flag.ErrHelp for -h, errUsage for a bad flag.
func parseLabFlags(args []string) (cfg lab.Config, lang i18n.Lang, logPath string, err error) {
	cfg = lab.DefaultConfig()
	fs := newFlagSet("lab", i18n.UsageLab)
	fs.StringVar(&cfg.Host, "host", cfg.Host, "address to listen on (loopback unless you mean it)")
	ports := map[string]*int{}
	for _, name := range lab.ServiceNames() {
		ports[name] = fs.Int(name+"-port", cfg.Ports[name], "port of the "+name+" service: "+cfg.ServiceNote(name))
	}

	fs.StringVar(&cfg.Domain, "domain", cfg.Domain, "the lab's mail domain")
	fs.Int64Var(&cfg.MaxMessageBytes, "max-message-size", cfg.MaxMessageBytes, "the largest message accepted, in `BYTES` (announced as SIZE)")
	fs.StringVar(&cfg.Dir, "dir", "", "keep mailboxes in `DIR` so they survive a restart (default: a temporary directory removed at exit)")
	fs.StringVar(&cfg.CertFile, "cert", "", "TLS certificate `FILE` (PEM; default: a self-signed one made now)")
	fs.StringVar(&cfg.KeyFile, "key", "", "TLS key `FILE` (PEM)")
	fs.StringVar(&logPath, "log", "", "append the instructor's log (connections, logins, messages, limits) to `FILE`, mode 0600 (default: standard error)")
	trusted := limitFlags(fs, &cfg)
	users := fs.String("users", "", "YAML `FILE` with more accounts: users: {alice: pw1}")
	class := addClassFlags(fs, &cfg)
	langFlag := fs.String("lang", "", "language of the messages: en or zh (default from LC_ALL / LANG)")
	commonFlags(fs) // --no-color: the lab's output has none anyway
	if err := parseFlags(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, "", "", err
		}
		return cfg, "", "", errUsage
	}
	for name, port := range ports {
		cfg.Ports[name] = *port
	}
	if lang, err = pickUILang(*langFlag); err != nil {
		return cfg, "", "", err
	}
	if cfg.TrustedNets, err = parseNets(*trusted); err != nil {
		return cfg, "", "", err
	}
	if err := class.apply(&cfg, lang); err != nil {
		return cfg, "", "", err
	}
	if *users != "" {
		extra, err := lab.LoadUsers(*users)
		if err != nil {
			return cfg, "", "", err
		}
		for u, p := range extra {
			cfg.Users[u] = p
		}
	}
	return cfg, lang, logPath, nil
}
