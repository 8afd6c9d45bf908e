package lessons

import (
	"fmt"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/protocol"
)

// setup delivers the lesson's letters through the smtp service, quietly.
// When the lesson reads them over POP3 or IMAP, it first counts the
// messages already in the mailbox (so that {msg:1} is the first letter
// delivered here) and afterwards waits until the letters have arrived: a
// real server queues mail and delivers it a moment later. Over IMAP it
// then notes their UIDs, for {uid:K}.
func (r *runner) setup() error {
	if len(r.l.Setup) == 0 {
		return nil
	}
	lang := r.o.Lang
	srv, ok := r.o.Servers["smtp"]
	if !ok {
		r.out.Info(msg(lang, "setupSkip", len(r.l.Setup)))
		return nil
	}
	box, hasBox := r.mailboxServer()
	before := -1
	if hasBox {
		if n, err := countMessages(box, r.acct, r.o.Timeout); err == nil {
			before = n
		}
	}
	for i, m := range r.l.Setup {
		if err := deliver(srv, m, r.acct, r.o.Timeout); err != nil {
			return fmt.Errorf("lesson setup, message %d: %w", i+1, err)
		}
	}
	r.out.Info(msg(lang, "setup", len(r.l.Setup)))
	imap := hasBox && serverProtocol(box) == protocol.IMAP
	switch {
	case before > 0:
		r.firstMsg = before + 1
		r.out.Info(msg(lang, "setupOthers", before, r.firstMsg))
	case before < 0 && imap:
		r.out.Notice(msg(lang, "setupUncountedIMAP"))
	case before < 0 && hasBox:
		r.out.Notice(msg(lang, "setupUncounted"))
	}
	if before >= 0 && !r.waitDelivered(box, before+len(r.l.Setup)) {
		r.out.Notice(msg(lang, "setupSlow"))
	}
	if before >= 0 && imap {
		if uids, err := imapUIDs(box, r.acct, r.o.Timeout, before+1); err == nil && len(uids) >= len(r.l.Setup) {
			r.uids = uids[:len(r.l.Setup)]
		}
	}
	return nil
}

// mailboxServer is the server of the lesson's first POP3 or IMAP part,
// where the setup's letters are read, if it has one.
func (r *runner) mailboxServer() (Server, bool) {
	for _, p := range r.l.Parts {
		if proto, _ := ServiceProtocol(p.Service); proto == protocol.POP3 || proto == protocol.IMAP {
			srv, ok := r.o.Servers[p.Service]
			return srv, ok
		}
	}
	return Server{}, false
}

// waitDelivered waits (up to the timeout) until the mailbox holds want
// messages; it reports whether it does.
func (r *runner) waitDelivered(box Server, want int) bool {
	deadline := time.Now().Add(r.o.Timeout)
	for {
		n, err := countMessages(box, r.acct, r.o.Timeout)
		if err == nil && n >= want {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// countMessages is the number of messages in the mailbox of srv: over
// IMAP in INBOX (imapCount); over POP3 it logs in (USER and PASS), asks
// STAT and leaves with QUIT, quietly.
func countMessages(srv Server, acct Account, timeout time.Duration) (int, error) {
	if serverProtocol(srv) == protocol.IMAP {
		return imapCount(srv, acct, timeout)
	}
	c, err := dialLive(srv, quiet(), timeout)
	if err != nil {
		return 0, err
	}
	defer c.close()
	if err := c.wantOK(""); err != nil {
		return 0, err
	}
	for _, line := range []string{"USER " + acct.User, "PASS " + acct.Password} {
		if err := c.wantOK(line); err != nil {
			return 0, err
		}
	}
	if err := c.send(codec.Expansion{Send: "STAT"}); err != nil {
		return 0, err
	}
	rep, err := c.reply("", false)
	if err != nil {
		return 0, err
	}
	var n, size int
	if _, err := fmt.Sscanf(rep.Text, "%d %d", &n, &size); rep.Tone != protocol.TonePositive || err != nil {
		return 0, fmt.Errorf("STAT: the server answered %q", rep.Lines[0])
	}
	return n, c.wantOK("QUIT") // the maildrop stays locked until QUIT is answered
}

// wantOK sends line (none when "") and wants a positive reply (+OK).
func (c *liveConn) wantOK(line string) error {
	if line != "" {
		if err := c.send(codec.Expansion{Send: line}); err != nil {
			return err
		}
	}
	rep, err := c.reply("", false)
	if err != nil {
		return err
	}
	if rep.Tone != protocol.TonePositive {
		what, _, _ := strings.Cut(line, " ")
		return fmt.Errorf("%s: the server answered %q", what, rep.Lines[0])
	}
	return nil
}

// deliver sends one letter in a plain SMTP session and checks every reply.
func deliver(srv Server, m Letter, acct Account, timeout time.Duration) error {
	c, err := dialLive(srv, quiet(), timeout)
	if err != nil {
		return err
	}
	defer c.close()
	want := func(tone protocol.Tone, what string) error {
		rep, err := c.reply("", false)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if rep.Tone != tone {
			return fmt.Errorf("%s: the server answered %q", what, rep.Lines[0])
		}
		return nil
	}
	if err := want(protocol.TonePositive, "greeting"); err != nil {
		return err
	}
	// the letter's delivery script: lines handed to the SMTP dialect, and
	// the tone each reply must have (DATA: go on with the body)
	steps := []struct {
		line string
		tone protocol.Tone
	}{
		{"EHLO lesson.setup", protocol.TonePositive},
		{"MAIL FROM:<" + fillAccount(m.From, acct) + ">", protocol.TonePositive},
		{"RCPT TO:<" + fillAccount(m.To, acct) + ">", protocol.TonePositive},
		{"DATA", protocol.ToneIntermediate},
	}
	for _, s := range steps {
		if err := c.send(codec.Expansion{Send: s.line}); err != nil {
			return err
		}
		if err := want(s.tone, s.line); err != nil {
			return err
		}
	}
	if err := c.sendData(bodyLines(fillAccount(m.Body, acct))); err != nil {
		return err
	}
	if err := want(protocol.TonePositive, "end of DATA"); err != nil {
		return err
	}
	return c.send(codec.Expansion{Send: "QUIT"})
}

// deliverNow delivers the message of a deliver step through the smtp
// service while the part's connection stays open; offline it says what
// would happen.
func (r *runner) deliverNow(s *Step) error {
	lang, subject := r.o.Lang, subjectOf(s.Deliver.Body)
	srv, ok := r.o.Servers["smtp"]
	switch {
	case r.o.Offline:
		r.out.Info(msg(lang, "deliverOffline", subject))
	case !ok:
		r.out.Notice(msg(lang, "deliverNoSMTP", subject))
		return nil
	default:
		if err := deliver(srv, *s.Deliver, r.acct, r.o.Timeout); err != nil {
			return fmt.Errorf("deliver the lesson's message %q: %w", subject, err)
		}
		r.out.Info(msg(lang, "delivered", subject))
	}
	r.showNotice(s)
	return nil
}

// subjectOf is the text of the Subject header of a letter's body, or "".
func subjectOf(body string) string {
	for _, line := range strings.Split(body, "\n") {
		if line == "" {
			break
		}
		if name, value, ok := strings.Cut(line, ":"); ok && strings.EqualFold(name, "Subject") {
			return strings.TrimSpace(value)
		}
	}
	return ""
}
