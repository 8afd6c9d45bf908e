package lessons

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// imapQuiet is a quiet IMAP session of the lesson's setup: it logs in,
// looks into INBOX and leaves, showing nothing.
type imapQuiet struct {
	c *liveConn
	n int // commands sent, for the tags q1, q2, …
}

// dialIMAP connects to srv and logs in as acct (LOGIN, quoted as needed).
func dialIMAP(srv Server, acct Account, timeout time.Duration) (*imapQuiet, error) {
	c, err := dialLive(srv, quiet(), timeout)
	if err != nil {
		return nil, err
	}
	q := &imapQuiet{c: c}
	rep, err := c.reply("", false)
	if err == nil && rep.Status != "OK" {
		err = fmt.Errorf("greeting: the server answered %q", firstOf(rep))
	}
	if err == nil {
		var exp codec.Expansion
		if exp, err = codec.Expand(":login "+acct.User+" "+acct.Password, c.context()); err == nil {
			_, err = q.cmd(exp.Send, true)
		}
	}
	if err != nil {
		c.close()
		return nil, err
	}
	return q, nil
}

// cmd sends one command and returns the untagged responses before its
// completion, which must be OK.
func (q *imapQuiet) cmd(line string, secret bool) ([]*protocol.Reply, error) {
	q.n++
	tag := "q" + strconv.Itoa(q.n)
	if err := q.c.send(codec.Expansion{Send: tag + " " + line, Secret: secret}); err != nil {
		return nil, err
	}
	var data []*protocol.Reply
	for {
		rep, err := q.c.reply("", false)
		if err != nil {
			return nil, err
		}
		if rep.Tag != tag {
			data = append(data, rep)
			continue
		}
		if rep.Status != "OK" {
			return nil, fmt.Errorf("%s: the server answered %q", protocol.Verb(line), firstOf(rep))
		}
		return data, nil
	}
}

// close logs out and ends the connection.
func (q *imapQuiet) close() {
	q.cmd("LOGOUT", false) //nolint:errcheck // the connection ends either way
	q.c.close()
}

// exists examines INBOX and returns the number of messages in it.
func (q *imapQuiet) exists() (int, error) {
	data, err := q.cmd("EXAMINE INBOX", false)
	if err != nil {
		return 0, err
	}
	for _, rep := range data {
		if rep.Status == "EXISTS" {
			return strconv.Atoi(firstWord(rep.Text))
		}
	}
	return 0, fmt.Errorf("EXAMINE INBOX: the server sent no EXISTS")
}

var fetchUID = regexp.MustCompile(`(?i)\bUID ([0-9]+)`)

// uids returns the UIDs of the messages of INBOX from number first on, in
// order; INBOX must be examined.
func (q *imapQuiet) uids(first int) ([]int, error) {
	data, err := q.cmd("FETCH "+strconv.Itoa(first)+":* (UID)", false)
	if err != nil {
		return nil, err
	}
	type msg struct{ seq, uid int }
	var found []msg
	for _, rep := range data {
		m := fetchUID.FindStringSubmatch(firstOf(rep))
		seq, err := strconv.Atoi(firstWord(rep.Text))
		if rep.Status != "FETCH" || m == nil || err != nil || seq < first {
			continue
		}
		uid, _ := strconv.Atoi(m[1])
		found = append(found, msg{seq, uid})
	}
	sort.Slice(found, func(i, j int) bool { return found[i].seq < found[j].seq })
	out := make([]int, len(found))
	for i, f := range found {
		out[i] = f.uid
	}
	return out, nil
}

// imapCount is the number of messages in INBOX.
func imapCount(srv Server, acct Account, timeout time.Duration) (int, error) {
	q, err := dialIMAP(srv, acct, timeout)
	if err != nil {
		return 0, err
	}
	defer q.close()
	return q.exists()
}

// imapUIDs returns the UIDs of the messages of INBOX from number first on.
func imapUIDs(srv Server, acct Account, timeout time.Duration, first int) ([]int, error) {
	q, err := dialIMAP(srv, acct, timeout)
	if err != nil {
		return nil, err
	}
	defer q.close()
	n, err := q.exists()
	if err != nil || n < first {
		return nil, err
	}
	return q.uids(first)
}

// serverProtocol is the protocol of a server's URL.
func serverProtocol(srv Server) protocol.Protocol {
	t, err := session.ParseURL(srv.URL)
	if err != nil {
		return ""
	}
	return t.Protocol
}

// firstWord is the first word of the text of untagged data: the number
// of "* 3 FETCH (…)".
func firstWord(text string) string {
	w, _, _ := strings.Cut(text, " ")
	return w
}
