package lab

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

// seed delivers messages to a user through the lab's MX with go-smtp's
// client.
func seed(t *testing.T, l *Lab, user string, messages ...string) {
	t.Helper()
	c := smtpClient(t, addr(t, l, "smtp"), nil)
	for _, msg := range messages {
		if err := sendMail(c, "seed@other.test", []string{user + "@example.test"}, []byte(msg)); err != nil {
			t.Fatalf("seed %s: %v", user, err)
		}
	}
	if err := c.Quit(); err != nil {
		t.Fatal(err)
	}
}

// pop3Step is one POP3 command, the first line of its response and, for a
// multi-line response, the body lines as they appear on the wire.
type pop3Step struct {
	send  string
	want  string
	lines []string // nil: single-line response
}

// runPOP3 plays a POP3 script.
func runPOP3(t *testing.T, c *rawClient, steps []pop3Step) {
	t.Helper()
	for _, s := range steps {
		c.cmd(s.send, s.want)
		if s.lines == nil {
			continue
		}
		got := string(c.dotBody())
		want := ""
		if len(s.lines) > 0 {
			want = strings.Join(s.lines, "\r\n") + "\r\n"
		}
		if got != want {
			t.Fatalf("%q body:\n%q\nwant:\n%q", s.send, got, want)
		}
	}
}

// pop3Login opens a POP3 session and logs in with USER/PASS.
func pop3Login(t *testing.T, l *Lab, user, password string) *rawClient {
	t.Helper()
	c := dialRaw(t, addr(t, l, "pop3"), nil)
	c.line()
	runPOP3(t, c, []pop3Step{{"USER " + user, "+OK", nil}, {"PASS " + password, "+OK Logged in.", nil}})
	return c
}

func TestPOP3Greeting(t *testing.T) {
	l, _ := startLab(t, nil)
	c := dialRaw(t, addr(t, l, "pop3"), nil)
	first := c.line()
	if !regexp.MustCompile(`^\+OK mailtutor lab POP3 ready <\d+\.\d+@mail\.example\.test>$`).MatchString(first) {
		t.Fatalf("greeting %q", first)
	}
	other := dialRaw(t, addr(t, l, "pop3"), nil).line()
	if greetingTimestamp(t, first) == greetingTimestamp(t, other) {
		t.Errorf("two sessions got the same APOP timestamp %q", greetingTimestamp(t, first))
	}
}

