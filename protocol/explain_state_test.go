package protocol

import (
	"strings"
	"testing"
)

// Postfix's EHLO replies on the test servers: the MX (port 25 like) offers
// STARTTLS but no AUTH; submission offers both; after STARTTLS the MX
// still offers no AUTH.
const (
	ehloMX         = "250-mail.example.test\r\n250-PIPELINING\r\n250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250 CHUNKING\r\n"
	ehloMXTLS      = "250-mail.example.test\r\n250-PIPELINING\r\n250-ENHANCEDSTATUSCODES\r\n250 CHUNKING\r\n"
	ehloSubmission = "250-mail.example.test\r\n250-STARTTLS\r\n250-AUTH PLAIN LOGIN CRAM-MD5\r\n250 ENHANCEDSTATUSCODES\r\n"
	ehloAuthTLS    = "250-mail.example.test\r\n250-AUTH PLAIN LOGIN\r\n250 ENHANCEDSTATUSCODES\r\n"
)

// smtpScene is a conversation that sets up the state a reply arrives in.
type smtpScene struct {
	ehlo     string // the EHLO reply ("" for none)
	tls      bool   // STARTTLS done before the EHLO
	loggedIn bool   // AUTH succeeded after the EHLO
	mail     bool   // MAIL FROM accepted last: a mail transaction is open
}

// replyIn frames the reply wire to command after the scene, and returns it.
func (sc smtpScene) replyIn(t *testing.T, command, wire string) *Reply {
	t.Helper()
	f := NewFramer(SMTP)
	feedWire(t, f, "220 mail.example.test ESMTP Postfix\r\n")
	if sc.tls {
		f.Expect("STARTTLS")
		feedWire(t, f, "220 2.0.0 Ready to start TLS\r\n")
		f.TLSStarted()
	}
	if sc.ehlo != "" {
		f.Expect("EHLO client.example.test")
		feedWire(t, f, sc.ehlo)
	}
	if sc.loggedIn {
		f.Expect("AUTH PLAIN AHN0dWRlbnQAc2VjcmV0")
		feedWire(t, f, "235 2.7.0 Authentication successful\r\n")
	}
	if sc.mail {
		f.Expect("MAIL FROM:<student@example.test>")
		feedWire(t, f, "250 2.1.0 Ok\r\n")
	}
	f.Expect(command)
	replies := feedWire(t, f, wire)
	if len(replies) != 1 {
		t.Fatalf("%q to %q: %d replies", wire, command, len(replies))
	}
	return replies[0]
}

// explained is what a test wants of an explanation: fragments each field
// must hold, and fragments it must not.
type explained struct {
	meaning, next, warning, rfc []string
	notMeaning, notNext         []string
	noNext, noWarning           bool
}

// check compares ex with the wants.
func (w explained) check(t *testing.T, ex Explanation) {
	t.Helper()
	has := func(field, got string, want []string) {
		t.Helper()
		for _, f := range want {
			if !strings.Contains(got, f) {
				t.Errorf("%s = %q, want it to mention %q", field, got, f)
			}
		}
	}
	hasNot := func(field, got string, unwanted []string) {
		t.Helper()
		for _, f := range unwanted {
			if strings.Contains(strings.ToLower(got), strings.ToLower(f)) {
				t.Errorf("%s = %q, must not mention %q", field, got, f)
			}
		}
	}
	has("Meaning", ex.Meaning, w.meaning)
	has("Next", ex.Next, w.next)
	has("Warning", ex.Warning, w.warning)
	has("RFC", ex.RFC, w.rfc)
	hasNot("Meaning", ex.Meaning, w.notMeaning)
	hasNot("Next", ex.Next, w.notNext)
	if w.noNext && ex.Next != "" {
		t.Errorf("Next = %q, want none", ex.Next)
	}
	if w.noWarning && ex.Warning != "" {
		t.Errorf("Warning = %q, want none", ex.Warning)
	}
}

