package imapd

import (
	"slices"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"

	"github.com/mailtutor/mailtutor/lab/mailstore"
)

// selected is a session's view of its selected folder: the messages it has
// told the client about, in sequence-number order, with the flags it last
// told. Other sessions change the folder under it; update tells the client
// and catches up.
type selected struct {
	name     string
	readOnly bool
	uids     []uint32            // sequence number n is uids[n-1]
	flags    map[uint32][]string // by UID, as last told
	changes  <-chan struct{}     // hints from mailstore.Watch
	cancel   func()
}

// permanentFlags are the flags a client can set for good (\* : keywords).
var permanentFlags = []imap.Flag{imap.FlagAnswered, imap.FlagFlagged, imap.FlagDeleted, imap.FlagSeen,
	imap.FlagDraft, imap.FlagWildcard}

// Select implements imapserver.Session (SELECT and EXAMINE).
func (s *session) Select(name string, options *imap.SelectOptions) (*imap.SelectData, error) {
	st, err := s.store.Status(s.user, name)
	if err != nil {
		return nil, s.storeError(err, name, false)
	}
	list, err := s.store.List(s.user, name)
	if err != nil {
		return nil, s.storeError(err, name, false)
	}
	sel := &selected{name: name, readOnly: options.ReadOnly, flags: map[uint32][]string{}}
	sel.changes, sel.cancel = s.store.Watch(s.user, name)
	data := &imap.SelectData{
		Flags:          permanentFlags[:len(permanentFlags)-1],
		PermanentFlags: permanentFlags,
		NumRecent:      st.Recent,
		UIDNext:        imap.UID(st.UIDNext),
		UIDValidity:    st.UIDValidity,
	}
	if options.ReadOnly {
		data.PermanentFlags = nil
	}
	for _, m := range list {
		sel.uids = append(sel.uids, m.UID)
		sel.flags[m.UID] = m.Flags
		if data.FirstUnseenSeqNum == 0 && !hasFlag(m.Flags, imap.FlagSeen) {
			data.FirstUnseenSeqNum = uint32(len(sel.uids))
		}
	}
	data.NumMessages = uint32(len(sel.uids))
	if !options.ReadOnly {
		// This session is the one that sees them as \Recent (RFC 3501 section 2.3.2).
		if _, err := s.store.ClaimRecent(s.user, name); err != nil {
			sel.close()
			return nil, s.internal(err)
		}
	}
	if s.sel != nil {
		s.sel.close()
	}
	s.sel = sel
	return data, nil
}

// close stops watching the folder.
func (sel *selected) close() { sel.cancel() }

// Unselect implements imapserver.Session (CLOSE, UNSELECT).
func (s *session) Unselect() error {
	if s.sel != nil {
		s.sel.close()
		s.sel = nil
	}
	return nil
}

// Poll implements imapserver.Session: after each command, tell the client
// what other sessions changed.
func (s *session) Poll(w *imapserver.UpdateWriter, allowExpunge bool) error {
	if s.sel == nil {
		return nil
	}
	return s.update(w, allowExpunge)
}

// Idle implements imapserver.Session: tell the client of each change as
// the store reports it, until DONE.
func (s *session) Idle(w *imapserver.UpdateWriter, stop <-chan struct{}) error {
	if s.sel == nil {
		<-stop
		return nil
	}
	if err := s.update(w, true); err != nil {
		return err
	}
	for {
		select {
		case <-stop:
			return nil
		case _, ok := <-s.sel.changes:
			if !ok {
				<-stop
				return nil
			}
			if err := s.update(w, true); err != nil {
				return err
			}
		}
	}
}

