package e2e

import (
	"strconv"
	"strings"
	"testing"
)

// The tests below drive the mailtutor binary in scripted mode (standard
// input is not a terminal): one command per line, the message body after a
// 354 up to a lone ".", and the :b64, :plain and :apop helpers. Its output
// shows "C: " for each line sent, "S: " for each server line, and
// annotations indented by a space.

// TestSendThroughSubmission sends a whole message through submission with
// AUTH LOGIN typed as :b64 lines, and checks it arrived byte for byte.
func TestSendThroughSubmission(t *testing.T) {
	s := needServers(t)
	token := newToken(t)
	rcpt := s.user + "@example.test"
	msg := testMessage(token, rcpt, rcpt)
	lines := []string{
		"EHLO e2e.example.test",
		"AUTH LOGIN",
		":b64 " + s.user,
		":b64 " + s.pass,
		"MAIL FROM:<" + rcpt + ">",
		"RCPT TO:<" + rcpt + ">",
		"DATA",
	}
	lines = append(append(lines, msg...), ".", "QUIT")

	res := runMailtutor(t, scriptOf(lines...), "connect", "--no-color", "--timeout", "10s", s.submission)
	if res.code != 0 {
		t.Fatalf("exit status %d, want 0", res.code)
	}
	requireReplies(t, res.stdout, "235", "250", "354", "221")
	requireNoSecret(t, res, s.pass, b64(s.pass))

	path, data := waitForMessage(t, s.maildir, token)
	removeAfter(t, path)
	requireDelivered(t, data, msg, rcpt)
}

// TestFetchOverPOP3 fetches a freshly delivered message with USER/PASS,
// STAT, LIST, RETR and DELE, and checks the RETR lines shown are the lines
// sent and that QUIT removed the message.
func TestFetchOverPOP3(t *testing.T) {
	s := needServers(t)
	token := newToken(t)
	rcpt := s.user + "@example.test"
	msg := testMessage(token, rcpt, rcpt)
	sendWire(t, s, rcpt, msg)
	path, _ := waitForMessage(t, s.maildir, token)
	removeAfter(t, path) // in case the test fails before DELE
	n := strconv.Itoa(messageNumber(t, s, token))

	script := scriptOf("USER "+s.user, "PASS "+s.pass, "STAT", "LIST", "RETR "+n, "DELE "+n, "QUIT")
	res := runMailtutor(t, script, "connect", "--no-color", "--timeout", "10s", s.pop3)
	if res.code != 0 {
		t.Fatalf("exit status %d, want 0", res.code)
	}
	requireNoSecret(t, res, s.pass)
	body, err := multiLineReply(res.stdout, "RETR "+n)
	if err != nil {
		t.Fatal(err)
	}
	if len(body) < len(msg) {
		t.Fatalf("RETR shows %d lines, fewer than the %d sent", len(body), len(msg))
	}
	if diff := firstDifference(msg, body[len(body)-len(msg):]); diff != "no difference" {
		t.Errorf("the RETR lines shown are not the lines sent: %s", diff)
	}
	if err := headerLinesOnly(body[:len(body)-len(msg)]); err != nil {
		t.Errorf("RETR shows more than the headers Postfix added before the message: %v", err)
	}
	if reply, _ := replyAfter(res.stdout, "DELE "+n); !strings.HasPrefix(reply, "+OK") {
		t.Errorf("DELE %s: got %q, want +OK", n, reply)
	}
	requireGone(t, s.maildir, token)
}

// TestAPOP logs in with :apop, which sends APOP with the RFC 1939 digest of
// the greeting's timestamp and the password, and never shows the digest.
func TestAPOP(t *testing.T) {
	s := needServers(t)
	tests := []struct {
		name      string
		password  string
		wantReply string
	}{
		{"right password", s.pass, "+OK"},
		{"wrong password", s.pass + "-wrong", "-ERR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			script := scriptOf(":apop "+s.user+" "+tt.password, "STAT", "QUIT")
			res := runMailtutor(t, script, "connect", "--no-color", "--timeout", "10s", s.pop3)
			if res.code != 0 {
				t.Fatalf("exit status %d, want 0", res.code)
			}
			reply, ok := replyAfter(res.stdout, "APOP "+s.user)
			if !ok {
				t.Fatalf("the output never shows \"C: APOP %s\"", s.user)
			}
			if !strings.HasPrefix(reply, tt.wantReply) {
				t.Errorf("APOP: got %q, want %s", reply, tt.wantReply)
			}
			secrets := []string{tt.password}
			if lines := serverLines(res.stdout); len(lines) > 0 {
				if stamp := apopTimestamp(lines[0]); stamp != "" {
					secrets = append(secrets, apopDigest(stamp, tt.password))
				}
			}
			requireNoSecret(t, res, secrets...)
		})
	}
}

