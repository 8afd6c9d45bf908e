package e2e

import (
	"strings"
	"testing"
)

// The tests below check that the annotations know the session they are
// in: the same reply code means something else on a port without AUTH,
// after a login, or before one. They run the binary in scripted mode
// against Postfix and Dovecot and read what it shows under each line.

// exchange is one line the client sent, as the output shows it, and
// everything shown after it up to the next line sent: the local warnings,
// the server's reply and its annotations.
type exchange struct {
	sent, shown string
}

// exchanges cuts the output at each "C: " line.
func exchanges(stdout string) []exchange {
	var out []exchange
	for _, line := range strings.Split(stdout, "\n") {
		if sent, ok := strings.CutPrefix(line, "C: "); ok {
			out = append(out, exchange{sent: sent})
			continue
		}
		if len(out) > 0 {
			out[len(out)-1].shown += line + "\n"
		}
	}
	return out
}

// shownAfter returns what the output shows after the nth (from 0) line
// sent that starts with sent.
func shownAfter(t *testing.T, stdout, sent string, nth int) string {
	t.Helper()
	for _, e := range exchanges(stdout) {
		if strings.HasPrefix(e.sent, sent) {
			if nth == 0 {
				return e.shown
			}
			nth--
		}
	}
	t.Fatalf("the output never shows the client sending %q (occurrence %d)", sent, nth)
	return ""
}

// annotated is what one exchange must and must not show.
type annotated struct {
	sent     string
	nth      int
	want     []string
	unwanted []string
}

// requireAnnotations checks each exchange of a run.
func requireAnnotations(t *testing.T, stdout string, checks []annotated) {
	t.Helper()
	for _, c := range checks {
		shown := shownAfter(t, stdout, c.sent, c.nth)
		for _, w := range c.want {
			if !strings.Contains(shown, w) {
				t.Errorf("after %q: the output lacks %q:\n%s", c.sent, w, shown)
			}
		}
		for _, u := range c.unwanted {
			if strings.Contains(shown, u) {
				t.Errorf("after %q: the output shows %q:\n%s", c.sent, u, shown)
			}
		}
	}
}

// TestExplainOnTheMX: Postfix's port 25-like service offers no AUTH and
// relays nothing; the advice must not send the learner to AUTH there.
func TestExplainOnTheMX(t *testing.T) {
	s := needServers(t)
	long := "NOOP " + strings.Repeat("x", 520)
	script := scriptOf("EHLO e2e.example.test", "AUTH PLAIN",
		"MAIL FROM: "+s.user+"@example.test",
		"RCPT TO:<nobody@example.test>", "RCPT TO:<x@elsewhere.test>", long, "QUIT")
	res := runMailtutor(t, script, "connect", "--no-color", "--timeout", "10s", s.smtp)
	if res.code != 0 {
		t.Fatalf("exit status %d, want 0", res.code)
	}
	requireReplies(t, res.stdout, "503 5.5.1", "550 5.1.1", "554 5.7.1", "221")
	requireAnnotations(t, res.stdout, []annotated{
		{sent: "AUTH PLAIN", want: []string{"S: 503 5.5.1 Error: authentication not enabled", "AUTH is not offered here yet",
			"next: send STARTTLS, then EHLO again", "submission server (port 587)"}, unwanted: []string{"out of order"}},
		{sent: "MAIL FROM:", want: []string{"warning: the address belongs in angle brackets: MAIL FROM:<" + s.user + "@example.test>"}},
		{sent: "RCPT TO:<nobody@", want: []string{"S: 550 5.1.1", "next: check the address"}, unwanted: []string{"AUTH", "log in"}},
		{sent: "RCPT TO:<x@", want: []string{"S: 554 5.7.1", "next: this server relays nothing for you here"}, unwanted: []string{"AUTH", "log in"}},
		{sent: "NOOP", want: []string{"warning: the line is 527 octets long with its CRLF, over the limit of 512"}},
		{sent: "QUIT", want: []string{"S: 221"}, unwanted: []string{"next:", "warning:"}},
	})
}

// TestExplainOnTheMXInTLS: after STARTTLS the MX still offers no AUTH: it
// is not offered on this port at all.
func TestExplainOnTheMXInTLS(t *testing.T) {
	s := needServers(t)
	script := scriptOf("EHLO e2e.example.test", "STARTTLS", "EHLO e2e.example.test", "AUTH PLAIN", "QUIT")
	res := runMailtutor(t, script, "connect", "--no-color", "--timeout", "10s", "--ca", s.ca, s.smtp)
	if res.code != 0 {
		t.Fatalf("exit status %d, want 0", res.code)
	}
	requireAnnotations(t, res.stdout, []annotated{
		{sent: "AUTH PLAIN", want: []string{"S: 503 5.5.1", "AUTH is not offered on this port", "submission port (587"},
			unwanted: []string{"out of order", "next: send STARTTLS"}},
	})
}

// TestExplainSTARTTLSFirst: a submission port that wants encryption first
// answers MAIL and AUTH with 530 5.7.0; the next step is STARTTLS, not
// "log in".
func TestExplainSTARTTLSFirst(t *testing.T) {
	s := needServers(t)
	script := scriptOf("EHLO e2e.example.test", "MAIL FROM:<"+s.user+"@example.test>", "AUTH PLAIN", "QUIT")
	res := runMailtutor(t, script, "connect", "--no-color", "--timeout", "10s", s.submissionTLS)
	requireReplies(t, res.stdout, "530 5.7.0 Must issue a STARTTLS command first")
	for _, sent := range []string{"MAIL FROM:", "AUTH PLAIN"} {
		requireAnnotations(t, res.stdout, []annotated{
			{sent: sent, want: []string{"encryption required", "next: send STARTTLS, then EHLO again"},
				unwanted: []string{"log in with AUTH", "out of order"}},
		})
	}
}

