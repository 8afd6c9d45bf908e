package lab

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Message is one message in a mailbox.
type Message struct {
	ID   string // the queue ID the SMTP service gave ("250 2.0.0 Ok: queued as ID")
	UID  string // unique in its mailbox and stable across restarts (POP3 UIDL); today equal to ID
	Data []byte // exactly as delivered: CRLF line endings, dot-stuffing removed
}

// Size is the message size in octets, as POP3 STAT and LIST count it.
func (m Message) Size() int { return len(m.Data) }

// store keeps every mailbox, in memory and, when dir is set, as one file per
// message: dir/<user>/<uid>.eml, written atomically (temp file + rename).
// It is safe for concurrent use.
type store struct {
	dir string

	mu     sync.Mutex
	boxes  map[string][]Message // mailbox name -> messages, oldest first
	locked map[string]bool      // mailboxes held by a POP3 session
	lastID uint64               // queue IDs strictly increase, even across restarts
}

// newStore opens a store; with a directory it loads the mailboxes found there.
func newStore(dir string) (*store, error) {
	s := &store{dir: dir, boxes: map[string][]Message{}, locked: map[string]bool{}}
	if dir == "" {
		return s, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("mail store: %w", err)
	}
	if err := s.load(); err != nil {
		return nil, fmt.Errorf("mail store %s: %w", dir, err)
	}
	return s, nil
}

// load reads dir/<user>/<uid>.eml. The fixed-width hexadecimal UIDs sort in
// delivery order.
func (s *store) load() error {
	users, err := os.ReadDir(s.dir)
	if err != nil {
		return err
	}
	for _, entry := range users {
		if !entry.IsDir() || checkUserName(entry.Name()) != nil {
			continue
		}
		if err := s.loadMailbox(entry.Name()); err != nil {
			return err
		}
	}
	return nil
}

// loadMailbox reads one user's message files, after removing the
// temporary files of deliveries that never finished (a lab killed between
// writing one and renaming it): the lab owns its directory, so no other
// delivery can be under way while it starts.
func (s *store) loadMailbox(user string) error {
	stale, err := filepath.Glob(filepath.Join(s.dir, user, ".tmp-*"))
	if err != nil {
		return err
	}
	for _, tmp := range stale {
		if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove an unfinished delivery: %w", err)
		}
	}
	files, err := filepath.Glob(filepath.Join(s.dir, user, "*.eml"))
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, file := range files {
		uid := strings.TrimSuffix(filepath.Base(file), ".eml")
		n, err := strconv.ParseUint(uid, 16, 64)
		if err != nil || len(uid) != 16 {
			continue // not a file the lab wrote
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		s.boxes[user] = append(s.boxes[user], Message{ID: uid, UID: uid, Data: data})
		s.lastID = max(s.lastID, n)
	}
	return nil
}

// nextID returns a new queue ID: 16 hex digits of the delivery time in
// nanoseconds, bumped so that IDs strictly increase. Callers hold s.mu.
func (s *store) nextID() string {
	s.lastID = max(s.lastID+1, uint64(time.Now().UnixNano()))
	return fmt.Sprintf("%016X", s.lastID)
}

// deliver adds data to the mailbox of every user (each once) and returns the
// queue ID. With a directory, it writes every file before anything becomes
// visible, and removes what it wrote if one write fails.
func (s *store) deliver(users []string, data []byte) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextID()
	users = slices.Compact(slices.Sorted(slices.Values(users)))
	if s.dir != "" {
		var written []string
		for _, user := range users {
			path, err := s.writeFile(user, id, data)
			if err != nil {
				for _, p := range written {
					_ = os.Remove(p)
				}
				return "", fmt.Errorf("deliver to %s: %w", user, err)
			}
			written = append(written, path)
		}
	}
	for _, user := range users {
		msg := Message{ID: id, UID: id, Data: slices.Clone(data)}
		s.boxes[user] = append(s.boxes[user], msg)
	}
	return id, nil
}

// writeFile writes dir/<user>/<uid>.eml atomically and returns its path.
func (s *store) writeFile(user, uid string, data []byte) (string, error) {
	box := filepath.Join(s.dir, user)
	if err := os.MkdirAll(box, 0o700); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(box, ".tmp-"+uid+"-*")
	if err != nil {
		return "", err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	path := filepath.Join(box, uid+".eml")
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return "", err
	}
	return path, nil
}

// messages returns a copy of a mailbox.
func (s *store) messages(user string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	box := s.boxes[user]
	out := make([]Message, len(box))
	for i, m := range box {
		out[i] = Message{ID: m.ID, UID: m.UID, Data: slices.Clone(m.Data)}
	}
	return out
}

// remove deletes the messages with the given UIDs from a mailbox (POP3
// UPDATE state). Every file is tried; the errors are joined.
func (s *store) remove(user string, uids []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	s.boxes[user] = slices.DeleteFunc(s.boxes[user], func(m Message) bool {
		if !slices.Contains(uids, m.UID) {
			return false
		}
		if s.dir != "" {
			err := os.Remove(filepath.Join(s.dir, user, m.UID+".eml"))
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, err)
				return false
			}
		}
		return true
	})
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("remove from %s: %w", user, err)
	}
	return nil
}

// lock takes the POP3 maildrop lock of a mailbox (RFC 1939 section 8); it
// reports false when another session holds it.
func (s *store) lock(user string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.locked[user] {
		return false
	}
	s.locked[user] = true
	return true
}

// unlock releases the maildrop lock.
func (s *store) unlock(user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.locked, user)
}
