package lab

import (
	"crypto/tls"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/servercert"
	"github.com/mailtutor/mailtutor/lab/imapd"
	"github.com/mailtutor/mailtutor/lab/mailstore"
	"github.com/mailtutor/mailtutor/protocol"
)

// Service is one listening service of a running lab.
type Service struct {
	Name     string            // its URL scheme's name (ServiceNames)
	Protocol protocol.Protocol // what it speaks: protocol.SMTP, protocol.POP3, protocol.IMAP
	Addr     string            // host:port, e.g. "127.0.0.1:1025"
	URL      string            // e.g. "smtp://127.0.0.1:1025", what `mailtutor connect` takes
	Note     string            // one short line saying what the service is for, in English (BannerIn has it in other languages)
	scheme   protocol.Scheme
}

// Lab is a running practice server. Its methods are safe for concurrent use.
type Lab struct {
	cfg       Config
	hostname  string // "mail." + Domain, in greetings and the certificate
	accounts  *accounts
	store     *mailstore.Store
	imap      *imapd.Server
	cert      *servercert.Identity
	tlsConfig *tls.Config
	services  []Service
	logf      func(format string, args ...any)
	lastStamp atomic.Uint64 // APOP timestamps
	reachable []string      // the addresses other machines use when Host is a wildcard
	rec       *recorder     // Config.RecordDir, or nil

	guard *guard
	quit  chan struct{} // closed by Close: ends the waits of guard and limits

	wg        sync.WaitGroup
	mu        sync.Mutex
	lns       []net.Listener
	conns     map[net.Conn]struct{}
	perClient map[netip.Addr]int // open connections per client address
	closed    bool
}

// Start binds every service and serves them in the background. It binds
// every listener or none: on error, what was opened is closed again.
func Start(cfg Config) (*Lab, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("start lab: %w", err)
	}
	l := &Lab{
		cfg:       cfg,
		hostname:  "mail." + cfg.Domain,
		accounts:  &accounts{domain: cfg.Domain, passwords: cfg.Users},
		conns:     map[net.Conn]struct{}{},
		perClient: map[netip.Addr]int{},
		logf:      cfg.Logf,
		guard:     newGuard(cfg),
		quit:      make(chan struct{}),
	}
	if l.logf == nil {
		l.logf = func(string, ...any) {}
	}
	l.reachable = reachableAddrs(cfg.Host, net.InterfaceAddrs)
	if l.cert, err = loadOrMakeCert(cfg.CertFile, cfg.KeyFile, cfg.Dir, certNames(cfg.Host, l.hostname, l.reachable)); err != nil {
		return nil, fmt.Errorf("start lab: %w", err)
	}
	l.tlsConfig = l.cert.ServerConfig()
	if cfg.RecordDir != "" {
		if l.rec, err = newRecorder(cfg.RecordDir, l.hostname, &l.cert.Pair, l.logf); err != nil {
			return nil, fmt.Errorf("start lab: %w", err)
		}
	}
	if l.store, err = mailstore.Open(cfg.Dir); err != nil {
		return nil, fmt.Errorf("start lab: %w", err)
	}
	specs := cfg.specs()
	if err := l.listenAll(specs); err != nil {
		_ = l.store.Close()
		return nil, fmt.Errorf("start lab: %w", err)
	}
	if !isLoopbackHost(cfg.Host) {
		l.logf("%s", i18n.Textf(i18n.English, i18n.LabExposed, cfg.Host))
	}
	l.imap = l.newIMAPServer()
	for i, spec := range specs {
		l.logf("%s listening on %s", spec.name(), l.services[i].Addr)
		l.wg.Add(1)
		go l.acceptLoop(l.lns[i], spec)
	}
	return l, nil
}

