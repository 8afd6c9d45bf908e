// Package mailstore is the lab's mail store: per-user folders of messages
// kept on disk, one file per message, with the metadata an IMAP server needs
// (UIDs, UIDVALIDITY, UIDNEXT, flags, INTERNALDATE, subscriptions, RFC 6154
// special use) and a notifier for IDLE. Messages are streamed to and from
// disk, never held whole in memory; only their metadata is.
//
// Layout under the store's directory:
//
//	.mailstore             the last UIDVALIDITY given (JSON)
//	.tmp/                  deliveries being written (cleaned at Open)
//	<user>/<folder>/.index the folder's metadata (JSON, replaced atomically)
//	<user>/<folder>/<uid>.eml  one message: CRLF lines, no dot-stuffing
//
// Folder directory names escape the folder name (see escape), so the layout
// is flat: "a/b" is the directory "a%2Fb". Files and directories the store
// did not write are ignored.
package mailstore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// The errors callers test for with errors.Is.
var (
	ErrNoMailbox = errors.New("no such mailbox")
	ErrExists    = errors.New("mailbox already exists")
	ErrInbox     = errors.New("INBOX cannot be deleted")
	ErrNoMessage = errors.New("no such message")
	ErrBadName   = errors.New("invalid name")
)

// Store is a mail store in one directory. Its methods are safe for
// concurrent use. One process at a time may use a directory.
type Store struct {
	dir  string
	temp bool // dir was made by Open and goes at Close
	sync bool // fsync what is written (not for a temporary store)

	mu           sync.Mutex
	users        map[string]*account
	lastID       uint64 // queue IDs strictly increase, even across restarts
	lastValidity uint32 // UIDVALIDITY values strictly increase, even across restarts
	locked       map[string]bool
	watchers     map[watchKey]map[*watcher]struct{}
}

// account is one user's folders, by canonical name.
type account struct {
	folders map[string]*folder
}

// Open opens (creating) a store in dir; dir "" makes a temporary directory
// removed by Close. It removes what an interrupted delivery left and loads
// every folder's metadata.
func Open(dir string) (*Store, error) {
	s := &Store{dir: dir, sync: true, users: map[string]*account{}, locked: map[string]bool{},
		watchers: map[watchKey]map[*watcher]struct{}{}}
	if dir == "" {
		tmp, err := os.MkdirTemp("", "mailtutor-lab-*")
		if err != nil {
			return nil, fmt.Errorf("mail store: %w", err)
		}
		s.dir, s.temp, s.sync = tmp, true, false
	}
	if err := s.load(); err != nil {
		if s.temp {
			_ = os.RemoveAll(s.dir)
		}
		return nil, fmt.Errorf("mail store %s: %w", s.dir, err)
	}
	return s, nil
}

// Dir is the store's directory.
func (s *Store) Dir() string { return s.dir }

// Close releases the store; a temporary store's directory is removed.
// Nothing may use the store afterwards.
func (s *Store) Close() error {
	if !s.temp {
		return nil
	}
	if err := os.RemoveAll(s.dir); err != nil {
		return fmt.Errorf("mail store: remove %s: %w", s.dir, err)
	}
	return nil
}

// load prepares the directory and reads every user's folders.
func (s *Store) load() error {
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return err
	}
	if err := s.cleanTemp(); err != nil {
		return err
	}
	if err := s.loadState(); err != nil {
		return err
	}
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() || checkUser(e.Name()) != nil {
			continue
		}
		if err := s.loadAccount(e.Name()); err != nil {
			return fmt.Errorf("user %s: %w", e.Name(), err)
		}
	}
	return nil
}

// cleanTemp empties .tmp: the store owns its directory, so whatever is
// there is a delivery cut by a kill.
func (s *Store) cleanTemp() error {
	tmp := filepath.Join(s.dir, ".tmp")
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("remove unfinished deliveries: %w", err)
	}
	return os.Mkdir(tmp, 0o700)
}

// loadAccount reads the folders of one user; a directory without an index
// is not a folder.
func (s *Store) loadAccount(user string) error {
	a := &account{folders: map[string]*folder{}}
	s.users[user] = a
	base := filepath.Join(s.dir, user)
	entries, err := os.ReadDir(base)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		f, err := loadFolder(filepath.Join(base, e.Name()), s.sync)
		if errors.Is(err, os.ErrNotExist) {
			continue // no index: not the store's
		}
		if err != nil {
			return err
		}
		if escape(f.idx.Name) != e.Name() || a.folders[f.idx.Name] != nil {
			continue // an index copied by hand under another name
		}
		a.folders[f.idx.Name] = f
		s.lastValidity = max(s.lastValidity, f.idx.UIDValidity)
		s.lastID = max(s.lastID, f.maxID())
	}
	return s.adoptLegacy(user, a)
}

// nextID returns a new queue ID: 16 upper case hex digits of the time in
// nanoseconds, bumped so that IDs strictly increase. Callers hold s.mu.
func (s *Store) nextID() string {
	s.lastID = max(s.lastID+1, uint64(time.Now().UnixNano()))
	return fmt.Sprintf("%016X", s.lastID)
}

// account returns a user's folders, making INBOX, Sent, Drafts and Trash
// for a user seen for the first time (and INBOX if it went missing).
// Callers hold s.mu.
func (s *Store) account(user string) (*account, error) {
	if err := checkUser(user); err != nil {
		return nil, err
	}
	a := s.users[user]
	if a == nil {
		a = &account{folders: map[string]*folder{}}
		s.users[user] = a
	}
	if a.folders[Inbox] != nil {
		return a, nil
	}
	defaults := []struct{ name, use string }{{Inbox, ""}, {"Sent", `\Sent`}, {"Drafts", `\Drafts`}, {"Trash", `\Trash`}}
	first := len(a.folders) == 0
	for _, d := range defaults {
		if (first || d.name == Inbox) && a.folders[d.name] == nil {
			if _, err := s.create(user, a, d.name, d.use); err != nil {
				return nil, err
			}
		}
	}
	return a, nil
}

// folder finds an existing folder. Callers hold s.mu.
func (s *Store) folder(user, name string) (*folder, string, error) {
	name, err := canonical(name)
	if err != nil {
		return nil, "", err
	}
	a, err := s.account(user)
	if err != nil {
		return nil, "", err
	}
	f := a.folders[name]
	if f == nil {
		return nil, name, fmt.Errorf("%w: %s", ErrNoMailbox, name)
	}
	return f, name, nil
}
