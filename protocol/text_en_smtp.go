package protocol

// enSMTPCodes gives the meaning of every SMTP reply code of RFC 5321
// 4.2.3, RFC 4954 6, RFC 3207 4 and RFC 7504, in words for a learner.
var enSMTPCodes = map[int]string{
	211: "system status, or a reply to a request for system help",
	214: "help message: text meant for a human, such as how to use the server",
	220: "service ready: the server is ready to talk to you",
	221: "service closing the transmission channel: goodbye",
	235: "authentication succeeded: you are logged in",
	250: "requested mail action okay, completed",
	251: "user not local; the server will forward the message to the address it gives",
	252: "the server cannot verify the user, but will accept the message and attempt delivery",
	334: "the server sends a SASL challenge (base64) and waits for your response on one line, base64-encoded; * cancels",
	354: "start mail input; end it with a line holding only \".\" (CRLF.CRLF)",
	421: "service not available, closing the transmission channel (often: too many errors or connections, or a timeout)",
	432: "a password transition is needed: the account's password must be changed before you can log in this way",
	450: "requested mail action not taken: mailbox unavailable for now (busy, or temporarily blocked for policy reasons such as greylisting)",
	451: "requested action aborted: local error in processing",
	452: "requested action not taken: insufficient system storage (or too many recipients this time)",
	454: "temporary failure: TLS or authentication is not available right now",
	455: "the server cannot accommodate the parameters you gave, for now",
	500: "syntax error, command unrecognized (or the command line was too long)",
	501: "syntax error in parameters or arguments",
	502: "command not implemented",
	503: "bad sequence of commands: this command is not allowed at this point",
	504: "command parameter not implemented",
	521: "this host does not accept mail at all",
	530: "authentication required: log in (or start TLS) before this command",
	534: "the authentication mechanism is too weak for this server's policy",
	535: "authentication credentials invalid: wrong user name or password",
	538: "encryption is required for the requested authentication mechanism",
	550: "requested action not taken: mailbox unavailable (not found, no access, or rejected by policy)",
	551: "user not local; please try the address the server gives",
	552: "requested mail action aborted: exceeded storage allocation (mailbox full or message too big)",
	553: "requested action not taken: mailbox name not allowed (bad address syntax)",
	554: "transaction failed (as a greeting: no SMTP service here)",
	555: "MAIL FROM or RCPT TO parameters not recognized or not implemented",
	556: "the domain does not accept mail (it publishes a null MX)",
}

// enSMTPByCommand gives meanings that depend on the command answered.
// The key "" is the greeting (or an unsolicited reply), "." the end of a
// DATA body, "AUTH" also covers the SASL responses of an AUTH exchange.
var enSMTPByCommand = map[string]map[int]string{
	"": {
		220: "greeting: the server is ready for your EHLO",
		421: "the server refuses the connection for now and closes it",
		554: "no SMTP service here: the server refuses to talk to you",
		521: "this host does not accept mail at all (RFC 7504)",
	},
	"EHLO": {250: "hello accepted; the lines after the first list the extensions the server supports"},
	"HELO": {250: "hello accepted (HELO is the old greeting: it lists no extensions)"},
	"MAIL": {
		250: "sender accepted: a mail transaction has started",
		503: "MAIL is out of order: say EHLO first, or finish (or RSET) the open transaction",
		530: "you must log in before sending mail",
		552: "the message size you declared (SIZE) is over the server's limit",
		553: "the sender address is not allowed (bad syntax, or you may not use it)",
	},
	"RCPT": {
		250: "recipient accepted",
		251: "recipient accepted; the server will forward to the address it gives",
		503: "RCPT is out of order: MAIL FROM must come first",
		550: "recipient refused: no such mailbox, or the server will not relay to that domain for you",
		551: "the recipient is not local here; the server suggests another address",
		552: "the recipient's mailbox is full",
		553: "the recipient address is not allowed (bad syntax)",
		554: "recipient refused (often: relay access denied)",
	},
	"DATA": {
		354: "go ahead: type the message, then a line holding only \".\"",
		503: "DATA is out of order: it needs MAIL FROM and at least one accepted RCPT TO first",
		554: "no valid recipients: DATA refused",
	},
	".": {
		250: "message accepted for delivery (queued)",
		451: "the server hit a local error and did not take the message: send it again later",
		452: "not enough storage to take the message now",
		552: "the message is too big, or the mailbox is full",
		554: "the message was refused (often as spam or by policy)",
	},
	"RSET":     {250: "the mail transaction is cleared: sender, recipients and data are forgotten"},
	"VRFY":     {250: "the address is valid; the server gives the mailbox", 252: "the server will not confirm or deny the address (common: VRFY helps spammers), but would accept mail for it", 502: "VRFY is disabled on this server"},
	"EXPN":     {250: "the mailing list expands to the addresses shown", 502: "EXPN is disabled on this server", 550: "no such mailing list, or expansion is not allowed"},
	"HELP":     {214: "help text from the server", 211: "system status or help from the server"},
	"NOOP":     {250: "nothing was done: the server is alive"},
	"QUIT":     {221: "goodbye: the server closes the connection"},
	"STARTTLS": {220: "ready to start TLS: the TLS handshake begins now", 454: "TLS is not available for now", 501: "syntax error: STARTTLS takes no parameters", 503: "STARTTLS is out of order (TLS may already be active)"},
	"AUTH": {
		235: "authentication succeeded: you are logged in",
		334: "the server sends a SASL challenge and waits for your base64 response; * cancels",
		454: "temporary authentication failure: try again later",
		500: "the authentication line was too long",
		501: "the AUTH exchange failed: the response was not valid base64, or you cancelled with *",
		503: "AUTH is out of order: you are already logged in, EHLO is missing, or a mail transaction is open",
		504: "the server does not know that authentication mechanism",
		530: "authentication is required, or the server needs STARTTLS before AUTH",
		534: "this mechanism is too weak for the server's policy",
		535: "authentication credentials invalid: wrong user name or password",
		538: "this mechanism needs an encrypted connection: STARTTLS first",
	},
	"BDAT": {250: "chunk accepted (after the LAST chunk: the message is accepted)"},
}

