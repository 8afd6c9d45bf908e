package lab

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// cmdData receives the message and delivers it to every recipient. The
// body streams to the store as it arrives; nothing is filed unless all of
// it came and it is within MaxMessageBytes.
func (c *smtpConn) cmdData(arg string) {
	switch {
	case arg != "":
		c.reply(501, "5.5.4", "Syntax: DATA")
		return
	case !c.tx.active || len(c.tx.rcpts) == 0 && c.tx.rejected == 0:
		c.reply(503, "5.5.1", "Error: need RCPT command")
		return
	case len(c.tx.rcpts) == 0:
		c.reply(554, "5.5.1", "Error: no valid recipients")
		return
	}
	c.reply(354, "", "End data with <CR><LF>.<CR><LF>")
	tx := c.tx
	rcpts := tx.rcpts
	c.resetTransaction()
	d, storeErr := c.lab.store.NewDelivery()
	var dst io.Writer = io.Discard // a store that cannot write: read the body anyway
	if storeErr == nil {
		dst = d
		defer d.Abort()
		_, _ = io.WriteString(d, c.traceHeaders(tx.from, tx.addrs, d.ID(), time.Now())) // an error waits for Commit
	}
	size, tooBig, err := readData(c.wire, c.lab.cfg.MaxMessageBytes, dst, !c.bareLFAllowed())
	switch {
	case errors.Is(err, errBareLF):
		c.messageRefused("550 5.5.2 bare <LF> received", size, tx)
		c.bareLF()
		return
	case err != nil:
		c.messageRefused("connection lost in DATA", size, tx)
		c.readFailed(err)
		return
	case tooBig:
		c.messageRefused("552 5.3.4 message file too big", size, tx)
		c.reply(552, "5.3.4", "Error: message file too big")
		return
	}
	id := ""
	if storeErr == nil {
		id, storeErr = d.Commit(rcpts)
	}
	if storeErr != nil {
		c.logf("%v", storeErr)
		c.messageRefused("451 4.3.0 queue file write error", size, tx)
		c.reply(451, "4.3.0", "Error: queue file write error")
		return
	}
	c.logf("message accepted id=%s size=%d from=<%s> rcpts=%d (%s)", id, size, tx.from, len(rcpts), strings.Join(rcpts, ","))
	c.reply(250, "2.0.0", "Ok: queued as "+id)
}

// messageRefused logs a message the lab did not take.
func (c *smtpConn) messageRefused(why string, size int64, tx smtpTransaction) {
	c.logf("message refused (%s) size=%d from=<%s> rcpts=%d", why, size, tx.from, len(tx.rcpts))
}

// dataChunk is how much of a DATA body is read, and written on, at a time.
const dataChunk = 32 << 10

// errBareLF is readData's answer to a line ended by a bare LF when the
// client may not send one (see smtpConn.bareLFAllowed).
var errBareLF = errors.New("bare <LF> received")

// readData streams a DATA body, up to the line holding a single ".", to
// dst: it removes the dot-stuffing (RFC 5321 section 4.5.2) and keeps CRLF
// line endings; a bare LF becomes CRLF, or is errBareLF when rejectBareLF.
// Only CRLF "." CRLF ends the body (RFC 5321 section 2.3.8 and 4.1.1.4): a
// "." line after a bare LF, or after a bare CR, is data, so a body holding
// "\n.\r\nMAIL FROM:..." stays one message (SMTP smuggling,
// CVE-2023-51766 and its family). It reads in chunks, so even one huge line
// is never whole in memory. A body over maxBytes is read to its end without
// being written further, and reported too big. Errors writing to dst are
// dst's to report (mailstore.Delivery keeps them for Commit).
func readData(w *wire, maxBytes int64, dst io.Writer, rejectBareLF bool) (size int64, tooBig bool, err error) {
	out := bufio.NewWriterSize(dst, dataChunk)
	write := func(p []byte) {
		size += int64(len(p))
		tooBig = tooBig || size > maxBytes
		if !tooBig {
			_, _ = out.Write(p)
		}
	}
	// atStart: at the start of a line; afterCRLF: and the line before
	// ended in CRLF (or this is the first line), so "." CRLF would end.
	atStart, afterCRLF, pendingCR := true, true, false
	for {
		if err := w.conn.SetReadDeadline(time.Now().Add(w.idle)); err != nil {
			return size, tooBig, fmt.Errorf("set read deadline: %w", err)
		}
		chunk, err := w.r.ReadSlice('\n')
		full := errors.Is(err, bufio.ErrBufferFull)
		if err != nil && !full {
			return size, tooBig, err
		}
		if afterCRLF && !full && string(chunk) == ".\r\n" {
			break
		}
		if atStart && chunk[0] == '.' && (full || len(trimEOL(chunk)) > 1) {
			chunk = chunk[1:] // a lone "." ended by a bare LF is data, as in Postfix
		}
		splitCRLF := pendingCR && len(chunk) == 1 && chunk[0] == '\n' // a CRLF cut between two chunks
		if pendingCR && !splitCRLF {
			write([]byte{'\r'}) // the CR held back was data, not half of a CRLF
		}
		pendingCR = false
		if full {
			chunk, pendingCR = bytes.CutSuffix(chunk, []byte{'\r'})
			write(chunk)
			atStart, afterCRLF = false, false
			continue
		}
		body, crlf := bytes.CutSuffix(chunk[:len(chunk)-1], []byte{'\r'})
		crlf = crlf || splitCRLF
		if !crlf && rejectBareLF {
			return size, tooBig, errBareLF
		}
		write(body)
		write([]byte("\r\n"))
		atStart, afterCRLF = true, crlf
	}
	if tooBig {
		return size, true, nil
	}
	_ = out.Flush()
	return size, false, nil
}
