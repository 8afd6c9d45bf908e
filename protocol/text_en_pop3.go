package protocol

// enPOP3 gives what +OK and -ERR mean as the answer to each POP3 command.
// The key "" is the greeting; "LIST 1" and "UIDL 1" stand for the forms
// with an argument, "AUTH" for AUTH with a mechanism and "AUTH LIST" for
// AUTH alone; "QUIT UPDATE" is QUIT after a successful login with messages
// marked by DELE, "QUIT UPDATE none" with none marked, "SASL" a SASL
// response.
var enPOP3 = map[string]pop3Text{
	"":                 {OK: "greeting: the POP3 server is ready; you are in the AUTHORIZATION state", Err: "the server refuses service"},
	"USER":             {OK: "the server takes the name (it may not check it yet); now it wants the password", Err: "the name was refused, or USER/PASS login is disabled (perhaps until STLS)"},
	"PASS":             {OK: "you are logged in: the mailbox is locked for you and the TRANSACTION state begins", Err: "login failed: wrong name or password, or the mailbox is locked"},
	"APOP":             {OK: "you are logged in with APOP: the TRANSACTION state begins", Err: "APOP login failed: wrong name or digest, APOP not supported, or the mailbox is locked"},
	"STAT":             {OK: "the drop listing: number of messages and their total size in octets", Err: "STAT is only allowed after logging in"},
	"LIST":             {OK: "the scan listing follows: one line per message, its number and size in octets", Err: "LIST failed (log in first)"},
	"LIST 1":           {OK: "the scan listing of that message: its number and size in octets", Err: "no such message (or it is marked as deleted)"},
	"UIDL":             {OK: "the unique-id listing follows: one line per message, its number and a permanent id", Err: "UIDL failed (log in first, or the server lacks UIDL)"},
	"UIDL 1":           {OK: "the unique id of that message", Err: "no such message (or it is marked as deleted)"},
	"RETR":             {OK: "the message follows, ended by a line holding only \".\"", Err: "no such message (or it is marked as deleted)"},
	"TOP":              {OK: "the message's headers, an empty line and the first lines of its body follow", Err: "no such message, or TOP is not supported"},
	"DELE":             {OK: "the message is marked as deleted; it is removed only when you QUIT", Err: "no such message, or it is already marked as deleted"},
	"RSET":             {OK: "all deletion marks are removed", Err: "RSET failed (log in first)"},
	"NOOP":             {OK: "nothing was done: the server is alive", Err: "NOOP is only allowed after logging in"},
	"QUIT":             {OK: "goodbye: you were not logged in, so nothing changed; the server closes the connection", Err: "the server could not end the session cleanly"},
	"QUIT UPDATE":      {OK: "the UPDATE state: messages marked with DELE are now deleted for good; the server closes the connection", Err: "the UPDATE state failed: some messages marked as deleted could not be removed"},
	"QUIT UPDATE none": {OK: "the UPDATE state: no message was marked with DELE in this session, so nothing was deleted; the server closes the connection", Err: "the server could not end the session cleanly"},
	"CAPA":             {OK: "the capability list follows, one capability per line", Err: "the server does not support CAPA"},
	"STLS":             {OK: "begin TLS negotiation now", Err: "TLS is not available (already active, not configured, or not allowed in this state)"},
	"AUTH":             {OK: "you are logged in: the TRANSACTION state begins", Err: "authentication failed, or the mechanism is not supported"},
	"SASL":             {OK: "you are logged in: the server accepted your SASL response and entered the TRANSACTION state", Err: "the login failed: wrong credentials, a malformed response, or you cancelled with *"},
	"AUTH LIST":        {OK: "the list of SASL mechanisms follows", Err: "the server does not list mechanisms this way; try CAPA"},

	// -ERR explained by the state or the arguments (pop3ErrKey): no +OK.
	"after login":      {Err: "you are already logged in: this command only works before a login (the AUTHORIZATION state); your session stays logged in"},
	"before login":     {Err: "you are not logged in yet: this command only works after a login (the TRANSACTION state)"},
	"missing argument": {Err: "an argument is missing"},
}

// enPOP3Codes explains the response codes in brackets after +OK or -ERR
// (RFC 2449 8, RFC 3206).
var enPOP3Codes = map[string]string{
	"IN-USE":      "[IN-USE]: the mailbox is locked because another session (another client) has it open; close that one or try later",
	"LOGIN-DELAY": "[LOGIN-DELAY]: you logged in too recently; the server wants you to wait longer between logins",
	"SYS/TEMP":    "[SYS/TEMP]: a temporary system problem, not your credentials; try again later",
	"SYS/PERM":    "[SYS/PERM]: a permanent system problem, not your credentials; retrying will not help, tell the administrator",
	"SYS":         "[SYS]: a system problem, not your credentials",
	"AUTH":        "[AUTH]: the credentials are the problem; check the user name and password",
}

// enPOP3Next gives next steps, keyed like enPOP3 and for "+ "
// continuations see the "challenge" keys of enSMTPNext.
var enPOP3Next = map[string]string{
	" apop":                 "USER name, or `:apop USER PASS`",
	" plain":                "USER name (then PASS), or CAPA to see what the server supports",
	"USER":                  "PASS yourpassword",
	"USER -ERR":             "check the name; the server may want STLS or AUTH first (CAPA shows what it supports)",
	"PASS":                  "STAT / LIST to see your messages",
	"PASS -ERR":             "check the name and password, then start again with USER",
	"APOP":                  "STAT / LIST to see your messages",
	"AUTH":                  "STAT / LIST to see your messages",
	"SASL":                  "STAT / LIST to see your messages",
	"SASL -ERR":             "check the name and password; the exchange is over, start again with AUTH or USER",
	"STAT":                  "LIST shows each message's size; RETR n reads message n",
	"LIST":                  "RETR n reads message n; TOP n 0 shows only its headers",
	"RETR":                  "DELE n marks it for deletion; QUIT ends the session",
	"DELE":                  "QUIT deletes it for good (UPDATE state); RSET undoes the mark",
	"STLS":                  "the TLS handshake follows; once it succeeds (the TLS details below), send CAPA again, then log in",
	"AUTH LIST":             "AUTH MECHANISM starts a login, for example AUTH PLAIN",
	"CAPA stls":             "STLS encrypts the connection (it is advertised)",
	"CAPA sasl":             "AUTH logs you in (offered: %s): try `:plain USER PASS`",
	"CAPA user":             "USER name, then PASS yourpassword",
	"CAPA join":             "; or ",
	"CAPA none":             "USER name (then PASS) to log in",
	"after login -ERR":      "go on in the TRANSACTION state: STAT / LIST to see your messages, QUIT to end the session",
	"before login -ERR":     "log in first: USER name, then PASS yourpassword (CAPA shows the other ways)",
	"missing argument -ERR": "send the command again with every argument filled in (:help shows them)",
	"* IN-USE":              "close the other session using this mailbox, or wait and try again",
	"* LOGIN-DELAY":         "wait before logging in again",
	"* SYS/TEMP":            "try again later",
}
