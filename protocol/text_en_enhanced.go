package protocol

// enEnhancedClasses names the class of an enhanced status code
// (RFC 3463 2).
var enEnhancedClasses = map[int]string{
	2: "success",
	4: "persistent transient failure",
	5: "permanent failure",
}

// enEnhancedSubjects names the subject of an enhanced status code
// (RFC 3463 2); -1 is an undefined subject.
var enEnhancedSubjects = map[int]string{
	-1: "an undefined subject",
	0:  "other or undefined status",
	1:  "addressing status",
	2:  "mailbox status",
	3:  "mail system status",
	4:  "network and routing status",
	5:  "mail delivery protocol status",
	6:  "message content or media status",
	7:  "security or policy status",
}

// enEnhancedDetails gives the meaning of each subject.detail pair: all of
// RFC 3463 3, plus the codes RFC 4954 and later RFCs registered
// (RFC 5248 registry).
var enEnhancedDetails = map[string]string{
	"0.0":   "other undefined status",
	"2.0.0": "success, no more detail", // not "other undefined status": nothing went wrong

	"1.0":  "other address status",
	"1.1":  "bad destination mailbox address",
	"1.2":  "bad destination system address",
	"1.3":  "bad destination mailbox address syntax",
	"1.4":  "destination mailbox address ambiguous",
	"1.5":  "destination address valid",
	"1.6":  "destination mailbox has moved, no forwarding address",
	"1.7":  "bad sender's mailbox address syntax",
	"1.8":  "bad sender's system address",
	"1.10": "recipient address has null MX",

	"2.0": "other or undefined mailbox status",
	"2.1": "mailbox disabled, not accepting messages",
	"2.2": "mailbox full",
	"2.3": "message length exceeds administrative limit",
	"2.4": "mailing list expansion problem",

	"3.0": "other or undefined mail system status",
	"3.1": "mail system full",
	"3.2": "system not accepting network messages",
	"3.3": "system not capable of selected features",
	"3.4": "message too big for system",
	"3.5": "system incorrectly configured",

	"4.0": "other or undefined network or routing status",
	"4.1": "no answer from host",
	"4.2": "bad connection",
	"4.3": "directory server failure",
	"4.4": "unable to route",
	"4.5": "mail system congestion",
	"4.6": "routing loop detected",
	"4.7": "delivery time expired",

	"5.0": "other or undefined protocol status",
	"5.1": "invalid command",
	"5.2": "syntax error",
	"5.3": "too many recipients",
	"5.4": "invalid command arguments",
	"5.5": "wrong protocol version",
	"5.6": "authentication exchange line is too long",

	"6.0": "other or undefined media error",
	"6.1": "media not supported",
	"6.2": "conversion required and prohibited",
	"6.3": "conversion required but not supported",
	"6.4": "conversion with loss performed",
	"6.5": "conversion failed",
	"6.7": "non-ASCII addresses not permitted for that sender or recipient",

	"7.0":  "other or undefined security status",
	"7.1":  "delivery not authorized, message refused",
	"7.2":  "mailing list expansion prohibited",
	"7.3":  "security conversion required but not possible",
	"7.4":  "security features not supported",
	"7.5":  "cryptographic failure",
	"7.6":  "cryptographic algorithm not supported",
	"7.7":  "message integrity failure",
	"7.8":  "authentication credentials invalid",
	"7.9":  "authentication mechanism is too weak",
	"7.10": "encryption needed",
	"7.11": "encryption required for requested authentication mechanism",
	"7.12": "a password transition is needed",
	"7.13": "user account disabled",
	"7.14": "trust relationship required",
	"7.23": "SPF validation failed",
	"7.24": "SPF validation error",
	"7.25": "reverse DNS validation failed",
	"7.26": "multiple authentication checks failed",
	"7.27": "sender address has null MX",
}

// enEnhancedNotes add what a full code means in practice, keyed by the
// code ("5.7.1") or by reply code and code ("530 5.7.0").
var enEnhancedNotes = map[string]string{
	"235 2.7.0": "authentication succeeded, RFC 4954",
	"454 4.7.0": "temporary authentication failure, RFC 4954",
	"530 5.7.0": "authentication required (RFC 4954), or encryption first (RFC 3207)",
	"500 5.5.6": "the AUTH line was too long, RFC 4954",
	"4.7.0":     "often a temporary policy block, such as too many errors",
	"5.7.1":     "Postfix says this for \"Relay access denied\" and \"Access denied\": its policy refused it, for relaying to another domain or for a blocked sender, client or recipient",
	"5.7.8":     "Postfix says this for \"Error: authentication failed\": wrong user name or password",
	"4.7.12":    "change the password before logging in with this mechanism",
	"5.7.11":    "use STARTTLS before this mechanism",
}
