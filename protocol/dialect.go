package protocol

import (
	"fmt"
	"strings"
	"sync"
)

// Dialect is everything one mail protocol means on the wire: its URL
// schemes and ports, how replies are framed and classified, what they mean
// in the session they arrive in, which client lines carry secrets, its
// command catalog, and how a reply changes the session (a body or a SASL
// answer expected, TLS agreed, logged in). Packages outside protocol ask a
// dialect; they name no verb, reply code or scheme themselves.
//
// A dialect is registered once ([Register]) and found by its protocol name
// ([Lookup]) or by a URL scheme ([SchemeNamed]). SMTP, POP3 and IMAP are built in.
type Dialect interface {
	// Protocol is the protocol's name: "smtp", "pop3".
	Protocol() Protocol
	// Schemes lists the URL schemes the protocol is reached by, the first
	// being the plain default ("smtp" before "submission" and "smtps").
	Schemes() []Scheme
	// NewFramer returns the framer of one new connection: it frames the
	// replies and keeps the conversation's state.
	NewFramer() Framer
	// Explain tells what a reply means in lang, using the state the reply
	// arrived in (Reply.Before). It never panics, whatever r holds.
	Explain(r *Reply, lang Lang) (Explanation, error)
	// Redact reports whether a client line, sent in state st, carries a
	// secret, and returns it with the secret replaced by [Redacted] and the
	// kind of secret (one of the Secret constants).
	Redact(line string, st State) (redacted, kind string, secret bool)
	// Check returns local warnings about a client line before it is sent
	// (a missing "<>", a line too long), in lang; nil when it looks right.
	Check(line string, st State, lang Lang) []string
	// Commands documents the protocol's commands in lang, in teaching order.
	Commands(lang Lang) ([]CommandInfo, error)
	// Auth says how the credential helpers speak this protocol.
	Auth() AuthSyntax
	// Body says how a message body is sent after the server asked for one,
	// or nil for a protocol that has no such body.
	Body() BodySyntax
}

// Scheme is one URL scheme of a dialect.
type Scheme struct {
	Name        string   // "smtps"
	Protocol    Protocol // "smtp"
	Port        int      // the default port: 465
	ImplicitTLS bool     // TLS from the first byte
	LabPort     int      // the port of this service in the practice lab, 0 if the lab has none
	Role        Role     // what the service is for: what a server (the lab) does on it
}

// Role is what a service is for, whatever its protocol: it says how a
// server behaves on it, so the lab need not know schemes by name.
type Role string

// The roles of mail services.
const (
	RoleMX         Role = "mx"         // server to server: mail for local domains only, no AUTH, no relay (SMTP port 25)
	RoleSubmission Role = "submission" // a user's client sends mail: AUTH before MAIL (RFC 6409)
	RoleMailbox    Role = "mailbox"    // a user's client reads its mailbox (POP3, IMAP)
)

// AuthSyntax says how a protocol carries credentials, for the helpers that
// build them (:plain, :cram, :apop).
type AuthSyntax struct {
	SASLVerb string // the command that starts a SASL exchange ("AUTH"); "" if none
	APOP     bool   // the protocol has APOP (POP3, RFC 1939 7)
}

// BodySyntax sends a message body: each line as it goes on the wire
// (dot-stuffed for SMTP), and the line that ends the body.
type BodySyntax interface {
	WireLine(line string) string // the line as it goes on the wire, without CRLF
	End() string                 // the line that ends the body: "."
}

// Framer frames the replies of one connection and keeps its state. A
// session tells it each client line it sends (Expect) and gives it each
// line it receives (Feed). Not safe for concurrent use.
type Framer interface {
	// Expect queues a client line that the next not-yet-started reply
	// answers (commands may be pipelined, so this is a FIFO).
	Expect(clientLine string) Expected
	// ExpectBodyEnd queues the end of a message body (Body().End()).
	ExpectBodyEnd()
	// Feed gives one received line without its line ending. It returns the
	// reply this line completes, else nil.
	Feed(line string, ending LineEnding) *Reply
	// Partial returns the lines of a reply that has started but is not
	// complete, or nil.
	Partial() []string
	// Held is the number of bytes of received lines held for the reply
	// being assembled: what Drain would free.
	Held() int
	// Drain hands out the lines of a long reply received so far and forgets
	// them (see the SMTP/POP3 framer's doc), or nil.
	Drain() []string
	// State is the conversation's state after the last complete reply.
	State() State
	// TLSStarted tells the framer that the connection is now encrypted.
	TLSStarted()
}

