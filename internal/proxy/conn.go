package proxy

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// bufSize is the read buffer of each side: a line longer than it is
// relayed in pieces, and only its first session.MaxLineBytes are framed.
const bufSize = session.MaxLineBytes

// Why a connection ended, as a transcript's closed step says it.
const (
	closedByServer    = "closed by the server"
	closedByClient    = "closed by the client"
	closedByMailtutor = "closed by mailtutor"
)

// conn is one client relayed to the server. Two goroutines move bytes:
// fromClient (client → server) and fromServer (server → client); mu
// guards the framing they share and the calls to the handler.
type conn struct {
	id      int
	cfg     *Config
	dialect protocol.Dialect
	h       Handler
	started time.Time
	raw     net.Conn // the accepted connection, as it came

	mu            sync.Mutex
	framer        protocol.Framer
	lits          protocol.LiteralFramer // nil unless the dialect counts literals
	tagged        bool                   // commands carry a tag (IMAP)
	sentAt        []time.Time            // when each command awaiting a reply was sent
	awaitGreeting bool
	owed          []*owedReply // replies owed to the client, oldest first
	inReply       bool         // a server reply has started and not ended
	replyStart    time.Time
	commands      int
	tlsWait       chan struct{} // non-nil while a relayed STARTTLS awaits its reply
	tlsTag        string        // the tag of that STARTTLS, in a tagged protocol
	inj           *injector
	carry         []byte // client literal bytes relayed but not yet framed
	clientEOF     bool   // the client closed its side first
	done          bool   // Closed was reported
	doneCh        chan struct{}
	greeted       chan struct{} // closed when the server's greeting has come

	cw         sync.Mutex // serialises writes to the client
	client     net.Conn   // the client side (TLS once terminated)
	cr         *bufio.Reader
	upstream   net.Conn // the server side (TLS once upgraded)
	ur         *bufio.Reader
	lastActive atomic.Int64 // unix nanoseconds of the last byte either side sent
}

// owedReply is a reply the client awaits: the server's (lines nil) or an
// injected one, sent in its turn.
type owedReply struct {
	lines []string
}

func newConn(id int, raw net.Conn, cfg *Config, d protocol.Dialect) *conn {
	started := time.Now()
	c := &conn{id: id, cfg: cfg, dialect: d, started: started, raw: raw, client: raw,
		framer: d.NewFramer(), awaitGreeting: true, inj: newInjector(cfg.Rules), doneCh: make(chan struct{}), greeted: make(chan struct{})}
	c.lits, _ = c.framer.(protocol.LiteralFramer)
	_, c.tagged = c.framer.(protocol.Tagger)
	c.touch()
	return c
}

// run relays the connection until either side ends it.
func (c *conn) run() {
	c.h = c.cfg.NewHandler(c.id, c.started)
	if c.h == nil {
		c.h = discard{}
	}
	if err := c.open(); err != nil {
		c.raw.Close()
		c.end(closedByMailtutor, err)
		return
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.clientLoop()
	}()
	c.serverLoop()
	wg.Wait()
}

