package protocol

// enIMAP holds the English sentences of the IMAP explanations. The
// tables it points to live in the text_en_imap*.go files; each has a
// Chinese twin with the same keys (TestChineseTablesMatchEnglish).
var enIMAP = imapTexts{
	class:    enIMAPClass,
	status:   enIMAPStatus,
	codes:    enIMAPCodes,
	codeNext: enIMAPCodeNext,
	data:     enIMAPData,
	items:    enIMAPItems,
	flags:    enIMAPFlags,
	attrs:    enIMAPAttrs,
	caps:     enIMAPCaps,
	cont:     enIMAPCont,
	next:     enIMAPNext,
	warning:  enIMAPWarnings,
	words:    enIMAPWords,
}

// enIMAPClass is the class sentence of a response, from its tone and tag.
var enIMAPClass = map[string]string{
	"tagged OK":           "tagged OK: the command %s succeeded",
	"tagged NO":           "tagged NO: the command %s failed",
	"tagged NO transient": "tagged NO: the command %s failed for now; the same command may work later",
	"tagged BAD":          "tagged BAD: the server refused the command %s as a protocol error (unknown, malformed, or not allowed now)",
	"untagged OK":         "untagged OK: information from the server; it ends no command",
	"untagged NO":         "untagged NO: a warning from the server; it ends no command",
	"untagged BAD":        "untagged BAD: an error the server cannot tie to one command",
	"greeting OK":         "untagged OK (greeting): the server is ready",
	"greeting PREAUTH":    "untagged PREAUTH (greeting): the server is ready and you are already logged in",
	"greeting BYE":        "untagged BYE (greeting): the server refuses the connection",
	"BYE":                 "untagged BYE: the server is closing the connection",
	"BYE logout":          "untagged BYE: goodbye, the server closes the connection as you asked",
	"data":                "untagged %s: data from the server",
	"+":                   "+ continuation: the server waits for more from you",
	"malformed":           "malformed: the server's response breaks IMAP's syntax",
}

