// Package proxy relays a real mail client's connection to a server, byte
// for byte, while it frames both sides with the protocol's dialect: each
// client line and each reply becomes a session event (redacted and
// explained as at the prompt) for the screen and a transcript. It
// terminates TLS with its own certificate (implicit TLS, STARTTLS) and
// upgrades the upstream side itself, verified as connect verifies; and it
// can answer commands with chosen replies, delay replies or cut the
// connection, to teach and to test a client's error handling.
package proxy

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// Defaults of a Config.
const (
	// DefaultIdleTimeout ends a connection on which neither side sent a
	// byte for so long: more than an IMAP client's 29-minute IDLE.
	DefaultIdleTimeout = 30 * time.Minute
	// DefaultMaxConns bounds the connections relayed at once; more wait
	// to be accepted.
	DefaultMaxConns = 100
	// MaxHeld bounds the bytes of a reply the framer may hold when it
	// cannot hand them out in parts (an endless SMTP "250-" reply): beyond
	// it the connection is cut.
	MaxHeld = 16 << 20
)

// Config says where a proxy relays to and what it does on the way.
type Config struct {
	Target session.Target // the server
	// Upstream are the options of the upstream side: Timeout (connect,
	// handshakes), Insecure, CAFile, CAPEM, TLSMin, and Lang, the language
	// of explanations and messages.
	Upstream    session.Options
	Cert        *Certificate  // the proxy's certificate for TLS with clients; required
	Rules       []Rule        // commands answered by the proxy
	Delay       time.Duration // wait so long before relaying each reply of the server
	DropAfter   int           // cut the connection when the client sends command N+1; 0 never
	IdleTimeout time.Duration // 0: DefaultIdleTimeout
	MaxConns    int           // 0: DefaultMaxConns
	NewHandler  HandlerFunc   // nil: nothing is shown or kept
}

// Server accepts clients and relays each to the target.
type Server struct {
	cfg     Config
	dialect protocol.Dialect
	ln      net.Listener
	slots   chan struct{}

	mu     sync.Mutex
	conns  map[*conn]struct{}
	nextID int
	closed bool
	wg     sync.WaitGroup
}

// Listen checks cfg and listens on addr ("127.0.0.1:2587"; port 0 picks one).
func Listen(addr string, cfg Config) (*Server, error) {
	d, ok := protocol.Lookup(cfg.Target.Protocol)
	if !ok {
		return nil, fmt.Errorf("proxy: no dialect for protocol %q", cfg.Target.Protocol)
	}
	if cfg.Cert == nil {
		return nil, errors.New("proxy: no certificate for TLS with clients")
	}
	if err := checkRules(d, cfg.Rules); err != nil {
		return nil, err
	}
	if cfg.Upstream.Timeout <= 0 {
		cfg.Upstream.Timeout = session.DefaultTimeout
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.MaxConns <= 0 {
		cfg.MaxConns = DefaultMaxConns
	}
	if cfg.Upstream.Lang == "" {
		cfg.Upstream.Lang = protocol.English
	}
	if cfg.NewHandler == nil {
		cfg.NewHandler = func(int, time.Time) Handler { return discard{} }
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("proxy: listen on %s: %w", addr, err)
	}
	return &Server{cfg: cfg, dialect: d, ln: ln, slots: make(chan struct{}, cfg.MaxConns), conns: map[*conn]struct{}{}}, nil
}

// Addr is the address the proxy listens on.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Serve accepts clients until Close, each relayed in its own goroutines.
// It returns nil after Close.
func (s *Server) Serve() error {
	for {
		s.slots <- struct{}{}
		raw, err := s.ln.Accept()
		if err != nil {
			<-s.slots
			if s.isClosed() {
				return nil
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			return fmt.Errorf("proxy: accept: %w", err)
		}
		c, ok := s.track(raw)
		if !ok {
			raw.Close()
			<-s.slots
			return nil
		}
		go func() {
			defer s.wg.Done()
			defer func() { <-s.slots }()
			c.run()
			s.untrack(c)
		}()
	}
}

// track numbers a new connection and keeps it for Close.
func (s *Server) track(raw net.Conn) (*conn, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, false
	}
	s.nextID++
	c := newConn(s.nextID, raw, &s.cfg, s.dialect)
	s.conns[c] = struct{}{}
	s.wg.Add(1)
	return c, true
}

func (s *Server) untrack(c *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.conns, c)
}

func (s *Server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// Close stops accepting, cuts every connection (each reports its Closed
// event and ends its transcript) and waits for them.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closed = true
	err := s.ln.Close()
	for c := range s.conns {
		c.stop()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return err
}

// checkRules checks that each rule's reply is one complete reply for the
// dialect, so that an injected reply never leaves the framing in the
// middle of one.
func checkRules(d protocol.Dialect, rules []Rule) error {
	for _, r := range rules {
		f := d.NewFramer()
		line, tag := r.Verb, ""
		if _, ok := f.(protocol.Tagger); ok {
			tag = "a1"
			line = tag + " " + line
		}
		f.Expect(line)
		reply := newInjector([]Rule{r}).match(r.Verb, tag)
		var got *protocol.Reply
		for i, l := range reply {
			got = f.Feed(l, protocol.CRLF)
			if got != nil && i < len(reply)-1 {
				got = nil
				break
			}
		}
		if got == nil || got.Pending {
			return fmt.Errorf("%w %s=%s: it is not one complete %s reply", ErrBadRule, r.Verb, joinLines(r.Reply), d.Protocol())
		}
		if got.StartTLS {
			return fmt.Errorf("%w %s=%s: an injected reply cannot agree to start TLS", ErrBadRule, r.Verb, joinLines(r.Reply))
		}
	}
	return nil
}

func joinLines(lines []string) string {
	out := ""
	for i, l := range lines {
		if i > 0 {
			out += `\n`
		}
		out += l
	}
	return out
}
