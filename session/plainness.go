package session

import (
	"bytes"

	"github.com/mailtutor/mailtutor/protocol"
)

// plainness follows whether the lines of a long reply handed out in the
// next part are all printable ASCII (Event.Plain), so that the renderer
// and the recorder need not look at their characters again. Lines come
// whole in line mode, or as the bytes of a literal (IMAP {n}), cut into
// lines at CRLF by the framer, a line running on from one read to the
// next and from one part to the next.
type plainness struct {
	done bool // every line ended since the last part is printable ASCII
	open bool // so far, the line not yet ended is
}

func newPlainness() plainness { return plainness{done: true, open: true} }

// line takes a line fed in line mode, which ends the line open, if any
// (the rest of a response line after a literal).
func (p *plainness) line(plain bool) {
	p.done = p.done && p.open && plain
	p.open = true
}

// literal takes a read of literal bytes. A CRLF ends a line; any other
// byte that is not printable ASCII makes the line holding it not plain,
// and so a CR or LF alone, or a CR at the end of the read whatever
// follows it (the tracker may say not plain of a plain line, never the
// other way round).
func (p *plainness) literal(b []byte) {
	for len(b) > 0 {
		i := protocol.PrintablePrefix(b)
		switch {
		case i == len(b):
			return
		case b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n':
			p.done = p.done && p.open
			p.open = true
			b = b[i+2:]
			continue
		}
		p.open = false
		j := bytes.Index(b[i+1:], []byte("\r\n"))
		if j < 0 {
			return
		}
		b = b[i+1+j:] // the CRLF ends the line, not plain
	}
}

// part says whether the lines of a part handed out now are plain, and
// starts over for the next part; the line still open goes on into it.
func (p *plainness) part() bool {
	plain := p.done
	p.done = true
	return plain
}
