package mailstore

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// adoptLegacy moves the messages of the lab's first layout,
// <user>/<16 hex digits>.eml with the queue ID as name, into INBOX (in
// queue ID order, keeping the ID), and removes that layout's unfinished
// deliveries (<user>/.tmp-*). Callers hold s.mu or own the store alone.
func (s *Store) adoptLegacy(user string, a *account) error {
	base := filepath.Join(s.dir, user)
	entries, err := os.ReadDir(base)
	if err != nil {
		return err
	}
	var ids []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".tmp-") && e.Type().IsRegular() {
			if err := os.Remove(filepath.Join(base, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
			continue
		}
		id, ok := strings.CutSuffix(name, ".eml")
		if _, err := strconv.ParseUint(id, 16, 64); ok && err == nil && len(id) == 16 && e.Type().IsRegular() {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	if _, err := s.account(user); err != nil { // makes INBOX, Sent, Drafts, Trash if missing
		return err
	}
	inbox := a.folders[Inbox]
	for _, id := range ids {
		path := filepath.Join(base, id+".eml")
		info, err := os.Stat(path)
		if err != nil {
			return err
		}
		e := entry{UID: inbox.idx.UIDNext, ID: id, Size: info.Size(), Date: info.ModTime(), Recent: true}
		if err := os.Rename(path, inbox.file(e.UID)); err != nil {
			return err
		}
		inbox.idx.UIDNext++
		inbox.idx.Messages = append(inbox.idx.Messages, e)
		if n, err := strconv.ParseUint(id, 16, 64); err == nil {
			s.lastID = max(s.lastID, n)
		}
	}
	return inbox.save()
}
