package protocol

import (
	"fmt"
	"strings"
)

// imapFixture is a conversation and what the framer must make of it:
// one summary per reply (see summary), in order.
type imapFixture struct {
	name  string
	steps []imapStep
	want  []string
}

// summary says what a test checks of a reply, on one line:
// "tag status [code] text | command | pending | tone | n lines | n problems".
func summary(r *Reply) string {
	var b strings.Builder
	b.WriteString(r.Tag + " " + r.Status)
	if r.RespCode != "" {
		b.WriteString(" [" + r.RespCode + "]")
	}
	if r.Text != "" {
		b.WriteString(" " + r.Text)
	}
	b.WriteString(" | " + r.Command)
	if r.Pending {
		b.WriteString(" | pending")
	}
	b.WriteString(" | " + r.Tone.String())
	if n := len(r.Lines); n != 1 {
		fmt.Fprintf(&b, " | %d lines", n)
	}
	if n := len(r.Problems); n > 0 {
		fmt.Fprintf(&b, " | %d problems", n)
	}
	return b.String()
}

// dovecotMessage is the message the Dovecot fixtures append and fetch:
// 95 bytes with its CRLFs.
var dovecotMessage = []string{
	"From: a@example.test", "To: student@example.test", "Subject: =?UTF-8?B?5L2g5aW9?=", "", "Hello", "World",
}

func dovecotMessageSteps() []imapStep {
	var out []imapStep
	for _, l := range dovecotMessage {
		out = append(out, sent(l))
	}
	return out
}

const (
	dovecotGreeting = "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5] mailtutor-ci Dovecot ready.\r\n"
	dovecotCaps     = "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY"
	dovecotGreet    = "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5] mailtutor-ci Dovecot ready. |  | positive"
)

