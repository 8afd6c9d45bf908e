package mailstore

import (
	"fmt"
	"os"
)

// Copy copies messages to another folder (or the same one) with their flags
// and INTERNALDATE; the copies share the files (hard links). It returns the
// target's UIDVALIDITY and the new UIDs in the order of uids, 0 for a UID
// not in the source folder (for UIDPLUS COPYUID). A missing target gives
// ErrNoMailbox ([TRYCREATE]).
func (s *Store) Copy(user, from string, uids []uint32, to string) (uint32, []uint32, error) {
	return s.copyOrMove(user, from, uids, to, false)
}

// Move is Copy followed by the removal of the originals (RFC 6851).
func (s *Store) Move(user, from string, uids []uint32, to string) (uint32, []uint32, error) {
	return s.copyOrMove(user, from, uids, to, true)
}

// copyOrMove finds both folders and runs transfer.
func (s *Store) copyOrMove(user, from string, uids []uint32, to string, move bool) (uint32, []uint32, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	src, from, err := s.folder(user, from)
	if err != nil {
		return 0, nil, err
	}
	dst, to, err := s.folder(user, to)
	if err != nil {
		return 0, nil, err
	}
	newUIDs, err := s.transfer(user, src, from, uids, dst, to, move)
	return dst.idx.UIDValidity, newUIDs, err
}

// transfer files the messages of src under new UIDs in dst, by hard link
// (copy) or rename (move), and saves both indexes. Callers hold s.mu.
func (s *Store) transfer(user string, src *folder, from string, uids []uint32, dst *folder, to string, move bool) ([]uint32, error) {
	newUIDs := make([]uint32, len(uids))
	var moved []uint32
	var err error
	for i, uid := range uids {
		j := src.find(uid)
		if j < 0 {
			continue
		}
		e := src.idx.Messages[j]
		e.UID, e.Recent = dst.idx.UIDNext, true
		if !move {
			e.ID = ""
		}
		if move {
			err = os.Rename(src.file(uid), dst.file(e.UID))
		} else {
			err = linkOrCopy(src.file(uid), dst.file(e.UID))
		}
		if err != nil {
			err = fmt.Errorf("mail store: %s UID %d to %s: %w", from, uid, to, err)
			break
		}
		dst.idx.UIDNext++
		dst.insert(e) // appended: the new UID is the greatest
		newUIDs[i] = e.UID
		moved = append(moved, uid)
	}
	if len(moved) == 0 {
		return newUIDs, err
	}
	if move {
		for _, uid := range moved {
			if j := src.find(uid); j >= 0 {
				src.idx.Messages = append(src.idx.Messages[:j], src.idx.Messages[j+1:]...)
			}
		}
	}
	// The target first: a kill in between leaves a moved message in both
	// indexes; the source's entry then lacks its file and Open drops it.
	if serr := dst.save(); serr != nil {
		return nil, serr
	}
	s.notify(user, to)
	if move && src != dst {
		if serr := src.save(); serr != nil {
			return nil, serr
		}
		s.notify(user, from)
	}
	return newUIDs, err
}
