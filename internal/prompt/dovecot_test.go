package prompt

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/smtp"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/internal/render"
	"github.com/mailtutor/mailtutor/internal/testkit"
	"github.com/mailtutor/mailtutor/session"
)

// The IMAP prompt against the real Dovecot (and Postfix, for a delivery
// during IDLE) that scripts/mailservers.sh runs on loopback.

// e2eEnv is what the tests need of the real servers.
type e2eEnv struct {
	imap, imaps, smtp, ca, user, pass string
}

// needDovecot skips the test unless the real servers are asked for.
func needDovecot(t *testing.T) e2eEnv {
	t.Helper()
	e := e2eEnv{imap: os.Getenv("MAILTUTOR_E2E_IMAP"), imaps: os.Getenv("MAILTUTOR_E2E_IMAPS"),
		smtp: os.Getenv("MAILTUTOR_E2E_SMTP"), ca: os.Getenv("MAILTUTOR_E2E_CA"),
		user: os.Getenv("MAILTUTOR_E2E_USER"), pass: os.Getenv("MAILTUTOR_E2E_PASS")}
	if os.Getenv("MAILTUTOR_E2E") != "1" || e.imap == "" || e.user == "" {
		t.Skip("set MAILTUTOR_E2E=1 and MAILTUTOR_E2E_IMAP (scripts/mailservers.sh env) to run against Dovecot")
	}
	return e
}

// urlRunner is a runner on a session with the server at rawURL.
func urlRunner(t *testing.T, rawURL, ca string) (*Runner, *testkit.SyncBuffer) {
	t.Helper()
	target, err := session.ParseURL(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	s, err := session.Dial(context.Background(), target, session.Options{Timeout: 5 * time.Second, CAFile: ca})
	if err != nil {
		t.Fatal(err)
	}
	out := &testkit.SyncBuffer{}
	return &Runner{Session: s, Render: render.New(out, false, false)}, out
}

// uniqueFolder is a folder name no other run uses, starting with prefix;
// Dovecot deletes it when the test ends, whatever happened.
func uniqueFolder(t *testing.T, e e2eEnv, prefix string) string {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	name := prefix + hex.EncodeToString(b)
	t.Cleanup(func() { deleteFolder(t, e, codec.EncodeMUTF7(name)) })
	return name
}

// deleteFolder logs in with a raw connection and deletes a folder; a
// folder that does not exist is fine.
func deleteFolder(t *testing.T, e e2eEnv, name string) {
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(e.imap, "imap://"), 5*time.Second)
	if err != nil {
		t.Errorf("clean up %s: %v", name, err)
		return
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "c1 LOGIN %s %s\r\nc2 DELETE %s\r\nc3 LOGOUT\r\n", e.user, e.pass, name)
	sc := bufio.NewScanner(conn)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "c3 ") {
			return
		}
	}
}

// deliver sends a message to the test account through Postfix, in plain
// text (the test server's certificate is not the point here).
func deliver(t *testing.T, e e2eEnv, subject string) {
	t.Helper()
	c, err := smtp.Dial(strings.TrimPrefix(e.smtp, "smtp://"))
	if err != nil {
		t.Fatalf("dial Postfix: %v", err)
	}
	defer c.Close()
	rcpt := e.user + "@example.test"
	if err := c.Mail("idle@example.test"); err != nil {
		t.Fatal(err)
	}
	if err := c.Rcpt(rcpt); err != nil {
		t.Fatal(err)
	}
	w, err := c.Data()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(w, "Subject: %s\r\nTo: <%s>\r\n\r\ndelivered while idling\r\n", subject, rcpt)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	c.Quit()
}

// runIMAPScript runs script on a new session with Dovecot and returns
// what was shown.
func runIMAPScript(t *testing.T, rawURL, ca, script string) string {
	t.Helper()
	r, out := urlRunner(t, rawURL, ca)
	if err := r.RunScript(strings.NewReader(script)); err != nil {
		t.Fatalf("RunScript: %v\n%s", err, out)
	}
	return out.String()
}

// requireShown fails unless every want is in the output.
func requireShown(t *testing.T, out string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Errorf("the output lacks %q:\n%s", w, out)
		}
	}
}

// fetchAll returns every message of a folder (its name as on the wire)
// byte for byte, read by a raw connection of its own.
func fetchAll(t *testing.T, e e2eEnv, folder string) []string {
	t.Helper()
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(e.imap, "imap://"), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "f1 LOGIN %s %s\r\nf2 EXAMINE %s\r\nf3 FETCH 1:* BODY.PEEK[]\r\nf4 LOGOUT\r\n", e.user, e.pass, folder)
	br := bufio.NewReader(conn)
	var msgs []string
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("fetch %s: %v (got %q)", folder, err, msgs)
		}
		if strings.HasPrefix(line, "f4 ") {
			return msgs
		}
		var n int
		if i := strings.LastIndex(line, "{"); i >= 0 && strings.HasSuffix(line, "}\r\n") {
			if _, err := fmt.Sscanf(line[i:], "{%d}", &n); err == nil {
				buf := make([]byte, n)
				if _, err := io.ReadFull(br, buf); err != nil {
					t.Fatal(err)
				}
				msgs = append(msgs, string(buf))
			}
		}
	}
}

// removeDelivered deletes the messages of the test account's INBOX whose
// subject holds token (UIDPLUS: only those are expunged).
func removeDelivered(t *testing.T, e e2eEnv, token string) {
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(e.imap, "imap://"), 5*time.Second)
	if err != nil {
		t.Errorf("clean up the INBOX: %v", err)
		return
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "r1 LOGIN %s %s\r\nr2 SELECT INBOX\r\nr3 UID SEARCH SUBJECT %s\r\n", e.user, e.pass, token)
	sc := bufio.NewScanner(conn)
	var uids []string
	for sc.Scan() && !strings.HasPrefix(sc.Text(), "r3 ") {
		if rest, ok := strings.CutPrefix(sc.Text(), "* SEARCH"); ok {
			uids = strings.Fields(rest)
		}
	}
	if len(uids) > 0 {
		set := strings.Join(uids, ",")
		fmt.Fprintf(conn, "r4 UID STORE %s +FLAGS.SILENT (\\Deleted)\r\nr5 UID EXPUNGE %s\r\n", set, set)
	}
	fmt.Fprintf(conn, "r6 LOGOUT\r\n")
	for sc.Scan() && !strings.HasPrefix(sc.Text(), "r6 ") {
	}
}
