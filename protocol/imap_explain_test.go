package protocol

import (
	"strings"
	"testing"
)

// explainCase is one response and what its English explanation must say:
// fragments of each field (none: the field is empty), the decoded
// challenge and the citation exactly.
type explainCase struct {
	name                 string
	r                    Reply
	class, meaning, code []string
	decoded              string
	next, warning        []string
	rfc                  string
}

// imapStatusCases are status responses, tagged and untagged, from RFC
// 9051's examples and Dovecot 2.3.
var imapStatusCases = []explainCase{
	{name: "greeting with capabilities (Dovecot)",
		r:     exGreeting("OK", "CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5", "Dovecot ready."),
		class: []string{"untagged OK (greeting)"}, meaning: []string{"not-authenticated state"},
		code: []string{"[CAPABILITY] ", "no CAPABILITY command is needed"},
		next: []string{"STARTTLS encrypts", "LOGIN user password", "AUTHENTICATE (offered: PLAIN LOGIN CRAM-MD5): try :plain USER PASS"},
		rfc:  "RFC 9051 7.1.1, 7.1"},
	{name: "greeting without capabilities (RFC 9051 8)", r: exGreeting("OK", "", "IMAP4rev2 Service Ready"),
		class: []string{"greeting"}, meaning: []string{"must log in first"}, next: []string{"CAPABILITY shows"}, rfc: "RFC 9051 7.1.1"},
	{name: "greeting on TLS with LOGINDISABLED", r: func() Reply {
		r := exGreeting("OK", "CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI LOGINDISABLED", "ready")
		r.Before.TLS = true
		return r
	}(), class: []string{"greeting"}, meaning: []string{"log in first"}, code: []string{"[CAPABILITY]"},
		next: []string{"LOGIN is disabled", "log in with AUTHENTICATE (offered: GSSAPI)"}, rfc: "RFC 9051 7.1.1, 7.1"},
	{name: "PREAUTH greeting (RFC 9051 7.1.4)", r: exGreeting("PREAUTH", "", "IMAP4rev2 server logged in as Smith"),
		class: []string{"PREAUTH", "already logged in"}, meaning: []string{"authenticated state"},
		next: []string{"LIST \"\" *", "SELECT INBOX"}, rfc: "RFC 9051 7.1.4"},
	{name: "BYE greeting", r: exGreeting("BYE", "", "Too many connections"),
		class: []string{"refuses the connection"}, meaning: []string{"will not serve you"}, next: []string{"try again later"}, rfc: "RFC 9051 7.1.5"},
	{name: "BYE to LOGOUT", r: exUntagged("BYE", "", "IMAP4rev2 Server logging out", "A023 LOGOUT", exSelected),
		class: []string{"goodbye"}, meaning: []string{"as LOGOUT asked", "tagged OK"}, rfc: "RFC 9051 7.1.5"},
	{name: "BYE during IDLE (autologout)", r: exUntagged("BYE", "", "Autologout; idle for too long", "a5 IDLE", exSelected),
		class: []string{"closing the connection"}, meaning: []string{"no answer"}, next: []string{"connect again"},
		warning: []string{"without LOGOUT", "idle timeout"}, rfc: "RFC 9051 7.1.5"},
	{name: "LOGOUT completed", r: exTagged("OK", "", "LOGOUT completed", "A023 LOGOUT", exSelected),
		class: []string{"tagged OK", "A023 succeeded"}, meaning: []string{"logout state"}, rfc: "RFC 9051 6.1.3"},
	{name: "untagged OK without a code (IDLE keepalive, Dovecot)", r: exUntagged("OK", "", "Still here", "a5 IDLE", exSelected),
		class: []string{"untagged OK", "ends no command"}, meaning: []string{"nothing to act on", "IDLE"}, rfc: "RFC 9051 7.1.1"},
	{name: "untagged NO warning (RFC 9051 7.1.2)", r: exUntagged("NO", "", "Disk is 98% full, please delete unnecessary data", "A223 COPY 1:2 owatagusiam", exSelected),
		class: []string{"untagged NO", "warning"}, meaning: []string{"still runs"}, rfc: "RFC 9051 7.1.2"},
	{name: "untagged BAD (RFC 9051 7.1.3)", r: exUntagged("BAD", "", "Command line too long", "", exSelected),
		class: []string{"untagged BAD"}, meaning: []string{"cannot say which command"}, rfc: "RFC 9051 7.1.3"},
	{name: "ALERT", r: exUntagged("OK", "ALERT", "System shutdown in 10 minutes", "", exSelected),
		meaning: []string{"response code"}, code: []string{"[ALERT] ", "read the text"},
		warning: []string{"asks you to read this: System shutdown in 10 minutes"}, rfc: "RFC 9051 7.1.1, 7.1"},
	{name: "ALERT with an escape sequence", r: exUntagged("NO", "ALERT", "\x1b[2Jgotcha", "", exSelected),
		warning: []string{"?[2Jgotcha"}, meaning: []string{"warning"}, code: []string{"[ALERT]"}, rfc: "RFC 9051 7.1.2, 7.1"},
	{name: "CLOSED when SELECT replaces a mailbox (Dovecot)", r: exUntagged("OK", "CLOSED", "Previous mailbox closed.", "c1 SELECT Archive", exSelected),
		code: []string{"[CLOSED] ", "now closed"}, meaning: []string{"response code"}, rfc: "RFC 9051 7.1.1, 7.1"},

	{name: "LOGIN completed in clear text", r: exTagged("OK", "", "Logged in", "a3 LOGIN student <redacted>", exNotAuth),
		class: []string{"a3 succeeded"}, meaning: []string{"logged in", "authenticated state"},
		next: []string{"LIST \"\" * lists your mailboxes", "SELECT INBOX"}, warning: []string{"unencrypted", "STARTTLS"}, rfc: "RFC 9051 6.2.3"},
	{name: "LOGIN completed over TLS with capabilities", r: exTagged("OK", "CAPABILITY IMAP4rev1 IDLE MOVE", "Logged in", "a3 LOGIN student <redacted>", State{TLS: true}),
		meaning: []string{"authenticated state"}, code: []string{"[CAPABILITY]"}, next: []string{"SELECT INBOX"}, rfc: "RFC 9051 6.2.3, 7.1"},
	{name: "LOGIN with a wrong password (Dovecot)", r: exTagged("NO", "AUTHENTICATIONFAILED", "Authentication failed.", "a2 LOGIN student <redacted>", exNotAuth),
		class: []string{"tagged NO", "a2 failed"}, meaning: []string{"failed; its response code (below) says why"}, code: []string{"[AUTHENTICATIONFAILED] ", "wrong credentials"},
		next: []string{"check the user name and password"}, rfc: "RFC 9051 6.2.3, RFC 5530 3"},
	{name: "LOGIN after a login (Dovecot)", r: exTagged("BAD", "", "Error in IMAP command LOGIN: Unknown command (0.001 + 0.000 secs).", "c2 LOGIN again x", exSelected),
		class: []string{"tagged BAD", "c2"}, meaning: []string{"already logged in", "stays logged in"}, next: []string{"go on"}, rfc: "RFC 9051 3, 6.2.3"},
	{name: "EXAMINE inbox names INBOX (Dovecot)", r: exTagged("OK", "READ-ONLY", "Examine completed (0.001 + 0.000 secs).", "x9 EXAMINE inbox", exLoggedIn),
		meaning: []string{`the mailbox "INBOX" is selected read-only`}, code: []string{"[READ-ONLY]"},
		next: []string{`FETCH and SEARCH read the mailbox "INBOX"`}, rfc: "RFC 9051 6.3.3, 7.1"},
	{name: "SELECT before login (Dovecot)", r: exTagged("BAD", "", "Error in IMAP command received by server.", "a1 SELECT INBOX", exNotAuth),
		meaning: []string{"not logged in yet"}, next: []string{"log in first"}, rfc: "RFC 9051 3, 6.3.2"},
	{name: "FETCH with no mailbox selected (Dovecot)", r: exTagged("BAD", "", "No mailbox selected (0.001 + 0.000 secs).", "c5 FETCH 1 FLAGS", exLoggedIn),
		meaning: []string{"no mailbox is selected"}, next: []string{"SELECT INBOX (or EXAMINE INBOX) first"}, rfc: "RFC 9051 3, 6.4.5"},
	{name: "SELECT without a mailbox (Dovecot)", r: exTagged("BAD", "", "Error in IMAP command SELECT: Invalid arguments", "c1 SELECT", exSelected),
		meaning: []string{"an argument is missing; the syntax is SELECT <mailbox>"}, next: []string{":help shows them"}, rfc: "RFC 9051 6.3.2"},
	{name: "unknown command (Dovecot)", r: exTagged("BAD", "", "Error in IMAP command FOO: Unknown command (0.001 + 0.000 secs).", "a4 FOO", exLoggedIn),
		meaning: []string{"does not know this command", ":help"}, next: []string{"CAPABILITY shows the extensions"}, rfc: "RFC 9051 7.1.3"},
	{name: "a tagged response for a tag never sent", r: Reply{Protocol: IMAP, Tag: "zz9", Status: "OK", Text: "done", Tone: TonePositive, Before: exLoggedIn},
		class: []string{"zz9 succeeded"}, meaning: []string{"the command succeeded"}, next: []string{"LIST"}, rfc: "RFC 9051 7.1"},
	{name: "STARTTLS", r: exTagged("OK", "", "Begin TLS negotiation now.", "a5 STARTTLS", exNotAuth),
		meaning: []string{"TLS handshake"}, next: []string{"CAPABILITY again"}, rfc: "RFC 9051 6.2.1"},
	{name: "AUTHENTICATE cancelled (Dovecot)", r: exTagged("BAD", "", "Authentication aborted by client.", "a1 AUTHENTICATE PLAIN", exNotAuth),
		meaning: []string{"cancelled (you sent *)"}, next: []string{"start again with AUTHENTICATE"}, rfc: "RFC 9051 6.2.2, RFC 4959 3"},
	{name: "AUTHENTICATE PLAIN completed in clear text", r: exTagged("OK", "", "Logged in", "a1 AUTHENTICATE PLAIN <redacted>", exNotAuth),
		meaning: []string{"logged in (SASL)"}, next: []string{"SELECT INBOX"}, warning: []string{"unencrypted"}, rfc: "RFC 9051 6.2.2, RFC 4959 3"},
	{name: "AUTHENTICATE CRAM-MD5 completed in clear text: no password crossed", r: exTagged("OK", "", "Logged in", "a1 AUTHENTICATE CRAM-MD5", exNotAuth),
		meaning: []string{"logged in (SASL)"}, next: []string{"SELECT INBOX"}, rfc: "RFC 9051 6.2.2, RFC 4959 3"},
	{name: "CAPABILITY completed: how to log in (RFC 9051 6.1.1)", r: exTagged("OK", "", "CAPABILITY completed", "abcd CAPABILITY",
		State{Extensions: []string{"IMAP4rev2", "STARTTLS", "AUTH=GSSAPI", "LOGINDISABLED"}}),
		meaning: []string{"capability list is above"}, next: []string{"STARTTLS encrypts the connection first", "LOGIN is disabled", "log in with AUTHENTICATE (offered: GSSAPI)"},
		rfc: "RFC 9051 6.1.1"},
	{name: "SELECT completed (RFC 9051 6.3.2)", r: exTagged("OK", "READ-WRITE", "SELECT completed", "A142 SELECT INBOX", exLoggedIn),
		meaning: []string{`the mailbox "INBOX" is selected, read-write`, "selected state"}, code: []string{"[READ-WRITE] "},
		next: []string{`FETCH 1:* (FLAGS ENVELOPE) lists the messages of the mailbox "INBOX"`, "CLOSE or UNSELECT", "IDLE shows new mail"},
		rfc:  "RFC 9051 6.3.2, 7.1"},
	{name: "SELECT of a folder in modified UTF-7", r: exTagged("OK", "READ-WRITE", "Select completed", "a7 SELECT &ZTZO9nux-", exLoggedIn),
		meaning: []string{`the mailbox "收件箱" (&ZTZO9nux- on the wire, in modified UTF-7) is selected`},
		code:    []string{"[READ-WRITE]"}, next: []string{`"收件箱"`}, rfc: "RFC 9051 6.3.2, 7.1"},
	{name: "SELECT granted read-only", r: exTagged("OK", "READ-ONLY", "Select completed", "a7 SELECT Shared", exLoggedIn),
		meaning: []string{"selected, but read-only"}, code: []string{"[READ-ONLY]"}, next: []string{"SELECT it instead of EXAMINE"},
		warning: []string{"asked SELECT for read-write"}, rfc: "RFC 9051 6.3.2, 7.1"},
	{name: "EXAMINE completed (Dovecot)", r: exTagged("OK", "READ-ONLY", "Examine completed (0.001 + 0.000 secs).", "b3 EXAMINE INBOX", exLoggedIn),
		meaning: []string{"selected read-only"}, code: []string{"[READ-ONLY] "}, next: []string{`FETCH and SEARCH read the mailbox "INBOX"`},
		rfc: "RFC 9051 6.3.3, 7.1"},
	{name: "EXAMINE of a missing mailbox (Dovecot)", r: exTagged("NO", "", "Mailbox doesn't exist: nosuch (0.001 + 0.000 secs).", "a9 EXAMINE nosuch", exSelected),
		meaning: []string{`"nosuch" could not be opened`, "no mailbox is selected"}, next: []string{"LIST \"\" * shows the mailboxes"}, rfc: "RFC 9051 6.3.3"},
	{name: "CREATE of INBOX (Dovecot)", r: exTagged("NO", "ALREADYEXISTS", "Mailbox already exists (0.001 + 0.000 secs).", "b1 CREATE INBOX", exLoggedIn),
		meaning: []string{`the command on the mailbox "INBOX" failed`}, code: []string{"[ALREADYEXISTS] "}, next: []string{"choose another name"},
		rfc: "RFC 9051 6.3.4, RFC 5530 3"},
	{name: "DELETE of a missing mailbox (Dovecot)", r: exTagged("NO", "NONEXISTENT", "Mailbox doesn't exist: nosuch", "b2 DELETE nosuch", exLoggedIn),
		meaning: []string{`on the mailbox "nosuch" failed`}, code: []string{"[NONEXISTENT]"}, next: []string{"LIST \"\" * shows"}, rfc: "RFC 9051 6.3.5, RFC 5530 3"},
	{name: "DELETE of a parent (RFC 9051 6.3.5)", r: exTagged("NO", "HASCHILDREN", `Name "foo" has inferior hierarchical names`, "A684 DELETE foo", exLoggedIn),
		meaning: []string{`on the mailbox "foo" failed`}, code: []string{"[HASCHILDREN] "}, next: []string{"child mailboxes first"}, rfc: "RFC 9051 6.3.5, 7.1"},
	{name: "RENAME completed", r: exTagged("OK", "", "RENAME completed", "A683 RENAME blurdybloop sarasoop", exLoggedIn),
		meaning: []string{`it is now the mailbox "sarasoop"`}, next: []string{"SELECT INBOX"}, rfc: "RFC 9051 6.3.6"},
	{name: "APPEND completed with its UID (RFC 9051 6.3.12)", r: exTagged("OK", "APPENDUID 38505 3955", "APPEND completed", "A003 APPEND saved-messages (\\Seen) {326}", exLoggedIn),
		meaning: []string{`added to the mailbox "saved-messages"`}, code: []string{"[APPENDUID] UID validity 38505; the new message's UID is 3955"},
		next: []string{"LIST"}, rfc: "RFC 9051 6.3.12, 7.1"},
	{name: "APPEND to a missing mailbox", r: exTagged("NO", "TRYCREATE", "Mailbox doesn't exist: Drafts", "a8 APPEND Drafts {310}", exLoggedIn),
		meaning: []string{`on the mailbox "Drafts" failed`}, code: []string{"[TRYCREATE]"}, next: []string{"CREATE the mailbox, then repeat"},
		rfc: "RFC 9051 6.3.12, 7.1"},
	{name: "COPY to a missing mailbox (Dovecot)", r: exTagged("NO", "TRYCREATE", "Mailbox doesn't exist: nosuch (0.001 + 0.000 secs).", "b7 COPY 1 nosuch", exExamined),
		meaning: []string{`on the mailbox "nosuch" failed`}, code: []string{"[TRYCREATE] "}, next: []string{"CREATE the mailbox"}, rfc: "RFC 9051 6.4.7, 7.1"},
	{name: "COPY completed with COPYUID (RFC 9051 6.4.7)", r: exTagged("OK", "COPYUID 38505 304,319:320 3956:3958", "Done", "A003 COPY 2:4 MEETING", exSelected),
		meaning: []string{`copied to the mailbox "MEETING"`}, code: []string{"UID validity 38505", "the UIDs 304,319:320 got the new UIDs 3956:3958"},
		next: []string{"FETCH 1:*"}, rfc: "RFC 9051 6.4.7, 7.1"},
	{name: "UID MOVE completed", r: exTagged("OK", "", "Done", "a UID MOVE 42:69 foo", exSelected),
		meaning: []string{`moved to the mailbox "foo"`}, next: []string{"FETCH 1:*"}, rfc: "RFC 9051 6.4.8, RFC 6851 3, RFC 9051 6.4.9"},
	{name: "STORE in a read-only mailbox (Dovecot)", r: exTagged("OK", "", "Store ignored with read-only mailbox (0.001 + 0.000 secs).", `b8 STORE 1 +FLAGS (\Seen)`, exExamined),
		meaning: []string{"flags are changed"}, next: []string{"EXPUNGE removes"}, warning: []string{"server ignored the change"}, rfc: "RFC 9051 6.4.6"},
	{name: "STORE refused in a read-only mailbox", r: exTagged("NO", "", "Mailbox is read-only", `a4 STORE 1 +FLAGS (\Deleted)`, exExamined),
		meaning: []string{"read-only", "changes are refused"}, next: []string{"SELECT the mailbox (not EXAMINE)"}, rfc: "RFC 9051 6.4.6"},
	{name: "FETCH of whole messages marks them seen", r: exTagged("OK", "", "Fetch completed", "c4 FETCH 1:* (FLAGS BODY[])", exSelected),
		meaning: []string{"one untagged FETCH per message"}, next: []string{"STORE n +FLAGS"}, warning: []string{"without .PEEK marked these messages as read"},
		rfc: "RFC 9051 6.4.5"},
	{name: "FETCH with PEEK marks nothing", r: exTagged("OK", "", "Fetch completed", "c4 FETCH 1 (BODY.PEEK[HEADER])", exSelected),
		meaning: []string{"data asked for"}, next: []string{"STORE n"}, rfc: "RFC 9051 6.4.5"},
	{name: "FETCH in a read-only mailbox marks nothing", r: exTagged("OK", "", "Fetch completed", "c4 FETCH 1 RFC822", exExamined),
		meaning: []string{"data asked for"}, next: []string{"STORE n"}, rfc: "RFC 9051 6.4.5"},
	{name: "UID SEARCH completed", r: exTagged("OK", "", "Search completed", "c0 UID SEARCH UNSEEN", exSelected),
		meaning: []string{"the UIDs of the matching messages"}, next: []string{"UID FETCH"}, rfc: "RFC 9051 6.4.4, 6.4.9"},
	{name: "SEARCH with a charset not supported", r: exTagged("NO", "BADCHARSET (US-ASCII UTF-8)", "KOI8-R is not supported", "A283 SEARCH CHARSET KOI8-R SUBJECT x", exSelected),
		meaning: []string{"its response code (below) says why"}, code: []string{"[BADCHARSET] "}, next: []string{"CHARSET UTF-8"}, rfc: "RFC 9051 6.4.4, 7.1"},
	{name: "EXPUNGE completed", r: exTagged("OK", "", "EXPUNGE completed", "A202 EXPUNGE", exSelected),
		meaning: []string{"removed for good", "moved down"}, next: []string{"FETCH 1:*"}, rfc: "RFC 9051 6.4.3"},
	{name: "UID EXPUNGE completed (UIDPLUS)", r: exTagged("OK", "", "Expunge completed", "A003 UID EXPUNGE 3000:3002", exSelected),
		meaning: []string{"among the UIDs given"}, next: []string{"FETCH 1:*"}, rfc: "RFC 9051 6.4.3, 6.4.9"},
	{name: "CLOSE completed", r: exTagged("OK", "", "CLOSE completed", "A341 CLOSE", exSelected),
		meaning: []string{"removed for good, silently", "authenticated state"}, next: []string{"SELECT INBOX opens one"}, rfc: "RFC 9051 6.4.1"},
	{name: "CLOSE of a read-only mailbox", r: exTagged("OK", "", "CLOSE completed", "A341 CLOSE", exExamined),
		meaning: []string{"nothing was removed"}, next: []string{"LIST"}, rfc: "RFC 9051 6.4.1"},
	{name: "CLOSE with no mailbox (Dovecot)", r: exTagged("BAD", "", "No mailbox selected (0.001 + 0.000 secs).", "c4 CLOSE", exLoggedIn),
		meaning: []string{"no mailbox is selected"}, next: []string{"SELECT INBOX"}, rfc: "RFC 9051 3, 6.4.1"},
	{name: "IDLE ended by DONE", r: exTagged("OK", "", "IDLE terminated", "A002 IDLE", exSelected),
		meaning: []string{"you sent DONE"}, next: []string{"FETCH 1:*"}, rfc: "RFC 9051 6.3.13, RFC 2177 3"},
	{name: "CHECK (IMAP4rev1)", r: exTagged("OK", "", "CHECK Completed", "FXXZ CHECK", exSelected),
		meaning: []string{"IMAP4rev2 dropped CHECK"}, next: []string{"FETCH"}, rfc: "RFC 3501 6.4.1"},
	{name: "UNAVAILABLE is transient (RFC 5530)", r: exTagged("NO", "UNAVAILABLE", "User's backend down for maintenance", "a LOGIN john <redacted>", exNotAuth),
		class: []string{"failed for now", "may work later"}, meaning: []string{"response code"}, code: []string{"[UNAVAILABLE] ", "temporary"}, next: []string{"try again later"},
		rfc: "RFC 9051 6.2.3, RFC 5530 3"},
	{name: "INUSE is transient", r: exTagged("NO", "INUSE", "Mailbox in use", "h DELETE foo", exLoggedIn),
		class: []string{"failed for now"}, meaning: []string{`the mailbox "foo"`}, code: []string{"[INUSE]"}, next: []string{"close the other session"}, rfc: "RFC 9051 6.3.5, RFC 5530 3"},
	{name: "a transient NO without a code of its own", r: func() Reply {
		r := exTagged("NO", "", "Internal error", "a6 NOOP", exSelected)
		r.Tone = ToneTransient
		return r
	}(), class: []string{"for now"}, meaning: []string{"could not do it"}, next: []string{"try again later"}, rfc: "RFC 9051 6.1.2"},
	{name: "CLIENTBUG on an OK (RFC 5530)", r: exTagged("OK", "CLIENTBUG", "Done (but client bug)", "l NOOP", exSelected),
		meaning: []string{"nothing was done"}, code: []string{"[CLIENTBUG] "}, next: []string{"FETCH 1:*"}, rfc: "RFC 9051 6.1.2, RFC 5530 3"},
	{name: "conditional STORE with MODIFIED (RFC 7162 3.1.3)", r: exTagged("OK", "MODIFIED 7,9", "Conditional STORE failed", `d105 STORE 7,5,9 (UNCHANGEDSINCE 320162338) +FLAGS.SILENT (\Deleted)`, exSelected),
		meaning: []string{"flags are changed"}, code: []string{"[MODIFIED] ", "were not stored: 7,9"}, next: []string{"repeat the STORE"},
		rfc: "RFC 9051 6.4.6, RFC 7162 3.1.3"},
	{name: "an unknown response code", r: exTagged("NO", "XFOO 12", "odd", "a6 NOOP", exSelected),
		code: []string{"[XFOO] ", "this tutor does not explain"}, meaning: []string{"could not do it"}, rfc: "RFC 9051 6.1.2"},
	{name: "malformed", r: Reply{Protocol: IMAP, Tag: "?", Text: "garbage", Problems: []string{"not IMAP"}},
		class: []string{"malformed"}, meaning: []string{"not an IMAP response"}, rfc: "RFC 9051 2.2.2, 7"},
	{name: "a status a tagged response cannot have", r: Reply{Protocol: IMAP, Tag: "a1", Status: "PREAUTH", Tone: TonePositive},
		class: []string{"malformed"}, meaning: []string{"not an IMAP response"}, rfc: "RFC 9051 2.2.2, 7"},
}