func TestPOP3EveryCommand(t *testing.T) {
	l, _ := startLab(t, func(cfg *Config) { cfg.MaxErrors = 100 })
	m1 := "Subject: one\r\n\r\nhello\r\n"
	m2 := "Subject: two\r\nX-Long: yes\r\n\r\nline1\r\n.dotted\r\n.\r\nline4\r\n"
	m3 := "Subject: three\r\n\r\nbye\r\n"
	seed(t, l, "student", m1, m2, m3)
	box := l.Mailbox("student")
	if len(box) != 3 {
		t.Fatalf("seeded %d messages, want 3", len(box))
	}
	all := boxSize(t, l, "student")
	s1, s2, s3 := len(box[0].Data), len(box[1].Data), len(box[2].Data)
	c := dialRaw(t, addr(t, l, "pop3"), nil)
	c.line()
	runPOP3(t, c, []pop3Step{
		{"CAPA", "+OK", []string{"TOP", "USER", "UIDL", "RESP-CODES", "AUTH-RESP-CODE",
			"PIPELINING", "STLS", "SASL PLAIN LOGIN CRAM-MD5", "IMPLEMENTATION mailtutor-lab"}},
		{"STAT", "-ERR STAT not allowed in AUTHORIZATION state", nil},
		{"NOOP", "-ERR NOOP not allowed in AUTHORIZATION state", nil},
		{"XTND", "-ERR Unknown command.", nil}, // Dovecot's login process names no command
		{"PASS secret123", "-ERR No username given.", nil},
		{"USER", "-ERR Syntax: USER <name>", nil},
		{"USER student", "+OK", nil},
		{"PASS wrong", "-ERR [AUTH] Authentication failed.", nil},
		{"PASS secret123", "-ERR No username given.", nil}, // a failed PASS forgets the USER
		{"user Student@Example.Test", "+OK", nil},
		{"pass secret123", "+OK Logged in.", nil},
		{"USER student", "-ERR USER not allowed in TRANSACTION state", nil},
		{"STAT", fmt.Sprintf("+OK 3 %d", all), nil},
		{"LIST", "+OK 3 messages:",
			[]string{fmt.Sprintf("1 %d", s1), fmt.Sprintf("2 %d", s2), fmt.Sprintf("3 %d", s3)}},
		{"LIST 2", fmt.Sprintf("+OK 2 %d", s2), nil},
		{"LIST 4", "-ERR There's no message 4.", nil},
		{"LIST 0", "-ERR There's no message 0.", nil},
		{"LIST x", "-ERR Invalid message number: x", nil},
		{"LIST 1 2", "-ERR Syntax: LIST [<msg>]", nil},
		{"xyzzy 1", "-ERR Unknown command: XYZZY", nil},
		{"UIDL", "+OK",
			[]string{"1 " + box[0].UID, "2 " + box[1].UID, "3 " + box[2].UID}},
		{"UIDL 3", "+OK 3 " + box[2].UID, nil},
		{"RETR 2", fmt.Sprintf("+OK %d octets", s2),
			append(traceLines(box[1].Data), "Subject: two", "X-Long: yes", "", "line1", "..dotted", "..", "line4")},
		{"TOP 2 0", "+OK", append(traceLines(box[1].Data), "Subject: two", "X-Long: yes", "")},
		{"TOP 2 2", "+OK", append(traceLines(box[1].Data), "Subject: two", "X-Long: yes", "", "line1", "..dotted")},
		{"TOP 2 99", "+OK", append(traceLines(box[1].Data), "Subject: two", "X-Long: yes", "", "line1", "..dotted", "..", "line4")},
		{"TOP 2 x", "-ERR Invalid number of lines: x", nil},
		{"TOP 2", "-ERR Syntax: TOP <msg> <n>", nil},
		{"DELE 1", "+OK Marked to be deleted.", nil},
		{"DELE 1", "-ERR Message is deleted.", nil},
		{"RETR 1", "-ERR Message is deleted.", nil},
		{"STAT", fmt.Sprintf("+OK 2 %d", s2+s3), nil},
		{"LIST", "+OK 2 messages:",
			[]string{fmt.Sprintf("2 %d", s2), fmt.Sprintf("3 %d", s3)}},
		{"RSET", "+OK", nil},
		{"RETR 1", fmt.Sprintf("+OK %d octets", s1), append(traceLines(box[0].Data), "Subject: one", "", "hello")},
		{"DELE 3", "+OK Marked to be deleted.", nil},
		{"NOOP", "+OK", nil},
		{"CAPA", "+OK", []string{"TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE",
			"PIPELINING", "IMPLEMENTATION mailtutor-lab"}},
		{"QUIT", "+OK mailtutor lab POP3 server signing off (2 messages left)", nil},
	})
	c.expectClosed()
	after := l.Mailbox("student")
	if len(after) != 2 || withoutTrace(after[0].Data) != m1 || withoutTrace(after[1].Data) != m2 {
		t.Errorf("after QUIT the mailbox holds %q, want messages 1 and 2", after)
	}
}

func TestPOP3DeletionsOnlyAtQuit(t *testing.T) {
	l, _ := startLab(t, nil)
	seed(t, l, "teacher", "Subject: a\r\n\r\na\r\n", "Subject: b\r\n\r\nb\r\n")

	// Marked, then the connection drops: nothing is deleted.
	c := pop3Login(t, l, "teacher", "teach456")
	runPOP3(t, c, []pop3Step{{"DELE 1", "+OK Marked to be deleted.", nil}, {"DELE 2", "+OK Marked to be deleted.", nil}})
	if n := len(l.Mailbox("teacher")); n != 2 {
		t.Fatalf("DELE removed mail before QUIT: %d left", n)
	}
	_ = c.conn.Close()
	c = loginWhenFree(t, l, "teacher", "teach456")
	runPOP3(t, c, []pop3Step{{"STAT", fmt.Sprintf("+OK 2 %d", boxSize(t, l, "teacher")), nil}})

	// Marked, then QUIT: deleted.
	runPOP3(t, c, []pop3Step{
		{"DELE 1", "+OK Marked to be deleted.", nil}, {"DELE 2", "+OK Marked to be deleted.", nil},
		{"QUIT", "+OK mailtutor lab POP3 server signing off (maildrop empty)", nil},
	})
	if n := len(l.Mailbox("teacher")); n != 0 {
		t.Errorf("%d messages left after QUIT, want 0", n)
	}
}

