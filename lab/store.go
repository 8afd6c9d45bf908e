package lab

import (
	"errors"
	"fmt"
	"io"

	"github.com/mailtutor/mailtutor/lab/mailstore"
)

// Message is one message in a mailbox, read whole from the store: for
// tests and tools, never for the servers, which stream from disk.
type Message struct {
	ID   string // the queue ID the SMTP service gave ("250 2.0.0 Ok: queued as ID"); "" if it came otherwise
	UID  string // the POP3 UIDL: unique in its mailbox and stable across restarts (see uidl)
	Data []byte // exactly as delivered: CRLF line endings, dot-stuffing removed
}

// Size is the message size in octets, as POP3 STAT and LIST count it.
func (m Message) Size() int { return len(m.Data) }

// uidl is the POP3 unique ID of a message in INBOX: its queue ID when it
// was delivered by SMTP (what the lab has always given, and what the
// student saw in "queued as"), else 16 hex digits of INBOX's UIDVALIDITY
// and the message's UID, which no later message can take.
func uidl(m mailstore.MessageInfo, validity uint32) string {
	if m.ID != "" {
		return m.ID
	}
	return fmt.Sprintf("%08X%08X", validity, m.UID)
}

// Mailbox returns a snapshot of a user's INBOX, oldest first, read from
// disk. The user may be given with or without the domain; an unknown user
// or a store error gives nil.
func (l *Lab) Mailbox(user string) []Message {
	name, ok := l.accounts.mailboxName(user)
	if !ok {
		return nil
	}
	msgs, err := l.readInbox(name)
	if err != nil {
		l.logf("mailbox %s: %v", name, err)
		return nil
	}
	return msgs
}

// readInbox reads every message of a user's INBOX.
func (l *Lab) readInbox(user string) ([]Message, error) {
	st, err := l.store.Status(user, mailstore.Inbox)
	if err != nil {
		return nil, err
	}
	infos, err := l.store.List(user, mailstore.Inbox)
	if err != nil {
		return nil, err
	}
	out := make([]Message, 0, len(infos))
	for _, info := range infos {
		data, err := l.readMessage(user, info.UID)
		if errors.Is(err, mailstore.ErrNoMessage) {
			continue // expunged since the List
		}
		if err != nil {
			return nil, err
		}
		out = append(out, Message{ID: info.ID, UID: uidl(info, st.UIDValidity), Data: data})
	}
	return out, nil
}

// readMessage reads one message of INBOX whole.
func (l *Lab) readMessage(user string, uid uint32) ([]byte, error) {
	c, err := l.store.OpenMessage(user, mailstore.Inbox, uid)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	return io.ReadAll(c)
}
