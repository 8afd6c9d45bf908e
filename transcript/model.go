package transcript

import (
	"fmt"
	"strings"
	"time"
)

// Version is the newest schema version this package reads and the one it
// writes. Files of every older version keep loading. Version 2 added the
// wire form of a server step (Step.Wire), for IMAP literals.
const Version = 2

// Transcript is one recorded (or hand-written) session: a header and every
// step in the order it happened.
type Transcript struct {
	Version  int       // schema version, key "mailtutor"; Encode always writes [Version]
	Title    string    // optional, for people
	Protocol string    // "smtp", "pop3", "imap": the protocol of a registered dialect
	Server   Server    // where the session went
	Recorded time.Time // when the recording started, UTC; zero when unknown
	Tool     string    // the program that wrote it, e.g. "mailtutor 0.3.0"; optional
	Steps    []Step    // in order; nil when there are none
}

// Server is the host a session talked to.
type Server struct {
	Host string // name or address as given by the user
	Port int    // 1..65535
	TLS  string // TLSNone, TLSStartTLS or TLSImplicit
}

// The TLS modes of a Server.
const (
	TLSNone     = "none"     // plain text all the way
	TLSStartTLS = "starttls" // plain text, upgraded by STARTTLS (SMTP, IMAP) or STLS (POP3)
	TLSImplicit = "implicit" // TLS from the first byte (smtps, pop3s, imaps)
)

// The protocols a transcript can hold.
const (
	ProtocolSMTP = "smtp"
	ProtocolPOP3 = "pop3"
)

// Kind says what a Step records.
type Kind string

// The kinds of step. The value of each is its key in the file.
const (
	KindClient Kind = "client" // a line the client sent, without CRLF
	KindServer Kind = "server" // a whole server reply
	KindData   Kind = "data"   // a DATA body
	KindTLS    Kind = "tls"    // a TLS handshake (STARTTLS/STLS upgrade or implicit TLS)
	KindClosed Kind = "closed" // the connection closed
)

var kinds = []Kind{KindClient, KindServer, KindData, KindTLS, KindClosed}

// Step is one thing that happened on the connection.
type Step struct {
	// At is the time since the recording started. It is stored to the
	// millisecond and never decreases from one step to the next.
	At time.Duration

	// Kind says which of Text and TLS holds the step.
	Kind Kind

	// Text is the step's content, stored exactly:
	//   KindClient: the line as sent, without CRLF.
	//   KindServer: the reply lines exactly as received (a POP3 multi-line
	//               reply still dot-stuffed and with its final "."), joined
	//               by "\n", without CRLF and without a trailing "\n".
	//   KindData:   the body with LF line endings, not dot-stuffed, "" or
	//               ending with "\n"; the "." terminator is implied.
	//   KindClosed: why it closed ("closed by the server", an error text).
	// Line endings are rules, not data: on the wire every line ends in CRLF.
	// A server step with Wire set is the exception.
	Text string

	// Wire reports a server step whose Text is the reply exactly as it
	// came on the wire, every line followed by its CRLF, instead of its
	// lines joined by "\n". It is the form of a reply one of whose lines
	// holds a bare LF (inside an IMAP literal), which the lines form
	// cannot tell from a line end; see [ReplyText]. Schema 2 and later.
	Wire bool

	// TLS describes the handshake of a KindTLS step; nil otherwise.
	TLS *TLSInfo

	// Secret is the kind of credential the client line carries (one of the
	// Secret* constants), or "". Only on KindClient steps.
	Secret string
	// Kept reports that Text is the real secret, stored because the user
	// asked for it (Options.KeepSecrets). Without it Text is the redacted form.
	Kept bool
	// Redacted is never stored. The recorder writes it instead of Text when
	// Secret is set and secrets are not kept; when empty it writes
	// RedactedPlaceholder. Loaded steps have it empty.
	Redacted string

	// Note is an annotation for readers (the explanation of a reply, say).
	// Replay never depends on it.
	Note string
	// Lesson holds teaching notes; nil in plain recordings.
	Lesson *LessonNotes
}

