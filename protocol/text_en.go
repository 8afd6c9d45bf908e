package protocol

// english holds every English sentence of the package. The tables it
// points to live in the text_en_*.go files.
var english = texts{
	classWords:    enClassWords,
	classSentence: enClassSentences,
	greetingClass: map[Class]string{
		ClassPositive: "2xx success (greeting): the server is ready and greets you; nothing was asked yet",
		ClassOK:       "+OK success (greeting): the server is ready and greets you; nothing was asked yet",
	},
	problems:  enProblems,
	moreLines: " (%d lines in all)",
	clauseSep: "; ",

	smtpCodes:     enSMTPCodes,
	smtpByCommand: enSMTPByCommand,
	smtpDigits:    enSMTPDigits,
	smtpNext:      enSMTPNext,
	smtpInState:   enSMTPInState,
	smtpWarning:   enSMTPWarnings,
	malformed: map[Protocol]string{
		SMTP: "this is not an SMTP reply: a reply line is a three-digit code, then a space (last line) or a hyphen (more lines follow), then text",
		POP3: "this is not a POP3 reply: a reply starts with +OK or -ERR (or \"+ \" during AUTH)",
	},

	enhancedClass:   enEnhancedClasses,
	enhancedSubject: enEnhancedSubjects,
	enhancedDetail:  enEnhancedDetails,
	enhancedNote:    enEnhancedNotes,
	enhancedUnknown: "%s, %s (this detail is not in the registry)",
	enhancedNoteFmt: " (%s)",

	pop3:         enPOP3,
	pop3Unknown:  pop3Text{OK: "the server accepted the command", Err: "the server refused the command (unknown, wrong arguments, or not allowed in this state)"},
	pop3Codes:    enPOP3Codes,
	pop3Decoded:  "the server sent a SASL challenge and waits for your response, base64-encoded on one line (or * to cancel)",
	pop3Next:     enPOP3Next,
	pop3Syntax:   "the syntax is %s",
	binaryChalng: "the challenge is binary data, not text",

	commands: map[Protocol]map[string]commandText{SMTP: enSMTPCommands, POP3: enPOP3Commands, IMAP: enIMAPCommands},
	checks:   enChecks,
	imap:     enIMAP,
}

// enChecks are the local warnings about a typed line, keyed by check.
var enChecks = map[string]string{
	"brackets":  "the address belongs in angle brackets: %s (RFC 5321 4.1.2); many servers refuse it without them",
	"path":      "the syntax is %s (RFC 5321 4.1.1)",
	"too long":  "the line is %d octets long with its CRLF, over the limit of %d (%s): the server may refuse it or cut it",
	"header":    "%s looks like a message header: headers are part of the message, typed after DATA once the server answered 354; sent as a command, it may make the server hang up",
	"arguments": "%s needs more arguments: the syntax is %s",
}

var enClassWords = map[Class]string{
	ClassMalformed:    "malformed",
	ClassPositive:     "2xx success",
	ClassIntermediate: "3xx intermediate",
	ClassTransient:    "4xx temporary failure",
	ClassPermanent:    "5xx permanent failure",
	ClassOK:           "+OK",
	ClassErr:          "-ERR",
	ClassContinue:     "+ continuation",
}

var enClassSentences = map[Class]string{
	ClassMalformed:    "malformed: the server's reply breaks the protocol's syntax",
	ClassPositive:     "2xx success: the server did what you asked",
	ClassIntermediate: "3xx intermediate: the command is not finished yet; so far so good, the server waits for more from you",
	ClassTransient:    "4xx temporary failure: it failed this time; the same command may work later",
	ClassPermanent:    "5xx permanent failure: it failed; repeating it unchanged will fail again, fix it first",
	ClassOK:           "+OK success: the command was carried out",
	ClassErr:          "-ERR failure: the command was not carried out",
	ClassContinue:     "+ continuation: the server waits for your next SASL response",
}

var enProblems = map[problemKind]string{
	probNotReply:               "expected a reply starting with a three-digit code, such as \"250 OK\" (RFC 5321 4.2), but got %s",
	probContinuationNotReply:   "line %d does not start with a three-digit code; every line of a multi-line reply must (RFC 5321 4.2.1)",
	probTooManyLines:           "the reply has %d lines; only the first %d were kept (the rest were read and dropped, to keep memory bounded)",
	probCodeMismatch:           "line %d has code %d but the reply started with %d; every line of a multi-line reply carries the same code (RFC 5321 4.2.1)",
	probNoSeparator:            "line %d has neither a space nor a hyphen after its code %d (RFC 5321 4.2)",
	probBadFirstDigit:          "%03d is not a valid reply code: the first digit must be 2, 3, 4 or 5 (RFC 5321 4.2.1)",
	probBadSecondDigit:         "reply code %d is irregular: the second digit should be 0 to 5 (RFC 5321 4.2)",
	probEnhancedMismatch:       "the enhanced status code %s and the reply code %d disagree on the class (RFC 2034 4)",
	probBareLF:                 "line %d ended with a bare LF instead of CRLF (%s)",
	probNoEnding:               "line %d has no line ending: the connection closed in the middle of it",
	probTooLong:                "line %d is %d octets long with its CRLF, over the limit of 512 (%s)",
	probBareCR:                 "line %d holds a CR that is not followed by LF (a bare CR)",
	probEmbeddedLF:             "line %d holds a line feed: it was not split into lines before framing",
	probPOP3Status:             "expected a status of +OK or -ERR at the start of the line (RFC 1939 3), but got %s",
	probPOP3StatusCase:         "the status indicator %s must be written in upper case, %s (RFC 1939 3)",
	probPOP3NoSpace:            "the status indicator %s must be followed by a space or the end of the line (RFC 1939 3)",
	probUnexpectedContinuation: "a \"+\" continuation is only valid during an AUTH exchange (RFC 5034 4)",
	probUnstuffed:              "body line %d starts with a single \".\": the server should have doubled it (dot-stuffing, RFC 1939 3)",
}
