package transcript

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// CreateTemp starts a recording like Create but in an unnamed temporary
// file (in os.TempDir(), mode 0600, removed from the directory at once
// where the OS allows, else by Close), never synced: it keeps the session
// for a later SaveAs without holding it in memory. opts.Overwrite and
// opts.NoSync do not matter; opts.NoSync is passed on to what SaveAs
// returns.
func CreateTemp(header Transcript, opts Options) (*Recorder, error) {
	r, first, err := begin(header, opts)
	if err != nil {
		return nil, fmt.Errorf("create temporary transcript: %w", err)
	}
	f, name, err := openTemp("mailtutor-*.yaml", 0)
	if err != nil {
		return nil, fmt.Errorf("create temporary transcript: %w", err)
	}
	r.f, r.tempName = &tempFile{f: f}, name
	if err := r.write(first, r.lastAt); err != nil {
		r.Close()
		return nil, fmt.Errorf("create temporary transcript: %w", err)
	}
	return r, nil
}

// openTemp creates a new file in os.TempDir() (mode 0600), open for
// reading and writing with the extra flags, and removes its name. It
// returns the name when the OS refused to remove it while open, for the
// caller to remove after closing it.
func openTemp(pattern string, flags int) (*os.File, string, error) {
	created, err := os.CreateTemp("", pattern)
	if err != nil {
		return nil, "", err
	}
	name := created.Name()
	f := created
	if flags != 0 {
		f, err = os.OpenFile(name, os.O_RDWR|flags, 0)
		created.Close()
		if err != nil {
			os.Remove(name)
			return nil, "", err
		}
	}
	if err := os.Remove(name); err == nil {
		name = ""
	}
	return f, name, nil
}

// SaveAs copies every complete step written so far (the header included) to
// a new file at path (mode 0600; refused when it exists unless overwrite,
// and always when it is the file being recorded) and returns a Recorder that
// appends to that file from here on, with the same start time, secret
// handling and last "at". The new file loads equal to the recording so far.
// The receiver is left open and usable; the caller closes it. The copy
// streams from the recording's file; the transcript is never loaded. It
// works for a Recorder from Create as well as from CreateTemp, and after a
// failed write that could not be cut back (only complete steps are copied).
func (r *Recorder) SaveAs(path string, overwrite bool) (*Recorder, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, fmt.Errorf("save transcript as %s: %w", path, ErrClosed)
	}
	src, ok := r.f.(io.ReaderAt)
	if !ok {
		return nil, fmt.Errorf("save transcript as %s: the recording cannot be read back", path)
	}
	if r.sameFile(path) {
		return nil, fmt.Errorf("save transcript as %s: it is the file being recorded", path)
	}
	if err := r.detach(); err != nil {
		return nil, fmt.Errorf("save transcript as %s: %w", path, err)
	}
	f, err := openNew(path, overwrite)
	if err != nil {
		return nil, fmt.Errorf("save transcript: %w", err)
	}
	n, err := io.Copy(f, io.NewSectionReader(src, 0, r.size))
	if err == nil && n != r.size {
		err = fmt.Errorf("copied %d of %d bytes", n, r.size)
	}
	if err == nil && !r.noSync {
		err = f.Sync()
	}
	if err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("save transcript as %s: %w", path, err)
	}
	if !r.noSync {
		syncDir(filepath.Dir(path))
	}
	return &Recorder{f: f, keep: r.keep, noSync: r.noSync, start: r.start,
		size: r.size, lastAt: r.lastAt, lastSync: time.Now()}, nil
}

// sameFile reports whether path names the recording's own file.
func (r *Recorder) sameFile(path string) bool {
	st, ok := r.f.(interface{ Stat() (os.FileInfo, error) })
	if !ok {
		return false
	}
	mine, err := st.Stat()
	if err != nil {
		return false
	}
	other, err := os.Stat(path)
	return err == nil && os.SameFile(mine, other)
}