// TestTLS upgrades with STARTTLS and STLS, connects with implicit TLS,
// trusting the servers' certificate with --ca, and refuses a certificate
// it was not told to trust.
func TestTLS(t *testing.T) {
	s := needServers(t)
	tests := []struct {
		name     string
		url      string
		args     []string
		script   []string
		wantExit bool     // exit status 0
		wantOut  []string // in standard output
		wantErr  string   // in standard error
	}{
		{name: "submission STARTTLS", url: s.submission, args: []string{"--ca", s.ca},
			script:   []string{"EHLO e2e.example.test", "STARTTLS", "EHLO e2e.example.test", "QUIT"},
			wantExit: true, wantOut: []string{"TLS 1.", "S: 220 2.0.0", "S: 221"}},
		{name: "pop3 STLS", url: s.pop3, args: []string{"--ca", s.ca},
			script:   []string{"STLS", "USER " + s.user, "PASS " + s.pass, "STAT", "QUIT"},
			wantExit: true, wantOut: []string{"TLS 1.", "S: +OK Logged in", "S: +OK Logging out"}},
		{name: "pop3s implicit TLS", url: s.pop3s, args: []string{"--ca", s.ca},
			script:   []string{"USER " + s.user, "PASS " + s.pass, "QUIT"},
			wantExit: true, wantOut: []string{"TLS 1.", "S: +OK Logged in"}},
		{name: "pop3s with an untrusted certificate", url: s.pop3s,
			script:  []string{"USER " + s.user, "PASS " + s.pass, "QUIT"},
			wantErr: "certificate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"connect", "--no-color", "--timeout", "10s"}, tt.args...)
			res := runMailtutor(t, scriptOf(tt.script...), append(args, tt.url)...)
			if res.code == -1 {
				t.Fatal("the run timed out")
			}
			if got := res.code == 0; got != tt.wantExit {
				t.Errorf("exit status %d, want success %v", res.code, tt.wantExit)
			}
			for _, want := range tt.wantOut {
				if !strings.Contains(res.stdout, want) {
					t.Errorf("the output does not mention %q", want)
				}
			}
			if !strings.Contains(res.stderr, tt.wantErr) {
				t.Errorf("standard error does not mention %q", tt.wantErr)
			}
			if !tt.wantExit && strings.Contains(res.stdout, "Logged in") {
				t.Error("logged in over a certificate that was not trusted")
			}
			requireNoSecret(t, res, s.pass)
		})
	}
	t.Run("STARTTLS really switched", func(t *testing.T) {
		script := scriptOf("EHLO e2e.example.test", "STARTTLS", "EHLO e2e.example.test", "QUIT")
		res := runMailtutor(t, script, "connect", "--no-color", "--ca", s.ca, s.submission)
		if res.code != 0 {
			t.Fatalf("exit status %d, want 0", res.code)
		}
		// Postfix offers STARTTLS only on a plain connection: one EHLO lists it.
		if n := strings.Count(res.stdout, "S: 250-STARTTLS"); n != 1 {
			t.Errorf("STARTTLS offered %d times, want once (before the upgrade only)", n)
		}
	})
}

// TestRefusedConnection expects a non-zero exit status, and a message on
// standard error, when nothing listens at the address.
func TestRefusedConnection(t *testing.T) {
	needServers(t)
	url := "smtp://" + closedPort(t)
	res := runMailtutor(t, scriptOf("EHLO e2e.example.test", "QUIT"), "connect", "--no-color", "--timeout", "5s", url)
	if res.code == 0 || res.code == -1 {
		t.Errorf("exit status %d, want a failure status", res.code)
	}
	if strings.TrimSpace(res.stderr) == "" {
		t.Error("nothing on standard error about the refused connection")
	}
}

// requireNoSecret fails the test if a secret shows up in the output.
func requireNoSecret(t *testing.T, res runResult, secrets ...string) {
	t.Helper()
	for _, secret := range secrets {
		if strings.Contains(res.stdout, secret) || strings.Contains(res.stderr, secret) {
			t.Errorf("the output shows a secret (%d characters) that should be masked", len(secret))
		}
	}
}

// sendWire delivers msg to rcpt through submission with the standard
// library client, so a POP3 test does not depend on mailtutor's sending.
func sendWire(t *testing.T, s servers, rcpt string, msg []string) {
	t.Helper()
	c := dialWire(t, hostPort(t, s.submission), "")
	c.smtp(220, "")
	c.smtp(250, "EHLO e2e.example.test")
	c.smtp(235, "AUTH PLAIN "+b64("\x00"+s.user+"\x00"+s.pass))
	c.smtp(250, "MAIL FROM:<"+rcpt+">")
	c.smtp(250, "RCPT TO:<"+rcpt+">")
	c.smtpData(msg)
	c.smtp(221, "QUIT")
}

// messageNumber returns the POP3 number of the message holding token.
func messageNumber(t *testing.T, s servers, token string) int {
	t.Helper()
	c := dialWire(t, hostPort(t, s.pop3), "")
	c.pop3("")
	c.pop3("USER " + s.user)
	c.pop3("PASS " + s.pass)
	n := c.findByToken(token)
	c.pop3("QUIT")
	if n == 0 {
		t.Fatalf("no message with %s in the POP3 mailbox", token)
	}
	return n
}
