package transcript

import (
	"bufio"
	"bytes"
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
// The file keeps every line as a line of the literal block the recorder
// writes for a step's text (after the block's indentation, unless it is
// empty), so that a text recorded as a block, the usual form of a long
// reply or body, is copied to the transcript as it is.
//
// A Spool is not safe for concurrent use.
type Spool struct {
	f      *os.File
	name   string // to remove after closing, when the OS kept it while open
	w      *bufio.Writer
	lines  int
	bytes  int64 // of the lines, without separators
	size   int64 // of the file: the lines, their indentation and endings
	info   textInfo
	wire   bool  // the file holds every line followed by CRLF: a line held "\n"
	err    error // the first failed write; sticky
	closed bool

	// In place (Recorder.StreamSpool): the lines go to the end of the
	// recorder's file, after head, the start of the step they are most
	// likely to make; f is nil until the spool moves to a file of its
	// own (Recorder.detach).
	rec  *Recorder
	head []byte
	held bool // the caller holds rec.mu: a write to rec.f must not take it
}

// spoolPad is the indentation of a line in the spool's file: that of the
// lines of a literal block holding a step's text (blockPad(-1)).
const spoolPad = "    "

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
	if s.wire {
		s.info.invalid = s.info.invalid || !utf8.ValidString(line)
	} else {
		s.info.add(line)
	}
	return s.put(line)
}

// WritePlainLines appends lines that the caller has found to be only
// printable ASCII, a space to a tilde (no control character, no "\n", no
// other byte): the spool takes them without looking at their characters
// again, which WriteLine does to choose how the text is recorded. A line
// that is not plain makes a step that does not load: pass only lines
// checked (a session's ReceivedPart event says so in Plain).
func (s *Spool) WritePlainLines(lines []string) error {
	switch {
	case s.closed:
		return fmt.Errorf("spool line: %w", errSpoolClosed)
	case s.err != nil:
		return fmt.Errorf("spool line: %w", s.err)
	}
	for _, line := range lines {
		if !s.wire { // in the wire form only validity counts, and ASCII is valid
			s.info.addPlain(line)
		}
		if err := s.put(line); err != nil {
			return err
		}
	}
	return nil
}

// put writes a line whose textInfo is counted. A spool in place keeps
// its part of the recorder's file a valid start of a literal block, so
// that a crash leaves a step YAML reads and the loader drops: it writes
// whole lines only, and moves to a file of its own as soon as the text
// cannot be that block (a control character, invalid UTF-8, a first line
// starting with white space). In the wire form a line is written as it
// is, followed by CRLF.
func (s *Spool) put(line string) error {
	if s.rec != nil && (s.info.control || s.info.invalid || s.info.lead) {
		if err := s.leave(); err != nil {
			return fmt.Errorf("spool line: %w", err)
		}
	}
	n := len(line) + 1
	switch {
	case s.wire:
		n++
	case line != "":
		n += len(spoolPad)
	}
	if s.rec != nil && n > s.w.Available() {
		s.w.Flush() // in place, a write ends with a line
		if n > s.w.Available() {
			s.w.Write([]byte(spoolPad + line + "\n")) // longer than the buffer: in one write
			n = 0
		}
	}
	switch {
	case n == 0:
	case s.wire:
		s.w.WriteString(line)
		s.w.WriteString("\r\n")
	default:
		if line != "" {
			s.w.WriteString(spoolPad)
		}
		s.w.WriteString(line)
		s.w.WriteByte('\n')
	}
	if _, err := s.w.Write(nil); err != nil { // a failed write is sticky in the bufio.Writer
		s.err = err
		return fmt.Errorf("spool line: %w", err)
	}
	s.lines++
	s.bytes += int64(len(line))
	switch {
	case s.wire:
		s.size += int64(len(line)) + 2
	case line != "":
		s.size += int64(len(line)) + 1 + int64(len(spoolPad))
	default:
		s.size++
	}
	return nil
}

// leave moves a spool in place to a file of its own.
func (s *Spool) leave() error {
	r := s.rec
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.detach()
}