// open terminates implicit TLS with the client and connects upstream.
func (c *conn) open() error {
	t := c.cfg.Target
	ctx, cancel := context.WithTimeout(context.Background(), c.cfg.Upstream.Timeout)
	defer cancel()
	if t.ImplicitTLS {
		tc := tls.Server(c.raw, c.cfg.Cert.ServerConfig())
		if err := tc.HandshakeContext(ctx); err != nil {
			return fmt.Errorf("%s", i18n.Textf(c.cfg.Upstream.Lang, i18n.ProxyClientTLSFailed, err))
		}
		c.mu.Lock()
		c.client = tc
		c.mu.Unlock()
	}
	var d net.Dialer
	up, err := d.DialContext(ctx, "tcp", t.Addr())
	if err != nil {
		return fmt.Errorf("%s", i18n.Textf(c.cfg.Upstream.Lang, i18n.ProxyDialFailed, t, err))
	}
	c.mu.Lock()
	c.upstream = up
	c.mu.Unlock()
	c.note(Note{Kind: NoteOpened, Client: c.raw.RemoteAddr(), Upstream: t})
	if t.ImplicitTLS {
		c.mu.Lock()
		c.noteClientTLSLocked(c.client.(*tls.Conn))
		c.mu.Unlock()
		tc, info, err := session.ClientTLS(ctx, up, t.Host, c.cfg.Upstream)
		if err != nil {
			up.Close()
			return err
		}
		c.mu.Lock()
		c.upstream = tc
		c.framer.TLSStarted()
		c.emitLocked(session.Event{Kind: session.TLSUp, Time: time.Now(), TLS: info})
		c.mu.Unlock()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cr = bufio.NewReaderSize(c.idle(c.client), bufSize)
	c.ur = bufio.NewReaderSize(c.idle(c.upstream), bufSize)
	return nil
}

// noteClientTLSLocked reports the TLS connection with the client.
func (c *conn) noteClientTLSLocked(tc *tls.Conn) {
	cs := tc.ConnectionState()
	c.noteLocked(Note{Kind: NoteClientTLS, TLS: tls.VersionName(cs.Version) + ", " + tls.CipherSuiteName(cs.CipherSuite)})
}

// note gives the handler a Note.
func (c *conn) note(n Note) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.noteLocked(n)
}

func (c *conn) noteLocked(n Note) {
	if c.done {
		return
	}
	if n.Time.IsZero() {
		n.Time = time.Now()
	}
	c.h.Note(n)
}

// emitLocked gives the handler an event; the caller holds mu.
func (c *conn) emitLocked(e session.Event) {
	if c.done {
		return
	}
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	c.h.Event(e)
}

// end reports the end of the connection once and closes both sides.
func (c *conn) end(reason string, err error) {
	c.mu.Lock()
	if c.done {
		c.mu.Unlock()
		return
	}
	if reason == closedByServer && c.clientEOF {
		reason = closedByClient
	}
	c.emitLocked(session.Event{Kind: session.Closed, Reason: reason, Err: err})
	c.done = true
	close(c.doneCh)
	if c.tlsWait != nil {
		close(c.tlsWait)
		c.tlsWait = nil
	}
	up, client := c.upstream, c.client
	c.mu.Unlock()
	c.raw.Close()
	if client != nil {
		client.Close()
	}
	if up != nil {
		up.Close()
	}
}

// stop cuts the connection (the proxy is closing).
func (c *conn) stop() { c.end(closedByMailtutor, nil) }

// ended reports whether the connection was ended.
func (c *conn) ended() bool {
	select {
	case <-c.doneCh:
		return true
	default:
		return false
	}
}

// writeClient writes to the client; the caller holds cw.
func (c *conn) writeClient(p []byte) error {
	if len(p) == 0 {
		return nil
	}
	c.client.SetWriteDeadline(time.Now().Add(c.cfg.IdleTimeout))
	_, err := c.client.Write(p)
	return err
}

// writeUpstream writes to the server; only the client loop does.
func (c *conn) writeUpstream(p []byte) error {
	if len(p) == 0 {
		return nil
	}
	c.upstream.SetWriteDeadline(time.Now().Add(c.cfg.IdleTimeout))
	_, err := c.upstream.Write(p)
	return err
}

func (c *conn) touch() { c.lastActive.Store(time.Now().UnixNano()) }

// idle wraps a side for reading: it ends with errIdle once neither side
// sent a byte for the idle timeout, however long one side waits.
func (c *conn) idle(nc net.Conn) io.Reader { return idleReader{nc: nc, c: c} }

// errIdle ends a connection on which nothing moved for the idle timeout.
var errIdle = errors.New("idle")

type idleReader struct {
	nc net.Conn
	c  *conn
}

func (r idleReader) Read(p []byte) (int, error) {
	for {
		last := time.Unix(0, r.c.lastActive.Load())
		deadline := last.Add(r.c.cfg.IdleTimeout)
		if !time.Now().Before(deadline) {
			return 0, errIdle
		}
		r.nc.SetReadDeadline(deadline)
		n, err := r.nc.Read(p)
		if n > 0 {
			r.c.touch()
			return n, nil
		}
		var ne net.Error
		if err != nil && errors.As(err, &ne) && ne.Timeout() {
			continue // the other side may have moved: look again
		}
		return n, err
	}
}
