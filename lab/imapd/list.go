package imapd

import (
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"

	"github.com/mailtutor/mailtutor/lab/mailstore"
)

// List implements imapserver.Session: LIST (with RFC 6154 special-use
// attributes, as Dovecot shows them), LSUB and LIST-EXTENDED's selections.
func (s *session) List(w *imapserver.ListWriter, ref string, patterns []string, options *imap.ListOptions) error {
	if len(patterns) == 1 && patterns[0] == "" {
		// RFC 3501 section 6.3.8: the hierarchy delimiter and root name.
		return w.WriteList(&imap.ListData{Attrs: []imap.MailboxAttr{imap.MailboxAttrNoSelect}, Delim: delim})
	}
	boxes, err := s.store.Mailboxes(s.user)
	if err != nil {
		return s.internal(err)
	}
	for _, box := range boxes {
		if !matchesAny(box.Name, ref, patterns) || !chosen(box, options) {
			continue
		}
		data := &imap.ListData{Mailbox: box.Name, Delim: delim, Attrs: s.listAttrs(box, boxes, options)}
		if options.ReturnStatus != nil {
			if data.Status, err = s.Status(box.Name, options.ReturnStatus); err != nil {
				return err
			}
		}
		if err := w.WriteList(data); err != nil {
			return err
		}
	}
	return nil
}

// matchesAny reports whether a folder name matches one of the patterns.
func matchesAny(name, ref string, patterns []string) bool {
	for _, p := range patterns {
		if imapserver.MatchList(name, delim, ref, p) {
			return true
		}
	}
	return false
}

// chosen applies LIST-EXTENDED's selection options (LSUB is
// SelectSubscribed).
func chosen(box mailstore.MailboxInfo, options *imap.ListOptions) bool {
	if options.SelectSubscribed && !box.Subscribed {
		return false
	}
	return !options.SelectSpecialUse || box.SpecialUse != ""
}

// listAttrs are a folder's LIST attributes: children (RFC 3348), its
// special use (RFC 6154) and \Subscribed when asked.
func (s *session) listAttrs(box mailstore.MailboxInfo, all []mailstore.MailboxInfo, options *imap.ListOptions) []imap.MailboxAttr {
	attrs := []imap.MailboxAttr{imap.MailboxAttrHasNoChildren}
	prefix := box.Name + string(delim)
	for _, other := range all {
		if strings.HasPrefix(other.Name, prefix) {
			attrs[0] = imap.MailboxAttrHasChildren
			break
		}
	}
	if box.Subscribed && (options.ReturnSubscribed || options.SelectSubscribed) {
		attrs = append(attrs, imap.MailboxAttrSubscribed)
	}
	if box.SpecialUse != "" {
		attrs = append(attrs, imap.MailboxAttr(box.SpecialUse))
	}
	return attrs
}
