package transcript

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// ErrClosed is returned by Add, AddSpooled and SaveAs after Close.
var ErrClosed = errors.New("transcript recorder is closed")

// Options tune a Recorder.
type Options struct {
	// KeepSecrets writes the real client line of a secret step (still marked
	// with its secret kind, plus "kept: true") instead of its redacted form.
	KeepSecrets bool
	// Overwrite replaces an existing file; without it Create refuses one.
	Overwrite bool
	// NoSync never calls fsync: steps still reach the file with one write
	// each (a killed process loses none), but a power cut or an OS crash can
	// lose any of them. CreateTemp never syncs, whatever NoSync says.
	NoSync bool
	// Now is the clock for the header's "recorded" time when the header has
	// none; nil means time.Now.
	Now func() time.Time
}

// syncEvery is the most often a Recorder calls fsync, and the longest a
// written step waits for one.
const syncEvery = 100 * time.Millisecond

// file is what the recorder needs of an *os.File. SaveAs also needs
// io.ReaderAt.
type file interface {
	Write(p []byte) (int, error)
	Sync() error
	Truncate(size int64) error
	Close() error
}

// Recorder appends steps to a transcript file as they happen, so that the
// file always holds every step added before a crash and loads.
//
// Every Add is one write of the whole step (AddSpooled writes a long text
// in pieces of at most 256 KiB; a step cut between them is a cut step). A
// write is in the operating system's cache the moment it returns, so a
// process killed at any point (kill -9, a panic) loses no step whose Add or
// AddSpooled returned. fsync, which protects against a power cut or an OS crash, runs at
// most every 100 ms: an Add more than 100 ms after the last sync syncs at
// once, and steps written sooner are synced by a timer no later than 100 ms
// after that sync, or by Close. So a power cut or an OS crash loses at most
// the steps added in the last 100 ms before it; Options.NoSync and
// CreateTemp never sync. A step cut mid-write (a full disk, a crash) is
// dropped by the loader with a warning; after a failed write the recorder
// cuts the file back to the last complete step.
//
// Its methods are safe for concurrent use.
type Recorder struct {
	mu       sync.Mutex
	f        file
	keep     bool
	noSync   bool   // Options.NoSync, passed on by SaveAs
	tempName string // a temporary file's name the OS kept; Close removes it
	start    time.Time
	size     int64         // bytes of complete steps in the file
	lastAt   time.Duration // At of the last step written
	lastSync time.Time     // when fsync last ran
	dirty    bool          // steps written since
	timer    *time.Timer   // pending: syncs dirty steps
	syncErr  error         // a failed timer sync, for Close to report
	broken   error         // a failed write that could not be undone
	closed   bool
	stream   *Spool // a spool writing its lines in place, after the last complete step
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
	f, err := openNew(path, opts.Overwrite)
	if err != nil {
		return nil, fmt.Errorf("create transcript: %w", err)
	}
	r.f = f
	if err := r.write(first, r.lastAt); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("create transcript %s: %w", path, err)
	}
	syncDir(filepath.Dir(path))
	return r, nil
}

