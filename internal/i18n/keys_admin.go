package i18n

// Texts of the administrator's tools: BDAT chunks, :help on a reply code
// or an extension keyword, --starttls, :cert, MX targets.
const (
	PromptChunk     Key = "prompt-chunk"      // the prompt while a BDAT chunk is typed: %d bytes left
	ChunkTooLong    Key = "chunk-too-long"    // a chunk line refused: %d bytes, %d with CRLF, %d left, at most %d, exactly %d
	ChunkDone       Key = "chunk-done"        // the chunk's last line went without CRLF
	HelpKeywordHead Key = "help-keyword-head" // "%s, advertised in %s's %s reply (%s):" keyword, protocol, command, RFC
	HelpNothing     Key = "help-nothing"      // :help on a word that is no code or keyword either: %s
	StartTLSRefused Key = "starttls-refused"  // --starttls: the server did not start TLS (%s); nothing more is sent in clear
	StartTLSNone    Key = "starttls-none"     // --starttls on a protocol without STARTTLS: %s
	StartTLSImplied Key = "starttls-implied"  // --starttls with an implicit-TLS scheme: %s
	StartTLSDone    Key = "starttls-done"     // "TLS is up, and the server said again what it offers: the prompt is yours"
	CertNone        Key = "cert-none"         // :cert without TLS
	CertHeader      Key = "cert-header"       // "certificate chain (%d) as the server sent it:"
	CertSubject     Key = "cert-subject"      // " %d s: %s"
	CertIssuer      Key = "cert-issuer"       // "   i: %s"
	CertNames       Key = "cert-names"        // "   names: %s"
	CertValidity    Key = "cert-validity"     // "   valid: %s to %s%s"
	CertExpired     Key = "cert-expired"      // " (expired)"
	CertNotYet      Key = "cert-not-yet"      // " (not yet valid)"
	CertKey         Key = "cert-key"          // "   key: %s; signature: %s"
	CertFingerprint Key = "cert-fingerprint"  // "   SHA-256: %s"
	CertOCSP        Key = "cert-ocsp"         // "OCSP response stapled: %s"
	CertNoOCSP      Key = "cert-no-ocsp"      // "no OCSP response stapled"
	CertClient      Key = "cert-client"       // "client certificate sent: %s"
	CertSNI         Key = "cert-sni"          // "server name: %s (sent as SNI ...; the certificate is checked against it)"
	StatusCertHint  Key = "status-cert-hint"  // ":cert shows the whole chain"
	MXTrying        Key = "mx-trying"         // "MX %s: %s (preference %d)"
	MXFallback      Key = "mx-fallback"       // "%s has no MX record: trying its address (RFC 5321 5.1)"
	MXFailed        Key = "mx-failed"         // "%s: %v; trying the next"
	CertKeyBits     Key = "cert-key-bits"     // "%s, %d bits": a key's type and size
	OCSPGood        Key = "ocsp-good"         // "good: the certificate is not revoked"
	OCSPRevoked     Key = "ocsp-revoked"      // "REVOKED since %s"
	OCSPUnknown     Key = "ocsp-unknown"      // "unknown: the responder does not know the certificate"
	OCSPUnreadable  Key = "ocsp-unreadable"   // "unreadable: %s"
	OCSPTimes       Key = "ocsp-times"        // ", signed %s, fresh until %s"
)
