package lab

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
)

// imapLogin dials a lab IMAP service with go-imap's client (imaps: over
// implicit TLS trusting the lab's certificate) and logs in as student.
func imapLogin(t *testing.T, l *Lab, service string, opts *imapclient.Options) *imapclient.Client {
	t.Helper()
	if opts == nil {
		opts = &imapclient.Options{}
	}
	opts.TLSConfig = clientTLS(t, l)
	var c *imapclient.Client
	var err error
	if service == "imaps" {
		c, err = imapclient.DialTLS(addr(t, l, service), opts)
	} else {
		c, err = imapclient.DialInsecure(addr(t, l, service), opts)
	}
	if err != nil {
		t.Fatalf("dial %s: %v", service, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	if err := c.Login("student@example.test", "secret123").Wait(); err != nil {
		t.Fatalf("%s LOGIN: %v", service, err)
	}
	return c
}

// submit sends a message to student by the lab's MX.
func submit(t *testing.T, l *Lab, subject string) {
	t.Helper()
	c := smtpClient(t, addr(t, l, "smtp"), nil)
	body := "From: teacher@example.test\r\nTo: student@example.test\r\nSubject: " + subject + "\r\n\r\nHello.\r\n"
	if err := sendMail(c, "teacher@example.test", []string{"student@example.test"}, []byte(body)); err != nil {
		t.Fatalf("send by SMTP: %v", err)
	}
}

func TestIMAPSeesWhatSMTPDelivered(t *testing.T) {
	l, _ := startLab(t, nil)
	submit(t, l, "by smtp")
	for _, service := range []string{"imap", "imaps"} {
		c := imapLogin(t, l, service, nil)
		if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
			t.Fatalf("%s EXAMINE: %v", service, err)
		}
		msgs, err := c.Fetch(imap.SeqSetNum(1), &imap.FetchOptions{Envelope: true}).Collect()
		if err != nil || len(msgs) != 1 || msgs[0].Envelope.Subject != "by smtp" {
			t.Errorf("%s FETCH ENVELOPE: %+v, %v", service, msgs, err)
		}
	}
}

func TestIMAPStartTLSAndAuthenticate(t *testing.T) {
	l, _ := startLab(t, nil)
	c, err := imapclient.DialStartTLS(addr(t, l, "imap"), &imapclient.Options{TLSConfig: clientTLS(t, l)})
	if err != nil {
		t.Fatalf("STARTTLS: %v", err)
	}
	defer c.Close()
	if err := c.Authenticate(cramClient{"student", "secret123"}); err != nil {
		t.Fatalf("AUTHENTICATE CRAM-MD5 over STARTTLS: %v", err)
	}
	for _, mech := range []sasl.Client{sasl.NewPlainClient("", "teacher", "teach456"), sasl.NewLoginClient("teacher", "teach456")} {
		c, err := imapclient.DialInsecure(addr(t, l, "imap"), nil)
		if err != nil {
			t.Fatal(err)
		}
		name, _, _ := mech.Start()
		if err := c.Authenticate(mech); err != nil {
			t.Errorf("AUTHENTICATE %s in clear on loopback: %v", name, err)
		}
		_ = c.Close()
	}
	bad, err := imapclient.DialInsecure(addr(t, l, "imap"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bad.Close()
	err = bad.Authenticate(sasl.NewPlainClient("", "student", "nope"))
	if e, ok := err.(*imap.Error); !ok || e.Code != imap.ResponseCodeAuthenticationFailed {
		t.Errorf("AUTHENTICATE with a wrong password: %v, want [AUTHENTICATIONFAILED]", err)
	}
}

func TestIMAPIdleSeesSMTPDelivery(t *testing.T) {
	l, _ := startLab(t, nil)
	exists := make(chan uint32, 4)
	c := imapLogin(t, l, "imap", &imapclient.Options{UnilateralDataHandler: &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				exists <- *d.NumMessages
			}
		},
	}})
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	idle, err := c.Idle()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	submit(t, l, "live")
	select {
	case n := <-exists:
		if n != 1 {
			t.Errorf("* %d EXISTS, want 1", n)
		}
		t.Logf("EXISTS %v after the end of DATA", time.Since(start))
	case <-time.After(time.Second):
		t.Error("IDLE saw no EXISTS within a second of the SMTP delivery")
	}
	if err := idle.Close(); err != nil {
		t.Fatal(err)
	}
	if err := idle.Wait(); err != nil {
		t.Fatal(err)
	}
}

func TestIMAPAndPOP3ShareOneStore(t *testing.T) {
	l, _ := startLab(t, nil)
	submit(t, l, "one")
	submit(t, l, "two")
	expunges := make(chan uint32, 4)
	c := imapLogin(t, l, "imap", &imapclient.Options{UnilateralDataHandler: &imapclient.UnilateralDataHandler{
		Expunge: func(seq uint32) { expunges <- seq },
	}})
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	p := dialRaw(t, addr(t, l, "pop3"), nil)
	for _, line := range []string{"", "USER student", "PASS secret123", "DELE 1", "QUIT"} {
		if line != "" {
			p.send(line)
		}
		if got := p.line(); !strings.HasPrefix(got, "+OK") {
			t.Fatalf("POP3 %q: %q", line, got)
		}
	}
	if err := c.Noop().Wait(); err != nil {
		t.Fatal(err)
	}
	select {
	case seq := <-expunges:
		if seq != 1 {
			t.Errorf("* %d EXPUNGE after POP3 DELE 1, want 1", seq)
		}
	default:
		t.Error("NOOP told nothing of the POP3 deletion")
	}
	if err := c.Store(imap.SeqSetNum(1), &imap.StoreFlags{Op: imap.StoreFlagsAdd,
		Flags: []imap.Flag{imap.FlagDeleted}, Silent: true}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Expunge().Collect(); err != nil {
		t.Fatal(err)
	}
	if n := len(l.Mailbox("student")); n != 0 {
		t.Errorf("after IMAP EXPUNGE the mailbox POP3 sees has %d messages, want 0", n)
	}
}

func TestIMAPGreetingAndFolders(t *testing.T) {
	l, _ := startLab(t, nil)
	c := dialRaw(t, addr(t, l, "imap"), nil)
	greeting := c.line()
	for _, want := range []string{"* OK [CAPABILITY IMAP4rev1 ", " ID ", " STARTTLS ", "AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5]", "mailtutor lab IMAP ready."} {
		if !strings.Contains(greeting, want) {
			t.Errorf("greeting %q lacks %q", greeting, want)
		}
	}
	cl := imapLogin(t, l, "imap", nil)
	boxes, err := cl.List("", "%", nil).Collect()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, b := range boxes {
		names = append(names, b.Mailbox)
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"Drafts", "INBOX", "Sent", "Trash"}) {
		t.Errorf("folders at first login: %v", names)
	}
}