// openNew creates a file for a recording, readable so that SaveAs can
// copy it. It is not opened O_APPEND, which would keep the kernel from
// copying a spooled text into it (copy_file_range); the recorder writes
// only at the end, and seeks back to the end after cutting a failed write.
func openNew(path string, overwrite bool) (*os.File, error) {
	flags := os.O_RDWR | os.O_CREATE | os.O_EXCL
	if overwrite {
		flags = os.O_RDWR | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o600)
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil { // an overwritten file keeps its old mode otherwise
		f.Close()
		os.Remove(path)
		return nil, err
	}
	return f, nil
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
	if err := r.write(first, r.lastAt); err != nil {
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
	r := &Recorder{keep: opts.KeepSecrets, noSync: opts.NoSync, start: start}
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

// Add writes one step (see Recorder for when it is synced). For a secret
// client line it writes step.Redacted (or RedactedPlaceholder) unless
// Options.KeepSecrets. step.At is rounded to the millisecond and raised to
// the previous step's if it is earlier, so that the file stays in time
// order. An invalid step is refused before anything is written. After a
// failed write the file is cut back to the last complete step; if even that
// fails, every later Add fails.
func (r *Recorder) Add(step Step) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.usable(); err != nil {
		return fmt.Errorf("record step: %w", err)
	}
	s, err := r.prepare(step, r.lastAt)
	if err != nil {
		return fmt.Errorf("record step: %w", err)
	}
	if err := r.detach(); err != nil {
		return fmt.Errorf("record step: %w", err)
	}
	if err := r.write(appendStep(nil, &s), s.At); err != nil {
		return fmt.Errorf("record step: %w", err)
	}
	return nil
}

// usable reports why no step can be added.
func (r *Recorder) usable() error {
	switch {
	case r.closed:
		return ErrClosed
	case r.broken != nil:
		return fmt.Errorf("an earlier write failed: %w", r.broken)
	}
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

// write appends b, a whole step (or the header) whose last "at" is at, in
// one write.
func (r *Recorder) write(b []byte, at time.Duration) error {
	w := stepWriter{r: r}
	if err := w.write(b); err != nil {
		return w.fail(err)
	}
	return w.done(at)
}

// stepWriter writes one step in one or more writes. The step counts (size)
// only once its last byte is written; a failure cuts the file back to the
// last complete step, so the file never keeps half a step.
type stepWriter struct {
	r *Recorder
	n int64 // bytes of the step written so far
}

func (w *stepWriter) write(b []byte) error {
	n, err := w.r.f.Write(b)
	w.n += int64(max(n, 0))
	if err == nil && n != len(b) {
		err = fmt.Errorf("short write: %d of %d bytes", n, len(b))
	}
	return err
}

// fail undoes what was written of the step after err, so that the next
// write lands at the end of the last complete step.
func (w *stepWriter) fail(err error) error {
	if w.n > 0 {
		terr := w.r.f.Truncate(w.r.size)
		if s, ok := w.r.f.(io.Seeker); ok && terr == nil {
			_, terr = s.Seek(w.r.size, io.SeekStart)
		}
		if terr != nil {
			w.r.broken = err
			return fmt.Errorf("write transcript: %w (and cutting the partial step failed: %v)", err, terr)
		}
	}
	return fmt.Errorf("write transcript: %w", err)
}

// done counts the step, whose "at" is at, as complete and syncs if it is
// time to. A failed sync is reported, but the step is in the file.
func (w *stepWriter) done(at time.Duration) error {
	r := w.r
	r.size += w.n
	r.lastAt = at
	if !r.syncs() {
		return nil
	}
	now := time.Now()
	if wait := syncEvery - now.Sub(r.lastSync); wait > 0 {
		r.dirty = true
		if r.timer == nil {
			r.timer = time.AfterFunc(wait, r.syncLater)
		}
		return nil
	}
	return r.sync(now)
}

// sync runs fsync now.
func (r *Recorder) sync(now time.Time) error {
	r.lastSync = now
	if err := r.f.Sync(); err != nil {
		r.dirty = true // Close tries again
		return fmt.Errorf("sync transcript: %w", err)
	}
	r.dirty = false
	return nil
}

// syncs reports whether the recorder calls fsync at all: not with
// Options.NoSync, and never for a temporary recording (it has no name).
func (r *Recorder) syncs() bool {
	_, temp := r.f.(*tempFile)
	return !r.noSync && !temp
}

// syncLater is the timer that syncs steps written too soon after a sync.
func (r *Recorder) syncLater() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.timer = nil
	if r.closed || !r.dirty {
		return
	}
	now := time.Now()
	if wait := syncEvery - now.Sub(r.lastSync); wait > 0 { // an Add synced meanwhile
		r.timer = time.AfterFunc(wait, r.syncLater)
		return
	}
	if err := r.sync(now); err != nil {
		r.syncErr = err
	}
}

// Close syncs the steps not synced yet (unless the recorder never syncs)
// and closes the file; a temporary recording's file is gone after it. The
// file needs nothing from Close to load: a recorder that was killed leaves
// a file as good as a closed one. Close is idempotent and safe to call
// concurrently with Add.
func (r *Recorder) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil
	}
	r.closed = true
	if r.stream != nil { // a text that never became a step
		r.stream.rec, r.stream = nil, nil
		r.cut()
	}
	if r.timer != nil {
		r.timer.Stop()
		r.timer = nil
	}
	var err error
	if r.syncs() && r.dirty {
		err = r.sync(time.Now())
	}
	if err == nil && r.syncErr != nil {
		err = r.syncErr
	}
	if cerr := r.f.Close(); cerr != nil && err == nil {
		err = cerr
	}
	if r.tempName != "" {
		os.Remove(r.tempName)
	}
	if err != nil {
		return fmt.Errorf("close transcript: %w", err)
	}
	return nil
}
