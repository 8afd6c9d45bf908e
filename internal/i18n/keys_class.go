package i18n

// Texts of the lab run for a class (issue 13): the class accounts, the
// server-side recordings and `mailtutor lab report`.
const (
	ClassAccountsMade  Key = "class-accounts-made"  // "made %d class accounts, passwords in %s (only you can read it): hand each student their line"
	ClassAccountsKept  Key = "class-accounts-kept"  // "%d class accounts from %s, the same passwords as before"
	ClassAccountsShort Key = "class-accounts-short" // banner: "accounts (log in with or without @%s): %d, passwords in %s"
	ClassRecording     Key = "class-recording"      // banner: "recording every session to %s (per user, passwords redacted)"
	ClassReportUsage   Key = "class-report-usage"   // usage of mailtutor lab report
	ClassReportNone    Key = "class-report-none"    // "no recordings in %s"
	ClassReportBroken  Key = "class-report-broken"  // "%s: skipped: %v"
	ClassColStudent    Key = "class-col-student"    // table heading: student
	ClassColSessions   Key = "class-col-sessions"   // table heading: sessions
	ClassColLogin      Key = "class-col-login"      // table heading: logged in by (SMTP POP3 IMAP)
	ClassColTLS        Key = "class-col-tls"        // table heading: TLS used (STARTTLS, implicit)
	ClassColSent       Key = "class-col-sent"       // table heading: messages sent
	ClassColSubject    Key = "class-col-subject"    // table heading: of which with a Subject
	ClassColPOP3       Key = "class-col-pop3"       // table heading: messages fetched by POP3
	ClassColIMAP       Key = "class-col-imap"       // table heading: messages fetched by IMAP
	ClassColFirst      Key = "class-col-first"      // table heading: first session (UTC)
	ClassColLast       Key = "class-col-last"       // table heading: last session (UTC)
	ClassImplicit      Key = "class-implicit"       // "implicit": implicit TLS in the TLS column
	ClassTotal         Key = "class-total"          // "%d students, %d sessions"
	ClassExposed       Key = "class-exposed"        // the warning of a class lab reachable from the network: %s is the host
)

// init adds the class texts to the catalogs.
func init() {
	for k, v := range englishClass {
		english[k] = v
	}
	for k, v := range chineseClass {
		chinese[k] = v
	}
}
