package lab

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/mailtutor/mailtutor/lab/imapd"
)

// maxCommandLine bounds a command line, and a SASL response line, in bytes
// (RFC 4954 section 4 allows 12288 octets for AUTH).
const maxCommandLine = 12288

// wire is the line-level I/O of one client connection, for both protocols:
// CRLF-terminated writes, bounded line reads under an idle deadline, and the
// upgrade to TLS.
type wire struct {
	raw   net.Conn // the accepted TCP connection
	conn  net.Conn // what is read and written: raw, or TLS over it
	r     *bufio.Reader
	w     *bufio.Writer
	idle  time.Duration
	isTLS bool
	quit  <-chan struct{} // closed when the lab closes; nil: never
	tap   imapd.Tap       // the session's recording (record.go), or nil
}

// newWire wraps conn; isTLS says it is already a TLS connection over raw.
func newWire(raw, conn net.Conn, isTLS bool, idle time.Duration) *wire {
	return &wire{raw: raw, conn: conn, r: bufio.NewReader(conn), w: bufio.NewWriter(conn), idle: idle, isTLS: isTLS}
}

// readRawLine reads one line including its line ending. A line longer than
// limit bytes is read to its end and discarded: tooLong is then true and the
// line nil. Every read waits at most the idle timeout.
func (w *wire) readRawLine(limit int) (line []byte, tooLong bool, err error) {
	if err := w.conn.SetReadDeadline(time.Now().Add(w.idle)); err != nil {
		return nil, false, fmt.Errorf("set read deadline: %w", err)
	}
	for {
		chunk, err := w.r.ReadSlice('\n')
		if !tooLong && len(line)+len(chunk) <= limit {
			line = append(line, chunk...)
		} else {
			tooLong, line = true, nil
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			return nil, false, err
		}
		return line, tooLong, nil
	}
}

// readLine reads a command line and returns it without its CRLF (or bare LF).
func (w *wire) readLine() (line string, tooLong bool, err error) {
	raw, tooLong, err := w.readRawLine(maxCommandLine)
	if err != nil || tooLong {
		return "", tooLong, err
	}
	return string(trimEOL(raw)), false, nil
}

// trimEOL removes a trailing LF and the CR before it.
func trimEOL(line []byte) []byte {
	line = bytes.TrimSuffix(line, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r"))
}

// writeLine queues one line; the wire adds CRLF.
func (w *wire) writeLine(line string) {
	w.w.WriteString(line)
	w.w.WriteString("\r\n")
}

// flush sends what was queued, waiting at most the idle timeout.
func (w *wire) flush() error {
	if err := w.conn.SetWriteDeadline(time.Now().Add(w.idle)); err != nil {
		return fmt.Errorf("set write deadline: %w", err)
	}
	if err := w.w.Flush(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// sleepUnlessGone waits d, or less if the client closes the connection
// (then false: a client that gave up frees its place at once). What the
// client sends meanwhile stays buffered for the next read. Closing the lab
// closes the connection, which ends the wait too.
func (w *wire) sleepUnlessGone(d time.Duration) bool {
	deadline := time.Now().Add(d)
	if err := w.conn.SetReadDeadline(deadline); err != nil {
		return false
	}
	_, err := w.r.Peek(1)
	switch {
	case err == nil: // pipelined input: wait out the rest
		return sleepOrQuit(time.Until(deadline), w.quit)
	case isTimeout(err):
		return true
	default:
		return false
	}
}

// sleepOrQuit waits d, or less if quit closes (then false).
func sleepOrQuit(d time.Duration, quit <-chan struct{}) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-quit:
		return false
	}
}

// startTLS runs the server side of a TLS handshake over the raw connection.
// Whatever the client pipelined after STARTTLS/STLS in plaintext is thrown
// away (the CVE-2011-0411 command injection).
func (w *wire) startTLS(cfg *tls.Config) error {
	tlsConn := tls.Server(w.raw, cfg)
	if err := handshake(tlsConn, w.idle); err != nil {
		return err
	}
	w.conn, w.isTLS = tlsConn, true
	if w.tap != nil {
		w.conn = w.tap.Upgraded(tlsConn)
	}
	w.r, w.w = bufio.NewReader(w.conn), bufio.NewWriter(w.conn)
	return nil
}

// handshake completes a server TLS handshake within timeout.
func handshake(conn *tls.Conn, timeout time.Duration) error {
	if err := conn.SetDeadline(time.Now().Add(timeout)); err != nil {
		return fmt.Errorf("tls handshake: %w", err)
	}
	if err := conn.Handshake(); err != nil {
		return fmt.Errorf("tls handshake: %w", err)
	}
	return conn.SetDeadline(time.Time{})
}

// loggedIn tells the session's recording who logged in.
func (w *wire) loggedIn(user string) {
	if w.tap != nil {
		w.tap.LoggedIn(user)
	}
}

// isTimeout reports whether err is a deadline expiry.
func isTimeout(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}

// isLoopbackConn reports whether the client connects from a loopback address.
func isLoopbackConn(conn net.Conn) bool {
	addr, ok := conn.RemoteAddr().(*net.TCPAddr)
	return ok && addr.IP.IsLoopback()
}

// plaintextAuthAllowed says whether passwords may cross this connection:
// over TLS, or on loopback where nothing leaves the machine.
func (w *wire) plaintextAuthAllowed() bool {
	return w.isTLS || isLoopbackConn(w.raw)
}