// update compares the folder with what the client was told and tells it
// the difference: EXPUNGE (when allowed), EXISTS, FETCH FLAGS.
func (s *session) update(w *imapserver.UpdateWriter, allowExpunge bool) error {
	sel := s.sel
	list, err := s.store.List(s.user, sel.name)
	if err != nil {
		return nil // the folder was deleted or renamed away: nothing to tell
	}
	now := make(map[uint32]mailstore.MessageInfo, len(list))
	for _, m := range list {
		now[m.UID] = m
	}
	if allowExpunge {
		for i := len(sel.uids) - 1; i >= 0; i-- {
			if _, ok := now[sel.uids[i]]; !ok {
				if err := w.WriteExpunge(uint32(i + 1)); err != nil {
					return err
				}
				delete(sel.flags, sel.uids[i])
				sel.uids = slices.Delete(sel.uids, i, i+1)
			}
		}
	}
	if err := s.tellNew(w, list); err != nil {
		return err
	}
	for i, uid := range sel.uids {
		m, ok := now[uid]
		if ok && !slices.Equal(m.Flags, sel.flags[uid]) {
			sel.flags[uid] = m.Flags
			if err := w.WriteMessageFlags(uint32(i+1), 0, imapFlags(m.Flags)); err != nil {
				return err
			}
		}
	}
	return nil
}

// tellNew adds the messages that arrived since the client last looked and
// says how many there are now.
func (s *session) tellNew(w *imapserver.UpdateWriter, list []mailstore.MessageInfo) error {
	sel := s.sel
	var last uint32
	if n := len(sel.uids); n > 0 {
		last = sel.uids[n-1]
	}
	added := 0
	for _, m := range list {
		if m.UID > last {
			sel.uids = append(sel.uids, m.UID)
			sel.flags[m.UID] = m.Flags
			added++
		}
	}
	if added == 0 {
		return nil
	}
	return w.WriteNumMessages(uint32(len(sel.uids)))
}

// seqOf returns the sequence number of a UID in the view, or 0.
func (sel *selected) seqOf(uid uint32) uint32 {
	if i, ok := slices.BinarySearch(sel.uids, uid); ok {
		return uint32(i + 1)
	}
	return 0
}

// target is one message a command names: its sequence number and UID.
type target struct {
	seq, uid uint32
}

// resolve turns a sequence set or UID set into the messages of the view
// it names, in order. A sequence number past the end is Dovecot's BAD.
func (sel *selected) resolve(numSet imap.NumSet, command string) ([]target, error) {
	var out []target
	switch set := numSet.(type) {
	case imap.SeqSet:
		n := uint32(len(sel.uids))
		for _, r := range set {
			start, stop := staticRange(r.Start, r.Stop, n)
			if start == 0 || stop > n {
				return nil, &imap.Error{Type: imap.StatusResponseTypeBad,
					Text: "Error in IMAP command " + command + ": Invalid messageset"}
			}
			for seq := start; seq <= stop; seq++ {
				out = append(out, target{seq: seq, uid: sel.uids[seq-1]})
			}
		}
	case imap.UIDSet:
		var maxUID uint32
		if n := len(sel.uids); n > 0 {
			maxUID = sel.uids[n-1]
		}
		for i, uid := range sel.uids {
			if uidSetContains(set, uid, maxUID) {
				out = append(out, target{seq: uint32(i + 1), uid: uid})
			}
		}
	}
	slices.SortFunc(out, func(a, b target) int { return int(a.seq) - int(b.seq) })
	return slices.CompactFunc(out, func(a, b target) bool { return a.seq == b.seq }), nil
}

// staticRange replaces "*" (0) by max and orders the range.
func staticRange(start, stop, max uint32) (uint32, uint32) {
	if start == 0 {
		start = max
	}
	if stop == 0 {
		stop = max
	}
	if start > stop {
		start, stop = stop, start
	}
	return start, stop
}

// uidSetContains reports whether a UID set, where "*" is the largest UID
// in the folder, holds uid.
func uidSetContains(set imap.UIDSet, uid, maxUID uint32) bool {
	for _, r := range set {
		start, stop := staticRange(uint32(r.Start), uint32(r.Stop), maxUID)
		if uid >= start && uid <= stop {
			return true
		}
	}
	return false
}

// uidsOf lists the UIDs of targets.
func uidsOf(ts []target) []uint32 {
	out := make([]uint32, len(ts))
	for i, t := range ts {
		out[i] = t.uid
	}
	return out
}