// listenAll opens one listener per service, or none.
func (l *Lab) listenAll(specs []serviceSpec) error {
	for _, spec := range specs {
		ln, err := net.Listen("tcp", net.JoinHostPort(l.cfg.Host, strconv.Itoa(spec.port)))
		if err != nil {
			for _, opened := range l.lns {
				_ = opened.Close()
			}
			l.lns, l.services = nil, nil
			return fmt.Errorf("listen for %s: %w", spec.name(), err)
		}
		port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
		addr := net.JoinHostPort(l.cfg.Host, port)
		l.lns = append(l.lns, ln)
		l.services = append(l.services, Service{Name: spec.name(), Protocol: spec.scheme.Protocol, Addr: addr,
			URL: spec.name() + "://" + addr, Note: spec.note, scheme: spec.scheme})
	}
	return nil
}

// acceptLoop accepts connections until the listener closes.
func (l *Lab) acceptLoop(ln net.Listener, spec serviceSpec) {
	defer l.wg.Done()
	for {
		conn, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) || l.isClosed() {
				return
			}
			l.logf("%s: accept: %v", spec.name(), err)
			time.Sleep(50 * time.Millisecond) // e.g. out of file descriptors
			continue
		}
		why, ok := l.admit(conn)
		if why != refuseNone {
			l.refuse(conn, spec, why)
			continue
		}
		if !ok {
			_ = conn.Close()
			return
		}
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			defer l.release(conn)
			defer conn.Close()
			start := time.Now()
			l.event(spec.name(), conn.RemoteAddr().String(), "connect")
			l.serveConn(conn, spec)
			l.event(spec.name(), conn.RemoteAddr().String(), "disconnect after %v", time.Since(start).Round(100*time.Millisecond))
		}()
	}
}

// serveConn completes an implicit TLS handshake if needed, then runs the
// protocol of the service.
func (l *Lab) serveConn(raw net.Conn, spec serviceSpec) {
	conn := raw
	if spec.scheme.ImplicitTLS {
		tlsConn := tls.Server(raw, l.tlsConfig)
		if err := handshake(tlsConn, l.cfg.IdleTimeout); err != nil {
			l.logf("%s %s: %v", spec.name(), raw.RemoteAddr(), err)
			return
		}
		conn = tlsConn
	}
	var t *tap
	if l.rec != nil {
		if conn, t = l.rec.start(raw, conn, spec); t != nil {
			defer t.close()
		}
	}
	w := newWire(raw, conn, spec.scheme.ImplicitTLS, l.cfg.IdleTimeout)
	w.quit = l.quit
	if t != nil {
		w.tap = t
	}
	servers[spec.scheme.Protocol](l, w, spec)
}

// isClosed reports whether Close was called.
func (l *Lab) isClosed() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.closed
}

// Close stops every service, drops the open connections (a POP3 session cut
// this way deletes nothing), waits for them to finish and closes the store
// (a temporary one, Config.Dir "", is removed). Calling it again does
// nothing.
func (l *Lab) Close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return nil
	}
	l.closed = true
	close(l.quit)
	var errs []error
	for _, ln := range l.lns {
		if err := ln.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	for conn := range l.conns {
		_ = conn.Close()
	}
	l.mu.Unlock()
	l.wg.Wait()
	if err := l.imap.Close(); err != nil {
		errs = append(errs, err)
	}
	if err := l.store.Close(); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close lab: %w", err)
	}
	return nil
}

// Services returns the services in the order of ServiceNames.
func (l *Lab) Services() []Service {
	return slices.Clone(l.services)
}

// Service returns the service with the given name.
func (l *Lab) Service(name string) (Service, bool) {
	for _, s := range l.services {
		if s.Name == name {
			return s, true
		}
	}
	return Service{}, false
}

// Hostname is the name the lab gives itself: "mail." + Domain.
func (l *Lab) Hostname() string { return l.hostname }

// CertPEM returns the lab's certificate (PEM, no key), for a client to trust.
func (l *Lab) CertPEM() []byte { return slices.Clone(l.cert.PEM) }

// CertFingerprint returns the SHA-256 of the certificate's DER form as
// colon-separated upper case hex.
func (l *Lab) CertFingerprint() string { return l.cert.Fingerprint }

// Config returns the configuration the lab runs with, its defaults filled
// in.
func (l *Lab) Config() Config {
	cfg := l.cfg
	cfg.Users = maps.Clone(cfg.Users)
	cfg.TrustedNets = slices.Clone(cfg.TrustedNets)
	return cfg
}
