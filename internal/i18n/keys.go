package i18n

// Key names one message of the interface. Messages that take values are
// fmt formats; their comment shows the English text.
type Key string

// Labels of the annotated output (internal/render).
const (
	Connected         Key = "connected"           // "connected to %s"
	ConnectionLost    Key = "connection-lost"     // "connection lost: "
	ClosedByServer    Key = "closed-by-server"    // "-- connection closed by the server"
	ClosedByMailtutor Key = "closed-by-mailtutor" // "-- connection closed by mailtutor"
	ClosedOther       Key = "closed-other"        // "-- connection %s"
	PressEnter        Key = "press-enter"         // "(press Enter to leave)"
	ErrorLabel        Key = "error"               // "error: "
	RFCRef            Key = "rfc-ref"             // " (%s)" after a meaning
	DecodedLabel      Key = "decoded"             // "decoded: "
	ProblemLabel      Key = "protocol-problem"    // "protocol problem: "
	WarningLabel      Key = "warning"             // "warning: " before a local warning about a typed line
	NextLabel         Key = "next"                // "next: "
	TLSLabel          Key = "tls"                 // "TLS: "
	TLSCertificate    Key = "tls-certificate"     // "certificate: %s"
	TLSIssuer         Key = "tls-issuer"          // "issued by:   %s"
	TLSNames          Key = "tls-names"           // "names:       %s"
	TLSValid          Key = "tls-valid"           // "valid:       %s to %s"
	TLSFingerprint    Key = "tls-fingerprint"     // "SHA-256:     %s"
	TLSVerified       Key = "tls-verified"        // "verified: the chain is trusted and the certificate is for %s"
	TLSNotVerified    Key = "tls-not-verified"    // "NOT verified (--insecure): "
)

// Texts of the prompt (internal/prompt).
const (
	MetaHelp          Key = "meta-help"           // the prompt's own commands, for :help
	HelpCommandList   Key = "help-command-list"   // "%s commands (:help NAME for details):"
	HelpObsolete      Key = "help-obsolete"       // " (obsolete)"
	HelpOtherProtocol Key = "help-other-protocol" // "(%s is a %s command, not %s)"
	HelpNoCommand     Key = "help-no-command"     // "no %s command %q; :help lists them"
	HelpTitle         Key = "help-title"          // "%s  (%s, %s)"
	HelpSyntax        Key = "help-syntax"         // "  syntax:  %s"
	HelpMeaning       Key = "help-meaning"        // "  meaning: %s"
	HelpWhen          Key = "help-when"           // "  when:    %s"
	HelpObsoleteNote  Key = "help-obsolete-note"  // "  note:    obsolete; ..."
	CtrlCHint         Key = "ctrl-c-hint"         // "(Ctrl-C clears the line; Ctrl-D or QUIT leaves)"
	StatusServer      Key = "status-server"       // "server:     %s"
	StatusTLS         Key = "status-tls"          // "TLS:        %s, %s, %s": version, cipher, StatusVerified or StatusUnverified
	StatusNoTLS       Key = "status-no-tls"       // "TLS:        none (plain text: ...)"
	StatusExtensions  Key = "status-extensions"   // "extensions: %s"
	StatusAwaiting    Key = "status-awaiting"     // "awaiting:   %d reply(ies)"
	StatusLab         Key = "status-lab"          // "lab:        %s": every service of the running lab, name and address
)

// Texts of the prompt about tags and literals (IMAP).
const (
	TagNote        Key = "tag-note"         // what the tag %s put before the first command is
	LiteralTooLong Key = "literal-too-long" // a literal text line refused: %d bytes, %d with CRLF, %d left, at most %d, exactly %d
	LiteralOneLeft Key = "literal-one-left" // a literal text line refused when 1 byte is left: %d bytes
	LiteralWaiting Key = "literal-waiting"  // a line typed before the server's "+"
	LiteralDone    Key = "literal-done"     // the CRLF that ends the command line was sent
	LiteralSkipped Key = "literal-skipped"  // scripted: the %d bytes of a refused literal are skipped
	AppendUsage    Key = "append-usage"     // "usage: :append MAILBOX FILE ..."
	AppendNotHere  Key = "append-not-here"  // :append in a protocol without it; %s is its name
	AppendBusy     Key = "append-busy"      // :append while a literal, SASL answer or IDLE is open
	AppendMailbox  Key = "append-mailbox"   // the mailbox name %q cannot be quoted
	AppendRead     Key = "append-read"      // "cannot read %s: %v"
	AppendEmpty    Key = "append-empty"     // "%s is empty"
	AppendNUL      Key = "append-nul"       // "%s holds a NUL byte on line %d"
	AppendBareCR   Key = "append-bare-cr"   // "%s holds a CR without LF on line %d"
	AppendSent     Key = "append-sent"      // "sent %s: %d lines, %d bytes"
)

// Texts of the command (cmd/mailtutor), for the lead to wire.
const (
	LabWelcomeSMTP Key = "lab-welcome-smtp" // banner of a prompt on the lab's submission service; %s is its address
	LabWelcomePOP3 Key = "lab-welcome-pop3" // banner of a prompt on the lab's POP3 service; %s is its address
	LabWelcomeIMAP Key = "lab-welcome-imap" // banner of a prompt on the lab's IMAP service; %s is its address
	LabStopHint    Key = "lab-stop-hint"    // "Ctrl-C stops the lab."
	LabStopped     Key = "lab-stopped"      // "lab stopped"
	RecordingTo    Key = "recording-to"     // "recording to %s (everything so far, and every step from now on)"
)

// Texts of trust: TLS versions, credentials in clear, secrets on disk.
const (
	PlaintextConfirm  Key = "plaintext-confirm"   // "send it in clear anyway? [y/N] "
	PlaintextNotSent  Key = "plaintext-not-sent"  // "not sent"
	WarnTLSMin        Key = "warn-tls-min"        // "warning: --tls-min %s: ..."
	WarnPlaintextAuth Key = "warn-plaintext-auth" // "warning: --allow-plaintext-auth: ..."
	WarnLessonSecrets Key = "warn-lesson-secrets" // "warning: %s holds %d credential(s) in clear ...: replaced by helpers"
	WarnLessonKept    Key = "warn-lesson-kept"    // "warning: %s holds %d credential(s) in clear ...: kept, as asked"
)