// imapFixtures are real conversations: Dovecot 2.3 on the CI servers
// (captured with a raw socket) and the examples of RFC 9051.
var imapFixtures = []imapFixture{
	{name: "dovecot login, list, examine, idle, logout", steps: []imapStep{
		recv(dovecotGreeting),
		sent("a1 CAPABILITY"),
		recv("* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5\r\na1 OK Pre-login capabilities listed, post-login capabilities have more.\r\n"),
		sent("a2 LOGIN student secret123"),
		recv("* CAPABILITY " + dovecotCaps + "\r\na2 OK Logged in\r\n"),
		sent(`a3 LIST "" "*"`),
		recv("* LIST (\\HasNoChildren) \".\" INBOX\r\na3 OK List completed (0.001 + 0.000 secs).\r\n"),
		sent("a4 EXAMINE INBOX"),
		recv("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* OK [PERMANENTFLAGS ()] Read-only mailbox.\r\n* 0 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1796546596] UIDs valid\r\n* OK [UIDNEXT 114] Predicted next UID\r\na4 OK [READ-ONLY] Examine completed (0.005 + 0.000 + 0.004 secs).\r\n"),
		sent("a5 FETCH 1:2 (FLAGS BODY.PEEK[HEADER] RFC822.SIZE)"),
		recv("a5 BAD Error in IMAP command FETCH: Invalid messageset (0.001 + 0.000 secs).\r\n"),
		sent("a6 NAMESPACE"),
		recv("* NAMESPACE ((\"\" \".\")) NIL NIL\r\na6 OK Namespace completed (0.001 + 0.000 secs).\r\n"),
		sent("a7 ID NIL"),
		recv("* ID (\"name\" \"Dovecot\")\r\na7 OK ID completed (0.001 + 0.000 secs).\r\n"),
		sent("a8 STATUS INBOX (MESSAGES UIDNEXT)"),
		recv("* STATUS INBOX (MESSAGES 0 UIDNEXT 114)\r\na8 OK [CLIENTBUG] Status on selected mailbox completed (0.001 + 0.000 secs).\r\n"),
		sent("a9 SELECT nosuch"),
		recv("* OK [CLOSED] Previous mailbox closed.\r\na9 NO Mailbox doesn't exist: nosuch (0.001 + 0.000 secs).\r\n"),
		sent("b1 IDLE"),
		recv("+ idling\r\n"),
		sent("DONE"),
		recv("b1 OK Idle completed (0.701 + 0.701 + 0.700 secs).\r\n"),
		sent("b2 LOGOUT"),
		recv("* BYE Logging out\r\nb2 OK Logout completed (0.001 + 0.000 secs).\r\n"),
	}, want: []string{
		dovecotGreet,
		"* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 | a1 CAPABILITY | pending | positive",
		"a1 OK Pre-login capabilities listed, post-login capabilities have more. | a1 CAPABILITY | positive",
		"* CAPABILITY " + dovecotCaps + " | a2 LOGIN student <redacted> | pending | positive",
		"a2 OK Logged in | a2 LOGIN student <redacted> | positive",
		`* LIST (\HasNoChildren) "." INBOX | a3 LIST "" "*" | pending | positive`,
		`a3 OK List completed (0.001 + 0.000 secs). | a3 LIST "" "*" | positive`,
		`* FLAGS (\Answered \Flagged \Deleted \Seen \Draft) | a4 EXAMINE INBOX | pending | positive`,
		"* OK [PERMANENTFLAGS ()] Read-only mailbox. | a4 EXAMINE INBOX | pending | positive",
		"* EXISTS 0 | a4 EXAMINE INBOX | pending | positive",
		"* RECENT 0 | a4 EXAMINE INBOX | pending | positive",
		"* OK [UIDVALIDITY 1796546596] UIDs valid | a4 EXAMINE INBOX | pending | positive",
		"* OK [UIDNEXT 114] Predicted next UID | a4 EXAMINE INBOX | pending | positive",
		"a4 OK [READ-ONLY] Examine completed (0.005 + 0.000 + 0.004 secs). | a4 EXAMINE INBOX | positive",
		"a5 BAD Error in IMAP command FETCH: Invalid messageset (0.001 + 0.000 secs). | a5 FETCH 1:2 (FLAGS BODY.PEEK[HEADER] RFC822.SIZE) | permanent",
		`* NAMESPACE (("" ".")) NIL NIL | a6 NAMESPACE | pending | positive`,
		"a6 OK Namespace completed (0.001 + 0.000 secs). | a6 NAMESPACE | positive",
		`* ID ("name" "Dovecot") | a7 ID NIL | pending | positive`,
		"a7 OK ID completed (0.001 + 0.000 secs). | a7 ID NIL | positive",
		"* STATUS INBOX (MESSAGES 0 UIDNEXT 114) | a8 STATUS INBOX (MESSAGES UIDNEXT) | pending | positive",
		"a8 OK [CLIENTBUG] Status on selected mailbox completed (0.001 + 0.000 secs). | a8 STATUS INBOX (MESSAGES UIDNEXT) | positive",
		"* OK [CLOSED] Previous mailbox closed. | a9 SELECT nosuch | pending | positive",
		"a9 NO Mailbox doesn't exist: nosuch (0.001 + 0.000 secs). | a9 SELECT nosuch | permanent",
		"+ + idling | b1 IDLE | pending | intermediate",
		"b1 OK Idle completed (0.701 + 0.701 + 0.700 secs). | b1 IDLE | positive",
		"* BYE Logging out | b2 LOGOUT | pending | positive",
		"b2 OK Logout completed (0.001 + 0.000 secs). | b2 LOGOUT | positive",
	}},
	{name: "dovecot authenticate, append, fetch literals", steps: append(append(append([]imapStep{
		recv(dovecotGreeting),
		sent("a0 AUTHENTICATE PLAIN"),
		recv("+ \r\n"),
		sent("AHN0dWRlbnQAc2VjcmV0MTIz"),
		recv("a0 OK [CAPABILITY " + dovecotCaps + "] Logged in\r\n"),
		sent("a1 CREATE &ZeVnLIqe-"),
		recv("a1 OK Create completed (0.005 + 0.000 + 0.004 secs).\r\n"),
		sent("a2 APPEND &ZeVnLIqe- (\\Seen) {95}"),
		recv("+ OK\r\n")},
		dovecotMessageSteps()...),
		sent(""),
		recv("a2 OK [APPENDUID 1796546597 1] Append completed (0.004 + 0.502 + 0.002 secs).\r\n"),
		sent("a3 APPEND &ZeVnLIqe- {95+}")),
		append(dovecotMessageSteps(),
			sent(""),
			recv("a3 OK [APPENDUID 1796546597 2] Append completed (0.003 + 0.000 + 0.002 secs).\r\n"),
			sent("a5 SELECT &ZeVnLIqe-"),
			recv("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.\r\n* 2 EXISTS\r\n* 2 RECENT\r\n* OK [UNSEEN 2] First unseen.\r\n* OK [UIDVALIDITY 1796546597] UIDs valid\r\n* OK [UIDNEXT 3] Predicted next UID\r\na5 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).\r\n"),
			sent("a6 FETCH 1 BODY[]"),
			recv("* 1 FETCH (BODY[] {95}\r\nFrom: a@example.test\r\nTo: student@example.test\r\nSubject: =?UTF-8?B?5L2g5aW9?=\r\n\r\nHello\r\nWorld\r\n)\r\na6 OK Fetch completed (0.001 + 0.000 secs).\r\n"),
			sent("a7 FETCH 1:2 (FLAGS BODY.PEEK[HEADER] BODY.PEEK[TEXT] RFC822.SIZE)"),
			recv("* 1 FETCH (FLAGS (\\Seen \\Recent) RFC822.SIZE 95 BODY[HEADER] {81}\r\nFrom: a@example.test\r\nTo: student@example.test\r\nSubject: =?UTF-8?B?5L2g5aW9?=\r\n\r\n BODY[TEXT] {14}\r\nHello\r\nWorld\r\n)\r\n* 2 FETCH (FLAGS (\\Recent) RFC822.SIZE 95 BODY[HEADER] {81}\r\nFrom: a@example.test\r\nTo: student@example.test\r\nSubject: =?UTF-8?B?5L2g5aW9?=\r\n\r\n BODY[TEXT] {14}\r\nHello\r\nWorld\r\n)\r\na7 OK Fetch completed (0.001 + 0.000 secs).\r\n"),
			sent("a8 FETCH 1 (BINARY.PEEK[1] BODY.PEEK[HEADER.FIELDS (SUBJECT)])"),
			recv("* 1 FETCH (BINARY[1] {14}\r\nHello\r\nWorld\r\n BODY[HEADER.FIELDS (SUBJECT)] {33}\r\nSubject: =?UTF-8?B?5L2g5aW9?=\r\n\r\n)\r\na8 OK Fetch completed (0.001 + 0.000 secs).\r\n"),
			sent("a9 UID SEARCH ALL"),
			recv("* SEARCH 1 2\r\na9 OK Search completed (0.001 + 0.000 secs).\r\n"),
			sent("b0 SEARCH RETURN (MIN MAX COUNT) ALL"),
			recv("* ESEARCH (TAG \"b0\") MIN 1 MAX 2 COUNT 2\r\nb0 OK Search completed (0.001 + 0.000 secs).\r\n"),
			sent("b1 LOGIN {7}"),
			recv("b1 BAD Error in IMAP command LOGIN: Unknown command (0.001 + 0.000 secs).\r\n"),
			sent("b2 CLOSE"),
			recv("b2 OK Close completed (0.001 + 0.000 secs).\r\n"),
			sent("b3 DELETE &ZeVnLIqe-"),
			recv("b3 OK Delete completed (0.003 + 0.000 + 0.002 secs).\r\n"),
			sent("b4 FETCH 1 BODY[]"),
			recv("b4 BAD No mailbox selected (0.001 + 0.000 secs).\r\n"),
		)...), want: []string{
		dovecotGreet,
		"+ + | a0 AUTHENTICATE PLAIN | pending | intermediate",
		"a0 OK [CAPABILITY " + dovecotCaps + "] Logged in | a0 AUTHENTICATE PLAIN | positive",
		"a1 OK Create completed (0.005 + 0.000 + 0.004 secs). | a1 CREATE &ZeVnLIqe- | positive",
		`+ + OK | a2 APPEND &ZeVnLIqe- (\Seen) {95} | pending | intermediate`,
		`a2 OK [APPENDUID 1796546597 1] Append completed (0.004 + 0.502 + 0.002 secs). | a2 APPEND &ZeVnLIqe- (\Seen) {95} | positive`,
		"a3 OK [APPENDUID 1796546597 2] Append completed (0.003 + 0.000 + 0.002 secs). | a3 APPEND &ZeVnLIqe- {95+} | positive",
		`* FLAGS (\Answered \Flagged \Deleted \Seen \Draft) | a5 SELECT &ZeVnLIqe- | pending | positive`,
		`* OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft \*)] Flags permitted. | a5 SELECT &ZeVnLIqe- | pending | positive`,
		"* EXISTS 2 | a5 SELECT &ZeVnLIqe- | pending | positive",
		"* RECENT 2 | a5 SELECT &ZeVnLIqe- | pending | positive",
		"* OK [UNSEEN 2] First unseen. | a5 SELECT &ZeVnLIqe- | pending | positive",
		"* OK [UIDVALIDITY 1796546597] UIDs valid | a5 SELECT &ZeVnLIqe- | pending | positive",
		"* OK [UIDNEXT 3] Predicted next UID | a5 SELECT &ZeVnLIqe- | pending | positive",
		"a5 OK [READ-WRITE] Select completed (0.001 + 0.000 secs). | a5 SELECT &ZeVnLIqe- | positive",
		"* FETCH 1 (BODY[] {95} | a6 FETCH 1 BODY[] | pending | positive | 8 lines",
		"a6 OK Fetch completed (0.001 + 0.000 secs). | a6 FETCH 1 BODY[] | positive",
		`* FETCH 1 (FLAGS (\Seen \Recent) RFC822.SIZE 95 BODY[HEADER] {81} | a7 FETCH 1:2 (FLAGS BODY.PEEK[HEADER] BODY.PEEK[TEXT] RFC822.SIZE) | pending | positive | 9 lines`,
		`* FETCH 2 (FLAGS (\Recent) RFC822.SIZE 95 BODY[HEADER] {81} | a7 FETCH 1:2 (FLAGS BODY.PEEK[HEADER] BODY.PEEK[TEXT] RFC822.SIZE) | pending | positive | 9 lines`,
		"a7 OK Fetch completed (0.001 + 0.000 secs). | a7 FETCH 1:2 (FLAGS BODY.PEEK[HEADER] BODY.PEEK[TEXT] RFC822.SIZE) | positive",
		"* FETCH 1 (BINARY[1] {14} | a8 FETCH 1 (BINARY.PEEK[1] BODY.PEEK[HEADER.FIELDS (SUBJECT)]) | pending | positive | 7 lines",
		"a8 OK Fetch completed (0.001 + 0.000 secs). | a8 FETCH 1 (BINARY.PEEK[1] BODY.PEEK[HEADER.FIELDS (SUBJECT)]) | positive",
		"* SEARCH 1 2 | a9 UID SEARCH ALL | pending | positive",
		"a9 OK Search completed (0.001 + 0.000 secs). | a9 UID SEARCH ALL | positive",
		`* ESEARCH (TAG "b0") MIN 1 MAX 2 COUNT 2 | b0 SEARCH RETURN (MIN MAX COUNT) ALL | pending | positive`,
		"b0 OK Search completed (0.001 + 0.000 secs). | b0 SEARCH RETURN (MIN MAX COUNT) ALL | positive",
		"b1 BAD Error in IMAP command LOGIN: Unknown command (0.001 + 0.000 secs). | b1 LOGIN {7} | permanent",
		"b2 OK Close completed (0.001 + 0.000 secs). | b2 CLOSE | positive",
		"b3 OK Delete completed (0.003 + 0.000 + 0.002 secs). | b3 DELETE &ZeVnLIqe- | positive",
		"b4 BAD No mailbox selected (0.001 + 0.000 secs). | b4 FETCH 1 BODY[] | permanent",
	}},
	{name: "dovecot login with literals, pipelined tags, starttls", steps: []imapStep{
		recv(dovecotGreeting),
		sent("c1 LOGIN {7}"),
		recv("+ OK\r\n"),
		sent("student {9}"),
		recv("+ OK\r\n"),
		sent("secret123"),
		recv("c1 OK [CAPABILITY " + dovecotCaps + "] Logged in\r\n"),
		sent(`d1 LOGIN "student" "wrong\"pw"`),
		sent("d2 FOO"),
		recv("d1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\nd2 BAD Error in IMAP command received by server.\r\n"),
		sent("d3 STARTTLS"),
		recv("d3 OK Begin TLS negotiation now.\r\n"),
	}, want: []string{
		dovecotGreet,
		"+ + OK | c1 LOGIN {7} | pending | intermediate",
		"+ + OK | c1 LOGIN {7} {9} | pending | intermediate",
		"c1 OK [CAPABILITY " + dovecotCaps + "] Logged in | c1 LOGIN {7} {9} | positive",
		`d1 NO [AUTHENTICATIONFAILED] Authentication failed. | d1 LOGIN "student" <redacted> | permanent`,
		"d2 BAD Error in IMAP command received by server. | d2 FOO | permanent",
		"d3 OK Begin TLS negotiation now. | d3 STARTTLS | positive",
	}},
	{name: "RFC 9051 8 sample", steps: []imapStep{
		recv("* OK [CAPABILITY STARTTLS AUTH=SCRAM-SHA-256 LOGINDISABLED IMAP4rev2] IMAP4rev2 Service Ready\r\n"),
		sent("a000 starttls"),
		recv("a000 OK Proceed with TLS negotiation\r\n"),
		sent("A001 AUTHENTICATE SCRAM-SHA-256 biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8="),
		recv("+ cj1yT3ByTkdmd0ViZVJXZ2JORWtxTyVodllEcFdVYTJSYVRDQWZ1eEZJbGopBOWhOTGhsMkBkMmxoMjJ4cVhlT3o6ZzI0NjJiMzNkNGI3N2E0NGI=\r\n"),
		sent("Yz1iaXdzLHI9ck9wck5HZndFYmVSV2diTkVrcU8laHZZRHBXVWEyUmFUQ0FmdXhGSWxqKWhObEY2U2pRPT0scD1kSHpiWmFwV0lrNGpVaE4rVXRlOXl0YWc5empmTUhnc3FtbWl6N0FuZFZRPQ=="),
		recv("+ dj02cnJpVFJCaTIzV3BSUi93dHVwK21NaFVaVW4vZEI1bkxUSlJzamw5NUc0PQ==\r\n"),
		sent(""),
		recv("A001 OK SCRAM-SHA-256 authentication successful\r\n"),
		sent("a002 select inbox"),
		recv("* 18 EXISTS\r\n* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* OK [UIDVALIDITY 3857529045] UIDs valid\r\n* LIST () \"/\" INBOX\r\na002 OK [READ-WRITE] SELECT completed\r\n"),
		sent("a004 fetch 12 body[header]"),
		recv("* 12 FETCH (BODY[HEADER] {342}\r\n" +
			"Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\nFrom: Terry Gray <gray@cac.washington.edu>\r\n" +
			"Subject: IMAP4rev2 WG mtg summary and minutes\r\nTo: imap@cac.washington.edu\r\n" +
			"cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\n" +
			"Message-Id: <B27397-0100000@cac.washington.edu>\r\nMIME-Version: 1.0\r\n" +
			"Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\r\n)\r\na004 OK FETCH completed\r\n"),
		sent("a005 store 12 +flags \\deleted"),
		recv("* 12 FETCH (FLAGS (\\Seen \\Deleted))\r\na005 OK +FLAGS completed\r\n"),
		sent("a006 logout"),
		recv("* BYE IMAP4rev2 server terminating connection\r\na006 OK LOGOUT completed\r\n"),
	}, want: []string{
		"* OK [CAPABILITY STARTTLS AUTH=SCRAM-SHA-256 LOGINDISABLED IMAP4rev2] IMAP4rev2 Service Ready |  | positive",
		"a000 OK Proceed with TLS negotiation | a000 starttls | positive",
		"+ + cj1yT3ByTkdmd0ViZVJXZ2JORWtxTyVodllEcFdVYTJSYVRDQWZ1eEZJbGopBOWhOTGhsMkBkMmxoMjJ4cVhlT3o6ZzI0NjJiMzNkNGI3N2E0NGI= | A001 AUTHENTICATE SCRAM-SHA-256 <redacted> | pending | intermediate",
		"+ + dj02cnJpVFJCaTIzV3BSUi93dHVwK21NaFVaVW4vZEI1bkxUSlJzamw5NUc0PQ== | A001 AUTHENTICATE SCRAM-SHA-256 <redacted> | pending | intermediate",
		"A001 OK SCRAM-SHA-256 authentication successful | A001 AUTHENTICATE SCRAM-SHA-256 <redacted> | positive",
		"* EXISTS 18 | a002 select inbox | pending | positive",
		`* FLAGS (\Answered \Flagged \Deleted \Seen \Draft) | a002 select inbox | pending | positive`,
		"* OK [UIDVALIDITY 3857529045] UIDs valid | a002 select inbox | pending | positive",
		`* LIST () "/" INBOX | a002 select inbox | pending | positive`,
		"a002 OK [READ-WRITE] SELECT completed | a002 select inbox | positive",
		"* FETCH 12 (BODY[HEADER] {342} | a004 fetch 12 body[header] | pending | positive | 11 lines",
		"a004 OK FETCH completed | a004 fetch 12 body[header] | positive",
		`* FETCH 12 (FLAGS (\Seen \Deleted)) | a005 store 12 +flags \deleted | pending | positive`,
		`a005 OK +FLAGS completed | a005 store 12 +flags \deleted | positive`,
		"* BYE IMAP4rev2 server terminating connection | a006 logout | pending | positive",
		"a006 OK LOGOUT completed | a006 logout | positive",
	}},
	{name: "RFC 9051 7.5 literal continuation, 6.3.12 APPEND, 6.3.13 IDLE", steps: []imapStep{
		recv("* PREAUTH IMAP4rev2 server logged in as Smith\r\n"),
		sent("A001 LOGIN {11}"),
		recv("+ Ready for additional command text\r\n"),
		sent("FRED FOOBAR {7}"),
		recv("+ Ready for additional command text\r\n"),
		sent("fat man"),
		recv("A001 OK LOGIN completed\r\n"),
		sent("A044 BLURDYBLOOP {102856}"),
		recv("A044 BAD No such command as \"BLURDYBLOOP\"\r\n"),
		sent("A003 APPEND saved-messages (\\Seen) {326}"),
		recv("+ Ready for literal data\r\n"),
		sent("Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)"),
		sent("From: Fred Foobar <foobar@Blurdybloop.example>"),
		sent("Subject: afternoon meeting"),
		sent("To: mooch@owatagu.siam.edu.example"),
		sent("Message-Id: <B27397-0100000@Blurdybloop.example>"),
		sent("MIME-Version: 1.0"),
		sent("Content-Type: TEXT/PLAIN; CHARSET=US-ASCII"),
		sent(""),
		sent("Hello Joe, do you think we can meet at 3:30 tomorrow?"),
		sent(""),
		recv("A003 OK APPEND completed\r\n"),
		sent("A001 SELECT INBOX"),
		recv("* FLAGS (\\Deleted \\Seen \\Flagged)\r\n* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n* 3 EXISTS\r\n* OK [UIDVALIDITY 1] UIDs valid\r\nA001 OK [READ-WRITE] SELECT completed\r\n"),
		sent("A002 IDLE"),
		recv("+ idling\r\n"),
		recv("* 4 EXISTS\r\n"),
		sent("DONE"),
		recv("A002 OK IDLE terminated\r\n"),
	}, want: []string{
		"* PREAUTH IMAP4rev2 server logged in as Smith |  | positive",
		"+ + Ready for additional command text | A001 LOGIN {11} | pending | intermediate",
		"+ + Ready for additional command text | A001 LOGIN {11} {7} | pending | intermediate",
		"A001 OK LOGIN completed | A001 LOGIN {11} {7} | positive",
		`A044 BAD No such command as "BLURDYBLOOP" | A044 BLURDYBLOOP {102856} | permanent`,
		`+ + Ready for literal data | A003 APPEND saved-messages (\Seen) {326} | pending | intermediate`,
		`A003 OK APPEND completed | A003 APPEND saved-messages (\Seen) {326} | positive`,
		`* FLAGS (\Deleted \Seen \Flagged) | A001 SELECT INBOX | pending | positive`,
		`* OK [PERMANENTFLAGS (\Deleted \Seen \*)] Limited | A001 SELECT INBOX | pending | positive`,
		"* EXISTS 3 | A001 SELECT INBOX | pending | positive",
		"* OK [UIDVALIDITY 1] UIDs valid | A001 SELECT INBOX | pending | positive",
		"A001 OK [READ-WRITE] SELECT completed | A001 SELECT INBOX | positive",
		"+ + idling | A002 IDLE | pending | intermediate",
		"* EXISTS 4 | A002 IDLE | pending | positive",
		"A002 OK IDLE terminated | A002 IDLE | positive",
	}},
}
