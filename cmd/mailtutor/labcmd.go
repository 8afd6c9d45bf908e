package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/lab"
)

// runLab runs the practice lab in the foreground until Ctrl-C or SIGTERM.
func runLab(args []string) error {
	if len(args) > 0 && args[0] == "report" {
		return runLabReport(args[1:])
	}
	cfg, lang, err := parseLabFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	l, err := lab.Start(cfg)
	if err != nil {
		return fmt.Errorf("start the lab: %w", err)
	}
	defer l.Close()
	fmt.Print(l.BannerIn(lang))
	fmt.Println(i18n.Text(lang, i18n.LabStopHint))
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	fmt.Println("\n" + i18n.Text(lang, i18n.LabStopped))
	return nil
}

// parseLabFlags reads the flags of "mailtutor lab": one port flag per lab
// service (-smtp-port, ..., named after lab.ServiceNames), and the rest.
// It returns flag.ErrHelp for -h, errUsage for a bad flag.
func parseLabFlags(args []string) (lab.Config, i18n.Lang, error) {
	cfg := lab.DefaultConfig()
	fs := newFlagSet("lab", "Usage: mailtutor lab [flags]\n  run the practice lab in the foreground until Ctrl-C, for other clients")
	fs.StringVar(&cfg.Host, "host", cfg.Host, "address to listen on (loopback unless you mean it)")
	for _, name := range lab.ServiceNames() {
		port := cfg.Port(name)
		fs.IntVar(port, name+"-port", *port, "port of the "+name+" service: "+cfg.ServiceNote(name))
	}
	fs.StringVar(&cfg.Domain, "domain", cfg.Domain, "the lab's mail domain")
	fs.Int64Var(&cfg.MaxMessageBytes, "max-message-size", cfg.MaxMessageBytes, "the largest message accepted, in `BYTES` (announced as SIZE)")
	fs.StringVar(&cfg.Dir, "dir", "", "keep mailboxes in `DIR` so they survive a restart (default: a temporary directory removed at exit)")
	fs.StringVar(&cfg.CertFile, "cert", "", "TLS certificate `FILE` (PEM; default: a self-signed one made now)")
	fs.StringVar(&cfg.KeyFile, "key", "", "TLS key `FILE` (PEM)")
	users := fs.String("users", "", "YAML `FILE` with more accounts: users: {alice: pw1}")
	class := addClassFlags(fs, &cfg)
	langFlag := fs.String("lang", "", "language of the messages: en or zh (default from LC_ALL / LANG)")
	commonFlags(fs) // --no-color: the lab's output has none anyway
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, "", err
		}
		return cfg, "", errUsage
	}
	lang, err := pickUILang(*langFlag)
	if err != nil {
		return cfg, "", err
	}
	if err := class.apply(&cfg, lang); err != nil {
		return cfg, "", err
	}
	if *users != "" {
		extra, err := lab.LoadUsers(*users)
		if err != nil {
			return cfg, "", err
		}
		for u, p := range extra {
			cfg.Users[u] = p
		}
	}
	return cfg, lang, nil
}
