package imapd

import (
	"bufio"
	"crypto/tls"
	"strings"
	"testing"
	"time"
)

func TestFrontAnswersAsDovecotDoes(t *testing.T) {
	srv := startServer(t, nil)
	c, greeting := srv.dialRaw(t)
	if !strings.HasPrefix(greeting, "* OK [CAPABILITY IMAP4rev1 SASL-IR ID LITERAL+ STARTTLS ") ||
		!strings.Contains(greeting, " STARTTLS AUTH=PLAIN]") || !strings.HasSuffix(greeting, "] mailtutor lab IMAP ready.") {
		t.Errorf("greeting: %q", greeting)
	}
	steps := []struct{ tag, line, want string }{
		{"a", "FOO", "a BAD Error in IMAP command received by server."},
		{"b", "ID NIL", "b OK ID completed."},
		{"c", "LOGIN student wrong", "c NO [AUTHENTICATIONFAILED] Authentication failed."},
		{"d", "SELECT INBOX", "d BAD [CLIENTBUG] This command is only valid in the authenticated state"},
		{"e", "LOGIN student secret123", "e OK [CAPABILITY IMAP4rev1 SASL-IR ID LITERAL+ UNSELECT"},
		{"f", "BAR", "f BAD Error in IMAP command BAR: Unknown command."},
		{"g", "SELECT nosuch", "g NO Mailbox doesn't exist: nosuch"},
		{"h", "SELECT INBOX", "h OK [READ-WRITE] SELECT completed"},
		{"i", "FETCH 9 FLAGS", "i BAD Error in IMAP command FETCH: Invalid messageset"},
		{"j", "CREATE INBOX", "j NO [ALREADYEXISTS] Mailbox already exists"},
		{"k", "DELETE INBOX", "k NO INBOX can't be deleted."},
		{"l", "APPEND nosuch {3+}\r\nabc", "l NO [TRYCREATE] Mailbox doesn't exist: nosuch"},
		{"m", "STARTTLS", "m BAD STARTTLS is only valid before logging in."},
		{"n", "EXAMINE INBOX", "n OK [READ-ONLY] EXAMINE completed"},
		{"o", "STORE 1:* +FLAGS (\\Seen)", "o NO [READ-ONLY] Mailbox is read-only."},
	}
	for _, s := range steps {
		got := last(c.cmd(s.tag, s.line))
		if !strings.HasPrefix(got, s.want) {
			t.Errorf("%s %s:\n got %q\nwant %q...", s.tag, s.line, got, s.want)
		}
	}
	c.send("\r\nabc\r\n")
	if got := c.line(); got != "abc BAD Error in IMAP command: Invalid command name." {
		t.Errorf("a line without a command: %q", got)
	}
	if got := c.cmd("z", "LOGOUT"); got[0] != "* BYE Logging out" {
		t.Errorf("LOGOUT: %q", got)
	}
}

func TestFrontLiteralLoginAndIdleDone(t *testing.T) {
	srv := startServer(t, nil)
	c, _ := srv.dialRaw(t)
	c.send("a LOGIN {7}\r\n")
	if got := c.line(); !strings.HasPrefix(got, "+ ") {
		t.Fatalf("synchronizing literal: %q, want a continuation", got)
	}
	c.send("student {9+}\r\nsecret123\r\n")
	if got := last(c.until("a")); !strings.HasPrefix(got, "a OK ") {
		t.Fatalf("LOGIN with literals: %q", got)
	}
	c.cmd("b", "SELECT INBOX")
	c.send("c IDLE\r\n")
	if got := c.line(); got != "+ idling" {
		t.Fatalf("IDLE: %q", got)
	}
	srv.deliver(t, plain("live"))
	if got := c.line(); got != "* 1 EXISTS" {
		t.Errorf("during IDLE: %q, want * 1 EXISTS", got)
	}
	c.send("DONE\r\n")
	if got := last(c.until("c")); got != "c OK IDLE completed" {
		t.Errorf("DONE: %q", got)
	}
}

