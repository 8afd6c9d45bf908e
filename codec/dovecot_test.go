package codec_test

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/codec"
)

// The lines the IMAP helpers build, tagged as the prompt will tag them,
// against the real Dovecot that scripts/mailservers.sh runs: its parser
// is the judge of the quoting, the SASL exchanges and modified UTF-7.

// imapServer is a raw IMAP connection to the e2e Dovecot, read line by line.
type imapServer struct {
	t    *testing.T
	conn net.Conn
	r    *bufio.Reader
	tag  int
}

// dialDovecot connects to MAILTUTOR_E2E_IMAP, or skips the test when the
// real servers are not asked for.
func dialDovecot(t *testing.T) (*imapServer, string, string) {
	t.Helper()
	raw, user, pass := os.Getenv("MAILTUTOR_E2E_IMAP"), os.Getenv("MAILTUTOR_E2E_USER"), os.Getenv("MAILTUTOR_E2E_PASS")
	if os.Getenv("MAILTUTOR_E2E") != "1" || raw == "" || user == "" || pass == "" {
		t.Skip("set MAILTUTOR_E2E=1 and MAILTUTOR_E2E_IMAP (scripts/mailservers.sh env) to run against Dovecot")
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("MAILTUTOR_E2E_IMAP %q: %v", raw, err)
	}
	conn, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
	if err != nil {
		t.Fatalf("dial Dovecot: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	s := &imapServer{t: t, conn: conn, r: bufio.NewReader(conn)}
	if greeting := s.line(); !strings.HasPrefix(greeting, "* OK") {
		t.Fatalf("greeting %q", greeting)
	}
	return s, user, pass
}

// line reads one response line without its CRLF.
func (s *imapServer) line() string {
	s.t.Helper()
	l, err := s.r.ReadString('\n')
	if err != nil {
		s.t.Fatalf("read from Dovecot: %v (so far %q)", err, l)
	}
	return strings.TrimRight(l, "\r\n")
}

// send writes one line as it is.
func (s *imapServer) send(line string) {
	s.t.Helper()
	if _, err := s.conn.Write([]byte(line + "\r\n")); err != nil {
		s.t.Fatalf("write to Dovecot: %v", err)
	}
}

// command tags exp as the prompt does, sends it and returns the untagged
// lines and the tagged one; it stops early at a "+" continuation,
// returned as the tagged line.
func (s *imapServer) command(exp codec.Expansion) (untagged []string, done string) {
	s.t.Helper()
	s.tag++
	tag := "a" + strconv.Itoa(s.tag)
	s.send(exp.WithTag(tag).Send)
	for {
		l := s.line()
		if strings.HasPrefix(l, tag+" ") || strings.HasPrefix(l, "+") {
			return untagged, strings.TrimPrefix(l, tag+" ")
		}
		untagged = append(untagged, l)
	}
}

// expand expands a typed line or fails the test.
func expand(t *testing.T, line string, ctx codec.Context) codec.Expansion {
	t.Helper()
	exp, err := codec.Expand(line, ctx)
	if err != nil {
		t.Fatalf("Expand(%q): %v", line, err)
	}
	return exp
}

// dovecotContext is the helpers' context for Dovecot: AUTHENTICATE, and
// SASL-IR as asked.
func dovecotContext(saslIR bool) codec.Context {
	return codec.Context{Protocol: "imap", SASLVerb: "AUTHENTICATE", SASLIR: saslIR}
}

func TestHelpersAgainstDovecot(t *testing.T) {
	t.Run(":login", func(t *testing.T) {
		s, user, pass := dialDovecot(t)
		if _, done := s.command(expand(t, ":login "+user+" "+pass, dovecotContext(false))); !strings.HasPrefix(done, "OK") {
			t.Fatalf("LOGIN: %q", done)
		}
	})
	t.Run(":plain with SASL-IR", func(t *testing.T) {
		s, user, pass := dialDovecot(t)
		exp := expand(t, ":plain "+user+" "+pass, dovecotContext(true))
		if _, done := s.command(exp); !strings.HasPrefix(done, "OK") || !strings.HasPrefix(exp.Send, "AUTHENTICATE PLAIN ") {
			t.Fatalf("%q: %q", exp.Display, done)
		}
	})
	t.Run(":plain without SASL-IR, then after the +", func(t *testing.T) {
		s, user, pass := dialDovecot(t)
		if _, plus := s.command(expand(t, ":plain "+user+" "+pass, dovecotContext(false))); strings.TrimSpace(plus) != "+" {
			t.Fatalf("bare AUTHENTICATE PLAIN: %q, want an empty challenge", plus)
		}
		open := dovecotContext(false)
		open.InSASL, open.Mechanism = true, "PLAIN"
		s.send(expand(t, ":plain "+user+" "+pass, open).Send)
		if done := s.line(); !strings.HasPrefix(done, "a1 OK") {
			t.Fatalf("PLAIN response: %q", done)
		}
	})
	t.Run(":cram", func(t *testing.T) {
		s, user, pass := dialDovecot(t)
		_, plus := s.command(expand(t, "AUTHENTICATE CRAM-MD5", dovecotContext(true)))
		open := dovecotContext(true)
		open.InSASL, open.Mechanism, open.Challenge = true, "CRAM-MD5", strings.TrimPrefix(plus, "+ ")
		s.send(expand(t, ":cram "+user+" "+pass, open).Send)
		if done := s.line(); !strings.HasPrefix(done, "a1 OK") {
			t.Fatalf("CRAM-MD5 response to %q: %q", plus, done)
		}
	})
	t.Run("quoted strings and modified UTF-7", func(t *testing.T) {
		s, user, pass := dialDovecot(t)
		if _, done := s.command(expand(t, ":login "+user+" "+pass, dovecotContext(false))); !strings.HasPrefix(done, "OK") {
			t.Fatalf("LOGIN: %q", done)
		}
		checkQuotedNames(t, s)
		checkMUTF7Mailbox(t, s)
	})
}

// checkQuotedNames selects mailboxes named with every character quoting
// is about: Dovecot must parse each (NO, it does not exist), not reject
// the line (BAD).
func checkQuotedNames(t *testing.T, s *imapServer) {
	t.Helper()
	for _, name := range []string{`no such "box"`, `back\slash`, "{5}", "(%*)", "a]b", `\`} {
		quoted, bad := codec.AString(name, false)
		if bad != "" {
			t.Fatalf("AString(%q): %s", name, bad)
		}
		if _, done := s.command(codec.Expansion{Send: "EXAMINE " + quoted}); !strings.HasPrefix(done, "NO") {
			t.Errorf("EXAMINE %s: %q, want NO (parsed, no such mailbox)", quoted, done)
		}
	}
}

// checkMUTF7Mailbox creates a mailbox named with {mutf7:}, finds it in
// LIST, decodes the name Dovecot lists, and deletes it.
func checkMUTF7Mailbox(t *testing.T, s *imapServer) {
	t.Helper()
	random := make([]byte, 4)
	rand.Read(random)
	name := "mt-" + hex.EncodeToString(random) + " 收件箱 & 已发送 台北 😀"
	create := expand(t, `CREATE "{mutf7:`+name+`}"`, dovecotContext(false))
	if _, done := s.command(create); !strings.HasPrefix(done, "OK") {
		t.Fatalf("%s: %q", create.Send, done)
	}
	encoded := codec.EncodeMUTF7(name)
	t.Cleanup(func() { s.command(codec.Expansion{Send: `DELETE "` + encoded + `"`}) })
	listed, done := s.command(codec.Expansion{Send: `LIST "" "` + encoded + `"`})
	if !strings.HasPrefix(done, "OK") || len(listed) != 1 || !strings.HasSuffix(listed[0], ` "`+encoded+`"`) {
		t.Fatalf("LIST of %q: %q, %q", encoded, listed, done)
	}
	line := listed[0]
	listedName := line[strings.LastIndex(line[:len(line)-1], `"`)+1 : len(line)-1]
	decoded, err := codec.DecodeMUTF7(listedName)
	if err != nil || decoded != name {
		t.Fatalf("DecodeMUTF7(%q) = %q, %v; want %q", listedName, decoded, err, name)
	}
}
