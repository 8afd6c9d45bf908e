package export

// imapRecorded is an IMAP session as the recorder writes it: a LOGIN
// whose password went as a literal (redacted), AUTHENTICATE PLAIN with an
// initial response (redacted), a SELECT, and a FETCH whose literal holds a
// bare LF, a bare CR and ends without a line end (the wire form).
const imapRecorded = `mailtutor: 2
protocol: imap
server: {host: "127.0.0.1", port: 2143, tls: none}
recorded: 2026-12-06T09:48:15.014Z
tool: "mailtutor test"
steps:
- server: "* OK [CAPABILITY IMAP4rev1 SASL-IR LITERAL+ AUTH=PLAIN] Dovecot ready."
  at: "0.000"
- client: "a1 LOGIN student {9}"
  at: "1.000"
- server: "+ OK"
  at: "1.001"
- client: "<redacted>"
  secret: password
  at: "2.000"
- server: "a1 OK Logged in"
  at: "2.010"
- client: "a2 AUTHENTICATE PLAIN <redacted>"
  secret: sasl-initial-response
  at: "3.000"
- server: "a2 BAD Already logged in"
  at: "3.001"
- client: "a3 SELECT &ZTZO9nux-"
  at: "4.000"
- server: "* 1 EXISTS"
  at: "4.001"
- server: "* OK [UIDVALIDITY 1733468412] UIDs valid"
  at: "4.001"
- server: "a3 OK [READ-WRITE] Select completed"
  at: "4.002"
- client: "a4 FETCH 1 BODY[]"
  at: "5.000"
- server: "* 1 FETCH (BODY[] {26}\r\nSubject: x\r\n\r\nbare\nLF\rCR no end)\r\n"
  wire: true
  at: "5.001"
- server: "a4 OK Fetch completed"
  at: "5.002"
- client: "a5 LOGOUT"
  at: "6.000"
- server: |-
    * BYE Logging out
  at: "6.001"
- server: "a5 OK Logout completed"
  at: "6.002"
- closed: "closed by the server"
  at: "6.003"
`

// imapKept is an IMAP session recorded with --keep-secrets, and lines a
// hand-written file never marked: a handout hides them all, the password
// sent as literal text too, which only the conversation's state tells.
const imapKept = `mailtutor: 2
protocol: imap
server: {host: "127.0.0.1", port: 2143, tls: none}
steps:
- server: "* OK ready"
  at: "0"
- client: "a1 LOGIN student {9}"
  at: "1"
- server: "+ OK"
  at: "1"
- client: "secret123"
  secret: password
  kept: true
  at: "1"
- server: "a1 NO [AUTHENTICATIONFAILED] Authentication failed."
  at: "1"
- client: "a2 LOGIN student {7}"
  at: "2"
- server: "+ OK"
  at: "2"
- client: "hunter2"
  at: "2"
- server: "a2 NO [AUTHENTICATIONFAILED] Authentication failed."
  at: "2"
- client: "a3 LOGIN student \"pass word\""
  at: "3"
- server: "a3 NO [AUTHENTICATIONFAILED] Authentication failed."
  at: "3"
- client: "a4 AUTHENTICATE PLAIN AHN0dWRlbnQAc2VjcmV0MTIz"
  secret: sasl-initial-response
  kept: true
  at: "4"
- server: "a4 OK Logged in"
  at: "4"
- client: "a5 AUTHENTICATE PLAIN"
  at: "5"
- server: "+ "
  at: "5"
- client: "AHN0dWRlbnQAaHVudGVyMg=="
  at: "5"
- server: "a5 BAD Already logged in"
  at: "5"
`
