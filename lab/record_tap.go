package lab

import (
	"bytes"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// tap records one session: the client's lines and the server's replies
// as the connection carries them, played through a session.Offline (the
// dialect frames the replies and redacts the secrets, as in the client's
// own recordings) into a session.Recording (crash-safe, a long DATA body
// or fetched message spooled on disk, never whole in memory).
type tap struct {
	mu       sync.Mutex
	r        *recorder
	name     string // the file's name
	remote   string // the client's address
	anon     string // the file in AnonymousDir
	user     string // who logged in, once known
	off      *session.Offline
	rec      *session.Recording
	in, out  lineSplit
	spoke    bool // the client sent a line
	hungUp   bool // a read found the client gone
	finished bool
}

// tapConn is a connection whose plaintext its tap records.
type tapConn struct {
	net.Conn
	t *tap
}

// Read records what the client sent.
func (c *tapConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.t.client(p[:n])
	}
	if errors.Is(err, io.EOF) {
		c.t.mu.Lock()
		c.t.hungUp = true
		c.t.mu.Unlock()
	}
	return n, err
}

// Write records what the server sends.
func (c *tapConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	if n > 0 {
		c.t.server(p[:n])
	}
	return n, err
}

// Upgraded records the TLS handshake STARTTLS/STLS made and wraps its
// connection (imapd.Tap).
func (t *tap) Upgraded(tlsConn *tls.Conn) net.Conn {
	t.mu.Lock()
	t.in, t.out = lineSplit{}, lineSplit{} // what was pipelined in clear is thrown away
	t.mu.Unlock()
	t.observe(t.off.TLS(t.r.tlsInfo(tlsConn)))
	return &tapConn{Conn: tlsConn, t: t}
}

// LoggedIn moves the recording to the user's directory (imapd.Tap).
func (t *tap) LoggedIn(user string) {
	dir := userDir(user)
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.user != "" || dir == "" || t.finished {
		return
	}
	if err := os.MkdirAll(filepath.Join(t.r.dir, dir), 0o700); err != nil {
		t.r.logf("record %s: %v", t.name, err)
		return
	}
	if err := t.rec.SaveTo(filepath.Join(t.r.dir, dir, t.name), false); err != nil {
		t.r.logf("record %s: %v", t.name, err)
		return
	}
	t.user = user
}

// client records bytes the client sent.
func (t *tap) client(p []byte) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.in.split(p, t.clientLine)
}

// server records bytes the server sent.
func (t *tap) server(p []byte) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.out.split(p, func(line string, ending protocol.LineEnding) {
		for _, e := range t.off.ReceiveLine(line, ending) {
			t.rec.Observe(e)
		}
	})
}

// clientLine records one line from the client: a command, a SASL
// response, literal text, or a line of a DATA body.
func (t *tap) clientLine(line string, _ protocol.LineEnding) {
	t.spoke = true
	if t.off.Mode() != session.ModeData {
		t.rec.Observe(t.off.Send(line, session.SendOptions{}))
		return
	}
	var e session.Event
	var err error
	if line == "." {
		e, err = t.off.BodyEnd()
	} else {
		e, err = t.off.BodyLine(strings.TrimPrefix(line, ".")) // dot-stuffing undone: the recording stores the body
	}
	if err == nil {
		t.rec.Observe(e)
	}
}

// observe records one event.
func (t *tap) observe(e session.Event) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rec.Observe(e)
}

// close ends the recording when the session ends: closed by the client
// when a read found it gone, else by the server (QUIT, a limit, a timeout).
func (t *tap) close() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.finished {
		return
	}
	t.finished = true
	reason := "closed by the server" // the words of the client's own recordings
	if t.hungUp {
		reason = "closed by the client"
	}
	t.rec.Observe(t.off.Close(reason, nil))
	err := t.rec.Close()
	if rerr := t.rec.Err(); rerr != nil {
		err = rerr
	}
	if err != nil {
		t.r.logf("record %s: %v", t.name, err)
	}
	if t.user != "" || !t.spoke {
		_ = os.Remove(t.anon) // the user's copy holds all of it, or there is nothing to see
	}
}

// lineSplit cuts a byte stream into lines, keeping at most
// session.MaxLineBytes of a line: a longer one is cut in the recording.
type lineSplit struct{ buf []byte }

// split calls line for every line p completes.
func (s *lineSplit) split(p []byte, line func(string, protocol.LineEnding)) {
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		chunk := p
		if i >= 0 {
			chunk = p[:i]
		}
		if room := session.MaxLineBytes + 1 - len(s.buf); room > 0 {
			s.buf = append(s.buf, chunk[:min(room, len(chunk))]...)
		}
		if i < 0 {
			return
		}
		p = p[i+1:]
		text, ending := s.buf, protocol.BareLF
		if n := len(text); n > 0 && text[n-1] == '\r' {
			text, ending = text[:n-1], protocol.CRLF
		}
		if len(text) > session.MaxLineBytes {
			text = text[:session.MaxLineBytes]
		}
		line(string(text), ending)
		s.buf = s.buf[:0]
		if cap(s.buf) > 4096 {
			s.buf = nil
		}
	}
}
