package mailstore

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// journalFile is the name of a folder's journal: the entries added since
// its index was last written, one JSON line each. A delivery appends one
// line instead of rewriting the whole index, so its cost does not grow
// with the folder; the index is written again (and the journal removed)
// once the journal holds as many lines as a quarter of the folder, at
// least minCompaction, and whenever anything else changes.
const journalFile = ".journal"

// minCompaction is the fewest journal lines that make a folder write its
// index again.
const minCompaction = 256

// logAdd records a new entry: a line in the journal, or the whole index
// when the journal is long enough to fold in.
func (f *folder) logAdd(e entry) error {
	if f.journaled+1 >= max(minCompaction, len(f.idx.Messages)/4) {
		return f.save()
	}
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	path := filepath.Join(f.path, journalFile)
	jf, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	_, err = jf.Write(append(line, '\n'))
	if err == nil && f.sync {
		err = jf.Sync()
	}
	if cerr := jf.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	f.journaled++
	return nil
}

// replayJournal adds the journal's entries that the index does not hold
// yet (a UID at or above UIDNEXT) and reports how many it added. A last
// line cut by a kill is ignored: its message file is still adopted by
// mend, with the metadata the file itself gives.
func (f *folder) replayJournal() (int, error) {
	raw, err := os.ReadFile(filepath.Join(f.path, journalFile))
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	added := 0
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e entry
		if json.Unmarshal(sc.Bytes(), &e) != nil || e.UID < f.idx.UIDNext {
			continue
		}
		f.idx.Messages = append(f.idx.Messages, e)
		f.idx.UIDNext = e.UID + 1
		added++
	}
	return added, nil
}