func TestExplainIMAPStatus(t *testing.T) { runIMAPCases(t, imapStatusCases) }

// runIMAPCases explains each case in English and checks every field.
func runIMAPCases(t *testing.T, cases []explainCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			ex := explainedIMAP(t, tt.r, English)
			if len(tt.class) == 0 && ex.Class == "" {
				t.Error("no class sentence")
			}
			for _, f := range tt.class {
				if !strings.Contains(ex.Class, f) {
					t.Errorf("Class = %q, want it to hold %q", ex.Class, f)
				}
			}
			wantFragments(t, "Meaning", ex.Meaning, tt.meaning)
			wantFragments(t, "Enhanced", ex.Enhanced, tt.code)
			wantFragments(t, "Next", ex.Next, tt.next)
			wantFragments(t, "Warning", ex.Warning, tt.warning)
			if ex.Decoded != tt.decoded || ex.RFC != tt.rfc {
				t.Errorf("Decoded %q RFC %q; want %q and %q", ex.Decoded, ex.RFC, tt.decoded, tt.rfc)
			}
		})
	}
}

func TestExplainIMAPNil(t *testing.T) {
	if ex, err := explainIMAP(nil, Chinese); err != nil || ex != (Explanation{}) {
		t.Errorf("nil reply: %+v, %v", ex, err)
	}
	if _, err := explainIMAP(&Reply{Tag: "*", Status: "OK"}, "fr"); err == nil {
		t.Error("French explained without an error")
	}
}