// enIMAPStatus gives what a status response means: keyed "VERB STATUS"
// for a tagged one ("UID VERB STATUS" where UID changes it, "* STATUS"
// for any command), by situation for the others. %s names the mailbox
// the command acts on.
var enIMAPStatus = map[string]string{
	"malformed":        "this is not an IMAP response: a response line starts with a tag (the end of a command), * (untagged data or status) or + (a continuation request), then a status such as OK or the data",
	"greeting OK":      "greeting: the IMAP server is ready; you are in the not-authenticated state and must log in first",
	"greeting PREAUTH": "greeting: the server already knows who you are (a trusted or local connection), so there is no login: you are in the authenticated state",
	"greeting BYE":     "the server will not serve you now (too busy, or your address is not allowed) and closes the connection",
	"untagged OK":      "information from the server, carried by its response code (below)",
	"untagged OK text": "a note from the server with nothing to act on; during IDLE, servers send these to keep the connection alive",
	"untagged NO":      "a warning: something went wrong that ends no command (the text says what); the command still runs",
	"untagged BAD":     "the server could not make sense of something it received and cannot say which command it belongs to",
	"BYE":              "the server ends the session and closes the connection; a command still pending gets no answer",
	"BYE logout":       "goodbye: the server closes the connection as LOGOUT asked; the tagged OK to LOGOUT follows",

	"* OK":  "the command succeeded",
	"* NO":  "the command failed: the server understood it but could not do it (the text says why)",
	"* BAD": "the server did not accept the command: unknown, malformed, or not allowed in this state",

	"* NO code":         "the command failed; its response code (below) says why",
	"* NO code mailbox": "the command on %s failed; its response code (below) says why",
	"* BAD code":        "the server did not accept the command; its response code (below) says why",

	"CAPABILITY OK":    "the capability list is above (untagged CAPABILITY)",
	"NOOP OK":          "nothing was done; any untagged data above is news about the selected mailbox (new messages, flag changes, removals)",
	"LOGOUT OK":        "you are logged out (the logout state); the server closes the connection",
	"STARTTLS OK":      "begin the TLS handshake now; once it is done the connection is encrypted, and the server may offer more (LOGIN, AUTH= mechanisms)",
	"STARTTLS NO":      "TLS is not available here: not configured, or not allowed in this state",
	"STARTTLS BAD":     "STARTTLS was refused: TLS may already be on, or the server does not offer it",
	"AUTHENTICATE OK":  "you are logged in (SASL): the authenticated state begins",
	"AUTHENTICATE NO":  "authentication failed: wrong credentials, or the mechanism is not allowed here",
	"AUTHENTICATE BAD": "the exchange was cancelled (you sent *), a response was not valid base64, or the mechanism is unknown",
	"LOGIN OK":         "you are logged in: the authenticated state begins",
	"LOGIN NO":         "login failed: wrong user name or password, or LOGIN is disabled here (LOGINDISABLED: encrypt first)",
	"LOGIN BAD":        "the LOGIN line is malformed: LOGIN takes a user name and a password, quoted if they hold spaces or special characters",
	"ENABLE OK":        "the extensions named in the untagged ENABLED response are on for the rest of the session; any you asked for that it does not name stay off",
	"SELECT OK":        "%s is selected, read-write: the selected state begins; the untagged data above gave its flags, its number of messages and its UIDs",
	"SELECT OK ro":     "%s is selected, but read-only: you may read its messages, not change them",
	"SELECT NO":        "%s could not be selected: it does not exist or you may not open it; now no mailbox is selected",
	"EXAMINE OK":       "%s is selected read-only: you may read its messages, and reading marks none of them as seen",
	"EXAMINE NO":       "%s could not be opened: it does not exist or you may not read it; now no mailbox is selected",
	"CREATE OK":        "%s was created",
	"CREATE NO":        "%s could not be created: it exists already, the name is not allowed, or you lack the rights",
	"DELETE OK":        "%s was deleted, with every message in it",
	"DELETE NO":        "%s could not be deleted: it does not exist, it is INBOX, or it has child mailboxes",
	"RENAME OK":        "the mailbox was renamed: it is now %s",
	"RENAME NO":        "the rename to %s failed: the old name does not exist, or the new one does",
	"SUBSCRIBE OK":     "%s is now subscribed: LSUB and LIST (SUBSCRIBED) show it",
	"SUBSCRIBE NO":     "%s could not be subscribed",
	"UNSUBSCRIBE OK":   "%s is no longer subscribed (the mailbox itself stays)",
	"UNSUBSCRIBE NO":   "%s could not be unsubscribed: it may not be subscribed",
	"LIST OK":          "the mailboxes matching your pattern are listed above, one untagged LIST each; none above means none matched",
	"LIST NO":          "the list failed: the reference or the pattern is not allowed",
	"LSUB OK":          "the subscribed mailboxes matching your pattern are listed above (untagged LSUB); none above means none is subscribed",
	"NAMESPACE OK":     "the namespaces are above: where your own mailboxes, other users' and shared ones live",
	"STATUS OK":        "the counters of %s are above (untagged STATUS), read without selecting it",
	"STATUS NO":        "%s could not be queried: it does not exist, or you may not read it",
	"APPEND OK":        "the message was added to %s",
	"APPEND NO":        "the message was not added to %s: it does not exist (see TRYCREATE), the message is too big, or the quota is full",
	"APPEND BAD":       "the APPEND line is malformed: the message goes as a literal, {size} at the end of the line, then exactly that many bytes",
	"IDLE OK":          "IDLE is over: you sent DONE",
	"IDLE BAD":         "IDLE was refused: the server may not offer it (see CAPABILITY)",
	"CHECK OK":         "the server saved the mailbox's state (a checkpoint); IMAP4rev2 dropped CHECK: NOOP does as well",
	"CLOSE OK":         "the mailbox is closed and its messages flagged \\Deleted are removed for good, silently (no untagged EXPUNGE); you are back in the authenticated state",
	"CLOSE OK ro":      "the mailbox is closed; it was read-only, so nothing was removed; you are back in the authenticated state",
	"UNSELECT OK":      "the mailbox is closed without removing anything; you are back in the authenticated state",
	"EXPUNGE OK":       "the messages flagged \\Deleted are removed for good; each untagged EXPUNGE above named one, and the numbers after it moved down",
	"UID EXPUNGE OK":   "the messages flagged \\Deleted among the UIDs given are removed for good (UIDPLUS); the others stay",
	"SEARCH OK":        "the numbers of the matching messages are in the untagged SEARCH or ESEARCH response above",
	"UID SEARCH OK":    "the UIDs of the matching messages are in the untagged SEARCH or ESEARCH response above",
	"SEARCH NO":        "the search failed: a charset the server does not support (BADCHARSET), or criteria it cannot handle",
	"SEARCH BAD":       "the search criteria are malformed: check the keys (ALL, UNSEEN, FROM \"x\", SINCE 1-Jan-2025...)",
	"FETCH OK":         "the data asked for is above: one untagged FETCH per message",
	"FETCH NO":         "some of the data could not be fetched: a message may have been removed by another session",
	"FETCH BAD":        "the FETCH line is malformed, or a number is beyond the last message: FETCH takes a sequence set (1, 2:4, 1:*) and data items such as (FLAGS BODY.PEEK[HEADER])",
	"STORE OK":         "the flags are changed; each untagged FETCH above shows a message's new flags (none with .SILENT)",
	"STORE NO":         "the flags could not be changed: the mailbox may be read-only, or a message was removed meanwhile",
	"COPY OK":          "the messages were copied to %s",
	"COPY NO":          "the copy to %s failed: it does not exist (TRYCREATE), or the quota is full",
	"MOVE OK":          "the messages were moved to %s: copied there and removed here (the untagged EXPUNGE responses above)",
	"MOVE NO":          "the move to %s failed: it does not exist (TRYCREATE), or you may not remove messages here",
	"ID OK":            "the server's identity is in the untagged ID response above",

	// A NO or BAD explained by the state or the command line (refusal).
	imapBeforeLogin: "you are not logged in yet: this command works only after LOGIN or AUTHENTICATE (the authenticated state)",
	imapAfterLogin:  "you are already logged in: this command works only before a login (the not-authenticated state); your session stays logged in",
	imapNoMailbox:   "no mailbox is selected: this command works only in the selected state, after SELECT or EXAMINE",
	imapReadOnly:    "the mailbox is read-only (opened with EXAMINE, or the server said READ-ONLY): changes are refused",
	imapMissingArg:  "an argument is missing",
	imapUnknownCmd:  "the server does not know this command: check its spelling (:help lists the IMAP commands); an extension's command works only where CAPABILITY advertises it",
}

