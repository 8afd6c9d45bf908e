package transcript

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// This file spools a long text in place: the lines of a reply or body go
// straight to the end of the recording's file, after the start of the step
// they will most likely make ("- server: |"), so that recording the step
// at the end only adds its last fields: the text is written once. If the
// step turns out to need another start (a quoted or base64 text, a block
// with another header), or anything else must be written to the file
// first (another step, SaveAs, Close), the lines move to a spool file of
// their own (detach) and the file is cut back to its last complete step,
// which is also all a crash can leave of them: a step without its "at".

// errSpoolUsed is returned by a spool whose lines became a step in place.
var errSpoolUsed = errors.New("spool: its lines are recorded in a step already")

// StreamSpool returns a spool for the text of a step of kind (KindServer
// or KindData) that writes its lines in place, at the end of the
// recorder's file (see the top of this file); any other kind gets a spool
// of its own. Use it with AddSpooled on the same recorder. A spool in
// place and its recorder must not be used by two goroutines at once.
func (r *Recorder) StreamSpool(kind Kind) (*Spool, error) {
	if kind != KindServer && kind != KindData {
		return NewSpool()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.usable(); err != nil {
		return nil, fmt.Errorf("create spool: %w", err)
	}
	if err := r.detach(); err != nil {
		return nil, fmt.Errorf("create spool: %w", err)
	}
	head := []byte("- " + string(kind) + ": |\n")
	w := stepWriter{r: r}
	if err := w.write(head); err != nil {
		return nil, fmt.Errorf("create spool: %w", w.fail(err))
	}
	s := &Spool{rec: r, head: head}
	s.w = bufio.NewWriterSize(tailWriter{s}, 128<<10) // a session's longest line fits

	r.stream = s
	return s, nil
}

// tailWriter writes a spool's lines to the end of its recorder's file.
type tailWriter struct{ s *Spool }

func (t tailWriter) Write(p []byte) (int, error) {
	r := t.s.rec
	if !t.s.held {
		r.mu.Lock()
		defer r.mu.Unlock()
	}
	if r.stream != t.s {
		return 0, errors.New("spool: no longer in place")
	}
	return r.f.Write(p)
}

// addInPlace records the step whose text is the spool in place, when its
// start is the head already written: only the fields after the text are
// added. ok is false when the step needs another start. The caller holds
// r.mu and has prepared s.
func (r *Recorder) addInPlace(s Step, text *Spool) (ok bool, err error) {
	info, _ := text.exact(s.Kind)
	var e textEncoder
	start := e.start([]byte("- "), s.Kind, &info)
	if e.form != asBlock || !bytes.Equal(start, text.head) {
		return false, nil
	}
	text.held = true
	err = text.w.Flush()
	text.held = false
	w := stepWriter{r: r, n: int64(len(text.head)) + text.size}
	r.stream, text.rec, text.err = nil, nil, errSpoolUsed
	if err == nil {
		err = w.write(appendStepEnd(nil, &s))
	}
	if err != nil {
		return true, w.fail(err)
	}
	return true, w.done(s.At)
}

// detach moves the lines of the spool in place, if any, to a file of the
// spool's own and cuts them from the recorder's file. The caller holds
// r.mu.
func (r *Recorder) detach() error {
	s := r.stream
	if s == nil {
		return nil
	}
	s.held = true
	err := s.w.Flush()
	s.held = false
	r.stream, s.rec = nil, nil
	if err == nil {
		err = s.moveOut(r)
	}
	if cerr := r.cut(); err == nil {
		err = cerr
	}
	if err != nil {
		s.err = fmt.Errorf("move the spool out of the recording: %w", err)
	}
	return err
}

// moveOut copies the spool's lines from r's file to a new file of its own.
func (s *Spool) moveOut(r *Recorder) error {
	src, ok := r.f.(io.ReaderAt)
	if !ok {
		return errors.New("the recording cannot be read back")
	}
	f, name, err := openTemp("mailtutor-spool-*", 0)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, io.NewSectionReader(src, r.size+int64(len(s.head)), s.size))
	if err == nil && n != s.size {
		err = fmt.Errorf("copied %d of %d bytes", n, s.size)
	}
	s.f, s.name, s.w = f, name, bufio.NewWriterSize(f, 64<<10)
	return err
}

// dropStream cuts the spool in place from the recorder's file: its text
// will not be a step.
func (r *Recorder) dropStream(s *Spool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	s.rec = nil
	if r.stream != s {
		return nil
	}
	r.stream = nil
	return r.cut()
}

// cut cuts the file back to its last complete step.
func (r *Recorder) cut() error {
	err := r.f.Truncate(r.size)
	if sk, ok := r.f.(io.Seeker); ok && err == nil {
		_, err = sk.Seek(r.size, io.SeekStart)
	}
	if err != nil {
		r.broken = fmt.Errorf("cut back to the last complete step: %w", err)
	}
	return err
}