// enSMTPInState gives meanings that depend on the session's state, keyed
// "VERB CODE qualifier" or "* CODE qualifier" (see loginQualifiers).
var enSMTPInState = map[string]string{
	"AUTH 503 in transaction": "AUTH is not allowed during a mail transaction: MAIL FROM was accepted and the message is not finished",
	"MAIL 503 in transaction": "a mail transaction is already open: MAIL FROM was accepted before",
	"AUTH 503 logged in":      "you are already logged in: AUTH is allowed once per session",
	"AUTH 503 no auth tls":    "AUTH is not offered here yet: the EHLO reply has no AUTH line; many servers offer it only after STARTTLS",
	"AUTH 503 no auth":        "AUTH is not offered on this port: the EHLO reply has no AUTH line (a mail exchanger on port 25 takes mail for its own domains without a login)",
	"* 530 no auth tls":       "encryption required: the server wants STARTTLS before this command",
	"* 530 auth tls":          "the server wants encryption (STARTTLS), a login (AUTH), or both before this command",
}

// enSMTPWarnings warn about a reply that looks fine but is not, keyed
// "VERB CODE" or "* CODE"; an empty entry means no warning.
var enSMTPWarnings = map[string]string{
	"QUIT 221":   "",
	"* 221":      "the server ended the session although you did not send QUIT: it gave up on this connection (too many errors, or a command it takes for abuse)",
	"header 221": "the server hung up because a message header was sent as a command: headers (Subject:, From:, To:) are part of the message, typed after DATA once the server answered 354",
}

// enSMTPDigits explains an unknown code by its digits (RFC 5321 4.2.1).
var enSMTPDigits = smtpDigitTexts{
	format: "%d is not a standard reply code; its digits say: %s, about %s",
	second: map[int]string{
		-1: "a topic RFC 5321 does not define",
		0:  "syntax",
		1:  "information",
		2:  "the connection",
		3:  "an unspecified topic",
		4:  "an unspecified topic",
		5:  "the mail system",
	},
}

