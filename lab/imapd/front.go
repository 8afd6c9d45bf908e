package imapd

import (
	"bufio"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"sync"
	"time"
)

// maxLine bounds a line from the client: under the library's bound on a
// command (50 KiB), past which it would close without a word; Dovecot's
// imap_max_line_length is 64 KiB.
const maxLine = 48 << 10

// byeWriteTimeout bounds the write of a last BYE to a client that may not
// read any more.
const byeWriteTimeout = 5 * time.Second

// frontConn is the connection the library's server reads and writes: the
// client's connection (plain, or TLS over it) with the lab's front door on
// both directions. It answers what the library does not (ID, STARTTLS, an
// unknown command, a line without a tag) the way Dovecot does, counts the
// errors, says BYE on an idle timeout, applies the lab's idle timeout to
// every read, and adds the capabilities it implements to the library's
// lists. It hands the library one line, or literal bytes, per Read, so that
// its view of where the client is in a command is the library's.
type frontConn struct {
	srv     *Server
	raw     net.Conn // the accepted connection, for addresses
	tap     Tap      // a recording of the connection, or nil
	clearOK bool     // a password may cross in clear on this connection
	done    chan struct{}

	// The reading side, used only by the library's reading goroutine.
	in      *bufio.Reader
	pending []byte // what the next Read returns before reading more
	passing int64  // bytes of a literal still to pass through
	inCmd   bool   // the command continues on the line after its literal
	drop    int64  // bytes of a literal of a refused command still to skip
	dropCmd bool   // the refused command continues after that literal
	fatal   error  // what ends the reading (a failed STARTTLS handshake)

	mu        sync.Mutex // guards what follows, shared with the writing side
	conn      net.Conn   // raw, or TLS over raw
	isTLS     bool
	tag, cmd  string // the command the library is running
	syncLit   int64  // a synchronizing literal announced, waiting for "+"
	rawLine   bool   // the next line is an IDLE's DONE or a SASL response
	authed    bool
	user      string // the mailbox name once logged in (the session tells)
	errors    int
	closing   bool
	outLine   []byte // a server line being written, until its LF
	outLit    int64  // bytes of a server literal still to pass through
	greeted   bool
	closeOnce sync.Once
}

// newFrontConn wraps conn (a TLS connection over raw when isTLS).
func newFrontConn(srv *Server, raw, conn net.Conn, isTLS bool) *frontConn {
	return &frontConn{srv: srv, raw: raw, conn: conn, isTLS: isTLS, in: bufio.NewReader(conn), syncLit: -1,
		clearOK: srv.cfg.PlaintextAuth != nil && srv.cfg.PlaintextAuth(raw), done: make(chan struct{})}
}

// Read gives the library the next line of the client, or literal bytes,
// after the front door has answered whatever is its own to answer.
func (f *frontConn) Read(p []byte) (int, error) {
	for len(f.pending) == 0 {
		if err := f.next(); err != nil {
			return 0, err
		}
	}
	n := copy(p, f.pending)
	f.pending = f.pending[n:]
	return n, nil
}

// next reads one unit of input into f.pending, or answers a line itself.
func (f *frontConn) next() error {
	if f.fatal != nil {
		return f.fatal
	}
	if f.drop > 0 {
		n, err := f.in.Discard(int(min(f.drop, 32<<10)))
		f.drop -= int64(n)
		return f.readErr(err)
	}
	if f.passing > 0 {
		buf := make([]byte, min(f.passing, 32<<10))
		n, err := f.in.Read(buf)
		f.passing -= int64(n)
		f.pending = buf[:n]
		return f.readErr(err)
	}
	line, err := f.readLine()
	if err != nil {
		return err
	}
	if f.dropCmd {
		f.dropRest(parseCommandLine(line))
		return nil
	}
	f.route(line)
	return nil
}

// dropRest skips the rest of a command the front door refused: a
// non-synchronizing literal the client sends anyway, and the line after it.
func (f *frontConn) dropRest(cmd commandLine) {
	f.dropCmd = cmd.literal >= 0 && cmd.nonSync
	if f.dropCmd {
		f.drop = cmd.literal
	}
}

