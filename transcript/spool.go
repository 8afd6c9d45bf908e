package transcript

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Sizes of the pieces AddSpooled works in (variables for the tests).
var (
	spoolChunk = 32 << 10  // bytes read back from a spool at a time
	stepPiece  = 256 << 10 // the most bytes AddSpooled writes at a time
)

// Spool is the text of one server reply or DATA body kept on disk while it
// arrives line by line, so that Recorder.AddSpooled can record a text of any
// size (a 100 MB RETR reply) without holding it in memory. While the lines
// are written it gathers everything the recorder needs to choose how to
// write the text, so the text is read back only once, to be written.
//
// The text a spool stands for depends on the kind of step it is recorded
// as, as Step.Text defines it: for KindServer the lines joined by "\n"
// (without a final "\n"), for KindData every line followed by "\n" ("" when
// there are none). A line holding "\n" (a bare LF inside an IMAP literal)
// turns the spool into the wire form (Step.Wire): every line followed by
// CRLF, for a server step only.
//
// A Spool is not safe for concurrent use.
type Spool struct {
	f      *os.File
	name   string // to remove after closing, when the OS kept it while open
	w      *bufio.Writer
	lines  int
	bytes  int64
	info   textInfo
	wire   bool  // the file holds every line followed by CRLF: a line held "\n"
	err    error // the first failed write; sticky
	closed bool
}

// errSpoolClosed is returned by a Spool's methods after Close.
var errSpoolClosed = errors.New("spool is closed")

// NewSpool creates an empty spool in a temporary file (in os.TempDir(), mode
// 0600), removed from the directory at once where the OS allows (else by
// Close), so nothing is left behind by a crash.
func NewSpool() (*Spool, error) {
	f, name, err := openTemp("mailtutor-spool-*", 0)
	if err != nil {
		return nil, fmt.Errorf("create spool: %w", err)
	}
	return &Spool{f: f, name: name, w: bufio.NewWriterSize(f, 64<<10)}, nil
}

// WriteLine appends one line, without its line ending. A line holding
// "\n" turns the spool into the wire form (the lines written so far are
// rewritten once); a line holding "\r\n" is refused with an error (and
// nothing is written), since no reply line can: a CRLF ends it. Writes are
// buffered; a failed write fails every later WriteLine and AddSpooled.
func (s *Spool) WriteLine(line string) error {
	switch {
	case s.closed:
		return fmt.Errorf("spool line: %w", errSpoolClosed)
	case s.err != nil:
		return fmt.Errorf("spool line: %w", s.err)
	case strings.IndexByte(line, '\n') < 0: // the usual line: one scan
	case strings.Contains(line, "\r\n"):
		return fmt.Errorf("spool line: a line cannot hold CRLF")
	case !s.wire:
		if err := s.toWire(); err != nil {
			s.err = err
			return fmt.Errorf("spool line: %w", err)
		}
	}
	s.w.WriteString(line)
	if s.wire {
		s.w.WriteByte('\r')
	}
	if err := s.w.WriteByte('\n'); err != nil {
		s.err = err
		return fmt.Errorf("spool line: %w", err)
	}
	if s.wire {
		s.info.invalid = s.info.invalid || !utf8.ValidString(line)
	} else {
		s.info.add(line)
	}
	s.lines++
	s.bytes += int64(len(line))
	return nil
}

// toWire rewrites the lines written so far with CRLF after each, into a
// new file, and goes on in the wire form. Its text holds CRs, so it is
// written quoted (or base64 when it is not UTF-8): only its validity
// counts from then on.
func (s *Spool) toWire() error {
	if err := s.w.Flush(); err != nil {
		return err
	}
	f, name, err := openTemp("mailtutor-spool-*", 0)
	if err != nil {
		return fmt.Errorf("create spool: %w", err)
	}
	w := bufio.NewWriterSize(f, 64<<10)
	r := bufio.NewReaderSize(io.NewSectionReader(s.f, 0, s.bytes+int64(s.lines)), 64<<10)
	for {
		chunk, err := r.ReadSlice('\n')
		if n := len(chunk); n > 0 && chunk[n-1] == '\n' {
			w.Write(chunk[:n-1])
			w.WriteString("\r\n")
		} else {
			w.Write(chunk)
		}
		if err == io.EOF {
			break
		}
		if err != nil && err != bufio.ErrBufferFull {
			f.Close()
			removeTemp(name)
			return err
		}
	}
	old, oldName := s.f, s.name
	s.f, s.name, s.w = f, name, w
	old.Close()
	removeTemp(oldName)
	s.wire = true
	s.info = textInfo{segs: 2, nonBlank: true, control: true, invalid: s.info.invalid}
	return nil
}

// Lines is the number of lines written.
func (s *Spool) Lines() int { return s.lines }

// Bytes is the number of bytes of the lines written, without separators.
func (s *Spool) Bytes() int64 { return s.bytes }

// removeTemp removes a temporary file the OS kept in its directory while
// it was open (name is "" when it did not).
func removeTemp(name string) {
	if name != "" {
		os.Remove(name)
	}
}

