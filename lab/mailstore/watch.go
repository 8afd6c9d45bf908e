package mailstore

import "sync"

// watchKey names a watched folder.
type watchKey struct{ user, name string }

// watcher is one Watch call's channel.
type watcher struct {
	ch   chan struct{}
	once sync.Once
}

// Watch reports changes to a folder made by any session: delivery, append,
// copy, move, flags, expunge, and the folder's deletion or renaming. Each
// value is a hint that something changed, sent at once (never blocking: a
// hint not yet read absorbs the next); the watcher calls List again and
// diffs. cancel stops the reports and closes the channel.
func (s *Store) Watch(user, name string) (changes <-chan struct{}, cancel func()) {
	if n, err := canonical(name); err == nil {
		name = n
	}
	w := &watcher{ch: make(chan struct{}, 1)}
	key := watchKey{user, name}
	s.mu.Lock()
	if s.watchers[key] == nil {
		s.watchers[key] = map[*watcher]struct{}{}
	}
	s.watchers[key][w] = struct{}{}
	s.mu.Unlock()
	return w.ch, func() {
		w.once.Do(func() {
			s.mu.Lock()
			delete(s.watchers[key], w)
			if len(s.watchers[key]) == 0 {
				delete(s.watchers, key)
			}
			close(w.ch)
			s.mu.Unlock()
		})
	}
}

// notify tells the watchers of a folder that it changed. Callers hold s.mu,
// which keeps a channel from closing while it is sent to.
func (s *Store) notify(user, name string) {
	for w := range s.watchers[watchKey{user, name}] {
		select {
		case w.ch <- struct{}{}:
		default: // a hint is already waiting
		}
	}
}

// Lock takes the POP3 maildrop lock of a user (RFC 1939 section 8: one
// session at a time); it reports false when another session holds it.
func (s *Store) Lock(user string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.locked[user] {
		return false
	}
	s.locked[user] = true
	return true
}

// Unlock releases the maildrop lock.
func (s *Store) Unlock(user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.locked, user)
}
