package session

import (
	"bufio"
	"bytes"
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
)

// MaxLineBytes is the longest line kept in memory. The rest of a longer line
// is read and discarded so a hostile server cannot exhaust memory.
const MaxLineBytes = 64 << 10

// maxRawBytes bounds the raw bytes kept per reply for --raw display.
const maxRawBytes = 64 << 10

// lineReader reads lines of any ending from a bufio.Reader. A partial line
// survives a read error (such as a timeout) and is continued by the next call.
type lineReader struct {
	br        *bufio.Reader
	buf       []byte // the line so far, at most MaxLineBytes
	dropped   int    // bytes of the current line beyond MaxLineBytes
	keepRaw   bool   // keep raw (Options.KeepRaw)
	raw       []byte // raw bytes of the current reply, bounded
	rawCapped bool
	texts     textArena
}

// arenaBlock is the size of the blocks a textArena carves lines from.
const arenaBlock = 32 << 10

// textArena makes the strings of received lines: short ones are written
// side by side into a shared block, so that a long reply (RETR of a large
// message, 1.3 million lines per 100 MB) costs one allocation per block
// instead of one per line. A block is a strings.Builder, which never
// writes over what it holds and is not cleared when it is made.
type textArena struct {
	block strings.Builder
}

func (a *textArena) text(b []byte) string {
	switch {
	case len(b) == 0:
		return ""
	case len(b) > arenaBlock/8:
		return string(b)
	}
	if a.block.Cap()-a.block.Len() < len(b) {
		a.block = strings.Builder{}
		a.block.Grow(arenaBlock)
	}
	start := a.block.Len()
	a.block.Write(b)
	return a.block.String()[start:]
}

// line is one received line.
type line struct {
	text    string
	ending  protocol.LineEnding
	dropped int  // bytes cut off because the line was too long
	plain   bool // text is printable ASCII (protocol.PrintableASCII)
}

// next returns the next line. At EOF a non-empty partial line is returned
// with NoEnding before the error on the following call.
func (lr *lineReader) next() (line, error) {
	for {
		chunk, err := lr.br.ReadSlice('\n')
		lr.keepRawBytes(chunk)
		if err == nil && len(lr.buf) == 0 && lr.dropped == 0 {
			l := lr.lineOf(chunk, 0) // a whole line: no copy to buf
			l.plain = protocol.PrintableASCII(l.text)
			return l, nil
		}
		lr.append(chunk)
		if err == nil {
			return lr.finish(), nil
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if len(lr.buf) > 0 || lr.dropped > 0 {
			if !isTimeout(err) { // the end: a timeout keeps the partial line for later
				l := lr.finish()
				l.ending = protocol.NoEnding
				return l, nil
			}
		}
		return line{}, err
	}
}

// buffered returns the next line when the connection already delivered
// it whole, without waiting; ok is false when reading it could wait.
func (lr *lineReader) buffered() (l line, ok bool) {
	n := lr.br.Buffered()
	if n == 0 || len(lr.buf) > 0 || lr.dropped > 0 {
		return line{}, false
	}
	p, err := lr.br.Peek(n)
	if err != nil {
		return line{}, false
	}
	// One pass finds where a plain line ends: at its first byte that is
	// not printable ASCII, when that is its line ending.
	i := protocol.PrintablePrefix(p)
	plain := i < len(p) && p[i] == '\n' || i+1 < len(p) && p[i] == '\r' && p[i+1] == '\n'
	if i < len(p) && p[i] == '\r' && plain {
		i++
	}
	if !plain {
		j := bytes.IndexByte(p[i:], '\n')
		if j < 0 {
			return line{}, false
		}
		i += j
	}
	lr.keepRawBytes(p[:i+1])
	l = lr.lineOf(p[:i+1], 0)
	l.plain = plain
	_, err = lr.br.Discard(i + 1)
	return l, err == nil
}

func (lr *lineReader) append(chunk []byte) {
	room := MaxLineBytes + 2 - len(lr.buf) // +2 keeps a CRLF of a line just at the limit
	if room >= len(chunk) {
		lr.buf = append(lr.buf, chunk...)
		return
	}
	if room > 0 {
		lr.buf = append(lr.buf, chunk[:room]...)
		chunk = chunk[room:]
	}
	// Keep the line ending, drop the middle.
	if n := len(chunk); n > 0 && chunk[n-1] == '\n' {
		lr.dropped += n - 1
		if n >= 2 && chunk[n-2] == '\r' {
			lr.dropped--
			lr.buf = append(lr.buf, '\r', '\n')
		} else {
			lr.buf = append(lr.buf, '\n')
		}
		return
	}
	lr.dropped += len(chunk)
}

func (lr *lineReader) finish() line {
	l := lr.lineOf(lr.buf, lr.dropped)
	l.plain = l.dropped == 0 && protocol.PrintableASCII(l.text)
	lr.buf, lr.dropped = lr.buf[:0], 0
	if cap(lr.buf) > 4096 {
		lr.buf = nil // do not pin a huge buffer
	}
	return l
}

// lineOf makes the line of the bytes b read (its ending included, if it
// came), dropped bytes already cut from its middle.
func (lr *lineReader) lineOf(b []byte, dropped int) line {
	l := line{ending: protocol.NoEnding, dropped: dropped}
	if bytes.HasSuffix(b, []byte("\r\n")) {
		b, l.ending = b[:len(b)-2], protocol.CRLF
	} else if bytes.HasSuffix(b, []byte("\n")) {
		b, l.ending = b[:len(b)-1], protocol.BareLF
	}
	if len(b) > MaxLineBytes {
		l.dropped += len(b) - MaxLineBytes
		b = b[:MaxLineBytes]
	}
	l.text = lr.texts.text(b)
	return l
}

func (lr *lineReader) keepRawBytes(chunk []byte) {
	if !lr.keepRaw {
		return
	}
	if room := maxRawBytes - len(lr.raw); room > 0 {
		if len(chunk) > room {
			chunk, lr.rawCapped = chunk[:room], true
		}
		lr.raw = append(lr.raw, chunk...)
	} else if len(chunk) > 0 {
		lr.rawCapped = true
	}
}

// takeRaw returns the raw bytes of the reply just completed and resets them.
func (lr *lineReader) takeRaw() (raw []byte, capped bool) {
	raw, capped = lr.raw, lr.rawCapped
	lr.raw, lr.rawCapped = nil, false
	return raw, capped
}

// literalChunk bounds one read of literal bytes: a part of a streamed
// reply, so that a FETCH of a large message piles up no more in the event
// queue than a RETR does (32 KiB reads: 46 MB peak RSS for 100 MB, 8 KiB:
// about 25 MB; docs/benchmarks.md).
const literalChunk = PartBytes

// literal reads up to n raw bytes of a literal (at most literalChunk at a
// time), with no regard for line endings. A partial line read before
// stays for next. The slice is valid until the next read.
func (lr *lineReader) literal(n int64) ([]byte, error) {
	if lr.br.Buffered() == 0 {
		if _, err := lr.br.Peek(1); err != nil { // wait for a byte, no more
			return nil, err
		}
	}
	p, err := lr.br.Peek(int(min(n, literalChunk, int64(lr.br.Buffered()))))
	if err != nil {
		return nil, err
	}
	lr.keepRawBytes(p)
	if _, derr := lr.br.Discard(len(p)); derr != nil {
		return nil, derr
	}
	return p, nil
}