// enSMTPNext gives next steps. Keys: "VERB CODE" for a reply to a
// command ("" for the greeting, "." for the end of DATA), "* CODE" for
// any command, and named parts of composed suggestions.
var enSMTPNext = map[string]string{
	" 220":                    "say EHLO yourname (for example EHLO client.example.test)",
	" 554":                    "this server will not talk to you; try another server, or ask its administrator",
	"EHLO 250 starttls":       "STARTTLS encrypts the connection (it is advertised)",
	"EHLO 250 auth":           "AUTH logs you in (offered: %s): try `:plain USER PASS`, or AUTH LOGIN and answer with `:b64`",
	"EHLO 250 mail":           "MAIL FROM:<you@example.test> starts a message",
	"EHLO 250 first":          "first, ",
	"EHLO 250 join":           "; then ",
	"EHLO 250 last":           "; then ",
	"HELO 250":                "MAIL FROM:<you@example.test> starts a message (say EHLO instead of HELO to see AUTH and STARTTLS)",
	"MAIL 250":                "RCPT TO:<someone@example.test> names a recipient",
	"RCPT 250":                "another RCPT TO:<...> adds a recipient; DATA starts the message",
	"RCPT 251":                "another RCPT TO:<...> adds a recipient; DATA starts the message",
	"RCPT 550":                "check the address; for another domain the server may refuse to relay unless you log in (AUTH)",
	"RCPT 554":                "log in with AUTH before sending to other domains, or send to a local address",
	"DATA 354":                "type the message (headers, an empty line, the body); end it with a line holding only .",
	". 250":                   "MAIL FROM:<...> sends another message; QUIT ends the session",
	"RSET 250":                "MAIL FROM:<...> starts over",
	"STARTTLS 220":            "the TLS handshake follows; once it succeeds (the TLS details below), send EHLO again",
	"STARTTLS 454":            "continue without TLS (credentials would travel in clear text), or try later",
	"AUTH 235":                "MAIL FROM:<you@example.test> starts a message",
	"AUTH 504":                "pick a mechanism from the AUTH line of the EHLO reply",
	"challenge username":      "type `:b64 yourname` (your user name, base64-encoded)",
	"challenge password":      "type `:b64 yourpassword` (your password, base64-encoded)",
	"challenge cram":          "type `:cram USER PASS` (answers with USER and the HMAC-MD5 of the challenge)",
	"challenge empty":         "send your credentials base64-encoded, for PLAIN `{plain:USER PASS}`; * cancels",
	"challenge binary":        "answer with your base64-encoded response; * cancels",
	"challenge other":         "answer with your base64-encoded response (`:b64 TEXT`); * cancels",
	"QUIT 221":                "", // the session is over: there is no next step
	"* 221":                   "reconnect to start a new session",
	"header 221":              "reconnect; type headers inside the message: after DATA and its 354 reply come the headers, an empty line, then the body",
	"header 500":              "a header line belongs inside the message: send DATA first and type it after the 354 reply",
	"* 421":                   "the server is closing the connection: reconnect later",
	"* 432":                   "change the password (for example in the provider's web interface), then log in again",
	"* 450":                   "try again later",
	"* 451":                   "try again later",
	"* 452":                   "try again later, or with fewer recipients",
	"* 454":                   "try again later",
	"* 500":                   "check the spelling of the command (:help lists them)",
	"* 501":                   "check the arguments (:help COMMAND shows the syntax)",
	"* 502":                   "this server does not offer the command; :help lists the alternatives",
	"* 503":                   "commands go in this order: EHLO, (STARTTLS, EHLO again,) (AUTH,) MAIL FROM, RCPT TO (one or more), DATA; RSET starts a transaction over",
	"* 530":                   "log in with AUTH first; if EHLO does not offer AUTH, send STARTTLS and EHLO again first",
	"* 530 auth":              "log in with AUTH first: try `:plain USER PASS`, or AUTH LOGIN and answer with `:b64`",
	"* 530 auth tls":          "send STARTTLS, then EHLO again, then log in with AUTH (`:plain USER PASS`)",
	"* 530 no auth tls":       "send STARTTLS, then EHLO again",
	"AUTH 503 in transaction": "finish the message (RCPT TO, DATA) or send RSET, then AUTH",
	"MAIL 503 in transaction": "go on with RCPT TO and DATA, or send RSET to start over",
	"AUTH 503 logged in":      "MAIL FROM:<you@example.test> starts a message",
	"AUTH 503 no auth tls":    "send STARTTLS, then EHLO again, and look for an AUTH line; if there is still none, this server takes no logins: a submission server (port 587) does",
	"AUTH 503 no auth":        "no login is needed to send to this server's own addresses: go on with MAIL FROM; to log in, connect to a submission port (587, or smtps on 465)",
	"RCPT 550 logged in":      "check the address: the mailbox may not exist, or the server will not deliver there by its policy; you are already logged in, so that is not what is missing",
	"RCPT 554 logged in":      "you are logged in, yet the server's policy refuses this recipient: check the address, or ask the server's administrator",
	"RCPT 550 no auth":        "check the address: this server takes mail only for its own mailboxes; mail for other domains goes through a submission server (port 587)",
	"RCPT 554 no auth":        "this server relays nothing for you here: send to one of its own addresses; mail for other domains goes through a submission server (port 587)",
	"* 534":                   "use a stronger mechanism from the EHLO reply, or STARTTLS first",
	"* 535":                   "check the user name and password, and that they are base64-encoded (`:b64 TEXT`, or `:plain USER PASS`)",
	"* 538":                   "send STARTTLS (then EHLO) before using this mechanism",
	"* 555":                   "drop the parameters the server does not know from MAIL FROM / RCPT TO",
}