// Expected is what a client line asks of the connection.
type Expected struct {
	// StartTLS: the line asks the server to start TLS; if the reply agrees
	// (Reply.StartTLS) the handshake follows at once, so nothing else may
	// be sent until that reply has come.
	StartTLS bool
	// Continues: the line continues a command still pending (an IMAP
	// SASL answer, literal text, DONE ending IDLE) instead of starting
	// one, so no new reply is awaited for it.
	Continues bool
	// NoLineEnd: the line goes on the wire without CRLF, its bytes ending
	// a byte-counted chunk exactly (an SMTP BDAT chunk, RFC 3030).
	NoLineEnd bool
}

// LiteralFramer is a Framer that sometimes wants raw bytes rather than
// lines: an IMAP literal ({n} at the end of a response line, RFC 9051
// 4.3) is n bytes that may hold any octet, line endings included.
type LiteralFramer interface {
	Framer
	// Literal is the number of literal bytes still expected before lines
	// resume; 0 in line mode.
	Literal() int64
	// FeedLiteral gives up to Literal() raw bytes of it; p is only valid
	// during the call. It returns the reply they complete, else nil.
	FeedLiteral(p []byte) *Reply
}

// PartViewer is a Framer whose drained lines read differently from how
// they came: POP3's body lines are dot-stuffed on the wire. ViewPart
// returns a part as a learner reads it; a Framer without it is shown as
// received.
type PartViewer interface {
	ViewPart(lines []string) []string
}

// Tagger is a Framer that numbers commands for the user: IMAP tags. The
// prompt asks it before a line is sent.
type Tagger interface {
	Framer
	// AutoTag returns line with the next free tag in front ("a3 LOGIN …")
	// when it starts with a command name and no tag, and added true; a
	// line that already has a tag, or that continues a command (a SASL
	// answer, literal text, DONE), comes back as it is.
	AutoTag(line string) (tagged string, added bool)
}

// Prompter is a Dialect that names the state of its conversation at the
// prompt ("imap INBOX [ro]", "idle"); the prompt of a dialect without it
// shows the protocol's name and whether a SASL answer or a message body
// is expected.
type Prompter interface {
	Dialect
	// Prompt returns the words of the prompt for a line typed in state st,
	// in lang, without the trailing "> ".
	Prompt(st State, lang Lang) string
}

// Appender is a Dialect that stores a message in a mailbox by sending it
// as a literal (IMAP APPEND), for the prompt's helper that sends a file.
type Appender interface {
	Dialect
	// AppendLine returns the untagged command line that announces a
	// message of size bytes for mailbox (already encoded and quoted as the
	// protocol wants it), and whether the message follows at once rather
	// than after the server's "+" (a non-synchronizing literal the server
	// advertised, as st shows).
	AppendLine(mailbox string, size int64, st State) (line string, nonSync bool)
}

// Input is what the next client line is.
type Input int

// What the next client line can be.
const (
	InputCommand Input = iota // a command
	InputSASL                 // the answer to a SASL challenge
	InputBody                 // a line of a message body (after SMTP 354)
	InputLiteral              // literal text the server agreed to take (IMAP "+" after {n}), or an SMTP BDAT chunk
	InputIdle                 // the server is idling (IMAP IDLE): only DONE ends it
)

// State is what a conversation knows, in words every dialect shares. The
// framer keeps it; each reply carries the state it arrived in (Before).
type State struct {
	Input       Input    // what the next client line is
	Challenge   string   // the open SASL challenge, base64 as received; "" if none
	Mechanism   string   // the SASL mechanism being exchanged ("CRAM-MD5"), "" if unknown
	Greeting    string   // the text of the server's first reply
	Extensions  []string // what the server advertised (EHLO keywords, CAPA)
	Advertised  bool     // Extensions were advertised (EHLO or CAPA answered)
	Mechanisms  []string // the SASL mechanisms advertised ("PLAIN", "CRAM-MD5")
	LoggedIn    bool     // a login succeeded and was not undone by STARTTLS
	TLS         bool     // the connection is encrypted
	Transaction bool     // a mail transaction is open (SMTP MAIL accepted, not yet ended)
	Ended       bool     // the server said goodbye (221 to QUIT, +OK to QUIT)
	Marked      bool     // messages are marked for deletion (POP3 DELE accepted, not undone by RSET)
	Previous    string   // the command answered by the previous reply, redacted
	Mailbox     string   // the selected mailbox (IMAP), "" when none
	ReadOnly    bool     // the mailbox was selected read-only (IMAP EXAMINE)
	Literal     int64    // InputLiteral: the bytes of literal text (or of a BDAT chunk) the server still expects
	// Continuing is the IMAP command the next line continues, redacted,
	// each literal's text left out ("a1 LOGIN {7}"): while literal text is
	// typed, and after a literal, when the command line goes on. "" when
	// the next line starts a command.
	Continuing string
}

