package e2e

import (
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/lab"
)

// The accounts the lab and the real servers share (scripts/mailservers.sh
// and lab.DefaultUsers): the sender logs in to submission, the fetch reads
// the receiver's mailbox, which no other test of the suite uses.
const (
	senderUser   = "student"
	senderPass   = "secret123"
	receiverUser = "teacher"
	receiverPass = "teach456"
	mailDomain   = "example.test"
)

// The scenarios that need set-up: the send delivers the message the fetch
// reads.
const (
	sendScenario  = "send through submission"
	fetchScenario = "fetch over POP3"
)

// conformanceScenario is one scripted session, run against the lab and
// against the real server of the same service.
type conformanceScenario struct {
	name    string
	service string // "smtp" (Postfix MX), "submission" (Postfix), "pop3" or "imap" (Dovecot)
	steps   []scriptStep
}

// allowedDifferences lists every step where the lab may answer otherwise
// than Postfix or Dovecot, and why. A difference not listed fails the test;
// an entry that no longer matches a difference fails it too, so the list
// stays the true list.
var allowedDifferences = map[diffKey]string{
	{"AUTH required on submission", "MAIL FROM:<student@example.test>"}: "the lab answers 530 5.7.0 Authentication required " +
		"(RFC 4954 section 6) at MAIL, the first point where a student can learn it; the CI Postfix accepts MAIL " +
		"and refuses at RCPT (smtpd_relay_restrictions = permit_sasl_authenticated, reject)",
	{"AUTH required on submission", "RCPT TO:<teacher@example.test>"}: "follows from the MAIL step: the lab has no transaction (503 5.5.1 need MAIL), " +
		"Postfix refuses the recipient with 554 5.7.1 (smtpd_relay_restrictions = permit_sasl_authenticated, reject)",
	{"DATA before RCPT", "DATA after MAIL, before RCPT"}: "RFC 5321 section 3.3 allows either: after MAIL with no RCPT the lab says " +
		"503 5.5.1 (bad sequence), Postfix 554 5.5.1 (no valid recipients); both say 503 when there is no MAIL",
	{fetchScenario, "QUIT"}: "the lab says what UPDATE did, \"signing off (1 message left)\" (RFC 1939 section 6), " +
		"which lesson 5 teaches; Dovecot says \"Logging out.\"",
	{"POP3 bad password", "QUIT"}:               "before login the lab says \"signing off\", Dovecot's login process \"Logging out\"",
	{"POP3 RETR of a missing message", "QUIT"}:  "as in the fetch: the lab says how many messages are left",
	{"POP3 command in the wrong state", "QUIT"}: "as in the fetch: the lab says how many messages are left",
	{"POP3 command in the wrong state", "STAT"}: "the lab names the state, \"STAT not allowed in AUTHORIZATION state\", " +
		"which lesson 5 teaches; Dovecot's login process knows no STAT and says \"Unknown command.\"",
	{"POP3 command in the wrong state", "USER teacher"}: "the lab names the state (\"USER not allowed in TRANSACTION " +
		"state\"); Dovecot's mail process knows no USER and says \"Unknown command: USER\"",
}