func TestFrontStartTLS(t *testing.T) {
	srv := startServer(t, nil)
	c, _ := srv.dialRaw(t)
	if got := last(c.cmd("a", "STARTTLS")); got != "a OK Begin TLS negotiation now." {
		t.Fatalf("STARTTLS: %q", got)
	}
	tc := tls.Client(c.conn, &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS12}) // the test's own certificate
	if err := tc.Handshake(); err != nil {
		t.Fatal(err)
	}
	c.conn, c.r = tc, bufio.NewReader(tc)
	caps := c.cmd("b", "CAPABILITY")
	if strings.Contains(caps[0], "STARTTLS") || !strings.Contains(caps[0], "AUTH=PLAIN") {
		t.Errorf("CAPABILITY over TLS: %q", caps[0])
	}
	if got := last(c.cmd("c", "STARTTLS")); got != "c BAD TLS is already active." {
		t.Errorf("second STARTTLS: %q", got)
	}
	if got := last(c.cmd("d", "LOGIN student secret123")); !strings.HasPrefix(got, "d OK ") {
		t.Errorf("LOGIN over TLS: %q", got)
	}
}

func TestFrontLoginDisabledAwayFromLoopback(t *testing.T) {
	srv := startServer(t, func(cfg *Config) { cfg.PlaintextAuth = nil })
	c, greeting := srv.dialRaw(t)
	if !strings.Contains(greeting, "STARTTLS LOGINDISABLED") || strings.Contains(greeting, "AUTH=PLAIN") {
		t.Errorf("greeting in clear away from loopback: %q", greeting)
	}
	if got := last(c.cmd("a", "LOGIN student secret123")); !strings.HasPrefix(got, "a NO [PRIVACYREQUIRED] ") {
		t.Errorf("LOGIN in clear: %q", got)
	}
}

func TestFrontTooManyErrorsSaysBye(t *testing.T) {
	srv := startServer(t, func(cfg *Config) { cfg.MaxErrors = 3 })
	c, _ := srv.dialRaw(t)
	c.cmd("a", "FOO")
	c.cmd("b", "LOGIN x y")
	c.send("c FOO\r\n")
	want := []string{"c BAD Error in IMAP command received by server.", "* BYE Too many invalid IMAP commands.", ""}
	for _, w := range want {
		if got := c.line(); got != w {
			t.Errorf("got %q, want %q", got, w)
		}
	}
}

func TestFrontIdleTimeoutSaysBye(t *testing.T) {
	srv := startServer(t, func(cfg *Config) { cfg.IdleTimeout = 200 * time.Millisecond })
	c, _ := srv.dialRaw(t)
	start := time.Now()
	if got := c.line(); got != "* BYE Disconnected for inactivity." {
		t.Errorf("after the idle timeout: %q", got)
	}
	if got := c.line(); got != "" {
		t.Errorf("after BYE: %q, want the connection closed", got)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("closed after %v", d)
	}
}

func TestFrontAppendTooBig(t *testing.T) {
	srv := startServer(t, func(cfg *Config) { cfg.MaxMessageBytes = 10 })
	c, _ := srv.dialRaw(t)
	c.cmd("a", "LOGIN student secret123")
	if got := last(c.cmd("b", "APPEND INBOX {11}")); !strings.HasPrefix(got, "b NO [TOOBIG] ") {
		t.Errorf("APPEND over the limit: %q", got)
	}
	if got := last(c.cmd("c", "NOOP")); got != "c OK NOOP completed" {
		t.Errorf("after a refused APPEND: %q", got)
	}
}

