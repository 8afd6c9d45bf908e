package imapd

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	gomessage "github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"

	"github.com/mailtutor/mailtutor/lab/mailstore"
)

// Search implements imapserver.Session (SEARCH, UID SEARCH). Criteria on
// flags, dates, sizes and numbers use the store's metadata; a message is
// opened only for header and text criteria.
func (s *session) Search(kind imapserver.NumKind, criteria *imap.SearchCriteria, _ *imap.SearchOptions) (*imap.SearchData, error) {
	sel := s.sel
	info, err := s.infoByUID()
	if err != nil {
		return nil, err
	}
	var seqs imap.SeqSet
	var uids imap.UIDSet
	data := &imap.SearchData{}
	for i, uid := range sel.uids {
		m, ok := info[uid]
		if !ok {
			continue
		}
		msg := &searchMessage{s: s, seq: uint32(i + 1), info: m, maxSeq: uint32(len(sel.uids)),
			maxUID: sel.uids[len(sel.uids)-1]}
		matched := msg.matches(criteria)
		msg.close()
		if !matched {
			continue
		}
		num := msg.seq
		if kind == imapserver.NumKindUID {
			num = uid
		}
		seqs.AddNum(msg.seq)
		uids.AddNum(imap.UID(uid))
		if data.Min == 0 || num < data.Min {
			data.Min = num
		}
		data.Max = max(data.Max, num)
		data.Count++
	}
	data.All = seqs
	if kind == imapserver.NumKindUID {
		data.All = uids
	}
	return data, nil
}

// searchMessage is one message under test; its content is opened once,
// when a criterion needs it.
type searchMessage struct {
	s              *session
	seq            uint32
	info           mailstore.MessageInfo
	maxSeq, maxUID uint32
	content        mailstore.Content
	opened         bool
}

// close closes the content if it was opened.
func (m *searchMessage) close() {
	if m.content != nil {
		_ = m.content.Close()
	}
}

// entity parses the message afresh (nil when it cannot be read).
func (m *searchMessage) entity() *gomessage.Entity {
	if !m.opened {
		m.opened = true
		c, err := m.s.store.OpenMessage(m.s.user, m.s.sel.name, m.info.UID)
		if err == nil {
			m.content = c
		}
	}
	if m.content == nil {
		return nil
	}
	e, err := gomessage.Read(whole(m.content))
	if e == nil && err != nil {
		return nil
	}
	return e
}

// matches reports whether the message meets every criterion.
func (m *searchMessage) matches(c *imap.SearchCriteria) bool {
	return m.matchesNumbers(c) && m.matchesMeta(c) && m.matchesContent(c) && m.matchesLogic(c)
}

// matchesNumbers tests sequence numbers and UIDs.
func (m *searchMessage) matchesNumbers(c *imap.SearchCriteria) bool {
	for _, set := range c.SeqNum {
		if !seqSetContains(set, m.seq, m.maxSeq) {
			return false
		}
	}
	for _, set := range c.UID {
		if !uidSetContains(set, m.info.UID, m.maxUID) {
			return false
		}
	}
	return true
}

// seqSetContains reports whether a sequence set, where "*" is the last
// message, holds seq.
func seqSetContains(set imap.SeqSet, seq, maxSeq uint32) bool {
	for _, r := range set {
		start, stop := staticRange(r.Start, r.Stop, maxSeq)
		if seq >= start && seq <= stop {
			return true
		}
	}
	return false
}

// matchesMeta tests flags, INTERNALDATE and size.
func (m *searchMessage) matchesMeta(c *imap.SearchCriteria) bool {
	for _, f := range c.Flag {
		if !hasFlag(m.info.Flags, f) {
			return false
		}
	}
	for _, f := range c.NotFlag {
		if hasFlag(m.info.Flags, f) {
			return false
		}
	}
	if c.Larger != 0 && m.info.Size <= c.Larger || c.Smaller != 0 && m.info.Size >= c.Smaller {
		return false
	}
	return matchDate(m.info.Date, c.Since, c.Before)
}

// matchesContent tests header fields, the Date header and text.
func (m *searchMessage) matchesContent(c *imap.SearchCriteria) bool {
	if len(c.Header) > 0 || !c.SentSince.IsZero() || !c.SentBefore.IsZero() {
		e := m.entity()
		if e == nil {
			return false
		}
		header := mail.Header{Header: e.Header}
		for _, f := range c.Header {
			if !matchFields(header.FieldsByKey(f.Key), f.Value) {
				return false
			}
		}
		if !c.SentSince.IsZero() || !c.SentBefore.IsZero() {
			t, err := header.Date()
			if err != nil || !matchDate(t, c.SentSince, c.SentBefore) {
				return false
			}
		}
	}
	for _, text := range c.Text {
		if e := m.entity(); e == nil || !matchEntity(e, text, true) {
			return false
		}
	}
	for _, body := range c.Body {
		if e := m.entity(); e == nil || !matchEntity(e, body, false) {
			return false
		}
	}
	return true
}

// matchesLogic tests NOT and OR.
func (m *searchMessage) matchesLogic(c *imap.SearchCriteria) bool {
	for i := range c.Not {
		if m.matches(&c.Not[i]) {
			return false
		}
	}
	for i := range c.Or {
		if !m.matches(&c.Or[i][0]) && !m.matches(&c.Or[i][1]) {
			return false
		}
	}
	return true
}

// matchDate compares dates without their time or zone (RFC 3501).
func matchDate(t, since, before time.Time) bool {
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	if !since.IsZero() && t.Before(since) {
		return false
	}
	return before.IsZero() || t.Before(before)
}

// matchFields reports whether a header field holds pattern (ignoring case);
// an empty pattern asks only that the field exist.
func matchFields(fields gomessage.HeaderFields, pattern string) bool {
	if pattern == "" {
		return fields.Len() > 0
	}
	pattern = strings.ToLower(pattern)
	for fields.Next() {
		v, _ := fields.Text()
		if strings.Contains(strings.ToLower(v), pattern) {
			return true
		}
	}
	return false
}

// matchEntity looks for pattern in the text parts of a message, and in its
// header fields when includeHeader (TEXT rather than BODY). Each part is
// searched line by line, never read whole.
func matchEntity(e *gomessage.Entity, pattern string, includeHeader bool) bool {
	if includeHeader && matchFields(e.Header.Fields(), pattern) {
		return true
	}
	if mr := e.MultipartReader(); mr != nil {
		for {
			part, err := mr.NextPart()
			if err != nil {
				return false
			}
			if matchEntity(part, pattern, includeHeader) {
				return true
			}
		}
	}
	t, _, _ := e.Header.ContentType()
	if t != "" && !strings.HasPrefix(t, "text/") && !strings.HasPrefix(t, "message/") {
		return false
	}
	return readerContains(e.Body, pattern)
}

// readerContains reports whether the text of r holds pattern, ignoring
// case, within a line.
func readerContains(r io.Reader, pattern string) bool {
	want := bytes.ToLower([]byte(pattern))
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadSlice('\n')
		if bytes.Contains(bytes.ToLower(line), want) {
			return true
		}
		if err != nil && err != bufio.ErrBufferFull {
			return false
		}
	}
}