// toWire rewrites the lines written so far with CRLF after each, into a
// new file without indentation, and goes on in the wire form. Its text
// holds CRs, so it is written quoted (or base64 when it is not UTF-8):
// only its validity counts from then on. A spool in place leaves the
// recorder's file first: the wire form is never a literal block.
func (s *Spool) toWire() error {
	if s.rec != nil {
		if err := s.leave(); err != nil {
			return err
		}
	}
	f, name, err := openTemp("mailtutor-spool-*", 0)
	if err != nil {
		return fmt.Errorf("create spool: %w", err)
	}
	w := bufio.NewWriterSize(f, 64<<10)
	_, n := s.exact(KindData) // every line followed by "\n"
	err = s.each(n, func(piece string) error {
		for {
			i := strings.IndexByte(piece, '\n')
			if i < 0 {
				_, err := w.WriteString(piece)
				return err
			}
			w.WriteString(piece[:i])
			if _, err := w.WriteString("\r\n"); err != nil {
				return err
			}
			piece = piece[i+1:]
		}
	})
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		f.Close()
		removeTemp(name)
		return err
	}
	if s.f != nil {
		s.f.Close()
		removeTemp(s.name)
	}
	s.f, s.name, s.w = f, name, w
	s.wire = true
	s.size = s.bytes + 2*int64(s.lines)
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

// Close removes the spool's file; a spool still in place in a recorder's
// file is cut from it. It is idempotent.
func (s *Spool) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	if s.rec != nil {
		return s.rec.dropStream(s)
	}
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	removeTemp(s.name)
	if err != nil {
		return fmt.Errorf("close spool: %w", err)
	}
	return nil
}

// exact is the textInfo exactForm wants for the spool's text as a step of
// kind, and the length of that text: every line followed by "\n" for a
// body, the lines joined by "\n" for a reply (which a block holds followed
// by "\n", as the file does).
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

// file returns a reader of the spool's file as it is, once every line is
// written out.
func (s *Spool) file() (io.Reader, error) {
	switch {
	case s.closed:
		return nil, errSpoolClosed
	case s.err != nil:
		return nil, s.err
	}
	if err := s.w.Flush(); err != nil {
		s.err = err
		return nil, err
	}
	return io.NewSectionReader(s.f, 0, s.size), nil
}

// each calls fn with the first n bytes of the spool's text in order, in
// pieces of at most spoolChunk bytes that never end inside a UTF-8
// sequence (unless the text is not valid UTF-8). A piece shares a buffer:
// fn must not keep it.
func (s *Spool) each(n int64, fn func(piece string) error) error {
	r, err := s.file()
	if err != nil {
		return err
	}
	in := make([]byte, max(utf8.UTFMax, spoolChunk))
	u := unpadder{out: make([]byte, 0, 2*len(in)), raw: s.wire}
	total := int64(0)
	for last := false; !last; {
		m, err := io.ReadFull(r, in)
		last = err != nil
		if last && err != io.EOF && err != io.ErrUnexpectedEOF {
			return err
		}
		u.take(in[:m])
		for len(u.out) >= len(in) || last && len(u.out) > 0 && total < n {
			piece := u.out[:min(len(u.out), len(in), int(n-total))]
			end := len(piece)
			if total+int64(end) < n { // the text goes on: do not cut a character
				end = pieceEnd(piece)
			}
			if err := fn(unsafe.String(unsafe.SliceData(piece), end)); err != nil {
				return err
			}
			total += int64(end)
			u.out = u.out[:copy(u.out, u.out[end:])]
			if total == n {
				break
			}
		}
	}
	if total != n {
		return fmt.Errorf("the spool file holds %d bytes of text, want %d", total, n)
	}
	return nil
}

// unpadder turns the spool's file back into its text: it drops the
// indentation of every line that is not empty (none in the wire form).
type unpadder struct {
	out    []byte // the text so far
	skip   int    // indentation still to drop
	inLine bool   // past the start of a line
	raw    bool   // the file is the text: the wire form
}

