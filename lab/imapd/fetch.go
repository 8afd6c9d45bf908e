package imapd

import (
	"bufio"
	"bytes"
	"errors"
	"io"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-message/textproto"

	"github.com/mailtutor/mailtutor/lab/mailstore"
)

// errGone is Dovecot's reply when some messages named were expunged by
// another session meanwhile.
var errGone = &imap.Error{Type: imap.StatusResponseTypeNo, Text: "Some of the requested messages no longer exist."}

// Fetch implements imapserver.Session. Message bytes are streamed from the
// store; only a MIME part (BODY[1], HEADER.FIELDS) is read whole.
func (s *session) Fetch(w *imapserver.FetchWriter, numSet imap.NumSet, options *imap.FetchOptions) error {
	sel := s.sel
	targets, err := sel.resolve(numSet, "FETCH")
	if err != nil {
		return err
	}
	info, err := s.infoByUID()
	if err != nil {
		return err
	}
	markSeen := !sel.readOnly && anyNonPeek(options.BodySection)
	gone := false
	for _, t := range targets {
		m, ok := info[t.uid]
		if !ok {
			gone = true
			continue
		}
		seenNow := false
		if markSeen && !hasFlag(m.Flags, imap.FlagSeen) {
			if m.Flags, err = s.markSeen(t.uid); err != nil {
				return err
			}
			seenNow = true
		}
		if err := s.fetchOne(w, t, m, options, seenNow); errors.Is(err, mailstore.ErrNoMailbox) || errors.Is(err, errNoMessage) {
			gone = true
		} else if err != nil {
			return err
		}
	}
	if gone {
		return errGone
	}
	return nil
}

// errNoMessage is a message that vanished between List and OpenMessage.
var errNoMessage = errors.New("message no longer exists")

// infoByUID is the selected folder's metadata now, by UID.
func (s *session) infoByUID() (map[uint32]mailstore.MessageInfo, error) {
	list, err := s.store.List(s.user, s.sel.name)
	if err != nil {
		return nil, s.storeError(err, s.sel.name, false)
	}
	out := make(map[uint32]mailstore.MessageInfo, len(list))
	for _, m := range list {
		out[m.UID] = m
	}
	return out, nil
}

// anyNonPeek reports whether a FETCH reads a body section without .PEEK,
// which sets \Seen.
func anyNonPeek(sections []*imap.FetchItemBodySection) bool {
	for _, bs := range sections {
		if !bs.Peek {
			return true
		}
	}
	return false
}

// markSeen sets \Seen on one message and returns its flags.
func (s *session) markSeen(uid uint32) ([]string, error) {
	changed, err := s.store.SetFlags(s.user, s.sel.name, []uint32{uid}, mailstore.FlagsAdd, []string{string(imap.FlagSeen)})
	if err != nil {
		return nil, s.storeError(err, s.sel.name, false)
	}
	s.sel.flags[uid] = changed[uid]
	return changed[uid], nil
}

// fetchOne writes one message's FETCH response. The message is opened
// before the response starts: once started, it must be finished.
func (s *session) fetchOne(w *imapserver.FetchWriter, t target, m mailstore.MessageInfo, options *imap.FetchOptions, seenNow bool) error {
	var content mailstore.Content
	if options.Envelope || options.BodyStructure != nil || len(options.BodySection) > 0 {
		c, err := s.store.OpenMessage(s.user, s.sel.name, t.uid)
		if err != nil {
			return errNoMessage
		}
		defer c.Close()
		content = c
	}
	rw := w.CreateMessage(t.seq)
	if options.UID {
		rw.WriteUID(imap.UID(t.uid))
	}
	if options.Flags || seenNow {
		rw.WriteFlags(imapFlags(m.Flags))
	}
	if options.InternalDate {
		rw.WriteInternalDate(m.Date)
	}
	if options.RFC822Size {
		rw.WriteRFC822Size(m.Size)
	}
	if options.Envelope {
		header, _ := textproto.ReadHeader(bufio.NewReader(whole(content)))
		rw.WriteEnvelope(imapserver.ExtractEnvelope(header))
	}
	if options.BodyStructure != nil {
		rw.WriteBodyStructure(bodyStructure(whole(content)))
	}
	var werr error
	for _, bs := range options.BodySection {
		if werr = writeSection(rw, content, bs); werr != nil {
			break
		}
	}
	if err := rw.Close(); werr == nil {
		werr = err
	}
	return werr
}

// whole reads a message from its start.
func whole(c mailstore.Content) *io.SectionReader {
	return io.NewSectionReader(c, 0, c.Size())
}

// writeSection writes one BODY[section]<partial>. The whole message, its
// header and its text are streamed from the store.
func writeSection(rw *imapserver.FetchResponseWriter, c mailstore.Content, bs *imap.FetchItemBodySection) error {
	start, end, ok := span(c, bs)
	if !ok {
		data := imapserver.ExtractBodySection(whole(c), bs)
		wc := rw.WriteBodySection(bs, int64(len(data)))
		_, err := wc.Write(data)
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		return err
	}
	if p := bs.Partial; p != nil {
		start = min(start+p.Offset, end)
		end = min(start+p.Size, end)
	}
	wc := rw.WriteBodySection(bs, end-start)
	_, err := io.Copy(wc, io.NewSectionReader(c, start, end-start))
	if cerr := wc.Close(); err == nil {
		err = cerr
	}
	return err
}

// span gives the byte range of a section that is a plain slice of the
// message: BODY[], BODY[HEADER], BODY[TEXT]; ok is false for the others.
func span(c mailstore.Content, bs *imap.FetchItemBodySection) (start, end int64, ok bool) {
	if len(bs.Part) > 0 || len(bs.HeaderFields) > 0 || len(bs.HeaderFieldsNot) > 0 {
		return 0, 0, false
	}
	switch bs.Specifier {
	case imap.PartSpecifierNone:
		return 0, c.Size(), true
	case imap.PartSpecifierHeader:
		return 0, headerLength(whole(c)), true
	case imap.PartSpecifierText:
		return headerLength(whole(c)), c.Size(), true
	}
	return 0, 0, false
}

// headerLength is the length of a message's header, the blank line that
// ends it included; the whole message when it has no blank line.
func headerLength(r io.Reader) int64 {
	br := bufio.NewReader(r)
	var n int64
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			n += int64(len(line))
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = br.ReadSlice('\n')
				n += int64(len(line))
			}
			if err != nil {
				return n
			}
			continue
		}
		n += int64(len(line))
		if err != nil {
			return n
		}
		if len(bytes.TrimRight(line, "\r\n")) == 0 {
			return n
		}
	}
}