// conformanceScenarios are the sessions of issue 3: a whole send, a whole
// fetch, and each error case. token marks the message sent.
func conformanceScenarios(token string) []conformanceScenario {
	sender := senderUser + "@" + mailDomain
	receiver := receiverUser + "@" + mailDomain
	ehlo := scriptStep{line: "EHLO conformance.example.test", want: "250"}
	quit := scriptStep{line: "QUIT", want: "221"}
	mail := scriptStep{line: "MAIL FROM:<" + sender + ">", want: "250 2.1.0"}
	user := scriptStep{line: "USER " + receiverUser, want: "+OK"}
	pass := scriptStep{line: "PASS " + receiverPass, label: "PASS <password>", secret: true, want: "+OK"}
	popQuit := scriptStep{line: "QUIT", want: "+OK"}
	return []conformanceScenario{
		{sendScenario, "submission", []scriptStep{
			ehlo,
			{line: "AUTH LOGIN", want: "334 VXNlcm5hbWU6"},
			{line: b64(senderUser), label: "<base64 user name>", want: "334 UGFzc3dvcmQ6"},
			{line: b64(senderPass), label: "<base64 password>", secret: true, want: "235 2.7.0"},
			mail,
			{line: "RCPT TO:<" + receiver + ">", want: "250 2.1.5"},
			{line: "DATA", want: "354"},
			{body: testMessage(token, sender, receiver), label: "message body, then .", want: "250 2.0.0"},
			quit,
		}},
		{fetchScenario, "pop3", []scriptStep{
			{line: "CAPA", want: "+OK"}, user, pass,
			{line: "STAT", want: "+OK"}, {line: "LIST", want: "+OK"}, {line: "LIST 1", want: "+OK 1 "},
			{line: "UIDL", want: "+OK"}, {line: "UIDL 1", want: "+OK 1 "},
			{line: "RETR 1", want: "+OK"}, {line: "TOP 1 0", want: "+OK"}, {line: "DELE 1", want: "+OK"},
			{line: "DELE 1", label: "DELE 1 again", want: "-ERR"}, {line: "RETR 1", label: "RETR 1 after DELE", want: "-ERR"},
			{line: "LIST 99", want: "-ERR"}, {line: "DELE x", want: "-ERR"}, {line: "XYZZY", want: "-ERR"},
			{line: "RSET", want: "+OK"}, {line: "NOOP", want: "+OK"}, popQuit,
		}},
		{"MAIL before EHLO", "smtp", []scriptStep{{line: mail.line, want: "503 5.5.1"}, quit}},
		{"RCPT before MAIL", "smtp", []scriptStep{ehlo, {line: "RCPT TO:<" + receiver + ">", want: "503 5.5.1"}, quit}},
		{"DATA before RCPT", "smtp", []scriptStep{ehlo, {line: "DATA", want: "503 5.5.1"}, mail,
			{line: "DATA", label: "DATA after MAIL, before RCPT", want: "5"}, quit}},
		{"DATA after every RCPT was refused", "smtp", []scriptStep{ehlo, mail,
			{line: "RCPT TO:<nobody@" + mailDomain + ">", want: "550 5.1.1"}, {line: "DATA", want: "554 5.5.1"}, quit}},
		{"unknown local user", "smtp", []scriptStep{ehlo, mail,
			{line: "RCPT TO:<nobody@" + mailDomain + ">", want: "550 5.1.1"}, quit}},
		{"relay to another domain", "smtp", []scriptStep{ehlo, mail,
			{line: "RCPT TO:<someone@other.test>", want: "554 5.7.1"}, quit}},
		{"AUTH required on submission", "submission", []scriptStep{ehlo,
			{line: mail.line}, {line: "RCPT TO:<" + receiver + ">", want: "5"}, quit}},
		{"bad password on submission", "submission", []scriptStep{ehlo,
			{line: "AUTH LOGIN", want: "334"},
			{line: b64(senderUser), label: "<base64 user name>", want: "334"},
			{line: b64("wrong-" + senderPass), label: "<base64 wrong password>", secret: true, want: "535 5.7.8"},
			quit}},
		{"unknown command", "smtp", []scriptStep{ehlo, {line: "XYZZY", want: "500 5.5.2"}, quit}},
		{"bad syntax", "smtp", []scriptStep{{line: "EHLO", want: "501"}, ehlo,
			{line: "MAIL", want: "501"}, {line: "MAIL FROM:<a b>", want: "501"}, quit}},
		{"too many errors", "smtp", []scriptStep{ehlo, {line: "XYZZY", want: "500", repeat: 30}}},
		{"POP3 bad password", "pop3", []scriptStep{user,
			{line: "PASS wrong-" + receiverPass, label: "PASS <wrong password>", secret: true, want: "-ERR [AUTH]"},
			popQuit}},
		{"POP3 command in the wrong state", "pop3", []scriptStep{{line: "STAT", want: "-ERR"}, user, pass,
			{line: "USER " + receiverUser, want: "-ERR"}, popQuit}},
		{"POP3 RETR of a missing message", "pop3", []scriptStep{user, pass,
			{line: "RETR 999", want: "-ERR"}, popQuit}},
	}
}

