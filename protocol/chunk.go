package protocol

import (
	"strconv"
	"strings"
)

// chunkCommand reads an SMTP "BDAT <size> [LAST]" line (RFC 3030 2): the
// chunk's size in octets and whether it is the last. ok is false for any
// other line, and for a BDAT whose size is not a number (the server
// refuses it and no chunk follows).
func chunkCommand(p Protocol, e expected, line string) (size int64, last, ok bool) {
	if p != SMTP || e.sasl || e.verb != "BDAT" {
		return 0, false, false
	}
	fields := strings.Fields(line)
	if len(fields) < 2 || len(fields) > 3 {
		return 0, false, false
	}
	n, err := strconv.ParseInt(fields[1], 10, 64)
	if err != nil || n < 0 {
		return 0, false, false
	}
	if len(fields) == 3 {
		if !strings.EqualFold(fields[2], "LAST") {
			return 0, false, false
		}
		last = true
	}
	return n, last, true
}

// chunkLine counts a line of a BDAT chunk: its bytes and CRLF, or its
// bytes alone when they fill the chunk exactly (the next command follows
// the chunk's last byte, RFC 3030 2: no line ending is added). A line
// that runs past the chunk is counted up to its end: the prompt refuses
// such a line before it is sent (it cannot be split on the wire).
func (f *mailFramer) chunkLine(line string) Expected {
	st := &f.state
	n := int64(len(line))
	exp := Expected{Continues: true}
	switch {
	case n+2 <= st.Literal:
		st.Literal -= n + 2
	default:
		exp.NoLineEnd = n == st.Literal
		st.Literal = 0
	}
	if st.Literal == 0 {
		st.Input = InputCommand
	}
	return exp
}

// ChunkFits reports whether a line of left bytes' worth of a byte-counted
// chunk (an SMTP BDAT chunk, State.Literal) may be sent as one line: with
// its CRLF, or without it when it fills the chunk exactly.
func ChunkFits(line string, left int64) bool {
	n := int64(len(line))
	return n+2 <= left || n == left
}
