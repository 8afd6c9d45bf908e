package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/proxy"
	"github.com/mailtutor/mailtutor/lab"
	"github.com/mailtutor/mailtutor/session"
)

// proxyFlags are the flags of "mailtutor proxy".
type proxyFlags struct {
	listen, to, record, recordDir  string
	cert, key, certOut, ca, lang   string
	insecure, keepSecrets, noColor bool
	overwrite, terse               bool
	timeout, idle, delay           time.Duration
	dropAfter, maxConns            int
	inject                         ruleFlag
	trust                          trustFlags
}

// ruleFlag collects repeated --inject rules.
type ruleFlag []proxy.Rule

func (r *ruleFlag) String() string { return "" }

func (r *ruleFlag) Set(text string) error {
	rule, err := proxy.ParseRule(text)
	if err != nil {
		return err
	}
	*r = append(*r, rule)
	return nil
}

// labPrefix names an upstream in a lab started in this process: lab:submission.
const labPrefix = "lab:"

func runProxy(args []string) error {
	var f proxyFlags
	fs := newFlagSet("proxy", i18n.UsageProxy, strings.Join(lab.ServiceNames(), listSep(screenLang)), schemeList(screenLang))
	fs.StringVar(&f.to, "to", "", "the server to relay to: a `URL` such as submission://mail.example.com, or lab:SERVICE for a practice lab started here")
	fs.StringVar(&f.listen, "listen", "", "`ADDR` to listen on (default 127.0.0.1 and the server's port + 10000)")
	fs.StringVar(&f.record, "record", "", "write the first connection as a YAML transcript to `FILE` as it happens")
	fs.StringVar(&f.recordDir, "record-dir", "", "write one transcript per connection into `DIR`")
	fs.BoolVar(&f.keepSecrets, "keep-secrets", false, "store passwords and AUTH responses in transcripts instead of redacting them")
	fs.BoolVar(&f.overwrite, "overwrite", false, "let --record replace an existing file")
	fs.StringVar(&f.cert, "cert", "", "TLS certificate `FILE` (PEM) the proxy shows clients (default: one made now)")
	fs.StringVar(&f.key, "key", "", "TLS key `FILE` (PEM) of --cert")
	fs.StringVar(&f.certOut, "cert-out", filepath.Join(os.TempDir(), "mailtutor-proxy.pem"), "where to write the PEM of the certificate made now, for clients to trust (`FILE`)")
	fs.StringVar(&f.ca, "ca", "", "trust the PEM certificate(s) in `FILE` for the server, as well as the system's")
	fs.BoolVar(&f.insecure, "insecure", false, "do not fail on a server certificate that does not verify (shown with a warning)")
	fs.DurationVar(&f.timeout, "timeout", session.DefaultTimeout, "how long to wait for the server's connection and TLS handshakes")
	fs.DurationVar(&f.idle, "idle-timeout", proxy.DefaultIdleTimeout, "cut a connection on which neither side sent anything for so long")
	fs.Var(&f.inject, "inject", "answer a command with a reply instead of relaying it: `VERB=REPLY`, such as 'RCPT=451 4.3.0 try later' (VERB*N: only the first N; \\n between lines); repeatable")
	fs.DurationVar(&f.delay, "delay", 0, "wait so long before relaying each reply of the server")
	fs.IntVar(&f.dropAfter, "drop-after", 0, "cut each connection when the client sends command `N`+1")
	fs.IntVar(&f.maxConns, "max-conns", proxy.DefaultMaxConns, "most connections relayed at once")
	fs.StringVar(&f.lang, "lang", "", "language of the explanations: en or zh (default from LC_ALL / LANG)")
	fs.BoolVar(&f.noColor, "no-color", false, "plain text, no colour (NO_COLOR in the environment does the same)")
	fs.BoolVar(&f.terse, "terse", false, "show only the class of each reply, no explanations")
	f.trust.register(fs, false)
	pos, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return errUsage
	}
	if len(pos) == 1 && f.to == "" {
		f.to, pos = pos[0], nil
	}
	if f.to == "" || len(pos) > 0 || f.record != "" && f.recordDir != "" || (f.cert == "") != (f.key == "") {
		lang, _ := pickUILang(f.lang)
		fmt.Fprintln(os.Stderr, i18n.Textf(lang, i18n.ProxyUsage, exampleURL()))
		return errUsage
	}
	return serveProxy(f)
}

