package proxy

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// readChunk returns the next piece of a line: up to and with its "\n"
// (complete), or as much of a longer line as the buffer holds. At the end
// it may return a last piece without an ending together with the error.
// The bytes are valid until the next read.
func readChunk(br *bufio.Reader) (chunk []byte, complete bool, err error) {
	chunk, err = br.ReadSlice('\n')
	switch {
	case err == nil:
		return chunk, true, nil
	case errors.Is(err, bufio.ErrBufferFull):
		return chunk, false, nil
	}
	return chunk, false, err
}

// lineAcc gathers the pieces of one line for framing, keeping at most
// session.MaxLineBytes of it: the rest is relayed but not framed.
type lineAcc struct {
	buf     []byte
	dropped int
	begun   bool
}

// started reports whether a line has begun.
func (a *lineAcc) started() bool { return a.begun }

// add appends a piece of the line.
func (a *lineAcc) add(p []byte) {
	a.begun = true
	room := session.MaxLineBytes + 2 - len(a.buf) // +2 keeps the CRLF of a line at the limit
	if room >= len(p) {
		a.buf = append(a.buf, p...)
		return
	}
	if room > 0 {
		a.buf = append(a.buf, p[:room]...)
		p = p[room:]
	}
	a.dropped += len(p)
	if n := len(p); n > 0 && p[n-1] == '\n' { // keep the line's ending
		a.dropped--
		a.buf = append(a.buf, '\n')
		if n > 1 && p[n-2] == '\r' {
			a.dropped--
			a.buf = append(a.buf[:len(a.buf)-1], '\r', '\n')
		}
	}
}

// take returns the line without its ending, how it ended, and how many
// bytes were left out of it; the accumulator is then empty.
func (a *lineAcc) take() (text string, ending protocol.LineEnding, dropped int) {
	b := a.buf
	ending = protocol.NoEnding
	if bytes.HasSuffix(b, []byte("\r\n")) {
		b, ending = b[:len(b)-2], protocol.CRLF
	} else if bytes.HasSuffix(b, []byte("\n")) {
		b, ending = b[:len(b)-1], protocol.BareLF
	}
	dropped = a.dropped
	if len(b) > session.MaxLineBytes {
		dropped += len(b) - session.MaxLineBytes
		b = b[:session.MaxLineBytes]
	}
	text = string(b)
	a.buf, a.dropped, a.begun = a.buf[:0], 0, false
	if cap(a.buf) > 4096 {
		a.buf = nil // do not pin a large buffer
	}
	return text, ending, dropped
}

// idleError ends a connection on which nothing moved for the idle timeout.
type idleError struct {
	after fmt.Stringer
	lang  protocol.Lang
}

func (e *idleError) Error() string { return i18n.Textf(e.lang, i18n.ProxyIdle, e.after) }