// loginWhenFree logs in, retrying while an earlier session still holds the
// mailbox (the server notices a dropped connection asynchronously).
func loginWhenFree(t *testing.T, l *Lab, user, password string) *rawClient {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		c := dialRaw(t, addr(t, l, "pop3"), nil)
		c.line()
		c.cmd("USER "+user, "+OK")
		c.send("PASS " + password)
		reply := c.line()
		if reply == "+OK Logged in." {
			return c
		}
		if !strings.HasPrefix(reply, "-ERR [IN-USE]") || time.Now().After(deadline) {
			t.Fatalf("login: %q", reply)
		}
		_ = c.conn.Close()
		time.Sleep(10 * time.Millisecond)
	}
}

func TestPOP3MailboxInUse(t *testing.T) {
	l, _ := startLab(t, nil)
	seed(t, l, "student", "Subject: x\r\n\r\nx\r\n")
	first := pop3Login(t, l, "student", "secret123")
	second := dialRaw(t, addr(t, l, "pop3"), nil)
	second.line()
	runPOP3(t, second, []pop3Step{
		{"USER student@example.test", "+OK", nil},
		{"PASS secret123", "-ERR [IN-USE] Mailbox is locked by another POP3 session", nil},
		{"STAT", "-ERR STAT not allowed in AUTHORIZATION state", nil}, // still not logged in
		{"QUIT", "+OK mailtutor lab POP3 server signing off", nil},
	})
	// Another user's mailbox is free.
	pop3Login(t, l, "teacher", "teach456")
	runPOP3(t, first, []pop3Step{{"QUIT", "+OK mailtutor lab POP3 server signing off (1 message left)", nil}})
	pop3Login(t, l, "student", "secret123")
}

func TestPOP3TooManyErrors(t *testing.T) {
	l, logs := startLab(t, func(cfg *Config) { cfg.MaxErrors = 3 })
	c := dialRaw(t, addr(t, l, "pop3"), nil)
	c.line()
	runPOP3(t, c, []pop3Step{
		{"FOO", "-ERR Unknown command.", nil},
		{"RETR 1", "-ERR RETR not allowed in AUTHORIZATION state", nil},
		{"NOOP", "-ERR NOOP not allowed in AUTHORIZATION state", nil},
	})
	c.expect("-ERR Too many bad commands.")
	c.expectClosed()
	if !strings.Contains(logs.text(), "too many errors") {
		t.Errorf("not logged:\n%s", logs.text())
	}
}

func TestPOP3IdleTimeout(t *testing.T) {
	l, _ := startLab(t, func(cfg *Config) { cfg.IdleTimeout = 300 * time.Millisecond })
	seed(t, l, "student", "Subject: keep\r\n\r\nkeep\r\n")
	c := pop3Login(t, l, "student", "secret123")
	runPOP3(t, c, []pop3Step{{"DELE 1", "+OK Marked to be deleted.", nil}})
	c.expect("-ERR Disconnected for inactivity.")
	c.expectClosed()
	loginWhenFree(t, l, "student", "secret123")
	if len(l.Mailbox("student")) != 1 {
		t.Error("a timed-out session deleted mail")
	}
}

func TestPOP3LongLine(t *testing.T) {
	l, _ := startLab(t, nil)
	c := dialRaw(t, addr(t, l, "pop3"), nil)
	c.line()
	runPOP3(t, c, []pop3Step{
		{"USER " + strings.Repeat("u", maxCommandLine), "-ERR Line too long", nil},
		{"QUIT", "+OK mailtutor lab POP3 server signing off", nil},
	})
}

// traceLines are the lines of the trace headers (Return-Path:, Received:)
// the lab put at the top of a delivered message, as a POP3 client reads
// them.
func traceLines(data []byte) []string {
	head, _ := splitTrace(string(data))
	return strings.Split(strings.TrimSuffix(head, "\r\n"), "\r\n")
}

// withoutTrace is a delivered message without the trace headers the lab
// added: what the client sent.
func withoutTrace(data []byte) string {
	_, rest := splitTrace(string(data))
	return rest
}

// splitTrace splits a delivered message after its Return-Path: and
// Received: headers (with their continuation lines).
func splitTrace(msg string) (trace, rest string) {
	i := 0
	for _, name := range []string{"Return-Path: ", "Received: "} {
		if !strings.HasPrefix(msg[i:], name) {
			return msg[:i], msg[i:]
		}
		for {
			end := strings.Index(msg[i:], "\r\n")
			if end < 0 {
				return msg, ""
			}
			i += end + 2
			if !strings.HasPrefix(msg[i:], "\t") {
				break
			}
		}
	}
	return msg[:i], msg[i:]
}

// boxSize is the size of every message in user's INBOX, as stored.
func boxSize(t *testing.T, l *Lab, user string) int {
	t.Helper()
	n := 0
	for _, m := range l.Mailbox(user) {
		n += len(m.Data)
	}
	return n
}