// TestLabConformsToPostfixAndDovecot runs the same scripted sessions,
// through the session package, against the embedded lab and against
// Postfix and Dovecot, and compares the replies step by step: class and
// code (POP3: status and response code) and the enhanced code where both
// give one must agree unless allowedDifferences says why not.
func TestLabConformsToPostfixAndDovecot(t *testing.T) {
	s := needServers(t)
	l, err := lab.Start(lab.TestConfig())
	if err != nil {
		t.Fatalf("start the lab: %v", err)
	}
	t.Cleanup(func() { l.Close() })
	removeStaleConformanceMail(t, s.maildir)
	token := "conformance-" + newToken(t)
	t.Cleanup(func() { removeMessagesHolding(t, s.maildir, token) })

	var allowed []allowedRow
	ran := map[string]bool{}
	scenarios := append(conformanceScenarios(token), imapScenarios(imapConformanceFolders(t, s, token))...)
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			if sc.name == fetchScenario {
				prepareMailbox(t, l, s, token, ran[sendScenario])
			}
			ran[sc.name] = true
			allowed = append(allowed, runScenario(t, sc, l, s)...)
		})
	}
	if len(allowed) > 0 {
		t.Logf("differences allowed between the lab and Postfix/Dovecot:\n%s", allowedTable(allowed))
	}
	t.Logf("IMAP: what the lab words otherwise than Dovecot, beyond status and response code:\n  %s",
		strings.Join(imapTextDifferences, "\n  "))
	requireAllowedDifferencesUsed(t, ran, allowed)
}

// runScenario runs one scenario against both servers, fails on a
// difference that is not allowed or a reply that is not the one wanted,
// and returns the allowed differences.
func runScenario(t *testing.T, sc conformanceScenario, l *lab.Lab, s servers) []allowedRow {
	t.Helper()
	labService, ok := l.Service(sc.service)
	if !ok {
		t.Fatalf("the lab has no %q service", sc.service)
	}
	realURL, realName := s.smtp, "Postfix"
	switch sc.service {
	case "submission":
		realURL = s.submission
	case "pop3":
		realURL, realName = s.pop3, "Dovecot"
	case "imap":
		realURL, realName = s.imap, "Dovecot"
	}
	labOuts := runScript(t, labService.URL, sc.steps)
	realOuts := runScript(t, realURL, sc.steps)
	rows := compareRuns(sc.name, labOuts, realOuts)
	table := sideBySide(rows, realName)
	t.Logf("%s, lab vs %s:\n%s", sc.name, realName, table)
	if sc.service == "imap" {
		t.Log(imapCapabilityNote(labOuts, realOuts))
	}

	var allowed []allowedRow
	var unlisted []string
	for _, c := range rows {
		switch {
		case c.diff == "":
		case c.why != "":
			allowed = append(allowed, allowedRow{sc.name, c})
		default:
			unlisted = append(unlisted, c.step+": "+c.diff)
		}
	}
	if len(unlisted) > 0 {
		t.Errorf("the lab answers otherwise than %s, and allowedDifferences does not say why:\n  %s\n%s",
			realName, strings.Join(unlisted, "\n  "), table)
	}
	problems := append(wantProblems("the lab", labOuts), wantProblems(realName, realOuts)...)
	if len(problems) > 0 {
		t.Errorf("replies that are not the ones the scenario expects:\n  %s\n%s", strings.Join(problems, "\n  "), table)
	}
	return allowed
}

// requireAllowedDifferencesUsed fails the test for an entry of
// allowedDifferences whose scenario ran but which no difference used.
func requireAllowedDifferencesUsed(t *testing.T, ran map[string]bool, allowed []allowedRow) {
	t.Helper()
	used := map[diffKey]bool{}
	for _, r := range allowed {
		used[diffKey{r.scenario, r.step}] = true
	}
	for key := range allowedDifferences {
		if ran[key.scenario] && !used[key] {
			t.Errorf("allowedDifferences lists %q / %q, but the lab and the real server now agree there: remove the entry",
				key.scenario, key.step)
		}
	}
}