// TestExplainHeaderSentAsCommand: Postfix hangs up with a 2xx on a header
// typed as a command; mailtutor warns before it is sent and after.
func TestExplainHeaderSentAsCommand(t *testing.T) {
	s := needServers(t)
	for _, tt := range []struct {
		lang                   string
		before, after, goodbye string
	}{
		{"en", "warning: Subject: looks like a message header", "warning: the server hung up because a message header was sent as a command", "after DATA"},
		{"zh", "注意：Subject: 看起来像邮件头", "注意：服务器挂断了，因为你把邮件头当成命令发了出去", "DATA"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			script := scriptOf("EHLO e2e.example.test", "Subject: hello")
			res := runMailtutor(t, script, "connect", "--no-color", "--timeout", "10s", "--lang", tt.lang, s.smtp)
			requireReplies(t, res.stdout, "221 2.7.0 Error: I can break rules, too. Goodbye.")
			shown := shownAfter(t, res.stdout, "Subject: hello", 0)
			warn := strings.Index(shown, tt.before)
			reply := strings.Index(shown, "S: 221 2.7.0")
			after := strings.Index(shown, tt.after)
			if warn < 0 || reply < 0 || after < 0 || !(warn < reply && reply < after) {
				t.Errorf("want the local warning, then the 221, then the warning about it:\n%s", shown)
			}
			if !strings.Contains(shown[max(after, 0):], tt.goodbye) {
				t.Errorf("the warning does not say where headers go (%q):\n%s", tt.goodbye, shown)
			}
		})
	}
}

// TestExplainOnSubmission: before a login the advice to log in is right;
// once logged in it is not; AUTH again is refused during a mail
// transaction first, then as "already logged in".
func TestExplainOnSubmission(t *testing.T) {
	s := needServers(t)
	rcpt := s.user + "@example.test"
	script := scriptOf("EHLO e2e.example.test", "MAIL FROM:<"+rcpt+">", "RCPT TO:<"+rcpt+">", "RSET",
		":plain "+s.user+" "+s.pass, "MAIL FROM:<"+rcpt+">",
		"RCPT TO:<nobody@example.test>", "RCPT TO:<x@elsewhere.test>", "AUTH PLAIN", "RSET", "AUTH PLAIN", "QUIT")
	res := runMailtutor(t, script, "connect", "--no-color", "--timeout", "10s", s.submission)
	if res.code != 0 {
		t.Fatalf("exit status %d, want 0", res.code)
	}
	requireNoSecret(t, res, s.pass)
	requireReplies(t, res.stdout, "554 5.7.1", "235", "550 5.1.1", "503 5.5.1 Error: already authenticated")
	requireAnnotations(t, res.stdout, []annotated{
		{sent: "RCPT TO:<" + rcpt, want: []string{"S: 554 5.7.1", "next: log in with AUTH"}},
		{sent: "RCPT TO:<nobody@", want: []string{"S: 550 5.1.1", "you are already logged in"}, unwanted: []string{"AUTH", "unless you log in"}},
		{sent: "RCPT TO:<x@", want: []string{"S: 550 5.1.1"}, unwanted: []string{"AUTH", "unless you log in"}},
		{sent: "AUTH PLAIN", nth: 1, want: []string{"S: 503 5.5.1 Error: MAIL transaction in progress",
			"AUTH is not allowed during a mail transaction", "RSET"}, unwanted: []string{"out of order", "already logged in"}},
		{sent: "AUTH PLAIN", nth: 2, want: []string{"S: 503 5.5.1 Error: already authenticated",
			"you are already logged in: AUTH is allowed once", "next: MAIL FROM"}, unwanted: []string{"out of order"}},
		{sent: "QUIT", want: []string{"S: 221"}, unwanted: []string{"next:"}},
	})
}

// TestExplainPOP3KnowsTheSession: Dovecot refuses USER and PASS after a
// login and TOP without its line count; the annotations say why.
func TestExplainPOP3KnowsTheSession(t *testing.T) {
	s := needServers(t)
	script := scriptOf("TOP 1 0", "USER "+s.user, "PASS "+s.pass, "USER "+s.user, "PASS "+s.pass, "TOP 1", "QUIT")
	res := runMailtutor(t, script, "connect", "--no-color", "--timeout", "10s", s.pop3)
	if res.code != 0 {
		t.Fatalf("exit status %d, want 0", res.code)
	}
	requireNoSecret(t, res, s.pass)
	requireReplies(t, res.stdout, "+OK Logged in.", "-ERR")
	requireAnnotations(t, res.stdout, []annotated{
		{sent: "TOP 1 0", want: []string{"-ERR", "you are not logged in yet", "next: log in first"}, unwanted: []string{"no such message"}},
		{sent: "USER", nth: 1, want: []string{"-ERR", "you are already logged in", "next: go on in the TRANSACTION state"},
			unwanted: []string{"name was refused"}},
		{sent: "PASS", nth: 1, want: []string{"-ERR", "you are already logged in"},
			unwanted: []string{"wrong", "login failed", "start again with USER"}},
		{sent: "TOP 1", nth: 1, want: []string{"warning: TOP needs more arguments: the syntax is TOP <msg> <n>",
			"-ERR", "an argument is missing; the syntax is TOP <msg> <n>"}, unwanted: []string{"no such message"}},
		{sent: "QUIT", want: []string{"S: +OK Logging out", "UPDATE"}, unwanted: []string{"next:"}},
	})
}
