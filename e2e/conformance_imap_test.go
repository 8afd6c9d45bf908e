package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// The IMAP sessions of the conformance test (issue 12): the same tagged
// commands against the lab's IMAP and Dovecot, compared by status and
// response code. They work in folders of their own, made and deleted by
// the scripts, so what other tests leave in INBOX does not matter.

// imapConformanceFolders names the two folders the IMAP scenarios use, and
// deletes them on Dovecot when the test ends, whatever happened.
func imapConformanceFolders(t *testing.T, s servers, token string) (string, string) {
	t.Helper()
	one, two := token+"-one", token+"-two"
	t.Cleanup(func() {
		w := dialWire(t, hostPort(t, s.imap), "")
		w.imap("c1 LOGIN " + senderUser + " " + senderPass)
		w.imap("c2 DELETE " + one)
		w.imap("c3 DELETE " + two)
		w.imap("c4 LOGOUT")
	})
	return one, two
}

// imapScenarios are the IMAP sessions: logging in and folders, reading a
// message without downloading it, IDLE, and the errors a student meets.
func imapScenarios(folder, other string) []conformanceScenario {
	login := scriptStep{line: "a1 LOGIN " + senderUser + " " + senderPass, label: "a1 LOGIN student <password>",
		secret: true, want: "a1 OK"}
	logout := scriptStep{line: "z LOGOUT", want: "z OK"}
	msg := []string{"From: " + senderUser + "@" + mailDomain, "Subject: conformance " + folder, "", "Hello, IMAP."}
	size := len(strings.Join(msg, "\r\n")) // the last line's CRLF ends the command
	return []conformanceScenario{
		{"IMAP login and folders", "imap", []scriptStep{
			{line: "a0 CAPABILITY", want: "a0 OK"},
			{line: "a1 LOGIN " + senderUser + " wrong-" + senderPass, label: "a1 LOGIN student <wrong password>",
				secret: true, want: "a1 NO [AUTHENTICATIONFAILED]"},
			{line: "a2 SELECT INBOX", want: "a2 BAD"},
			{line: "a3 LOGIN " + senderUser + " " + senderPass, label: "a3 LOGIN student <password>", secret: true, want: "a3 OK"},
			{line: "a4 ID NIL", want: "a4 OK"},
			{line: "a5 NAMESPACE", want: "a5 OK"},
			{line: `a6 LIST "" "*"`, want: "a6 OK"},
			{line: "a7 CREATE " + folder, want: "a7 OK"},
			{line: "a8 CREATE " + folder, want: "a8 NO [ALREADYEXISTS]"},
			{line: "a9 STATUS " + folder + " (MESSAGES UIDNEXT UNSEEN)", want: "a9 OK"},
			{line: "b1 SELECT " + folder + "-nosuch", want: "b1 NO"},
			{line: "b2 DELETE INBOX", want: "b2 NO"},
			{line: "b3 XYZZY", want: "b3 BAD"},
			{line: "b4 SUBSCRIBE " + folder, want: "b4 OK"},
			{line: "b5 UNSUBSCRIBE " + folder, want: "b5 OK"},
			{line: "b6 EXAMINE INBOX", want: "b6 OK [READ-ONLY]"},
			{line: "b7 UNSELECT", want: "b7 OK"},
			{line: "b8 DELETE " + folder, want: "b8 OK"},
			logout,
		}},
		{"IMAP reading without downloading", "imap", []scriptStep{
			login,
			{line: "a2 CREATE " + folder, want: "a2 OK"},
			{line: "a3 CREATE " + other, want: "a3 OK"},
			{line: fmt.Sprintf("a4 APPEND %s (\\Seen) {%d}", folder, size), want: "+"},
			{line: msg[0], then: msg[1:], label: "(the message, as the literal)", want: "a4 OK [APPENDUID"},
			{line: "a5 APPEND " + folder + "-nosuch {5}", want: "a5 NO [TRYCREATE]"},
			{line: "a6 SELECT " + folder, want: "a6 OK [READ-WRITE]"},
			{line: "a7 FETCH 1 (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)", want: "a7 OK"},
			{line: "a8 FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]", want: "a8 OK"},
			{line: "a9 FETCH 1 BODY.PEEK[]<0.20>", want: "a9 OK"},
			{line: "b1 UID FETCH 1:* (UID FLAGS)", want: "b1 OK"},
			{line: "b2 FETCH 9 FLAGS", want: "b2 BAD"},
			{line: "b3 SEARCH SUBJECT conformance", want: "b3 OK"},
			{line: "b4 UID SEARCH ALL", want: "b4 OK"},
			{line: `b5 STORE 1 +FLAGS (\Flagged)`, want: "b5 OK"},
			{line: "b6 COPY 1 " + other, want: "b6 OK [COPYUID"},
			{line: "b7 COPY 1 " + folder + "-nosuch", want: "b7 NO [TRYCREATE]"},
			{line: "b8 MOVE 1 " + other, want: "b8 OK"},
			{line: "b9 SELECT " + other, want: "b9 OK [READ-WRITE]"},
			{line: `c1 STORE 1:* +FLAGS.SILENT (\Deleted)`, want: "c1 OK"},
			{line: "c2 EXPUNGE", want: "c2 OK"},
			{line: "c3 CLOSE", want: "c3 OK"},
			{line: "c4 DELETE " + folder, want: "c4 OK"},
			{line: "c5 DELETE " + other, want: "c5 OK"},
			logout,
		}},
		{"IMAP IDLE", "imap", []scriptStep{
			login,
			{line: "a2 EXAMINE INBOX", want: "a2 OK [READ-ONLY]"},
			{line: "a3 IDLE", want: "+"},
			{line: "DONE", want: "a3 OK"},
			{line: "a4 NOOP", want: "a4 OK"},
			logout,
		}},
	}
}