// Close removes the spool's file. It is idempotent.
func (s *Spool) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	err := s.f.Close()
	removeTemp(s.name)
	if err != nil {
		return fmt.Errorf("close spool: %w", err)
	}
	return nil
}

// exact is the textInfo exactForm wants for the spool's text as a step of
// kind, and the length of that text. The file holds every line followed by
// "\n": a body as it is, a reply followed by "\n" (what a block holds).
func (s *Spool) exact(kind Kind) (textInfo, int64) {
	t := s.info
	if s.wire { // the whole file: every line and its CRLF
		return t, s.bytes + 2*int64(s.lines)
	}
	t.add("")
	n := s.bytes + int64(s.lines)
	if kind == KindServer && s.lines > 0 {
		n-- // the final "\n" is not part of a reply
	}
	return t, n
}

// each calls fn with the first n bytes of the spool in order, in pieces of
// at most spoolChunk bytes that never end inside a UTF-8 sequence (unless
// the text is not valid UTF-8). A piece shares the read buffer: fn must not
// keep it.
func (s *Spool) each(n int64, fn func(piece string) error) error {
	switch {
	case s.closed:
		return errSpoolClosed
	case s.err != nil:
		return s.err
	}
	if err := s.w.Flush(); err != nil {
		s.err = err
		return err
	}
	buf := make([]byte, max(utf8.UTFMax, min(int64(spoolChunk), n)))
	r := io.NewSectionReader(s.f, 0, n)
	kept, total := 0, int64(0)
	for {
		m, err := io.ReadFull(r, buf[kept:])
		m += kept
		last := err != nil
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			return err
		}
		end := m
		if !last {
			end = pieceEnd(buf[:m])
		}
		if end > 0 {
			if err := fn(unsafe.String(unsafe.SliceData(buf), end)); err != nil {
				return err
			}
		}
		total += int64(end)
		if last {
			break
		}
		kept = copy(buf, buf[end:m])
	}
	if total != n {
		return fmt.Errorf("the spool file holds %d bytes, want %d", total, n)
	}
	return nil
}

// pieceEnd is where a piece of text read into p may end: before a UTF-8
// sequence that p holds only the start of. p must be at least UTFMax long.
func pieceEnd(p []byte) int {
	for i := len(p) - 1; i > len(p)-utf8.UTFMax; i-- {
		if utf8.RuneStart(p[i]) {
			if !utf8.FullRune(p[i:]) {
				return i
			}
			break
		}
	}
	return len(p)
}

// AddSpooled is Add for a KindServer or KindData step whose Text is empty
// and whose text is in the spool. The file gets exactly the bytes Add would
// write for the step with Text set to the spool's text, but the text is
// streamed: read back from the spool in chunks and written in pieces of at
// most 256 KiB, so neither it nor its encoding is ever whole in memory.
// A step cut between two pieces (a crash, a full disk) is a cut step like
// any other: a failed write cuts the file back to the last complete step,
// and the step counts only once its last byte is written. The spool is left
// open (and can take more lines); the caller closes it.
func (r *Recorder) AddSpooled(step Step, text *Spool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.usable(); err != nil {
		return fmt.Errorf("record step: %w", err)
	}
	switch {
	case text == nil:
		return fmt.Errorf("record step: no spool")
	case text.closed:
		return fmt.Errorf("record step: %w", errSpoolClosed)
	case step.Kind != KindServer && step.Kind != KindData:
		return fmt.Errorf("record step: a %s step cannot be spooled (only server and data steps)", step.Kind)
	case step.Text != "":
		return fmt.Errorf("record step: a spooled step has its text in the spool, not in Text")
	case text.wire && step.Kind != KindServer:
		return fmt.Errorf("record step: a %s step cannot hold a line with a line feed in it (only a server reply has a wire form)", step.Kind)
	case step.Wire:
		return fmt.Errorf("record step: a spooled step takes the wire form from its spool, not from Wire")
	}
	s, err := r.prepare(step, r.lastAt)
	if err != nil {
		return fmt.Errorf("record step: %w", err)
	}
	s.Wire = text.wire
	info, n := text.exact(s.Kind)
	flushAt := max(stepPiece-4*spoolChunk, 1) // a piece of text grows at most 4× (an escape)
	b := make([]byte, 0, min(int64(stepPiece), n+512))
	b = append(b, "- "...)
	var e textEncoder
	b = e.start(b, s.Kind, &info)
	w := stepWriter{r: r}
	var writeErr error
	err = text.each(n, func(piece string) error {
		b = e.write(b, piece)
		if len(b) < flushAt {
			return nil
		}
		writeErr = w.write(b)
		b = b[:0]
		return writeErr
	})
	if err != nil && writeErr == nil {
		err = fmt.Errorf("read spool: %w", err)
	}
	if err == nil {
		err = w.write(appendStepEnd(e.finish(b), &s))
	}
	if err != nil {
		return fmt.Errorf("record step: %w", w.fail(err))
	}
	if err := w.done(s.At); err != nil {
		return fmt.Errorf("record step: %w", err)
	}
	return nil
}
