package imapd

import (
	"slices"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"

	"github.com/mailtutor/mailtutor/lab/mailstore"
)

// Expunge implements imapserver.Session: EXPUNGE, UID EXPUNGE and the
// silent expunge of CLOSE (which a read-only folder skips).
func (s *session) Expunge(w *imapserver.ExpungeWriter, uids *imap.UIDSet) error {
	sel := s.sel
	if sel.readOnly {
		if s.front.command() == "CLOSE" {
			return nil
		}
		return errReadOnly
	}
	list, err := s.store.List(s.user, sel.name)
	if err != nil {
		return s.storeError(err, sel.name, false)
	}
	var doomed []uint32
	for _, m := range list {
		if hasFlag(m.Flags, imap.FlagDeleted) && (uids == nil || uids.Contains(imap.UID(m.UID))) {
			doomed = append(doomed, m.UID)
		}
	}
	if len(doomed) == 0 {
		return nil
	}
	removed, err := s.store.Expunge(s.user, sel.name, doomed)
	if err != nil {
		return s.storeError(err, sel.name, false)
	}
	return s.tellExpunged(removed, w.WriteExpunge)
}

// tellExpunged drops UIDs from the view, telling the client each one's
// sequence number as it goes (so later numbers shift, as RFC 3501 says).
func (s *session) tellExpunged(uids []uint32, write func(seq uint32) error) error {
	sel := s.sel
	slices.Sort(uids)
	for _, uid := range uids {
		seq := sel.seqOf(uid)
		if seq == 0 {
			continue
		}
		if err := write(seq); err != nil {
			return err
		}
		sel.uids = slices.Delete(sel.uids, int(seq-1), int(seq))
		delete(sel.flags, uid)
	}
	return nil
}

// Store implements imapserver.Session.
func (s *session) Store(w *imapserver.FetchWriter, numSet imap.NumSet, flags *imap.StoreFlags, _ *imap.StoreOptions) error {
	sel := s.sel
	if sel.readOnly {
		return errReadOnly
	}
	targets, err := sel.resolve(numSet, "STORE")
	if err != nil || len(targets) == 0 {
		return err
	}
	op := map[imap.StoreFlagsOp]mailstore.FlagOp{imap.StoreFlagsSet: mailstore.FlagsSet,
		imap.StoreFlagsAdd: mailstore.FlagsAdd, imap.StoreFlagsDel: mailstore.FlagsRemove}[flags.Op]
	changed, err := s.store.SetFlags(s.user, sel.name, uidsOf(targets), op, flagStrings(flags.Flags))
	if err != nil {
		return s.storeError(err, sel.name, false)
	}
	_, byUID := numSet.(imap.UIDSet)
	for _, t := range targets {
		now, ok := changed[t.uid]
		if !ok {
			continue // expunged meanwhile
		}
		sel.flags[t.uid] = now
		if flags.Silent {
			continue
		}
		m := w.CreateMessage(t.seq)
		if byUID {
			m.WriteUID(imap.UID(t.uid))
		}
		m.WriteFlags(imapFlags(now))
		if err := m.Close(); err != nil {
			return err
		}
	}
	return nil
}

// Copy implements imapserver.Session (COPY, UID COPY) with UIDPLUS's
// COPYUID.
func (s *session) Copy(numSet imap.NumSet, dest string) (*imap.CopyData, error) {
	targets, err := s.sel.resolve(numSet, "COPY")
	if err != nil {
		return nil, err
	}
	if len(targets) == 0 {
		return nil, nil
	}
	validity, newUIDs, err := s.store.Copy(s.user, s.sel.name, uidsOf(targets), dest)
	if err != nil {
		return nil, s.storeError(err, dest, true)
	}
	return copyData(targets, validity, newUIDs), nil
}

// Move implements imapserver.SessionMove (RFC 6851).
func (s *session) Move(w *imapserver.MoveWriter, numSet imap.NumSet, dest string) error {
	if s.sel.readOnly {
		return errReadOnly
	}
	targets, err := s.sel.resolve(numSet, "MOVE")
	if err != nil || len(targets) == 0 {
		return err
	}
	validity, newUIDs, err := s.store.Move(s.user, s.sel.name, uidsOf(targets), dest)
	if err != nil {
		return s.storeError(err, dest, true)
	}
	if err := w.WriteCopyData(copyData(targets, validity, newUIDs)); err != nil {
		return err
	}
	return s.tellExpunged(uidsOf(targets), w.WriteExpunge)
}

// copyData is COPYUID's data: the source and new UIDs, in the same order.
func copyData(targets []target, validity uint32, newUIDs []uint32) *imap.CopyData {
	data := &imap.CopyData{UIDValidity: validity}
	for i, t := range targets {
		if i < len(newUIDs) {
			data.SourceUIDs.AddNum(imap.UID(t.uid))
			data.DestUIDs.AddNum(imap.UID(newUIDs[i]))
		}
	}
	return data
}
