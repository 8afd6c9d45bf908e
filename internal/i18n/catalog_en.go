package i18n

// english is the interface in English, the default.
var english = map[Key]string{
	Connected:         "connected to %s",
	ConnectionLost:    "connection lost: ",
	ClosedByServer:    "-- connection closed by the server",
	ClosedByMailtutor: "-- connection closed by mailtutor",
	ClosedOther:       "-- connection %s",
	PressEnter:        "(press Enter to leave)",
	ErrorLabel:        "error: ",
	RFCRef:            " (%s)",
	DecodedLabel:      "decoded: ",
	ProblemLabel:      "protocol problem: ",
	WarningLabel:      "warning: ",
	NextLabel:         "next: ",
	TLSLabel:          "TLS: ",
	TLSCertificate:    "certificate: %s",
	TLSIssuer:         "issued by:   %s",
	TLSNames:          "names:       %s",
	TLSValid:          "valid:       %s to %s",
	TLSFingerprint:    "SHA-256:     %s",
	TLSVerified:       "verified: the chain is trusted and the certificate is for %s",
	TLSNotVerified:    "NOT verified (--insecure): ",

	MetaHelp: `Prompt commands (not sent to the server):
  :help [COMMAND]   explain a command (syntax, meaning, state, RFC); without one, list them
  :help CODE        a reply code or keyword: :help 550, :help 5.7.1, :help -ERR [IN-USE], :help ETRN
  :helpers          the credential helpers and the inline {b64:...} form
  :b64 TEXT         send TEXT base64-encoded         :unb64 TEXT   only show the decoding
  :plain USER PASS  AUTH PLAIN (RFC 4616), or only the answer if PLAIN is open
  :cram USER PASS   answer the open CRAM-MD5 challenge (RFC 2195)
  :apop USER PASS   send APOP with the digest (POP3) ::text        send ":text" literally
  :login USER PASS  IMAP LOGIN, quoted as needed     :unmutf7 TEXT only show a mailbox name decoded
  :append MAILBOX FILE  IMAP APPEND of a message file, with its literal counted for you
  :status           connection, TLS and advertised extensions
  :cert             the certificate chain the server sent (openssl s_client -showcerts)
  :save FILE        save the session so far as a transcript
  :quit             leave (Ctrl-D too; QUIT says goodbye to the server first)
  :connect SERVICE  on the practice lab: switch to another of its services (:connect pop3)
Keys: Tab completes, Ctrl-R searches history, Ctrl-C clears the line.`,
	HelpCommandList:   "%s commands (:help NAME for details):",
	HelpObsolete:      " (obsolete)",
	HelpOtherProtocol: "(%s is a %s command, not %s)",
	HelpNoCommand:     "no %s command \"%s\"; :help lists them",
	HelpTitle:         "%s  (%s, %s)",
	HelpSyntax:        "  syntax:  %s",
	HelpMeaning:       "  meaning: %s",
	HelpWhen:          "  when:    %s",
	HelpObsoleteNote:  "  note:    obsolete; most servers answer 502 (not implemented)",
	CtrlCHint:         "(Ctrl-C clears the line; Ctrl-D or QUIT leaves)",
	StatusServer:      "server:     %s",
	StatusTLS:         "TLS:        %s, %s, %s",
	StatusNoTLS:       "TLS:        none (plain text: anyone on the path can read it)",
	StatusExtensions:  "extensions: %s",
	StatusAwaiting:    "awaiting:   %d reply(ies)",
	StatusLab:         "lab:        %s",

	TagNote: "(%s is a tag: the server puts it on the line that completes this command, so every answer is matched to its command. " +
		"mailtutor numbers your commands a1, a2, ...; type a tag of your own first, as in x1 NOOP, and the line is sent as typed.)",
	LiteralTooLong: "not sent: this line is %d bytes, %d with its CRLF, but the literal has %d bytes left. " +
		"Type at most %d bytes (the CRLF counts 2), or exactly %d to end the literal and the command line.",
	LiteralOneLeft: "not sent: this line is %d bytes, but the literal has 1 byte left: type exactly 1 byte, and its CRLF ends the command line.",
	LiteralWaiting: "not sent: the server has not yet agreed to take the literal (its \"+\"). Wait for the \"+\", or for its refusal.",
	LiteralDone:    "(the literal is complete: mailtutor sent the CRLF that ends the command line)",
	LiteralSkipped: "the server did not take the literal: the script's next %d bytes, the literal's text, are skipped",
	AppendUsage:    "usage: :append MAILBOX FILE  (sends FILE as a new message in MAILBOX with APPEND; quote a name with spaces: :append \"My mail\" note.eml)",
	AppendNotHere:  ":append stores a message with IMAP's APPEND; %s has no such command",
	AppendBusy:     ":append needs the command prompt: finish the literal, the SASL exchange or the IDLE first",
	AppendMailbox:  "the mailbox name \"%s\" cannot be sent in quotes (it holds a line break or a NUL)",
	AppendRead:     "cannot read %s: %v",
	AppendEmpty:    "%s is empty: there is no message to append",
	AppendNUL:      "%s holds a NUL byte on line %d, which a literal may not carry (RFC 9051 4.3)",
	AppendBareCR:   "%s holds a CR that no LF follows on line %d: mailtutor sends a message file line by line and cannot send it",
	AppendSent:     "(sent %s as the literal: %d lines, %d bytes, line ends as CRLF)",

	LabWelcomeSMTP: `Welcome to the mailtutor practice lab: SMTP submission at %s
Accounts: student/secret123, teacher/teach456 at example.test.
Try, one line at a time:
  EHLO me.example.test
  AUTH LOGIN          then  :b64 student   and  :b64 secret123
  MAIL FROM:<student@example.test>
  RCPT TO:<teacher@example.test>
  DATA                then type the message, end with a line holding only "."
  QUIT
:help lists every command, :help MAIL explains one. Tab completes. Fetch it: :connect pop3 (or :connect imap).`,
	LabWelcomePOP3: `Welcome to the mailtutor practice lab: POP3 at %s (accounts student/secret123, teacher/teach456).
Try:  USER student   then  PASS secret123   then  STAT, LIST, RETR 1, QUIT
      (or :apop student secret123).  :help lists every command.`,
	LabWelcomeIMAP: `Welcome to the mailtutor practice lab: IMAP at %s (accounts student/secret123, teacher/teach456).
Type a command without a tag and the prompt puts one in front (a1, a2, ...). Try:
  LOGIN student secret123
  LIST "" "*"
  SELECT INBOX
  FETCH 1:* (FLAGS ENVELOPE)
  IDLE        mail that reaches this lab meanwhile shows up as "* 2 EXISTS"; DONE ends it
  LOGOUT
:help lists every command, :status names every port of this lab.`,
	LabStopHint: "Ctrl-C stops the lab.",
	LabStopped:  "lab stopped",
	RecordingTo: "recording to %s (everything so far, and every step from now on)",

	PlaintextConfirm:  "send it in clear anyway? [y/N] ",
	PlaintextNotSent:  "not sent",
	WarnTLSMin:        "warning: --tls-min %s: TLS 1.0 and 1.1 are obsolete and their encryption is weak (RFC 8996); use this only to reach an old server you must reach",
	WarnPlaintextAuth: "warning: --allow-plaintext-auth: passwords may cross the network in clear, where anyone on the path can read them",
	WarnLessonSecrets: "warning: %s holds %d credential(s) kept in clear (--keep-secrets): the lesson has helpers in their place ({user}, {pass}); lesson make --keep-secrets keeps them",
	WarnLessonKept:    "warning: %s holds %d credential(s) kept in clear (--keep-secrets): kept in the lesson as asked; share it with care",
}
