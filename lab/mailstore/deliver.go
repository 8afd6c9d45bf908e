package mailstore

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// Delivery is a message being written to the store: Write streams it to a
// temporary file, then Commit files it (or Abort drops it). Nothing is
// visible before Commit.
type Delivery struct {
	s    *Store
	tmp  *os.File
	id   string
	size int64
	err  error
}

// NewDelivery starts a message and gives it its queue ID (see ID).
func (s *Store) NewDelivery() (*Delivery, error) {
	tmp, err := os.CreateTemp(filepath.Join(s.dir, ".tmp"), "msg-*")
	if err != nil {
		return nil, fmt.Errorf("mail store: %w", err)
	}
	s.mu.Lock()
	id := s.nextID()
	s.mu.Unlock()
	return &Delivery{s: s, tmp: tmp, id: id}, nil
}

// ID is the message's queue ID, known from the start as in Postfix (a
// Received: header written first names it): 16 upper case hex digits,
// increasing across restarts. Commit returns it.
func (d *Delivery) ID() string { return d.id }

// Write appends to the message.
func (d *Delivery) Write(p []byte) (int, error) {
	if d.err != nil {
		return 0, d.err
	}
	n, err := d.tmp.Write(p)
	d.size += int64(n)
	if err != nil {
		d.err = fmt.Errorf("mail store: %w", err)
	}
	return n, d.err
}

// Size is the number of octets written so far.
func (d *Delivery) Size() int64 { return d.size }

// Abort drops the message. It may be called after Commit, to no effect.
func (d *Delivery) Abort() {
	if d.tmp == nil {
		return
	}
	_ = d.tmp.Close()
	_ = os.Remove(d.tmp.Name())
	d.tmp = nil
}

// finish closes the temporary file, synced, ready to be linked.
func (d *Delivery) finish() error {
	if d.tmp == nil {
		return errors.New("mail store: delivery already committed or aborted")
	}
	err := d.err
	if err == nil && d.s.sync {
		err = d.tmp.Sync()
	}
	if cerr := d.tmp.Close(); err == nil {
		err = cerr
	}
	return err
}

// Commit adds the message to the INBOX of each user (each once) and
// returns its queue ID. Either every user gets it or none does.
func (d *Delivery) Commit(users []string) (id string, err error) {
	defer d.Abort()
	if len(users) == 0 {
		return "", errors.New("mail store: delivery without recipients")
	}
	if err := d.finish(); err != nil {
		return "", err
	}
	s := d.s
	s.mu.Lock()
	defer s.mu.Unlock()
	id = d.id
	now := time.Now()
	type filed struct {
		f   *folder
		uid uint32
	}
	var done []filed
	users = slices.Compact(slices.Sorted(slices.Values(users)))
	for _, user := range users {
		f, _, err := s.folder(user, Inbox)
		var uid uint32
		if err == nil {
			uid, err = f.add(d.tmp.Name(), entry{ID: id, Size: d.size, Date: now, Recent: true})
		}
		if err != nil {
			for _, x := range done {
				x.f.drop(x.uid)
			}
			return "", fmt.Errorf("deliver to %s: %w", user, err)
		}
		done = append(done, filed{f, uid})
	}
	for _, user := range users {
		s.notify(user, Inbox)
	}
	return id, nil
}

// Deliver adds one message (CRLF lines, dot-stuffing already removed) read
// from r to the INBOX of each user, streaming it to disk once (hard links
// share it between users), and returns its queue ID: 16 upper case hex
// digits, increasing across restarts.
func (s *Store) Deliver(users []string, r io.Reader) (string, error) {
	d, err := s.NewDelivery()
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(d, r); err != nil {
		d.Abort()
		return "", fmt.Errorf("mail store: read message: %w", err)
	}
	return d.Commit(users)
}

// Append stores a message in a folder with the given flags and
// INTERNALDATE (the zero time means now) and returns its UID. A folder that
// does not exist gives ErrNoMailbox (IMAP answers [TRYCREATE]).
func (s *Store) Append(user, name string, r io.Reader, flags []string, date time.Time) (uint32, error) {
	d, err := s.NewDelivery()
	if err != nil {
		return 0, err
	}
	defer d.Abort()
	if _, err := io.Copy(d, r); err != nil {
		return 0, fmt.Errorf("mail store: read message: %w", err)
	}
	if err := d.finish(); err != nil {
		return 0, err
	}
	if date.IsZero() {
		date = time.Now()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, name, err := s.folder(user, name)
	if err != nil {
		return 0, err
	}
	uid, err := f.add(d.tmp.Name(), entry{Size: d.size, Flags: normalFlags(flags), Date: date, Recent: true})
	if err != nil {
		return 0, err
	}
	s.notify(user, name)
	return uid, nil
}

// add links a message file into the folder under the next UID and records
// it. Callers hold s.mu.
func (f *folder) add(src string, e entry) (uint32, error) {
	e.UID = f.idx.UIDNext
	if err := linkOrCopy(src, f.file(e.UID)); err != nil {
		return 0, err
	}
	f.idx.UIDNext++
	f.idx.Messages = append(f.idx.Messages, e)
	if err := f.logAdd(e); err != nil {
		f.drop(e.UID)
		return 0, err
	}
	return e.UID, nil
}

// drop forgets a message and removes its file (undoing add). UIDNEXT stays:
// a UID is never given twice.
func (f *folder) drop(uid uint32) {
	if i := f.find(uid); i >= 0 {
		f.idx.Messages = slices.Delete(f.idx.Messages, i, i+1)
	}
	_ = f.save()
	_ = os.Remove(f.file(uid))
}

// linkOrCopy makes dst a hard link to src, or a copy where links fail.
func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(dst)
	}
	return err
}