func (u *unpadder) take(p []byte) {
	if u.raw {
		u.out = append(u.out, p...)
		return
	}
	for len(p) > 0 {
		switch {
		case u.skip > 0:
			k := min(u.skip, len(p))
			p, u.skip = p[k:], u.skip-k
		case !u.inLine && p[0] == '\n': // an empty line
			u.out = append(u.out, '\n')
			p = p[1:]
		case !u.inLine:
			u.inLine, u.skip = true, len(spoolPad)
		default:
			i := bytes.IndexByte(p, '\n')
			if i < 0 {
				u.out = append(u.out, p...)
				return
			}
			u.out = append(u.out, p[:i+1]...)
			p, u.inLine = p[i+1:], false
		}
	}
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
	case text.rec != nil && text.rec != r:
		return fmt.Errorf("record step: the spool writes in place in another recording")
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
	if text.rec == r {
		if done, err := r.addInPlace(s, text); done || err != nil {
			if err != nil {
				return fmt.Errorf("record step: %w", err)
			}
			return nil
		}
	}
	if err := r.detach(); err != nil {
		return fmt.Errorf("record step: %w", err)
	}
	info, n := text.exact(s.Kind)
	b := make([]byte, 0, min(int64(stepPiece), max(n, text.size)+512))
	b = append(b, "- "...)
	var e textEncoder
	b = e.start(b, s.Kind, &info)
	w := stepWriter{r: r}
	if e.form == asBlock {
		b, err = copySpooled(&w, b, text)
	} else {
		b, err = encodeSpooled(&w, b, &e, text, n)
	}
	if err == nil {
		err = w.write(appendStepEnd(b, &s))
	}
	if err != nil {
		return fmt.Errorf("record step: %w", w.fail(err))
	}
	if err := w.done(s.At); err != nil {
		return fmt.Errorf("record step: %w", err)
	}
	return nil
}

// copySpooled writes a text recorded as a literal block: the spool's file
// holds its lines as the block does, and is copied as it is: by the
// kernel from file to file where the recording's file can take it
// (io.ReaderFrom), else in pieces of the size of b. It returns b holding
// what is left to write.
func copySpooled(w *stepWriter, b []byte, text *Spool) ([]byte, error) {
	if dst, ok := w.r.f.(io.ReaderFrom); ok {
		return b[:0], copyFile(w, dst, b, text)
	}
	r, err := text.file()
	if err != nil {
		return b, fmt.Errorf("read spool: %w", err)
	}
	for {
		m, err := io.ReadFull(r, b[len(b):cap(b)])
		b = b[:len(b)+m]
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			return b, nil
		case err != nil:
			return b, fmt.Errorf("read spool: %w", err)
		}
		if err := w.write(b); err != nil {
			return b, err
		}
		b = b[:0]
	}
}

// encodeSpooled writes a text recorded quoted or in base64, read back
// from the spool and encoded piece by piece. It returns b holding what is
// left to write, the end of the field included.
func encodeSpooled(w *stepWriter, b []byte, e *textEncoder, text *Spool, n int64) ([]byte, error) {
	flushAt := max(stepPiece-4*spoolChunk, 1) // a piece of text grows at most 4× (an escape)
	var writeErr error
	err := text.each(n, func(piece string) error {
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
	return e.finish(b), err
}

// copyFile writes b, the start of the step, then the whole spool's file
// into dst.
func copyFile(w *stepWriter, dst io.ReaderFrom, b []byte, text *Spool) error {
	if _, err := text.file(); err != nil { // every line written out
		return fmt.Errorf("read spool: %w", err)
	}
	if err := w.write(b); err != nil {
		return err
	}
	if _, err := text.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("read spool: %w", err)
	}
	n, err := dst.ReadFrom(io.LimitReader(text.f, text.size))
	w.n += n
	if _, serr := text.f.Seek(0, io.SeekEnd); err == nil && serr != nil {
		err = fmt.Errorf("spool: %w", serr)
	}
	if err == nil && n != text.size {
		err = fmt.Errorf("copied %d of the spool's %d bytes", n, text.size)
	}
	return err
}
