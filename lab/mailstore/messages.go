package mailstore

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"
)

// Status is a folder's counters (IMAP STATUS, SELECT).
type Status struct {
	Messages, Unseen, Recent uint32
	UIDNext, UIDValidity     uint32
	Size                     int64 // octets of every message
}

// MessageInfo is one message's metadata.
type MessageInfo struct {
	UID   uint32
	ID    string    // the queue ID of the delivery ("" for APPEND and COPY)
	Size  int64     // octets, CRLF counted
	Flags []string  // `\Seen`, `\Answered`, `\Flagged`, `\Deleted`, `\Draft`, keywords
	Date  time.Time // INTERNALDATE
}

// Content is a message's bytes, read from disk.
type Content interface {
	io.ReaderAt // for BODY[]<partial>
	io.Reader
	io.Closer
	Size() int64
}

// Status returns a folder's counters; ErrNoMailbox if it does not exist.
func (s *Store) Status(user, name string) (Status, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, _, err := s.folder(user, name)
	if err != nil {
		return Status{}, err
	}
	st := Status{Messages: uint32(len(f.idx.Messages)), UIDNext: f.idx.UIDNext, UIDValidity: f.idx.UIDValidity}
	for _, e := range f.idx.Messages {
		st.Size += e.Size
		if !hasFlag(e.Flags, FlagSeen) {
			st.Unseen++
		}
		if e.Recent {
			st.Recent++
		}
	}
	return st, nil
}

// List is a snapshot of a folder's messages in UID order: metadata only.
func (s *Store) List(user, name string) ([]MessageInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, _, err := s.folder(user, name)
	if err != nil {
		return nil, err
	}
	out := make([]MessageInfo, len(f.idx.Messages))
	for i, e := range f.idx.Messages {
		out[i] = MessageInfo{UID: e.UID, ID: e.ID, Size: e.Size, Flags: slices.Clone(e.Flags), Date: e.Date}
	}
	return out, nil
}

// ClaimRecent returns the UIDs of the messages that arrived since the last
// claim and clears their \Recent (the session that SELECTs a folder
// read-write sees them as recent, RFC 3501 section 2.3.2).
func (s *Store) ClaimRecent(user, name string) ([]uint32, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, _, err := s.folder(user, name)
	if err != nil {
		return nil, err
	}
	var out []uint32
	for i := range f.idx.Messages {
		if f.idx.Messages[i].Recent {
			f.idx.Messages[i].Recent = false
			out = append(out, f.idx.Messages[i].UID)
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, f.save()
}

// content is a message file open for reading.
type content struct {
	*os.File
	size int64
}

// Size is the message's size in octets.
func (c content) Size() int64 { return c.size }

// OpenMessage opens a message's bytes, streamed from disk. The caller
// closes it. A message expunged meanwhile gives ErrNoMessage; one already
// open stays readable.
func (s *Store) OpenMessage(user, name string, uid uint32) (Content, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, _, err := s.folder(user, name)
	if err != nil {
		return nil, err
	}
	i := f.find(uid)
	if i < 0 {
		return nil, fmt.Errorf("%w: UID %d", ErrNoMessage, uid)
	}
	file, err := os.Open(f.file(uid))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: UID %d", ErrNoMessage, uid)
	}
	if err != nil {
		return nil, fmt.Errorf("mail store: %w", err)
	}
	return content{file, f.idx.Messages[i].Size}, nil
}

// SetFlags changes the flags of the given messages (UIDs not in the folder
// are skipped) and returns the new flags by UID.
func (s *Store) SetFlags(user, name string, uids []uint32, op FlagOp, flags []string) (map[uint32][]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, name, err := s.folder(user, name)
	if err != nil {
		return nil, err
	}
	saved := slices.Clone(f.idx.Messages)
	out := map[uint32][]string{}
	for _, uid := range uids {
		if i := f.find(uid); i >= 0 {
			e := &f.idx.Messages[i]
			e.Flags = applyFlags(e.Flags, op, flags)
			out[uid] = slices.Clone(e.Flags)
		}
	}
	if len(out) == 0 {
		return out, nil
	}
	if err := f.save(); err != nil {
		f.idx.Messages = saved
		return nil, err
	}
	s.notify(user, name)
	return out, nil
}

// Expunge removes the given UIDs (POP3: those DELE'd, at QUIT) or, with uids
// nil, every message flagged \Deleted (IMAP EXPUNGE). It returns the UIDs
// removed, in ascending order.
func (s *Store) Expunge(user, name string, uids []uint32) ([]uint32, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, name, err := s.folder(user, name)
	if err != nil {
		return nil, err
	}
	chosen := make(map[uint32]bool, len(uids))
	for _, uid := range uids {
		chosen[uid] = true
	}
	var gone []uint32
	kept := make([]entry, 0, len(f.idx.Messages))
	for _, e := range f.idx.Messages {
		if uids == nil && hasFlag(e.Flags, FlagDeleted) || chosen[e.UID] {
			gone = append(gone, e.UID)
			continue
		}
		kept = append(kept, e)
	}
	if len(gone) == 0 {
		return nil, nil
	}
	saved := f.idx.Messages
	f.idx.Messages = kept
	// The index first: a kill before the files go leaves files below
	// UIDNEXT that are not in the index, which the next Open removes.
	if err := f.save(); err != nil {
		f.idx.Messages = saved
		return nil, err
	}
	var errs []error
	for _, uid := range gone {
		if err := os.Remove(f.file(uid)); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	s.notify(user, name)
	return gone, errors.Join(errs...)
}