// serveProxy runs the proxy until Ctrl-C or SIGTERM.
func serveProxy(f proxyFlags) error {
	lang, err := pickUILang(f.lang)
	if err != nil {
		return err
	}
	cfg := proxy.Config{Rules: f.inject, Delay: f.delay, DropAfter: f.dropAfter, IdleTimeout: f.idle, MaxConns: f.maxConns,
		Upstream: session.Options{Timeout: f.timeout, Insecure: f.insecure, CAFile: f.ca, Lang: i18n.Resolve(lang)}}
	f.trust.apply(&cfg.Upstream)
	if name, ok := strings.CutPrefix(f.to, labPrefix); ok {
		l, err := startLab()
		if err != nil {
			return err
		}
		defer l.Close()
		svc, err := labService(l, name)
		if err != nil {
			return err
		}
		f.to, cfg.Upstream.CAPEM = svc.URL, l.CertPEM()
	}
	if cfg.Target, err = session.ParseURL(f.to); err != nil {
		return err
	}
	if f.listen == "" {
		f.listen = net.JoinHostPort("127.0.0.1", strconv.Itoa(cfg.Target.Port%55535+10000))
	}
	if cfg.Cert, err = proxyCert(f, lang); err != nil {
		return err
	}
	screen := proxy.NewScreen(os.Stdout, useColor(f.noColor), f.terse, lang)
	rec, err := proxyRecorder(f, cfg.Target, screen, lang)
	if err != nil {
		return err
	}
	cfg.NewHandler = func(id int, started time.Time) proxy.Handler {
		h := screen.Handler(id)
		if rec == nil {
			return h
		}
		rh, err := rec.Handler(id, started)
		if err != nil {
			screen.Notice(err.Error())
		}
		if rh == nil {
			return h
		}
		return proxy.Handlers{h, rh}
	}
	srv, err := proxy.Listen(f.listen, cfg)
	if err != nil {
		return err
	}
	proxyBanner(f, cfg, srv.Addr(), screen, lang)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve() }()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	select {
	case <-sig:
		srv.Close()
		screen.Info(i18n.Text(lang, i18n.ProxyStopped))
		return <-errc
	case err := <-errc:
		srv.Close()
		return err
	}
}

// proxyCert is --cert/--key, or a certificate made now whose PEM is
// written to --cert-out for clients to trust.
func proxyCert(f proxyFlags, lang i18n.Lang) (*proxy.Certificate, error) {
	if f.cert != "" {
		return proxy.LoadCertificate(f.cert, f.key)
	}
	host, _, err := net.SplitHostPort(f.listen)
	if err != nil {
		return nil, fmt.Errorf("--listen %q: %w", f.listen, err)
	}
	c, err := proxy.MakeCertificate(host)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(f.certOut, c.PEM, 0o644); err != nil {
		return nil, fmt.Errorf("write the proxy's certificate for clients to trust: %w", err)
	}
	return c, nil
}

// proxyRecorder is the transcripts the flags ask for, or nil.
func proxyRecorder(f proxyFlags, t session.Target, screen *proxy.Screen, lang i18n.Lang) (*proxy.Recorder, error) {
	if f.record == "" && f.recordDir == "" {
		return nil, nil
	}
	rec := &proxy.Recorder{Dir: f.recordDir, File: f.record, Overwrite: f.overwrite, KeepSecrets: f.keepSecrets,
		Tool: "mailtutor " + version, Target: t}
	rec.Done = func(id int, path string, err error) {
		if err != nil {
			screen.Notice(fmt.Sprintf("#%d %s", id, i18n.Textf(lang, i18n.ProxyRecordFailed, path, err)))
			return
		}
		screen.Info(fmt.Sprintf("#%d %s", id, i18n.Textf(lang, i18n.ProxyRecorded, path)))
	}
	rec.Skipped = func(id int) { screen.Info(i18n.Textf(lang, i18n.ProxyNotRecorded, id)) }
	if f.record != "" && !f.overwrite {
		if _, err := os.Stat(f.record); err == nil {
			return nil, fmt.Errorf("--record %s: the file exists (--overwrite replaces it)", f.record)
		}
	}
	return rec, rec.MakeDir()
}

// proxyBanner says where the proxy listens, what clients must trust, and
// what it will do on purpose.
func proxyBanner(f proxyFlags, cfg proxy.Config, addr net.Addr, screen *proxy.Screen, lang i18n.Lang) {
	screen.Info(i18n.Textf(lang, i18n.ProxyListening, addr, cfg.Target))
	if f.cert != "" {
		screen.Info(i18n.Textf(lang, i18n.ProxyCertLoaded, f.cert, cfg.Cert.Fingerprint))
	} else {
		screen.Info(i18n.Textf(lang, i18n.ProxyCertMade, cfg.Cert.Fingerprint, f.certOut))
	}
	if tcp, ok := addr.(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		screen.Notice(i18n.Textf(lang, i18n.ProxyNotLoopback, addr, cfg.Target))
	}
	switch {
	case f.recordDir != "":
		screen.Info(i18n.Textf(lang, i18n.ProxyRecordDir, f.recordDir))
	case f.record != "":
		screen.Info(i18n.Textf(lang, i18n.ProxyRecordFirst, f.record))
	}
	if f.insecure {
		screen.Notice(i18n.Text(lang, i18n.ProxyWarnInsecure))
	}
	if f.keepSecrets {
		screen.Notice(i18n.Text(lang, i18n.ProxyWarnSecrets))
	}
	f.trust.warn(os.Stderr, lang)
	screen.Info(i18n.Text(lang, i18n.ProxyStopHint))
}
