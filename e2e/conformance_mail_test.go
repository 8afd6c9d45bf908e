package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/mailtutor/mailtutor/lab"
)

// staleConformanceMark is in the Subject of every message the conformance
// test sends (testMessage puts the token there).
const staleConformanceMark = "Subject: mailtutor e2e conformance-"

// prepareMailbox makes sure the receiver's mailbox holds the message with
// token on both sides before the fetch scenario: the send scenario
// delivered it, or, when it did not run (go test -run), it is sent here.
func prepareMailbox(t *testing.T, l *lab.Lab, s servers, token string, sendRan bool) {
	t.Helper()
	receiver := receiverUser + "@" + mailDomain
	if !sendRan {
		submission, ok := l.Service("submission")
		if !ok {
			t.Fatal("the lab has no submission service")
		}
		labServers := s
		labServers.submission = submission.URL
		msg := testMessage(token, receiver, receiver)
		sendWire(t, labServers, receiver, msg)
		sendWire(t, s, receiver, msg)
	}
	waitForMessage(t, s.maildir, token)
	for _, m := range l.Mailbox(receiverUser) {
		if bytes.Contains(m.Data, []byte(token)) {
			return
		}
	}
	t.Fatalf("the lab's mailbox of %s holds no message with %s", receiverUser, token)
}

// removeStaleConformanceMail deletes what an interrupted run of the
// conformance test left in the receiver's Maildir, so that the fetch reads
// this run's message.
func removeStaleConformanceMail(t *testing.T, maildir string) {
	t.Helper()
	dir := filepath.Join(maildir, mailDomain, receiverUser)
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return // nothing was ever delivered to the receiver
	}
	removeMessagesHolding(t, dir, staleConformanceMark)
}

// removeMessagesHolding deletes every Maildir message under root that
// holds mark, wherever Dovecot moved it (new/ or cur/).
func removeMessagesHolding(t *testing.T, root, mark string) {
	t.Helper()
	found, err := findMessages(root, mark)
	if err != nil {
		t.Errorf("clean up the conformance messages: %v", err)
		return
	}
	for _, path := range found {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			t.Errorf("remove conformance message: %v", err)
		}
	}
}
