package transcript

import (
	"fmt"
	"io"
	"os"
)

// tempBuffer is how much a temporary recording gathers before it writes.
const tempBuffer = 64 << 10

// tempFile buffers the writes of a temporary recording (CreateTemp). It has
// no name, so a crash loses it whatever is written: one write per step
// would only cost system calls (10,000 NOOP round trips made 20,000). Reads,
// truncation and Stat see the buffered bytes written out first. After a
// failed write the buffered bytes are lost, so every later call fails too:
// the recorder then reports the recording broken rather than cutting the
// file back to a size it does not have.
type tempFile struct {
	f   *os.File
	buf []byte
	err error // a failed write: sticky
}

func (t *tempFile) Write(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	if len(t.buf)+len(p) > tempBuffer {
		if err := t.flush(); err != nil {
			return 0, err
		}
	}
	if len(p) >= tempBuffer {
		n, err := t.f.Write(p)
		if err != nil {
			t.err = fmt.Errorf("temporary recording: %w", err)
		}
		return n, err
	}
	t.buf = append(t.buf, p...)
	return len(p), nil
}

// flush writes out the buffered bytes.
func (t *tempFile) flush() error {
	if t.err != nil {
		return t.err
	}
	if len(t.buf) == 0 {
		return nil
	}
	_, err := t.f.Write(t.buf)
	t.buf = t.buf[:0]
	if err != nil {
		t.err = fmt.Errorf("temporary recording: %w", err)
	}
	return t.err
}

// Sync does nothing: a file without a name has nothing to keep durable.
func (t *tempFile) Sync() error { return t.err }

func (t *tempFile) Truncate(size int64) error {
	if err := t.flush(); err != nil {
		return err
	}
	return t.f.Truncate(size)
}

// Seek moves the file's offset, the buffered bytes written out first.
func (t *tempFile) Seek(offset int64, whence int) (int64, error) {
	if err := t.flush(); err != nil {
		return 0, err
	}
	return t.f.Seek(offset, whence)
}

// ReadFrom writes out the buffered bytes, then what r holds; the kernel
// copies a file into the file (a spooled text, by AddSpooled).
func (t *tempFile) ReadFrom(r io.Reader) (int64, error) {
	if err := t.flush(); err != nil {
		return 0, err
	}
	n, err := t.f.ReadFrom(r)
	if err != nil {
		t.err = fmt.Errorf("temporary recording: %w", err)
	}
	return n, err
}

func (t *tempFile) ReadAt(p []byte, off int64) (int, error) {
	if err := t.flush(); err != nil {
		return 0, err
	}
	return t.f.ReadAt(p, off)
}

func (t *tempFile) Stat() (os.FileInfo, error) {
	if err := t.flush(); err != nil {
		return nil, err
	}
	return t.f.Stat()
}

func (t *tempFile) Close() error {
	t.buf = nil
	return t.f.Close()
}
