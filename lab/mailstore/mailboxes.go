package mailstore

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// MailboxInfo describes one folder of a user.
type MailboxInfo struct {
	Name       string // UTF-8, "/" between levels; "INBOX" for the inbox
	SpecialUse string // RFC 6154: `\Sent`, `\Drafts`, `\Trash` or ""
	Subscribed bool
}

// create makes a folder with a fresh UIDVALIDITY, subscribed if it is one
// of those every user gets. Callers hold s.mu and have checked the name.
func (s *Store) create(user string, a *account, name, specialUse string) (*folder, error) {
	dir := filepath.Join(s.dir, user, escape(name))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	validity, err := s.newValidity()
	if err != nil {
		return nil, err
	}
	f := &folder{path: dir, sync: s.sync, idx: index{Name: name, UIDValidity: validity, UIDNext: 1,
		Subscribed: name == Inbox || specialUse != "", SpecialUse: specialUse}}
	if _, err := f.mend(); err != nil { // a folder deleted by hand may have left files
		return nil, err
	}
	if err := f.save(); err != nil {
		return nil, err
	}
	a.folders[name] = f
	return f, nil
}

// Mailboxes lists a user's folders, INBOX first, then by name. The first
// call for a user creates INBOX, Sent, Drafts and Trash.
func (s *Store) Mailboxes(user string) ([]MailboxInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.account(user)
	if err != nil {
		return nil, err
	}
	out := make([]MailboxInfo, 0, len(a.folders))
	for _, f := range a.folders {
		out = append(out, MailboxInfo{Name: f.idx.Name, SpecialUse: f.idx.SpecialUse, Subscribed: f.idx.Subscribed})
	}
	slices.SortFunc(out, func(x, y MailboxInfo) int {
		return cmp.Or(-cmp.Compare(boolInt(x.Name == Inbox), boolInt(y.Name == Inbox)), cmp.Compare(x.Name, y.Name))
	})
	return out, nil
}

// boolInt is 1 for true.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Create makes a folder, and its missing parents ("a/b" makes "a" too). A
// trailing "/" is dropped (RFC 3501: the client means a parent). It returns
// ErrExists if the folder is already there.
func (s *Store) Create(user, name string) error {
	name, err := canonical(strings.TrimSuffix(name, Separator))
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.account(user)
	if err != nil {
		return err
	}
	if a.folders[name] != nil {
		return fmt.Errorf("%w: %s", ErrExists, name)
	}
	for _, p := range append(parents(name), name) {
		if a.folders[p] == nil {
			if _, err := s.create(user, a, p, ""); err != nil {
				return fmt.Errorf("create %s: %w", p, err)
			}
		}
	}
	return nil
}

// Delete removes a folder and its messages; its sub-folders stay. INBOX
// cannot be deleted (ErrInbox). Watchers of the folder are told.
func (s *Store) Delete(user, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, name, err := s.folder(user, name)
	if err != nil {
		return err
	}
	if name == Inbox {
		return ErrInbox
	}
	// The index goes first: a kill half-way leaves no folder, only files.
	if err := os.Remove(filepath.Join(f.path, indexFile)); err != nil {
		return fmt.Errorf("delete %s: %w", name, err)
	}
	delete(s.users[user].folders, name)
	s.notify(user, name)
	if err := os.RemoveAll(f.path); err != nil {
		return fmt.Errorf("delete %s: %w", name, err)
	}
	return nil
}

// Rename renames a folder and its sub-folders, keeping their UIDs and
// UIDVALIDITY. Renaming INBOX moves its messages to a new folder and leaves
// INBOX empty (RFC 3501 section 6.3.5). Missing parents of the new name
// are created.
func (s *Store) Rename(user, from, to string) error {
	to, err := canonical(to)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, from, err := s.folder(user, from)
	if err != nil {
		return err
	}
	a := s.users[user]
	switch {
	case a.folders[to] != nil:
		return fmt.Errorf("%w: %s", ErrExists, to)
	case to == Inbox || strings.HasPrefix(to, from+Separator):
		return fmt.Errorf("%w: cannot rename %s to %s", ErrBadName, from, to)
	}
	for _, p := range parents(to) {
		if a.folders[p] == nil && p != from {
			if _, err := s.create(user, a, p, ""); err != nil {
				return err
			}
		}
	}
	if from == Inbox {
		return s.renameInbox(user, a, f, to)
	}
	for _, name := range s.family(a, from) {
		newName := to + strings.TrimPrefix(name, from)
		if err := s.move(user, a, name, newName); err != nil {
			return err
		}
	}
	return nil
}

// family lists a folder and its sub-folders, parents first.
func (s *Store) family(a *account, name string) []string {
	var out []string
	for n := range a.folders {
		if n == name || strings.HasPrefix(n, name+Separator) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// move renames one folder's directory and index. Callers hold s.mu.
func (s *Store) move(user string, a *account, from, to string) error {
	f := a.folders[from]
	if a.folders[to] != nil {
		return fmt.Errorf("%w: %s", ErrExists, to)
	}
	dir := filepath.Join(s.dir, user, escape(to))
	if _, err := os.Stat(dir); err == nil {
		if err := os.RemoveAll(dir); err != nil { // a left-over without an index
			return err
		}
	}
	if err := os.Rename(f.path, dir); err != nil {
		return fmt.Errorf("rename %s: %w", from, err)
	}
	f.path, f.idx.Name = dir, to
	delete(a.folders, from)
	a.folders[to] = f
	s.notify(user, from)
	return f.save()
}

// renameInbox moves every message of INBOX to a new folder.
func (s *Store) renameInbox(user string, a *account, inbox *folder, to string) error {
	dst, err := s.create(user, a, to, "")
	if err != nil {
		return err
	}
	uids := make([]uint32, len(inbox.idx.Messages))
	for i, e := range inbox.idx.Messages {
		uids[i] = e.UID
	}
	_, err = s.transfer(user, inbox, Inbox, uids, dst, to, true)
	return err
}

// Subscribe marks a folder as subscribed (on) or not (RFC 3501 SUBSCRIBE,
// UNSUBSCRIBE). INBOX, Sent, Drafts and Trash start subscribed, folders
// made by Create do not.
func (s *Store) Subscribe(user, name string, on bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, _, err := s.folder(user, name)
	if err != nil {
		return err
	}
	if f.idx.Subscribed == on {
		return nil
	}
	f.idx.Subscribed = on
	if err := f.save(); err != nil {
		f.idx.Subscribed = !on
		return err
	}
	return nil
}
