package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/mailtutor/mailtutor/lab"
)

// runLab runs the practice lab in the foreground until Ctrl-C or SIGTERM.
func runLab(args []string) error {
	cfg := lab.DefaultConfig()
	fs := flag.NewFlagSet("lab", flag.ContinueOnError)
	fs.StringVar(&cfg.Host, "host", cfg.Host, "address to listen on (loopback unless you mean it)")
	fs.IntVar(&cfg.SMTPPort, "smtp-port", cfg.SMTPPort, "SMTP (MX) port")
	fs.IntVar(&cfg.SubmissionPort, "submission-port", cfg.SubmissionPort, "submission port (AUTH required)")
	fs.IntVar(&cfg.SMTPSPort, "smtps-port", cfg.SMTPSPort, "SMTPS port (implicit TLS)")
	fs.IntVar(&cfg.POP3Port, "pop3-port", cfg.POP3Port, "POP3 port")
	fs.IntVar(&cfg.POP3SPort, "pop3s-port", cfg.POP3SPort, "POP3S port (implicit TLS)")
	fs.StringVar(&cfg.Domain, "domain", cfg.Domain, "the lab's mail domain")
	fs.Int64Var(&cfg.MaxMessageBytes, "max-message-size", cfg.MaxMessageBytes, "the largest message accepted, in `BYTES` (announced as SIZE)")
	fs.StringVar(&cfg.Dir, "dir", "", "keep mailboxes in `DIR` so they survive a restart (default: in memory)")
	fs.StringVar(&cfg.CertFile, "cert", "", "TLS certificate `FILE` (PEM; default: a self-signed one made now)")
	fs.StringVar(&cfg.KeyFile, "key", "", "TLS key `FILE` (PEM)")
	users := fs.String("users", "", "YAML `FILE` with more accounts: users: {alice: pw1}")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	if *users != "" {
		extra, err := lab.LoadUsers(*users)
		if err != nil {
			return err
		}
		for u, p := range extra {
			cfg.Users[u] = p
		}
	}
	l, err := lab.Start(cfg)
	if err != nil {
		return fmt.Errorf("start the lab: %w", err)
	}
	defer l.Close()
	fmt.Print(l.Banner())
	fmt.Println("Ctrl-C stops the lab.")
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	fmt.Println("\nlab stopped")
	return nil
}