// imapCapabilityNote lists the capabilities one server names after login
// and the other does not, for the log: a student comparing CAPABILITY
// lines sees these.
func imapCapabilityNote(lab, real []outcome) string {
	caps := func(outs []outcome) map[string]bool {
		set := map[string]bool{}
		for _, o := range outs {
			if o.reply == nil || !strings.HasPrefix(o.reply.RespCode, "CAPABILITY ") || !strings.Contains(o.step, "LOGIN") {
				continue
			}
			for _, c := range strings.Fields(o.reply.RespCode)[1:] {
				set[c] = true
			}
		}
		return set
	}
	l, r := caps(lab), caps(real)
	var onlyLab, onlyReal []string
	for c := range l {
		if !r[c] {
			onlyLab = append(onlyLab, c)
		}
	}
	for c := range r {
		if !l[c] {
			onlyReal = append(onlyReal, c)
		}
	}
	return fmt.Sprintf("capabilities after login only the lab names: %v; only Dovecot names: %v", onlyLab, onlyReal)
}

// imapTextDifferences are what the lab's IMAP says otherwise than Dovecot
// beyond the status and response code the test compares, and why each is
// allowed; the test prints them with the IMAP tables.
var imapTextDifferences = []string{
	`hierarchy separator "/" (lab/mailstore) vs "." (the CI Dovecot's Maildir++ layout): both RFC 3501, LIST shows each`,
	`completion texts "SELECT completed" vs "Select completed (0.001 + 0.000 secs).": go-imap's wording; Dovecot adds timings`,
	`a command in the wrong state: "BAD [CLIENTBUG] This command is only valid in the authenticated state" vs ` +
		`"BAD Error in IMAP command received by server.": go-imap's check, same status`,
	`SELECT's untagged lines come EXISTS, RECENT, UNSEEN, UIDVALIDITY, UIDNEXT, FLAGS, PERMANENTFLAGS (go-imap) ` +
		`where Dovecot starts with FLAGS: RFC 3501 fixes no order`,
	`capabilities: the lab names only what it implements (see the line per scenario); STARTTLS and ID are the front door's`,
}
