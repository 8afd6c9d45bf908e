package transcript

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// This file splits a transcript file into its parts as it is read, line by
// line, without parsing YAML: the header text before the steps (up to and
// including the "steps:" line), each item of the block list under
// "steps:", and the header text after the steps (fields written after
// them, which the recorder never does). Each part is then parsed on its
// own (stream_decode.go). A file this split does not fit (a flow list of
// steps, say) is loaded whole.

// errNotStreamable says that a file must be loaded whole: its layout is
// not a header, "steps:" and a block list the scanner can split, or a part
// of it is not YAML on its own (a quoted text running over several lines
// at the margin, say). The whole-file loader then decides.
var errNotStreamable = errors.New("not in the streamable layout")

// scanState is where the scanner is in the file.
type scanState uint8

const (
	inHeader scanState = iota // before the "steps:" line
	atSteps                   // after it, before the first item
	inItems                   // in the block list of steps
	inAfter                   // in header fields after the steps
)

// item is one step of the list as raw text.
type item struct {
	text []byte // its lines, each with its "\n" (the last may lack it at the end of the file)
	line int    // the 1-based line it starts on
	last bool   // it runs to the end of the file: it may have been cut short
}

// scanner reads a transcript file and hands out its parts.
type scanner struct {
	br     *bufio.Reader
	state  scanState
	lines  int    // lines read so far
	indent int    // the column of the "-" of every item
	before []byte // header text up to the steps (and blank lines after "steps:")
	after  []byte // header text after the steps
	// stepLines is the number of lines the items take: the lines of after
	// are numbered from len(lines of before)+stepLines+1.
	stepLines int

	cur   item   // the item being read
	ready item   // the item handed out last (its buffer is reused)
	line  []byte // the line being read
	eof   bool
}

func newScanner(r io.Reader) *scanner {
	return &scanner{br: bufio.NewReaderSize(r, 64<<10)}
}

// readLine reads the next line, its "\n" included, into s.line; false at
// the end of the file. A line of any length is read whole.
func (s *scanner) readLine() (bool, error) {
	s.line = s.line[:0]
	for {
		chunk, err := s.br.ReadSlice('\n')
		s.line = append(s.line, chunk...)
		switch {
		case err == nil:
			s.lines++
			return true, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			s.eof = true
			if len(s.line) > 0 {
				s.lines++
				return true, nil
			}
			return false, nil
		default:
			return false, err
		}
	}
}

// header reads the text before the first step: it ends after the
// "steps:" line and the blank and comment lines that follow it. It
// returns errNotStreamable for a file without a top-level "steps:" key
// starting a block list.
func (s *scanner) header() error {
	for {
		ok, err := s.readLine()
		if err != nil {
			return err
		}
		if !ok {
			return errNotStreamable // no "steps:" line: nothing to stream
		}
		col, rest := indentation(s.line)
		switch {
		case s.state == inHeader:
			s.before = append(s.before, s.line...)
			if col == 0 && isStepsKey(string(trimEOL(s.line))) {
				s.state = atSteps
			}
		case isBlank(rest):
			s.before = append(s.before, s.line...)
		case isItemLine(rest):
			s.state, s.indent = inItems, col
			s.cur = item{text: append(s.cur.text[:0], s.line...), line: s.lines}
			return nil
		case col == 0: // "steps:" with no value, then more of the header
			s.state = inAfter
			s.after = append(s.after, s.line...)
			return nil
		default:
			return errNotStreamable // a nested mapping, a flow list, ...
		}
	}
}

// next returns the next item of the list; ok is false after the last.
// The item's text is valid until the next call.
func (s *scanner) next() (it item, ok bool, err error) {
	if s.state != inItems {
		return item{}, false, nil
	}
	for {
		more, err := s.readLine()
		if err != nil {
			return item{}, false, err
		}
		if !more {
			s.state = inAfter
			s.stepLines += s.lines - s.cur.line + 1
			s.cur.last = true
			return s.handOut(), true, nil
		}
		col, rest := indentation(s.line)
		switch {
		case col > s.indent || isBlank(rest):
			s.cur.text = append(s.cur.text, s.line...)
		case col == s.indent && isItemLine(rest):
			s.stepLines += s.lines - s.cur.line
			it := s.handOut()
			s.cur = item{text: append(s.cur.text[:0], s.line...), line: s.lines}
			return it, true, nil
		default: // the end of the list: the rest is header
			s.stepLines += s.lines - s.cur.line
			s.state = inAfter
			s.after = append(s.after, s.line...)
			return s.handOut(), true, nil
		}
	}
}

// handOut moves the current item to ready and gives cur ready's buffer.
func (s *scanner) handOut() item {
	spare := s.ready.text
	s.ready, s.cur = s.cur, item{text: spare[:0]}
	return s.ready
}

// rest reads the header text after the steps to the end of the file.
func (s *scanner) rest() error {
	for !s.eof {
		more, err := s.readLine()
		if err != nil {
			return err
		}
		if !more {
			break
		}
		s.after = append(s.after, s.line...)
	}
	return nil
}

// indentation is the number of spaces a line starts with, and the rest.
func indentation(line []byte) (int, []byte) {
	col := 0
	for col < len(line) && line[col] == ' ' {
		col++
	}
	return col, line[col:]
}

// isBlank reports whether the rest of a line, after its indentation, is
// white space or a comment. (Inside a literal block a "#" line is text,
// but it is kept in the item all the same.)
func isBlank(rest []byte) bool {
	rest = bytes.TrimLeft(rest, " \t\r\n")
	return len(rest) == 0 || rest[0] == '#'
}

// isItemLine is isItem for the rest of a line after its indentation.
func isItemLine(rest []byte) bool {
	rest = trimEOL(rest)
	return len(rest) > 0 && rest[0] == '-' && (len(rest) == 1 || rest[1] == ' ')
}

func trimEOL(line []byte) []byte {
	line = bytes.TrimSuffix(line, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r"))
}
