package protocol

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
)

// dovecotConn drives an IMAP framer over a real connection, reading as the
// session does: lines, and raw bytes while a literal is owed.
type dovecotConn struct {
	t     *testing.T
	conn  net.Conn
	br    *bufio.Reader
	f     *imapFramer
	drain int      // Drain when Held() reaches it; 0 never
	parts []string // what Drain handed out since the last reply
}

// dialDovecot connects to the CI servers' Dovecot IMAP (scripts/mailservers.sh)
// and reads its greeting; it skips unless MAILTUTOR_E2E=1.
func dialDovecot(t *testing.T) *dovecotConn {
	t.Helper()
	raw := os.Getenv("MAILTUTOR_E2E_IMAP")
	if os.Getenv("MAILTUTOR_E2E") != "1" || raw == "" {
		t.Skip("needs the CI mail servers: eval \"$(scripts/mailservers.sh env)\"")
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	d := &dovecotConn{t: t, conn: conn, br: bufio.NewReader(conn), f: newIMAPFramer()}
	if g := d.next(); g.Pending || g.Status != "OK" || !d.f.State().Offers("IMAP4rev1") {
		t.Fatalf("greeting %s", summary(g))
	}
	return d
}

// send writes a client line after telling the framer.
func (d *dovecotConn) send(line string, want Expected) {
	d.t.Helper()
	if got := d.f.Expect(line); got != want {
		d.t.Fatalf("Expect(%q) = %+v, want %+v", line, got, want)
	}
	if _, err := io.WriteString(d.conn, line+"\r\n"); err != nil {
		d.t.Fatal(err)
	}
}

// next reads until the framer completes a reply, which must have no problem.
func (d *dovecotConn) next() *Reply {
	d.t.Helper()
	buf := make([]byte, 4096)
	for {
		var r *Reply
		if n := d.f.Literal(); n > 0 {
			k, err := d.br.Read(buf[:min(int64(len(buf)), n)])
			if err != nil {
				d.t.Fatalf("reading a literal: %v (partial %q)", err, d.f.Partial())
			}
			r = d.f.FeedLiteral(buf[:k])
		} else {
			line, err := d.br.ReadString('\n')
			if err != nil {
				d.t.Fatalf("reading: %v (partial %q)", err, d.f.Partial())
			}
			r = d.f.Feed(strings.TrimSuffix(line, "\r\n"), CRLF)
		}
		if r != nil {
			if r.Problems != nil {
				d.t.Fatalf("%s: %q", summary(r), r.Problems)
			}
			return r
		}
		if d.drain > 0 && d.f.Held() >= d.drain {
			d.parts = append(d.parts, d.f.Drain()...)
		}
	}
}

// until reads replies up to the completion of tag and returns them all.
func (d *dovecotConn) until(tag string) []*Reply {
	d.t.Helper()
	var out []*Reply
	for {
		r := d.next()
		out = append(out, r)
		if r.Tag == tag {
			if r.Status != "OK" {
				d.t.Fatalf("%s", summary(r))
			}
			return out
		}
	}
}

// TestIMAPFramerAgainstDovecot frames a real Dovecot conversation: a login
// sent as two literals, a folder with a Chinese name, APPEND with a
// literal, FETCH of the message whole (drained as it comes) and in two
// literals, IDLE and LOGOUT. The folder is removed at the end.
func TestIMAPFramerAgainstDovecot(t *testing.T) {
	d := dialDovecot(t)
	user, pass := os.Getenv("MAILTUTOR_E2E_USER"), os.Getenv("MAILTUTOR_E2E_PASS")
	d.send(fmt.Sprintf("a1 LOGIN {%d}", len(user)), Expected{})
	if r := d.next(); r.Tag != "+" || d.f.State().Input != InputLiteral {
		t.Fatalf("%s", summary(r))
	}
	d.send(fmt.Sprintf("%s {%d}", user, len(pass)), continues)
	d.next()
	if red, _, _ := redactIMAP(pass, d.f.State()); red != Redacted {
		t.Fatalf("the password literal redacted as %q", red)
	}
	d.send(pass, continues)
	if rs := d.until("a1"); !d.f.State().LoggedIn || strings.Contains(rs[len(rs)-1].Command, pass) {
		t.Fatalf("login: %s", summary(rs[len(rs)-1]))
	}

	b := make([]byte, 4)
	rand.Read(b)
	folder := "mailtutor-core-" + hex.EncodeToString(b) + "-&ZTZO9nux-"
	d.send("a2 CREATE "+folder, Expected{})
	d.until("a2")
	t.Cleanup(func() { // best effort: the folder goes even when the test fails
		fmt.Fprintf(d.conn, "z1 DELETE %s\r\n", folder)
	})
	var msg strings.Builder
	msg.WriteString("From: a@example.test\r\nSubject: framer\r\n\r\n")
	for i := range 300 {
		fmt.Fprintf(&msg, "line %d %s\r\n", i, strings.Repeat("x", i%90))
	}
	d.send(fmt.Sprintf("a3 APPEND %s {%d}", folder, msg.Len()), Expected{})
	d.next() // "+ OK"
	for _, l := range strings.SplitAfter(msg.String(), "\r\n") {
		if l != "" {
			d.send(strings.TrimSuffix(l, "\r\n"), continues)
		}
	}
	d.send("", continues)
	d.until("a3")

	d.send(`a4 LIST "" "`+folder+`"`, Expected{})
	if list := d.until("a4"); !strings.HasSuffix(DisplayMailbox(list[0].Text), "-收件箱") {
		t.Errorf("LIST %q decodes to %q", list[0].Text, DisplayMailbox(list[0].Text))
	}
	d.send("a5 SELECT "+folder, Expected{})
	d.until("a5")
	if st := d.f.State(); st.Mailbox != folder || st.ReadOnly {
		t.Errorf("selected %q, read-only %v", st.Mailbox, st.ReadOnly)
	}

	d.drain = 256
	d.send("a6 FETCH 1 BODY.PEEK[]", Expected{})
	fetch := d.until("a6")[0]
	lines := append(d.parts[1:], fetch.Lines[1:]...)
	if body := strings.Join(lines, "\r\n"); body != msg.String()+")" || !fetch.Drained {
		t.Errorf("FETCH BODY[] framed %d lines, drained %v; not the message", len(lines), fetch.Drained)
	}
	d.drain, d.parts = 0, nil
	d.send("a7 FETCH 1 (BODY.PEEK[HEADER] BODY.PEEK[TEXT])", Expected{})
	two := d.until("a7")[0]
	if got := strings.Join(two.Lines, "\r\n"); strings.Count(got, "{") != 2 || !strings.Contains(got, "line 299 ") {
		t.Errorf("two literals framed as %q…", two.Lines[:3])
	}

	d.send("a8 IDLE", Expected{})
	d.next()
	if d.f.State().Input != InputIdle {
		t.Fatalf("not idling: %+v", d.f.State())
	}
	d.send("DONE", continues)
	d.until("a8")
	d.send("a9 CLOSE", Expected{})
	d.until("a9")
	d.send("b1 DELETE "+folder, Expected{})
	d.until("b1")
	d.send("b2 LOGOUT", Expected{})
	if rs := d.until("b2"); rs[0].Status != "BYE" || rs[0].Tone != TonePositive || !d.f.State().Ended {
		t.Errorf("logout: %s", summary(rs[0]))
	}
}
