package i18n

func init() {
	for k, v := range adminEnglish {
		english[k] = v
	}
}

// adminEnglish holds the English texts of keys_admin.go.
var adminEnglish = map[Key]string{
	PromptChunk: "bdat (%d bytes left)> ",
	ChunkTooLong: "not sent: this line is %d bytes, %d with its CRLF, but the chunk has %d bytes left. " +
		"Type at most %d bytes (they go with their CRLF), or exactly %d (they end the chunk, without CRLF).",
	ChunkDone:       "(the chunk is complete: its last line went without CRLF, as its size said)",
	HelpKeywordHead: "%s: advertised in the %s reply to %s (%s)",
	HelpNothing:     "%s is no reply code, enhanced status code, response code or extension keyword mailtutor knows either: try :help 550, :help 5.7.1, :help -ERR [IN-USE], :help NO [TRYCREATE], :help PIPELINING",
	StartTLSRefused: "--starttls: the server did not start TLS (%s): nothing more is sent in clear; the connection is closed",
	StartTLSNone:    "--starttls: %s has no command that starts TLS",
	StartTLSImplied: "--starttls: %s is already TLS from the first byte (implicit TLS); leave --starttls out",
	StartTLSDone:    "TLS is up, and the server said again what it offers: the prompt is yours",
	CertNone:        "no TLS on this connection: no certificate to show (STARTTLS first, or connect over implicit TLS)",
	CertHeader:      "certificate chain as the server sent it (%d):",
	CertSubject:     " %d s: %s",
	CertIssuer:      "   i: %s",
	CertNames:       "   names: %s",
	CertValidity:    "   valid: %s to %s%s",
	CertExpired:     " (expired)",
	CertNotYet:      " (not yet valid)",
	CertKey:         "   key: %s; signature: %s",
	CertFingerprint: "   SHA-256: %s",
	CertOCSP:        "OCSP response stapled: %s",
	CertNoOCSP:      "no OCSP response stapled",
	CertClient:      "client certificate sent: %s",
	CertSNI:         "server name: %s (sent in the handshake as SNI unless it is an IP address; the certificate is checked against it)",
	StatusCertHint:  ":cert shows the whole certificate chain",
	MXTrying:        "MX of %s: trying %s (preference %d)",
	MXFallback:      "%s has no MX record: trying its own address (RFC 5321 5.1)",
	MXFailed:        "%s: %v; trying the next",
	CertKeyBits:     "%s, %d bits",
	OCSPGood:        "good: the certificate is not revoked",
	OCSPRevoked:     "REVOKED since %s",
	OCSPUnknown:     "unknown: the responder does not know the certificate",
	OCSPUnreadable:  "unreadable: %s",
	OCSPTimes:       ", signed %s, fresh until %s",
}
