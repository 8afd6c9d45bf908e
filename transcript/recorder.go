package transcript

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// ErrClosed is returned by Add after Close.
var ErrClosed = errors.New("transcript recorder is closed")

// Options tune a Recorder.
type Options struct {
	// KeepSecrets writes the real client line of a secret step (still marked
	// with its secret kind, plus "kept: true") instead of its redacted form.
	KeepSecrets bool
	// Overwrite replaces an existing file; without it Create refuses one.
	Overwrite bool
	// Now is the clock for the header's "recorded" time when the header has
	// none; nil means time.Now.
	Now func() time.Time
}

// file is what the recorder needs of an *os.File.
type file interface {
	Write(p []byte) (int, error)
	Sync() error
	Truncate(size int64) error
	Close() error
}

// Recorder appends steps to a transcript file as they happen. Every Add is
// one write followed by a sync, so the file always holds every step added
// before a crash and loads (a step cut mid-write is dropped with a warning).
// Its methods are safe for concurrent use.
type Recorder struct {
	mu     sync.Mutex
	f      file
	keep   bool
	start  time.Time
	size   int64         // bytes of complete steps in the file
	lastAt time.Duration // At of the last step written
	broken error         // a failed write that could not be undone
	closed bool
}

// Create starts a transcript file at path (mode 0600) and writes the header
// and any steps already in header.Steps. It refuses an existing file unless
// opts.Overwrite is set. When header.Recorded is zero it is set from
// opts.Now. header.Version is ignored: the file gets [Version]. Nothing is
// touched on disk when the header or a step is invalid.
func Create(path string, header Transcript, opts Options) (*Recorder, error) {
	r, first, err := begin(header, opts)
	if err != nil {
		return nil, fmt.Errorf("create transcript %s: %w", path, err)
	}
	// O_APPEND: after a failed write is cut back, the next one lands at the
	// new end, not after a hole.
	flags := os.O_WRONLY | os.O_APPEND | os.O_CREATE | os.O_EXCL
	if opts.Overwrite {
		flags = os.O_WRONLY | os.O_APPEND | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create transcript: %w", err)
	}
	r.f = f
	err = f.Chmod(0o600) // an overwritten file keeps its old mode otherwise
	if err == nil {
		err = r.write(first)
	}
	if err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("create transcript %s: %w", path, err)
	}
	syncDir(filepath.Dir(path))
	return r, nil
}

// syncDir makes the new directory entry durable; failure only weakens the
// guarantee for a power cut, so it is not reported.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// newRecorder starts a recording on an open file.
func newRecorder(f file, header Transcript, opts Options) (*Recorder, error) {
	r, first, err := begin(header, opts)
	if err != nil {
		return nil, err
	}
	r.f = f
	if err := r.write(first); err != nil {
		return nil, err
	}
	return r, nil
}

// begin checks the header and its steps and renders what the file starts
// with, before any file is touched.
func begin(header Transcript, opts Options) (*Recorder, []byte, error) {
	if err := checkHeader(&header); err != nil {
		return nil, nil, err
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	start := header.Recorded
	if start.IsZero() {
		start = now()
		header.Recorded = start.UTC().Truncate(time.Millisecond)
	}
	r := &Recorder{keep: opts.KeepSecrets, start: start}
	out := appendHeader(nil, &header)
	at := time.Duration(0)
	for i := range header.Steps {
		s, err := r.prepare(header.Steps[i], at)
		if err != nil {
			return nil, nil, fmt.Errorf("step %d: %w", i+1, err)
		}
		at = s.At
		out = appendStep(out, &s)
	}
	r.lastAt = at
	return r, out, nil
}

// Offset is the time t is from the start of the recording, as Step.At wants
// it (whole milliseconds, never negative).
func (r *Recorder) Offset(t time.Time) time.Duration {
	return roundAt(t.Sub(r.start))
}

// Add writes one step and syncs it to disk. For a secret client line it
// writes step.Redacted (or RedactedPlaceholder) unless Options.KeepSecrets.
// step.At is rounded to the millisecond and raised to the previous step's
// if it is earlier, so that the file stays in time order. An invalid step is
// refused before anything is written. After a failed write the file is cut
// back to the last complete step; if even that fails, every later Add fails.
func (r *Recorder) Add(step Step) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.closed:
		return fmt.Errorf("record step: %w", ErrClosed)
	case r.broken != nil:
		return fmt.Errorf("record step: an earlier write failed: %w", r.broken)
	}
	s, err := r.prepare(step, r.lastAt)
	if err != nil {
		return fmt.Errorf("record step: %w", err)
	}
	if err := r.write(appendStep(nil, &s)); err != nil {
		return fmt.Errorf("record step: %w", err)
	}
	r.lastAt = s.At
	return nil
}

// prepare checks a step and turns it into what the file gets, no earlier
// than the previous step's time.
func (r *Recorder) prepare(s Step, previous time.Duration) (Step, error) {
	if err := checkStep(&s); err != nil {
		return s, err
	}
	s.At = max(roundAt(s.At), previous)
	s.Kept = s.Secret != "" && r.keep
	if s.Secret != "" && !r.keep {
		s.Text = s.Redacted
		if s.Text == "" {
			s.Text = RedactedPlaceholder
		}
	}
	s.Redacted = ""
	return s, nil
}

// write appends b in one write and syncs. A short or failed write is cut
// back so the file never keeps half a step.
func (r *Recorder) write(b []byte) error {
	n, err := r.f.Write(b)
	if err != nil || n != len(b) {
		if err == nil {
			err = fmt.Errorf("short write: %d of %d bytes", n, len(b))
		}
		if n > 0 {
			if terr := r.f.Truncate(r.size); terr != nil {
				r.broken = err
				return fmt.Errorf("write transcript: %w (and cutting the partial step failed: %v)", err, terr)
			}
		}
		return fmt.Errorf("write transcript: %w", err)
	}
	r.size += int64(n)
	if err := r.f.Sync(); err != nil {
		return fmt.Errorf("sync transcript: %w", err)
	}
	return nil
}

// Close closes the file. The file needs nothing from Close to load: a
// recorder that was killed leaves a file as good as a closed one. Close is
// idempotent and safe to call concurrently with Add.
func (r *Recorder) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil
	}
	r.closed = true
	if err := r.f.Close(); err != nil {
		return fmt.Errorf("close transcript: %w", err)
	}
	return nil
}
