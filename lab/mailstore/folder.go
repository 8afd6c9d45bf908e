package mailstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// indexFile is the name of a folder's metadata file.
const indexFile = ".index"

// index is a folder's metadata as stored in its .index file.
type index struct {
	Name        string  `json:"name"`
	UIDValidity uint32  `json:"uidvalidity"`
	UIDNext     uint32  `json:"uidnext"`
	Subscribed  bool    `json:"subscribed,omitempty"`
	SpecialUse  string  `json:"special_use,omitempty"`
	Messages    []entry `json:"messages"`
}

// entry is one message's metadata.
type entry struct {
	UID    uint32    `json:"uid"`
	ID     string    `json:"id,omitempty"`
	Size   int64     `json:"size"`
	Flags  []string  `json:"flags,omitempty"`
	Date   time.Time `json:"date"`
	Recent bool      `json:"recent,omitempty"`
}

// folder is one folder: its directory and its metadata, in memory.
type folder struct {
	path      string
	sync      bool
	idx       index
	journaled int // lines in the journal: entries added since the index was written
}

// file is the path of a message's file.
func (f *folder) file(uid uint32) string {
	return filepath.Join(f.path, strconv.FormatUint(uint64(uid), 10)+".eml")
}

// find returns the position of a UID in the folder, or -1.
func (f *folder) find(uid uint32) int {
	i, ok := slices.BinarySearchFunc(f.idx.Messages, uid, func(e entry, uid uint32) int {
		return int(int64(e.UID) - int64(uid))
	})
	if !ok {
		return -1
	}
	return i
}

// maxID is the greatest queue ID in the folder, as a number.
func (f *folder) maxID() uint64 {
	var n uint64
	for _, e := range f.idx.Messages {
		if v, err := strconv.ParseUint(e.ID, 16, 64); err == nil {
			n = max(n, v)
		}
	}
	return n
}

// loadFolder reads a folder's index, removes the temporary files of
// interrupted index writes, and mends what a kill left between a message
// file and its index: a file with a UID at or above UIDNEXT was delivered
// (it is adopted), one below it was expunged (it goes); an entry without
// its file is dropped. os.ErrNotExist means dir holds no index.
func loadFolder(dir string, sync bool) (*folder, error) {
	raw, err := os.ReadFile(filepath.Join(dir, indexFile))
	if err != nil {
		return nil, err
	}
	f := &folder{path: dir, sync: sync}
	if err := json.Unmarshal(raw, &f.idx); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, indexFile), err)
	}
	f.idx.Name, err = canonical(f.idx.Name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, indexFile), err)
	}
	replayed, err := f.replayJournal()
	if err != nil {
		return nil, err
	}
	slices.SortFunc(f.idx.Messages, func(a, b entry) int { return int(int64(a.UID) - int64(b.UID)) })
	f.idx.Messages = slices.CompactFunc(f.idx.Messages, func(a, b entry) bool { return a.UID == b.UID })
	changed, err := f.mend()
	if err != nil {
		return nil, err
	}
	if changed || replayed > 0 {
		return f, f.save()
	}
	return f, nil
}

// mend removes stale temporary files and reconciles files with the index;
// it reports whether the index changed.
func (f *folder) mend() (bool, error) {
	entries, err := os.ReadDir(f.path)
	if err != nil {
		return false, err
	}
	onDisk := map[uint32]os.DirEntry{}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".tmp-") || strings.HasPrefix(name, indexFile+".tmp-") {
			if err := os.Remove(filepath.Join(f.path, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return false, err
			}
			continue
		}
		if uid, ok := parseFileName(name); ok && e.Type().IsRegular() {
			onDisk[uid] = e
		}
	}
	changed := false
	f.idx.Messages = slices.DeleteFunc(f.idx.Messages, func(e entry) bool {
		_, ok := onDisk[e.UID]
		changed = changed || !ok
		return !ok
	})
	next := f.idx.UIDNext
	for _, uid := range slices.Sorted(maps.Keys(onDisk)) {
		e := onDisk[uid]
		switch {
		case f.find(uid) >= 0:
		case uid < next:
			if err := os.Remove(filepath.Join(f.path, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
				return false, err
			}
		default:
			info, err := e.Info()
			if err != nil {
				return false, err
			}
			f.insert(entry{UID: uid, Size: info.Size(), Date: info.ModTime(), Recent: true})
			f.idx.UIDNext = uid + 1
			changed = true
		}
	}
	return changed, nil
}

// insert adds an entry in UID order.
func (f *folder) insert(e entry) {
	i, _ := slices.BinarySearchFunc(f.idx.Messages, e.UID, func(e entry, uid uint32) int {
		return int(int64(e.UID) - int64(uid))
	})
	f.idx.Messages = slices.Insert(f.idx.Messages, i, e)
}

// parseFileName reads "<uid>.eml" in the exact form the store writes.
func parseFileName(name string) (uint32, bool) {
	digits, ok := strings.CutSuffix(name, ".eml")
	if !ok || digits == "" || digits[0] == '0' {
		return 0, false
	}
	n, err := strconv.ParseUint(digits, 10, 32)
	return uint32(n), err == nil && n > 0
}

// save writes the index atomically (a temporary file, then a rename) and
// removes the journal it now holds.
func (f *folder) save() error {
	raw, err := json.Marshal(&f.idx)
	if err != nil {
		return err
	}
	if err := writeAtomic(filepath.Join(f.path, indexFile), raw, f.sync); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(f.path, journalFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	f.journaled = 0
	return nil
}

// writeAtomic replaces path with data through a temporary file in the same
// directory; with sync the data reaches the disk before the rename.
func writeAtomic(path string, data []byte, sync bool) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil && sync {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// stateFile keeps what must survive the deletion of every folder.
const stateFile = ".mailstore"

// state is the content of the state file.
type state struct {
	UIDValidity uint32 `json:"uidvalidity"`
}

// loadState reads the last UIDVALIDITY given.
func (s *Store) loadState() error {
	raw, err := os.ReadFile(filepath.Join(s.dir, stateFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var st state
	if err := json.Unmarshal(raw, &st); err != nil {
		return fmt.Errorf("%s: %w", stateFile, err)
	}
	s.lastValidity = st.UIDValidity
	return nil
}

// newValidity returns a UIDVALIDITY never given before in this directory:
// the time in seconds, bumped past the last one, and recorded. Callers hold
// s.mu.
func (s *Store) newValidity() (uint32, error) {
	v := max(s.lastValidity+1, uint32(time.Now().Unix()))
	raw, err := json.Marshal(state{UIDValidity: v})
	if err == nil {
		err = writeAtomic(filepath.Join(s.dir, stateFile), raw, s.sync)
	}
	if err != nil {
		return 0, err
	}
	s.lastValidity = v
	return v, nil
}
