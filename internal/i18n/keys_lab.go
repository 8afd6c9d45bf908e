package i18n

// Texts of the lab's own banner (mailtutor lab) and of its services'
// one-line notes, which say what each service is for by its role.
const (
	LabTitle          Key = "lab-title"           // "mailtutor lab %s for @%s (%s)": host name, domain, storage
	LabStorageTemp    Key = "lab-storage-temp"    // mail in a temporary directory
	LabStorageDir     Key = "lab-storage-dir"     // mailboxes in %s
	LabAccounts       Key = "lab-accounts"        // "accounts (log in with or without @%s): ", then the accounts
	LabFingerprint    Key = "lab-fingerprint"     // the certificate's SHA-256 %s and --ca
	LabLoopbackOnly   Key = "lab-loopback-only"   // nothing outside this machine can reach the lab
	LabExposed        Key = "lab-exposed"         // the warning of a lab reachable from the network: %s is the host
	LabAddresses      Key = "lab-addresses"       // a wildcard host: the addresses other machines use, %s
	LabNoteMX         Key = "lab-note-mx"         // the MX service: mail for @%s
	LabNoteSubmission Key = "lab-note-submission" // submission with STARTTLS
	LabNoteSubmitTLS  Key = "lab-note-submit-tls" // submission over implicit TLS
	LabNotePOP3       Key = "lab-note-pop3"       // POP3 with STLS
	LabNotePOP3TLS    Key = "lab-note-pop3-tls"   // POP3 over implicit TLS
	LabNoteIMAP       Key = "lab-note-imap"       // IMAP with STARTTLS
	LabNoteIMAPTLS    Key = "lab-note-imap-tls"   // IMAP over implicit TLS
)
