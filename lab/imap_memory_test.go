package lab

import (
	"io"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/mailtutor/mailtutor/lab/mailstore"
)

// imapBigMessages is how many of memory_test.go's 10 MiB messages the IMAP
// memory test puts in INBOX.
const imapBigMessages = 4

// TestIMAPMemoryStreamsMessages logs in three times by IMAP to a mailbox of
// 10 MiB messages and asks for what would load them: ENVELOPE and
// BODYSTRUCTURE of all, BODY[] of one, BODY[TEXT]<partial> and a SEARCH
// BODY that reads every message to its end. The lab's heap (in process:
// the client streams what it reads) must grow by less than one message.
func TestIMAPMemoryStreamsMessages(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 40 MiB")
	}
	dir := t.TempDir()
	s, err := mailstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for n := range imapBigMessages {
		if _, err := s.Deliver([]string{"student"}, bigMessage(n+1)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	l, _ := startLab(t, func(cfg *Config) { cfg.Dir = dir })
	base, peak := heapDuring(func() {
		for range 3 {
			bigIMAPSession(t, l)
		}
	})
	t.Logf("heap in use: %.1f MiB before, peak %.1f MiB during 3 IMAP logins (%d × %d MiB)",
		mib(base), mib(peak), imapBigMessages, bigMessageBytes>>20)
	if growth := peak - base; growth >= bigMessageBytes {
		t.Errorf("heap grew by %.1f MiB, more than one message: the IMAP side holds messages whole", mib(growth))
	}
}

// bigIMAPSession is one login of TestIMAPMemoryStreamsMessages.
func bigIMAPSession(t *testing.T, l *Lab) {
	t.Helper()
	c := imapLogin(t, l, "imap", nil)
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	text := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierText, Peek: true,
		Partial: &imap.SectionPartial{Offset: 1 << 20, Size: 100}}
	streamFetch(t, c, imap.SeqSetNum(1, 2, 3, 4), &imap.FetchOptions{Envelope: true, RFC822Size: true,
		BodyStructure: &imap.FetchItemBodyStructure{Extended: true}, BodySection: []*imap.FetchItemBodySection{text}})
	streamFetch(t, c, imap.SeqSetNum(2), &imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{{Peek: true}}})
	data, err := c.Search(&imap.SearchCriteria{Body: []string{"the end of message 3"}}, nil).Wait()
	if err != nil || len(data.AllSeqNums()) != 1 || data.AllSeqNums()[0] != 3 {
		t.Errorf("SEARCH BODY: %v, %v", data.AllSeqNums(), err)
	}
	if err := c.Logout().Wait(); err != nil {
		t.Fatal(err)
	}
}

// streamFetch runs a FETCH and reads every literal to the end without
// keeping it; it fails the test on an error or a short body.
func streamFetch(t *testing.T, c *imapclient.Client, set imap.SeqSet, options *imap.FetchOptions) {
	t.Helper()
	cmd := c.Fetch(set, options)
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		for item := msg.Next(); item != nil; item = msg.Next() {
			if body, ok := item.(imapclient.FetchItemDataBodySection); ok && body.Literal != nil {
				n, err := io.Copy(io.Discard, body.Literal)
				if err != nil || n == 0 {
					t.Errorf("FETCH %v: %d bytes, %v", body.Section, n, err)
				}
			}
		}
	}
	if err := cmd.Close(); err != nil {
		t.Fatalf("FETCH: %v", err)
	}
}