func TestUnquoteMailbox(t *testing.T) {
	tests := []struct{ in, want string }{
		{`* LIST (\HasNoChildren \Sent) "/" "Sent"` + "\r\n", `* LIST (\HasNoChildren \Sent) "/" Sent` + "\r\n"},
		{`* LSUB () "/" "a/b"`, `* LSUB () "/" a/b`},
		{`* LIST () "/" "two words"`, `* LIST () "/" "two words"`},
		{`* LIST () "/" "NIL"`, `* LIST () "/" "NIL"`},
		{`* LIST () "/" "&g0l6Pw-"`, `* LIST () "/" &g0l6Pw-`},
		{`* STATUS "Drafts" (MESSAGES 0)`, `* STATUS Drafts (MESSAGES 0)`},
		{`* STATUS "a b" (MESSAGES 0)`, `* STATUS "a b" (MESSAGES 0)`},
		{`a OK "x"`, `a OK "x"`},
	}
	for _, tt := range tests {
		if got := string(unquoteMailbox([]byte(tt.in))); got != tt.want {
			t.Errorf("unquoteMailbox(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFrontSkipsARefusedLiteralPlus(t *testing.T) {
	srv := startServer(t, func(cfg *Config) { cfg.MaxMessageBytes = 10 })
	c, _ := srv.dialRaw(t)
	c.cmd("a", "LOGIN student secret123")
	c.send("b APPEND INBOX {20+}\r\nb NOOP\r\nc LOGOUT\r\nxx\r\n")
	if got := last(c.until("b")); !strings.HasPrefix(got, "b NO [TOOBIG] ") {
		t.Errorf("APPEND over the limit with LITERAL+: %q", got)
	}
	if got := last(c.cmd("d", "NOOP")); got != "d OK NOOP completed" {
		t.Errorf("after the skipped literal: %q, want the NOOP answered and nothing of the literal", got)
	}
}

func TestFrontAppendToMissingFolderBeforeTheLiteral(t *testing.T) {
	srv := startServer(t, nil)
	c, _ := srv.dialRaw(t)
	c.cmd("a", "LOGIN student secret123")
	for tag, line := range map[string]string{"b": "APPEND nosuch {5}", "c": `APPEND "no such" (\Seen) {5}`,
		"d": "APPEND &g0l6Pw- {5}"} {
		if got := last(c.cmd(tag, line)); !strings.HasPrefix(got, tag+" NO [TRYCREATE] Mailbox doesn't exist: ") {
			t.Errorf("%s: %q, want NO [TRYCREATE] before any +", line, got)
		}
	}
	c.send("e APPEND nosuch {5+}\r\nhello\r\n")
	if got := c.line(); got != "e NO [TRYCREATE] Mailbox doesn't exist: nosuch" {
		t.Errorf("LITERAL+ to a missing folder: %q", got)
	}
	c.send("f APPEND Drafts {5}\r\n")
	if got := c.line(); got != "+ Ready for literal data" {
		t.Errorf("APPEND to Drafts: %q", got)
	}
}

func TestAppendMailbox(t *testing.T) {
	tests := []struct {
		line, want string
		ok         bool
	}{
		{"a APPEND INBOX {5}\r\n", "INBOX", true},
		{`a append "a \"b\"" {5}`, `a "b"`, true},
		{"a APPEND {5}", "", false},
		{`a APPEND "open {5}`, "", false},
		{"a FETCH 1", "", false},
	}
	for _, tt := range tests {
		got, ok := appendMailbox([]byte(tt.line))
		if got != tt.want || ok != tt.ok {
			t.Errorf("appendMailbox(%q) = %q, %v; want %q, %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAddCapabilities(t *testing.T) {
	tests := []struct{ in, want string }{
		{"* CAPABILITY IMAP4rev1 SASL-IR LITERAL- AUTH=PLAIN\r\n", "* CAPABILITY IMAP4rev1 SASL-IR ID LITERAL+ STARTTLS AUTH=PLAIN\r\n"},
		{"a OK [CAPABILITY IMAP4rev1 SASL-IR LITERAL- IDLE LITERAL+] Logged in", "a OK [CAPABILITY IMAP4rev1 SASL-IR ID LITERAL+ IDLE STARTTLS] Logged in"},
		{"* OK [ALERT] CAPABILITY", "* OK [ALERT] CAPABILITY"},
		{"* 1 FETCH (FLAGS ())", "* 1 FETCH (FLAGS ())"},
	}
	for _, tt := range tests {
		if got := string(addCapabilities([]byte(tt.in), []string{"ID"}, []string{"STARTTLS"})); got != tt.want {
			t.Errorf("addCapabilities(%q)\n = %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestFrontIdleOutlastsTheIdleTimeout(t *testing.T) {
	srv := startServer(t, func(cfg *Config) { cfg.IdleTimeout = 300 * time.Millisecond })
	c, _ := srv.dialRaw(t)
	c.cmd("a", "LOGIN student secret123")
	c.send("b IDLE\r\n")
	if got := c.line(); got != "+ idling" {
		t.Fatalf("IDLE: %q", got)
	}
	time.Sleep(time.Second) // past the idle timeout: IDLE may last 30 minutes (RFC 2177)
	c.send("DONE\r\n")
	if got := last(c.until("b")); got != "b OK IDLE completed" {
		t.Errorf("DONE after a second of IDLE: %q", got)
	}
	if got := c.line(); got != "* BYE Disconnected for inactivity." {
		t.Errorf("after IDLE, the idle timeout: %q", got)
	}
}

func TestFrontTooLongLineSaysBye(t *testing.T) {
	srv := startServer(t, nil)
	c, _ := srv.dialRaw(t)
	go func() { _, _ = c.conn.Write([]byte("a NOOP " + strings.Repeat("x", 60<<10) + "\r\n")) }()
	if got := c.line(); got != "* BYE Too long line." {
		t.Errorf("a 60 KiB line: %q", got)
	}
	if got := c.line(); got != "" {
		t.Errorf("after BYE: %q, want the connection closed", got)
	}
}