// TLSInfo describes an established TLS connection (it mirrors the session's
// view of it).
type TLSInfo struct {
	Version     string    // "TLS 1.3"
	Cipher      string    // cipher suite name
	ServerName  string    // the name the certificate was checked against
	Subject     string    // leaf certificate subject
	Issuer      string    // leaf certificate issuer
	DNSNames    []string  // subject alternative names; nil when none
	NotBefore   time.Time // validity start, UTC; zero when unknown
	NotAfter    time.Time // validity end, UTC; zero when unknown
	Fingerprint string    // SHA-256 of the leaf certificate
	Verified    bool      // the chain and the name verified
	VerifyError string    // why verification failed (accepted with --insecure)
}

// LessonNotes are the teaching notes a lesson attaches to a step. Every
// field is optional.
type LessonNotes struct {
	Explain string // shown before the step
	Expect  string // what the student is expected to type (client steps)
	Hint    string // offered when the student is stuck
	Notice  string // what to look at in the reply
}

// The kinds of secret a client line can carry.
const (
	SecretUsername            = "username"              // AUTH LOGIN user name, POP3 USER
	SecretPassword            = "password"              // AUTH LOGIN password, POP3 PASS
	SecretSASLResponse        = "sasl-response"         // any other answer to a SASL challenge
	SecretSASLInitialResponse = "sasl-initial-response" // the response inside "AUTH PLAIN <b64>"
	SecretAPOPDigest          = "apop-digest"           // POP3 APOP user and digest
	SecretCredential          = "credential"            // a line the user marked secret
)

// RedactedPlaceholder is written for a secret client line whose redacted form
// the caller left empty.
const RedactedPlaceholder = "<redacted>"

var secretKinds = []string{SecretUsername, SecretPassword, SecretSASLResponse,
	SecretSASLInitialResponse, SecretAPOPDigest, SecretCredential}

// KnownSecret reports whether kind is one of the Secret* constants.
func KnownSecret(kind string) bool {
	for _, k := range secretKinds {
		if k == kind {
			return true
		}
	}
	return false
}

func knownKind(k Kind) bool {
	for _, known := range kinds {
		if known == k {
			return true
		}
	}
	return false
}

// checkHeader reports the first problem of the header fields.
func checkHeader(t *Transcript) error {
	if err := checkProtocol(t.Protocol); err != nil {
		return err
	}
	return checkServer(t.Server)
}

func checkServer(s Server) error {
	if s.Host == "" {
		return fmt.Errorf("server host is empty")
	}
	if s.Port < 1 || s.Port > 65535 {
		return fmt.Errorf("server port %d: want 1 to 65535", s.Port)
	}
	if s.TLS != TLSNone && s.TLS != TLSStartTLS && s.TLS != TLSImplicit {
		return fmt.Errorf("server tls %q: want %s, %s or %s", s.TLS, TLSNone, TLSStartTLS, TLSImplicit)
	}
	return nil
}

// checkStep reports the first problem of one step, ignoring At.
func checkStep(s *Step) error {
	if !knownKind(s.Kind) {
		return fmt.Errorf("step kind %q: want one of %s", s.Kind, kindList())
	}
	if (s.Kind == KindTLS) != (s.TLS != nil) {
		return fmt.Errorf("a %s step must have TLS details exactly when it is a tls step", s.Kind)
	}
	if s.Kind == KindTLS && s.Text != "" {
		return fmt.Errorf("a tls step has no text")
	}
	if s.Wire && s.Kind != KindServer {
		return fmt.Errorf("wire on a %s step: only a server reply has a wire form", s.Kind)
	}
	if s.Wire && !strings.HasSuffix(s.Text, "\r\n") {
		return fmt.Errorf("a server reply in the wire form ends with CRLF (\"\\r\\n\"): every line is followed by its line ending")
	}
	if s.Kind == KindData && s.Text != "" && !strings.HasSuffix(s.Text, "\n") {
		return fmt.Errorf("data must be empty or end with a newline (every body line ends with one)")
	}
	if s.Secret != "" && s.Kind != KindClient {
		return fmt.Errorf("secret %q on a %s step: only client lines carry secrets", s.Secret, s.Kind)
	}
	if s.Secret != "" && !KnownSecret(s.Secret) {
		return fmt.Errorf("secret %q: want one of %s", s.Secret, strings.Join(secretKinds, ", "))
	}
	if s.Kept && s.Secret == "" {
		return fmt.Errorf("kept is only for a step with a secret")
	}
	return nil
}

func kindList() string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}
