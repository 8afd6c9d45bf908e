package lab

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/lab/mailstore"
)

// TestTemporaryDirRemovedAtClose: Config.Dir "" keeps mail in a temporary
// directory, on disk while the lab runs and gone after Close.
func TestTemporaryDirRemovedAtClose(t *testing.T) {
	l, _ := startLab(t, nil)
	seed(t, l, "student", "Subject: x\r\n\r\nbody\r\n")
	dir := l.store.Dir()
	if _, err := os.Stat(filepath.Join(dir, "student", "INBOX", "1.eml")); err != nil {
		t.Fatalf("the message is not on disk: %v", err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("Close left %s (%v)", dir, err)
	}
}

// TestDataFilesNothingUnlessComplete: a body over the size limit or cut by
// a lost connection leaves no message and no temporary file.
func TestDataFilesNothingUnlessComplete(t *testing.T) {
	l, _ := startLab(t, func(cfg *Config) { cfg.MaxMessageBytes = 100 })
	start := func() *rawClient {
		c := dialRaw(t, addr(t, l, "smtp"), nil)
		c.line()
		c.cmd("HELO client.test", "250 mail.example.test")
		c.cmd("MAIL FROM:<a@other.test>", "250 2.1.0 Ok")
		c.cmd("RCPT TO:<student@example.test>", "250 2.1.5 Ok")
		c.cmd("DATA", "354 End data with <CR><LF>.<CR><LF>")
		return c
	}
	c := start()
	c.send(strings.Repeat("x", 200))
	c.cmd(".", "552 5.3.4 Error: message file too big")
	c.send("QUIT")
	c = start()
	c.send("Subject: cut")
	c.conn.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		left, _ := os.ReadDir(filepath.Join(l.store.Dir(), ".tmp"))
		if len(left) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("temporary files left: %v", left)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if box := l.Mailbox("student"); len(box) != 0 {
		t.Errorf("%d messages filed, want none", len(box))
	}
}

// TestPOP3SeesOtherSessions: POP3 works from the snapshot of its login; a
// message another session appended gets a UIDL from UIDVALIDITY and UID,
// and one another session removed answers -ERR instead of vanishing bytes.
func TestPOP3SeesOtherSessions(t *testing.T) {
	l, _ := startLab(t, nil)
	seed(t, l, "student", "Subject: one\r\n\r\n1\r\n", "Subject: two\r\n\r\n2\r\n")
	uid, err := l.store.Append("student", mailstore.Inbox, strings.NewReader("Subject: appended\r\n\r\n3\r\n"), nil, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := l.store.Status("student", mailstore.Inbox)
	box := l.Mailbox("student")
	c := pop3Login(t, l, "student", "secret123")
	if _, err := l.store.Expunge("student", mailstore.Inbox, []uint32{1}); err != nil {
		t.Fatal(err)
	}
	appended := fmt.Sprintf("%08X%08X", st.UIDValidity, uid)
	runPOP3(t, c, []pop3Step{
		{"UIDL 3", "+OK 3 " + appended, nil},
		{"UIDL 1", "+OK 1 " + box[0].UID, nil},
		{"RETR 1", "-ERR message 1 was removed by another session", nil},
		{"TOP 2 0", "+OK", append(traceLines(box[1].Data), "Subject: two", "")},
		{"DELE 2", "+OK Marked to be deleted.", nil},
		{"QUIT", "+OK mailtutor lab POP3 server signing off (1 message left)", nil},
	})
	if got := l.Mailbox("student"); len(got) != 1 || got[0].UID != appended {
		t.Errorf("left: %+v", got)
	}
}