// Offers reports whether the server advertised the extension (EHLO
// keyword, CAPA tag) named, compared without regard to case.
func (s State) Offers(name string) bool {
	for _, e := range s.Extensions {
		if strings.EqualFold(e, name) {
			return true
		}
	}
	return false
}

// Tone is the protocol-neutral class of a reply: how it went.
type Tone int

// The tones of a reply.
const (
	ToneMalformed    Tone = iota // not a valid reply for the protocol
	TonePositive                 // it worked (SMTP 2xx, POP3 +OK)
	ToneIntermediate             // go on (SMTP 3xx, POP3 "+ ")
	ToneTransient                // failed for now, try again later (SMTP 4xx)
	TonePermanent                // failed (SMTP 5xx, POP3 -ERR)
)

// String names the tone in one English word.
func (t Tone) String() string {
	switch t {
	case TonePositive:
		return "positive"
	case ToneIntermediate:
		return "intermediate"
	case ToneTransient:
		return "transient"
	case TonePermanent:
		return "permanent"
	}
	return "malformed"
}

var registry = struct {
	sync.RWMutex
	order    []Dialect
	byProto  map[Protocol]Dialect
	byScheme map[string]Scheme
}{byProto: map[Protocol]Dialect{}, byScheme: map[string]Scheme{}}

func init() {
	Register(smtpDialect{})
	Register(pop3Dialect{})
	Register(imapDialect{})
}

// Register makes a dialect known by its protocol name and its schemes. It
// panics when the name or a scheme is taken: two dialects cannot both own
// one.
func Register(d Dialect) {
	registry.Lock()
	defer registry.Unlock()
	p := d.Protocol()
	if _, dup := registry.byProto[p]; dup {
		panic(fmt.Sprintf("protocol: dialect %q registered twice", p))
	}
	for _, s := range d.Schemes() {
		if _, dup := registry.byScheme[s.Name]; dup {
			panic(fmt.Sprintf("protocol: scheme %q registered twice", s.Name))
		}
	}
	registry.byProto[p] = d
	registry.order = append(registry.order, d)
	for _, s := range d.Schemes() {
		s.Protocol = p
		registry.byScheme[s.Name] = s
	}
}

// Lookup returns the dialect of a protocol.
func Lookup(p Protocol) (Dialect, bool) {
	registry.RLock()
	defer registry.RUnlock()
	d, ok := registry.byProto[p]
	return d, ok
}

// SchemeNamed returns the scheme of that name (compared in lower case).
func SchemeNamed(name string) (Scheme, bool) {
	registry.RLock()
	defer registry.RUnlock()
	s, ok := registry.byScheme[strings.ToLower(name)]
	return s, ok
}

// Schemes lists every registered scheme: by dialect in the order they
// were registered (SMTP, POP3, then others), each in the dialect's order.
func Schemes() []Scheme {
	registry.RLock()
	defer registry.RUnlock()
	var out []Scheme
	for _, d := range registry.order {
		for _, s := range d.Schemes() {
			s.Protocol = d.Protocol()
			out = append(out, s)
		}
	}
	return out
}

// Dialects lists the registered dialects in the order they were registered.
func Dialects() []Dialect {
	registry.RLock()
	defer registry.RUnlock()
	return append([]Dialect(nil), registry.order...)
}

// SchemeList describes the schemes for an error message or a usage line:
// "smtp:// (25), smtps:// (465, implicit TLS), ...".
func SchemeList() string {
	var parts []string
	for _, s := range Schemes() {
		if s.ImplicitTLS {
			parts = append(parts, fmt.Sprintf("%s:// (%d, implicit TLS)", s.Name, s.Port))
		} else {
			parts = append(parts, fmt.Sprintf("%s:// (%d)", s.Name, s.Port))
		}
	}
	return strings.Join(parts, ", ")
}