// enIMAPCont says what a continuation request asks for.
var enIMAPCont = map[string]string{
	"sasl":            "the server sends a SASL challenge (base64) and waits for your response on one line, base64-encoded; * cancels",
	"literal":         "the server is ready for the literal: send the %s bytes now, exactly as counted (a CRLF counts 2)",
	"literal unknown": "the server is ready for the literal: send its bytes now, exactly as many as the {n} at the end of your line said",
	"idle":            "the server is idling: new messages (EXISTS), removals (EXPUNGE) and flag changes (FETCH) arrive as they happen; DONE on a line of its own ends it",
	"other":           "the server waits for more of your command",
}

// enIMAPNext gives next steps: by situation, by "VERB STATUS" (like
// enIMAPStatus), and by the state a response leaves the session in
// ("state selected", %s the mailbox). An empty value means none.
var enIMAPNext = map[string]string{
	"state authenticated": "LIST \"\" * lists your mailboxes; SELECT INBOX opens one (EXAMINE INBOX, read-only); LOGOUT ends the session",
	"state selected":      "FETCH 1:* (FLAGS ENVELOPE) lists the messages of %s, SEARCH UNSEEN finds the unread ones, STORE changes flags; CLOSE or UNSELECT leaves it",
	"state selected ro":   "FETCH and SEARCH read %s; to change anything, SELECT it instead of EXAMINE; CLOSE or UNSELECT leaves it",
	"state idle":          "IDLE shows new mail live (DONE ends it)",

	"caps none":          "CAPABILITY shows what the server offers; then LOGIN user password",
	"caps starttls":      "STARTTLS encrypts the connection first (it is advertised)",
	"caps login":         "log in with LOGIN user password (:login USER PASS quotes them for you)",
	"caps logindisabled": "LOGIN is disabled until the connection is encrypted",
	"caps auth":          "or with AUTHENTICATE (offered: %s)%s",
	"caps auth only":     "log in with AUTHENTICATE (offered: %s)%s",
	"caps plain":         ": try :plain USER PASS",

	imapBeforeLogin: "log in first: LOGIN user password, or :plain USER PASS",
	imapAfterLogin:  "go on: LIST \"\" * lists your mailboxes, SELECT INBOX opens one",
	imapNoMailbox:   "SELECT INBOX (or EXAMINE INBOX) first, then repeat the command",
	imapReadOnly:    "SELECT the mailbox (not EXAMINE) to change it, then repeat the command",
	imapMissingArg:  "send the command again with every argument (:help shows them)",
	imapUnknownCmd:  ":help lists the IMAP commands; CAPABILITY shows the extensions this server has",

	"* BAD":            "check the command against :help: a tag, the command, its arguments; quote strings that hold spaces",
	"LOGIN NO":         "check the user name and password; quote them if they hold spaces or special characters (:login USER PASS does it)",
	"AUTHENTICATE NO":  "check the user name and password and start again, for example :plain USER PASS",
	"AUTHENTICATE BAD": "start again with AUTHENTICATE: answer each challenge in base64 on one line; * cancels",
	"STARTTLS OK":      "after the handshake, send CAPABILITY again, then log in",
	"SELECT NO":        "LIST \"\" * shows the mailboxes that exist (names are case-sensitive, except INBOX)",
	"EXAMINE NO":       "LIST \"\" * shows the mailboxes that exist (names are case-sensitive, except INBOX)",
	"LIST OK":          "SELECT a mailbox by its name as listed; STATUS name (MESSAGES UNSEEN) counts without opening it",
	"CREATE OK":        "SELECT it, or put messages in it with APPEND, COPY or MOVE",
	"SEARCH OK":        "FETCH the numbers found, for example FETCH 2 (ENVELOPE)",
	"UID SEARCH OK":    "UID FETCH the UIDs found, for example UID FETCH 117 (ENVELOPE)",
	"FETCH OK":         "STORE n +FLAGS (\\Seen) marks a message read; COPY or MOVE n mailbox files it",
	"STORE OK":         "EXPUNGE removes the messages flagged \\Deleted for good (CLOSE does it silently)",
	"LOGOUT OK":        "",
	"transient":        "try again later",

	"BYE":                "connect again if you want to go on",
	"greeting BYE":       "try again later, or ask the administrator why the server refuses you",
	"challenge username": "type :b64 yourname (your user name, base64-encoded)",
	"challenge password": "type :b64 yourpassword (your password, base64-encoded)",
	"challenge cram":     "type :cram USER PASS (it answers with USER and the HMAC-MD5 of the challenge)",
	"challenge empty":    "send your credentials base64-encoded; for PLAIN type {plain:USER PASS}; * cancels",
	"challenge binary":   "answer with your base64-encoded response; * cancels",
	"challenge other":    "answer with your base64-encoded response (:b64 TEXT encodes one); * cancels",
	"+ literal":          "type the literal text now; the prompt counts its bytes (a CRLF counts 2) and sends it when the count is reached",
	"+ idle":             "wait: new mail shows up here as it arrives; type DONE to end IDLE",

	"EXISTS new":       "FETCH %s (ENVELOPE) shows the newest message",
	"EXISTS idle":      "DONE ends IDLE; then FETCH %s (ENVELOPE) shows the newest message",
	"LIST select":      "SELECT %s opens it",
	"LIST select utf7": "SELECT %s opens it (or type SELECT {mutf7:%s})",
	"SEARCH found":     "FETCH %s (ENVELOPE) shows what was found",
	"SEARCH found uid": "UID FETCH %s (ENVELOPE) shows what was found",
}