func TestExplainSMTPKnowsTheSession(t *testing.T) {
	mx := smtpScene{ehlo: ehloMX}
	mxTLS := smtpScene{ehlo: ehloMXTLS, tls: true}
	sub := smtpScene{ehlo: ehloSubmission}
	subTLS := smtpScene{ehlo: ehloAuthTLS, tls: true}
	in := smtpScene{ehlo: ehloSubmission, loggedIn: true}
	const notEnabled = "503 5.5.1 Error: authentication not enabled\r\n"
	const mustTLS = "530 5.7.0 Must issue a STARTTLS command first\r\n"
	const unknown = "550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown in virtual mailbox table\r\n"
	const relay = "554 5.7.1 <x@elsewhere.test>: Relay access denied\r\n"
	tests := []struct {
		name          string
		scene         smtpScene
		command, wire string
		want          explained
	}{
		{"AUTH on the MX before STARTTLS", mx, "AUTH PLAIN", notEnabled, explained{
			meaning: []string{"not offered here yet", "after STARTTLS"}, notMeaning: []string{"out of order"},
			next: []string{"STARTTLS", "EHLO again", "submission", "587"}}},
		{"AUTH on the MX after STARTTLS", mxTLS, "AUTH PLAIN", notEnabled, explained{
			meaning: []string{"not offered on this port"}, notMeaning: []string{"out of order"},
			next: []string{"MAIL FROM", "submission port (587"}, notNext: []string{"STARTTLS"}}},
		{"AUTH after a login", in, "AUTH PLAIN", "503 5.5.1 Error: already authenticated\r\n", explained{
			meaning: []string{"already logged in"}, next: []string{"MAIL FROM"}, notNext: []string{"order"}}},
		{"AUTH in a mail transaction, logged in", smtpScene{ehlo: ehloSubmission, loggedIn: true, mail: true}, "AUTH PLAIN",
			"503 5.5.1 Error: MAIL transaction in progress\r\n", explained{
				meaning: []string{"during a mail transaction"}, notMeaning: []string{"already logged in"}, next: []string{"RSET"}}},
		{"MAIL in a mail transaction", smtpScene{ehlo: ehloMX, mail: true}, "MAIL FROM:<a@example.test>",
			"503 5.5.1 Error: nested MAIL command\r\n", explained{
				meaning: []string{"already open"}, next: []string{"RCPT TO", "RSET"}}},
		{"AUTH with no EHLO: the old advice", smtpScene{}, "AUTH PLAIN", "503 5.5.1 Error: send HELO/EHLO first\r\n", explained{
			meaning: []string{"out of order"}, next: []string{"EHLO"}}},
		{"530 STARTTLS first on the MX", mx, "MAIL FROM:<a@example.test>", mustTLS, explained{
			meaning: []string{"encryption required", "STARTTLS"}, next: []string{"STARTTLS", "EHLO again"},
			notNext: []string{"log in", "AUTH"}, rfc: []string{"RFC 3207 4"}}},
		{"530 where STARTTLS and AUTH are offered", sub, "MAIL FROM:<a@example.test>", mustTLS, explained{
			next: []string{"STARTTLS, then EHLO again, then log in with AUTH"}, rfc: []string{"RFC 3207 4"}}},
		{"530 in TLS where AUTH is offered", subTLS, "MAIL FROM:<a@example.test>", "530 5.7.0 Authentication required\r\n", explained{
			meaning: []string{"log in"}, next: []string{"log in with AUTH", ":plain"}, notNext: []string{"STARTTLS"}}},
		{"550 5.1.1 when logged in", in, "RCPT TO:<nobody@example.test>", unknown, explained{
			next: []string{"check the address", "already logged in"}, notNext: []string{"AUTH", "log in with", "unless you log in"}}},
		{"550 5.1.1 on the MX", mx, "RCPT TO:<nobody@example.test>", unknown, explained{
			next: []string{"check the address"}, notNext: []string{"AUTH", "log in"}}},
		{"554 5.7.1 on the MX", mx, "RCPT TO:<x@elsewhere.test>", relay, explained{
			next: []string{"relays nothing", "own addresses"}, notNext: []string{"AUTH", "log in"}}},
		{"554 5.7.1 when logged in", in, "RCPT TO:<x@elsewhere.test>", relay, explained{
			next: []string{"logged in", "policy"}, notNext: []string{"AUTH", "log in with"}}},
		{"554 5.7.1 on submission before a login: log in", sub, "RCPT TO:<x@elsewhere.test>", relay, explained{
			next: []string{"log in with AUTH"}}},
		{"a header typed as a command", mx, "Subject: hello", "221 2.7.0 Error: I can break rules, too. Goodbye.\r\n", explained{
			warning: []string{"message header", "after DATA", "354"}, next: []string{"reconnect", "after DATA"}}},
		{"a goodbye nobody asked for", mx, "NOOP", "221 2.0.0 Bye\r\n", explained{
			warning: []string{"did not send QUIT"}, next: []string{"reconnect"}}},
		{"QUIT", mx, "QUIT", "221 2.0.0 Bye\r\n", explained{meaning: []string{"goodbye"}, noNext: true, noWarning: true}},
		{"a header refused as a command", mx, "From: a@example.test", "500 5.5.2 Error: command not recognized\r\n", explained{
			next: []string{"after the 354 reply"}, noWarning: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.scene.replyIn(t, tt.command, tt.wire)
			tt.want.check(t, Explain(r))
			zh, err := ExplainIn(r, Chinese)
			if err != nil {
				t.Fatal(err)
			}
			en := Explain(r)
			if (zh.Next == "") != (en.Next == "") || (zh.Warning == "") != (en.Warning == "") {
				t.Errorf("Chinese next %q warning %q; English next %q warning %q", zh.Next, zh.Warning, en.Next, en.Warning)
			}
			if zh.Warning != "" && !hasHan(zh.Warning) || !hasHan(zh.Meaning) {
				t.Errorf("not Chinese: %+v", zh)
			}
		})
	}
}