// readLine reads one line of at most maxLine bytes; a longer one ends the
// connection, as nothing after it could be understood.
func (f *frontConn) readLine() ([]byte, error) {
	var line []byte
	for {
		chunk, err := f.in.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > maxLine {
			f.mu.Lock()
			f.closing = true
			f.sayByeLocked("Too long line.")
			_ = f.conn.Close()
			f.mu.Unlock()
			f.fatal = errLineTooLong // the library may read again: nothing more comes
			return nil, errLineTooLong
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			if len(line) > 0 && errors.Is(err, io.EOF) {
				return line, nil // the library sees the unfinished line, then EOF
			}
			return nil, f.readErr(err)
		}
		return line, nil
	}
}

// errLineTooLong ends a connection whose client sent a line over maxLine.
var errLineTooLong = errors.New("line too long")

// readErr says BYE to a client that stayed silent past the idle timeout.
func (f *frontConn) readErr(err error) error {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		f.mu.Lock()
		if !f.closing {
			f.closing = true
			f.sayByeLocked("Disconnected for inactivity.")
			_ = f.conn.Close()
		}
		f.mu.Unlock()
		f.fatal = err
	}
	return err
}

// route decides who answers a line: the library (it becomes pending) or
// the front door.
func (f *frontConn) route(line []byte) {
	cmd := parseCommandLine(line)
	f.mu.Lock()
	continuing := f.inCmd || f.rawLine
	f.rawLine = false
	if f.inCmd {
		f.inCmd = cmd.literal >= 0
		f.announce(cmd)
		f.mu.Unlock()
		f.pending = line
		return
	}
	f.mu.Unlock()
	if continuing {
		f.pending = line
		return
	}
	if len(trimEOL(line)) == 0 {
		return // Dovecot ignores an empty line too
	}
	if f.answer(cmd, line) {
		return
	}
	f.mu.Lock()
	f.tag, f.cmd = cmd.tag, cmd.name
	f.inCmd = cmd.literal >= 0
	f.announce(cmd)
	f.mu.Unlock()
	f.pending = line
}

// announce notes the literal a line ends with: a non-synchronizing one
// follows at once, a synchronizing one once the server says "+".
// Callers hold f.mu.
func (f *frontConn) announce(cmd commandLine) {
	switch {
	case cmd.literal < 0:
	case cmd.nonSync:
		f.passing = cmd.literal
	default:
		f.syncLit = cmd.literal
	}
}

// Write passes the library's output to the client line by line, noting
// what the front door needs to know and adding to capability lists.
func (f *frontConn) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	written := len(p)
	for len(p) > 0 {
		if f.outLit > 0 {
			n := int(min(f.outLit, int64(len(p))))
			if _, err := f.conn.Write(p[:n]); err != nil {
				return 0, err
			}
			f.outLit -= int64(n)
			p = p[n:]
			continue
		}
		i := indexLF(p)
		if i < 0 {
			f.outLine = append(f.outLine, p...)
			break
		}
		f.outLine = append(f.outLine, p[:i+1]...)
		p = p[i+1:]
		line := f.serverLine(f.outLine)
		f.outLine = f.outLine[:0]
		if _, err := f.conn.Write(line); err != nil {
			return 0, err
		}
		if f.closing {
			f.sayByeLocked("Too many invalid IMAP commands.")
			_ = f.conn.Close()
			return written, nil
		}
	}
	return written, nil
}

// indexLF is the position of the first LF in p, or -1.
func indexLF(p []byte) int {
	for i, b := range p {
		if b == '\n' {
			return i
		}
	}
	return -1
}

// sayByeLocked writes "* BYE text"; callers hold f.mu.
func (f *frontConn) sayByeLocked(text string) {
	_ = f.conn.SetWriteDeadline(time.Now().Add(byeWriteTimeout))
	_, _ = f.conn.Write([]byte("* BYE " + text + "\r\n"))
}

// reply writes lines the front door answers itself.
func (f *frontConn) reply(lines ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, l := range lines {
		if _, err := f.conn.Write([]byte(l + "\r\n")); err != nil {
			return
		}
	}
}