// enIMAPWarnings warn about a response that looks fine but is not.
var enIMAPWarnings = map[string]string{
	"BYE":               "the server hung up without LOGOUT: an idle timeout (a server may log out a client idle for 30 minutes), a shutdown, or too many errors; what was not finished is lost",
	"ALERT":             "the server asks you to read this: %s",
	"SELECT READ-ONLY":  "you asked SELECT for read-write access but got read-only: STORE, EXPUNGE and MOVE here will be refused (you may lack the rights)",
	"STORE read-only":   "the mailbox is read-only (EXAMINE): the server ignored the change",
	"FETCH seen":        "BODY[...] (like RFC822 and BINARY[...]) without .PEEK marked these messages as read (\\Seen); BODY.PEEK[...] reads without marking",
	"cleartext":         "your password crossed the network unencrypted: use STARTTLS first, or connect with imaps://",
	"EXPUNGE forbidden": "a server must not send EXPUNGE while answering FETCH, STORE or SEARCH, nor when no command is in progress (RFC 9051 7.5.1): message numbers may have shifted under you",
}

// enIMAPWords are pieces of sentences.
var enIMAPWords = map[string]string{
	"mailbox":         "the mailbox \"%s\"",
	"mailbox utf7":    "the mailbox \"%s\" (%s on the wire, in modified UTF-7)",
	"mailbox unknown": "the mailbox",
	"list sep":        ", ",
	"none":            "none",
	"no flags":        "no flags",
	"syntax":          "the syntax is %s",
	"unknown code":    "an extension's response code this tutor does not explain; the text after it says more",
	"namespace":       "\"%s\" (separator \"%s\")",
	"namespace flat":  "\"%s\" (no hierarchy)",
}
