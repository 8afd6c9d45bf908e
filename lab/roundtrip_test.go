package lab

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// trickyMessage has a line starting with ".", a line holding only ".", an
// 8-bit UTF-8 body and a line of exactly 998 characters (RFC 5322's limit).
func trickyMessage() []byte {
	long := strings.Repeat("長", 332) + "xx" // 332*3 + 2 = 998 octets
	if len(long) != 998 {
		panic("bad test data")
	}
	return []byte("From: 学生 <student@example.test>\r\n" +
		"To: teacher@example.test\r\n" +
		"Subject: =?UTF-8?B?5L2g5aW9?=\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: text/plain; charset=UTF-8\r\n" +
		"Content-Transfer-Encoding: 8bit\r\n" +
		"\r\n" +
		".a line starting with a dot\r\n" +
		".\r\n" +
		"..two dots\r\n" +
		"中文邮件正文：你好，世界！\r\n" +
		long + "\r\n" +
		"last line\r\n")
}

func TestSMTPToPOP3ByteForByte(t *testing.T) {
	l, _ := startLab(t, nil)
	body := trickyMessage()

	c := smtpClient(t, addr(t, l, "submission"), nil)
	if err := c.Auth(sasl.NewPlainClient("", "student", "secret123")); err != nil {
		t.Fatal(err)
	}
	if err := c.Mail("学生@example.test", &smtp.MailOptions{UTF8: true}); err != nil {
		t.Fatalf("MAIL with SMTPUTF8: %v", err)
	}
	if err := c.Rcpt("teacher@example.test", nil); err != nil {
		t.Fatal(err)
	}
	w, err := c.Data()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(body); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("end of DATA: %v", err)
	}

	if got := l.Mailbox("teacher"); len(got) != 1 || withoutTrace(got[0].Data) != string(body) {
		t.Fatalf("stored message differs:\n%q\nwant\n%q", got, body)
	}

	p := pop3Login(t, l, "teacher", "teach456")
	stored := l.Mailbox("teacher")[0].Data
	p.cmd("RETR 1", fmt.Sprintf("+OK %d octets", len(stored)))
	wire := p.dotBody()
	for _, stuffed := range []string{"\r\n..a line starting with a dot\r\n", "\r\n..\r\n", "\r\n...two dots\r\n"} {
		if !bytes.Contains(wire, []byte(stuffed)) {
			t.Errorf("RETR wire form lacks dot-stuffed %q", stuffed)
		}
	}
	if got := unstuff(wire); !bytes.Equal(got, stored) {
		t.Errorf("RETR gave back\n%q\nwant\n%q", got, stored)
	}
}

func TestPersistenceAcrossRestart(t *testing.T) {
	dir := t.TempDir()
	withDir := func(cfg *Config) { cfg.Dir = dir }
	first, second := trickyMessage(), []byte("Subject: second\r\n\r\nnumber two\r\n")

	l1, _ := startLab(t, withDir)
	seed(t, l1, "student", string(first), string(second))
	before := l1.Mailbox("student")
	for i, msg := range before {
		onDisk, err := os.ReadFile(filepath.Join(dir, "student", "INBOX", fmt.Sprintf("%d.eml", i+1)))
		if err != nil || !bytes.Equal(onDisk, msg.Data) {
			t.Fatalf("file for %s: %v, content equal: %v", msg.UID, err, bytes.Equal(onDisk, msg.Data))
		}
	}
	if err := l1.Close(); err != nil {
		t.Fatal(err)
	}

	l2, _ := startLab(t, withDir)
	after := l2.Mailbox("student")
	if len(after) != 2 {
		t.Fatalf("after restart: %d messages, want 2", len(after))
	}
	for i := range after {
		if after[i].UID != before[i].UID || after[i].ID != before[i].ID || !bytes.Equal(after[i].Data, before[i].Data) {
			t.Errorf("message %d changed across restart: %+v vs %+v", i+1, after[i], before[i])
		}
	}
	// New mail sorts after the old, and POP3 deletions reach the disk.
	seed(t, l2, "student", "Subject: third\r\n\r\n3\r\n")
	p := pop3Login(t, l2, "student", "secret123")
	runPOP3(t, p, []pop3Step{
		{"UIDL 1", "+OK 1 " + before[0].UID, nil},
		{"DELE 1", "+OK Marked to be deleted.", nil},
		{"QUIT", "+OK mailtutor lab POP3 server signing off (2 messages left)", nil},
	})
	if _, err := os.Stat(filepath.Join(dir, "student", "INBOX", "1.eml")); !os.IsNotExist(err) {
		t.Errorf("deleted message still on disk: %v", err)
	}
	if err := l2.Close(); err != nil {
		t.Fatal(err)
	}

	l3, _ := startLab(t, withDir)
	final := l3.Mailbox("student")
	if len(final) != 2 || withoutTrace(final[0].Data) != string(second) || withoutTrace(final[1].Data) != "Subject: third\r\n\r\n3\r\n" {
		t.Errorf("after second restart: %q", final)
	}
}