// startTLS upgrades the connection in place (RFC 3501 section 6.2.1).
// Whatever the client sent after STARTTLS is discarded: it was sent in
// clear and must not count as if it came over TLS.
func (f *frontConn) startTLS() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	tlsConn := tls.Server(f.raw, f.srv.cfg.TLSConfig) // raw: f.conn may be a tap, and is raw otherwise
	_ = tlsConn.SetDeadline(time.Now().Add(f.srv.cfg.IdleTimeout))
	if err := tlsConn.Handshake(); err != nil {
		return err
	}
	_ = tlsConn.SetDeadline(time.Time{})
	f.conn, f.isTLS = tlsConn, true
	if f.tap != nil {
		f.conn = f.tap.Upgraded(tlsConn)
	}
	f.in = bufio.NewReader(f.conn)
	return nil
}

// tlsActive reports whether the connection is encrypted.
func (f *frontConn) tlsActive() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.isTLS
}

// Close closes the connection and tells ServeConn the session is over.
func (f *frontConn) Close() error {
	f.mu.Lock()
	err := f.conn.Close()
	f.mu.Unlock()
	f.closeOnce.Do(func() { close(f.done) })
	return err
}

// LocalAddr implements net.Conn.
func (f *frontConn) LocalAddr() net.Addr { return f.raw.LocalAddr() }

// RemoteAddr implements net.Conn.
func (f *frontConn) RemoteAddr() net.Addr { return f.raw.RemoteAddr() }

// waitUnlessGone waits d before a password is checked, or less if the
// client closes the connection meanwhile or quit closes (then false). It
// runs on the library's reading goroutine (in Login or Authenticate), so
// it may peek at what the client pipelined, which stays for the next read.
func (f *frontConn) waitUnlessGone(d time.Duration, quit <-chan struct{}) bool {
	deadline := time.Now().Add(d)
	f.mu.Lock()
	conn := f.conn
	f.mu.Unlock()
	defer conn.SetReadDeadline(time.Now().Add(f.srv.cfg.IdleTimeout)) // the exchange may read on
	if err := conn.SetReadDeadline(deadline); err != nil {
		return false
	}
	_, err := f.in.Peek(1)
	var ne net.Error
	switch {
	case err == nil: // pipelined input: wait out the rest
		t := time.NewTimer(time.Until(deadline))
		defer t.Stop()
		select {
		case <-t.C:
			return true
		case <-quit:
			return false
		}
	case errors.As(err, &ne) && ne.Timeout():
		return true
	default:
		return false
	}
}

// SetDeadline implements net.Conn with SetReadDeadline's rule.
func (f *frontConn) SetDeadline(t time.Time) error {
	if err := f.SetReadDeadline(t); err != nil {
		return err
	}
	return f.SetWriteDeadline(t)
}

// idleCommandTimeout is the least a client in IDLE may stay silent: RFC
// 2177 asks clients to renew IDLE every 29 minutes, and servers to allow
// 30.
const idleCommandTimeout = 30 * time.Minute

// SetReadDeadline replaces the library's read deadlines (30 s before login,
// 35 min after) with the lab's idle timeout, as for SMTP and POP3; during
// IDLE, with at least idleCommandTimeout.
func (f *frontConn) SetReadDeadline(t time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if t.IsZero() {
		return f.conn.SetReadDeadline(t)
	}
	timeout := f.srv.cfg.IdleTimeout
	if f.tag != "" && f.cmd == "IDLE" {
		timeout = max(timeout, idleCommandTimeout)
	}
	return f.conn.SetReadDeadline(time.Now().Add(timeout))
}

// SetWriteDeadline implements net.Conn.
func (f *frontConn) SetWriteDeadline(t time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.conn.SetWriteDeadline(t)
}

// loggedIn records the user the session logged in.
func (f *frontConn) loggedIn(user string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.user = user
	if f.tap != nil {
		f.tap.LoggedIn(user)
	}
}

// command is the name of the command the library is running ("" between
// commands).
func (f *frontConn) command() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.tag == "" {
		return ""
	}
	return f.cmd
}