func TestExplainEnhancedNotesGiveNoLoginAdvice(t *testing.T) {
	r := smtpScene{ehlo: ehloMX}.replyIn(t, "RCPT TO:<x@elsewhere.test>", "554 5.7.1 <x@elsewhere.test>: Access denied\r\n")
	for _, lang := range Langs() {
		ex, _ := ExplainIn(r, lang)
		if strings.Contains(ex.Enhanced, "log in") || strings.Contains(ex.Enhanced, "登录") {
			t.Errorf("%s: Enhanced = %q gives login advice", lang, ex.Enhanced)
		}
	}
}

func TestLoginQualifiers(t *testing.T) {
	tests := []struct {
		name string
		st   State
		want []string
	}{
		{"nothing advertised", State{}, nil},
		{"logged in", State{LoggedIn: true, Advertised: true}, []string{"logged in"}},
		{"MX", State{Advertised: true, Extensions: []string{"STARTTLS"}}, []string{"no auth tls", "no auth"}},
		{"MX in TLS", State{Advertised: true, TLS: true, Extensions: []string{"STARTTLS"}}, []string{"no auth"}},
		{"submission", State{Advertised: true, Extensions: []string{"STARTTLS", "AUTH", "AUTH PLAIN"}}, []string{"auth tls", "auth"}},
		{"smtps", State{Advertised: true, TLS: true, Extensions: []string{"AUTH", "AUTH PLAIN"}}, []string{"auth"}},
	}
	for _, tt := range tests {
		if got := loginQualifiers(tt.st); !equalStrings(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := smtpQualifiers(State{Transaction: true, LoggedIn: true}); !equalStrings(got, []string{"in transaction", "logged in"}) {
		t.Errorf("in a transaction: %q", got)
	}
}

func TestLooksLikeHeader(t *testing.T) {
	for line, want := range map[string]bool{
		"Subject: hello": true, "From:a@b": true, "X-Mailer: t": true, "FROM:<a@b>": true,
		"MAIL FROM:<a@b>": false, "RCPT TO:<a@b>": false, "EHLO [IPv6:::1]": false,
		":x": false, "NOOP": false, "": false, "Subj\x01: x": false,
	} {
		if got := looksLikeHeader(line); got != want {
			t.Errorf("looksLikeHeader(%q) = %v", line, got)
		}
	}
}

func TestExplainPOP3KnowsTheSession(t *testing.T) {
	login := []string{"USER student", "PASS secret"}
	ok := "+OK\r\n+OK Logged in.\r\n"
	tests := []struct {
		name    string
		expects []string
		wire    string
		want    explained
	}{
		{"USER after login", append(login, "USER student"), ok + "-ERR Unknown command: USER\r\n", explained{
			meaning: []string{"already logged in"}, notMeaning: []string{"refused", "password"}, next: []string{"STAT / LIST"}}},
		{"PASS after login", append(login, "PASS secret"), ok + "-ERR Unknown command: PASS\r\n", explained{
			meaning: []string{"already logged in"}, notMeaning: []string{"wrong", "login failed"},
			next: []string{"STAT / LIST"}, notNext: []string{"password"}}},
		{"TOP without its line count", append(login, "TOP 1"), ok + "-ERR Noise after message number: \r\n", explained{
			meaning: []string{"argument is missing", "TOP <msg> <n>"}, notMeaning: []string{"no such message"},
			next: []string{"every argument"}, rfc: []string{"RFC 1939 7"}}},
		{"RETR without a number", append(login, "RETR"), ok + "-ERR Invalid message number: \r\n", explained{
			meaning: []string{"argument is missing", "RETR <msg>"}}},
		{"TOP before login", []string{"TOP 1"}, "-ERR Unknown command.\r\n", explained{
			meaning: []string{"not logged in yet"}, next: []string{"log in first", "USER"}}},
		{"a missing message after login", append(login, "RETR 99"), ok + "-ERR There's no message 99.\r\n", explained{
			meaning: []string{"no such message"}}},
		{"wrong password", []string{"USER student", "PASS wrong"}, "+OK\r\n-ERR [AUTH] Authentication failed.\r\n", explained{
			meaning: []string{"login failed"}, next: []string{"start again with USER"}}},
		{"QUIT before login", []string{"QUIT"}, "+OK Logging out\r\n", explained{meaning: []string{"nothing changed"}, noNext: true}},
		{"QUIT after login", append(login, "QUIT"), ok + "+OK Logging out.\r\n", explained{meaning: []string{"UPDATE"}, noNext: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := lastReply(t, POP3, tt.expects, tt.wire)
			tt.want.check(t, Explain(r))
			zh, _ := ExplainIn(r, Chinese)
			if (zh.Next == "") != (Explain(r).Next == "") || !hasHan(zh.Meaning) {
				t.Errorf("Chinese: %+v", zh)
			}
		})
	}
}

func TestRequiredArguments(t *testing.T) {
	for syntax, want := range map[string]int{
		"TOP <msg> <n>": 2, "LIST [<msg>]": 0, "RETR <msg>": 1, "CAPA": 0,
		"AUTH [<mechanism> [SP <initial-response>]]": 0, "APOP <name> <digest>": 2,
	} {
		if got := requiredArguments(syntax); got != want {
			t.Errorf("requiredArguments(%q) = %d, want %d", syntax, got, want)
		}
	}
}
