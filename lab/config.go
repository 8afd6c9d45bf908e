// Package lab is mailtutor's embedded practice mail server: an SMTP MX, an
// authenticated submission service (STARTTLS and implicit TLS), POP3 and
// IMAP (lab/imapd; each plain with STARTTLS and over implicit TLS), all
// sharing one set of accounts and one mail store (lab/mailstore), so a
// newcomer can practise the classic telnet session with no server of their
// own. Replies follow what real servers (Postfix for SMTP, Dovecot for POP3
// and IMAP) say, with RFC 3463 enhanced status codes.
package lab

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Config configures a lab. Zero values of Host, Domain, Users,
// MaxMessageBytes, MaxErrors, IdleTimeout and of every limit take their
// defaults from DefaultConfig when the lab starts (TrustedNets: nil is
// loopback). Ports are the exception: Start treats a
// port of 0 as "any free port", so start from DefaultConfig for the well-known
// lab ports and from TestConfig for tests.
type Config struct {
	Host string // default "127.0.0.1"

	// Ports holds the port of each service by its scheme's name
	// (ServiceNames: the schemes of protocol.Schemes with a LabPort); a
	// service missing or 0 listens on any free port. DefaultConfig gives
	// each its LabPort (1025, 1587, 1465, 1110, 1995, 1143, 1993).
	Ports map[string]int

	Domain string            // mail domain, default "example.test"; the server calls itself "mail."+Domain
	Users  map[string]string // user -> password; default student/secret123, teacher/teach456
	Dir    string            // mail store (lab/mailstore); "" = a temporary directory removed at Close. One lab at a time per directory

	// RecordDir, when set, gets a transcript of every session served
	// (mode 0600, secrets redacted): RecordDir/<user>/<service>-<UTC
	// time>-<n>.yaml once a user logged in, RecordDir/_anonymous/ for the
	// sessions without a login (AnonymousDir).
	RecordDir string
	// AccountsFile names the file that holds the passwords of Users (a
	// class file, ClassAccounts): the banner then names it instead of
	// listing the passwords.
	AccountsFile string

	// CertFile and KeyFile name a PEM certificate and key. When both are
	// empty, Start makes a self-signed ECDSA certificate for "localhost",
	// Host and "mail."+Domain.
	CertFile, KeyFile string

	MaxMessageBytes int64         // default 10 MiB
	MaxErrors       int           // POP3 and IMAP, default 10: after that many error replies, -ERR / BYE and close
	IdleTimeout     time.Duration // default 300 s (Postfix's smtpd_timeout) without a line from the client

	// SMTP's error limits, Postfix's: from the SMTPSoftErrors-th error reply
	// on, each error reply waits ErrorSleep (smtpd_soft_error_limit 10,
	// smtpd_error_sleep_time 1 s); at SMTPHardErrors errors the lab says
	// "421 4.7.0 <host> Error: too many errors" and hangs up
	// (smtpd_hard_error_limit 20).
	SMTPSoftErrors int           // default 10
	SMTPHardErrors int           // default 20
	ErrorSleep     time.Duration // default 1 s

	// Failed logins, counted per client address over every service (see
	// guard.go): after AuthFreeFailures failures each further attempt from
	// that address waits its turn, AuthDelay after the one before, then
	// twice that, up to AuthMaxDelay; AuthForgive without a failure
	// forgets them.
	AuthFreeFailures int           // default 3
	AuthDelay        time.Duration // default 1 s
	AuthMaxDelay     time.Duration // default 8 s
	AuthForgive      time.Duration // default 10 minutes

	// Connection limits, checked when a connection is accepted: the ones
	// over them are told so and closed. MaxConns defaults to 1000, or half
	// the process's file descriptor limit if that is lower.
	MaxConnsPerClient int // default 20 per client address (Postfix's smtpd_client_connection_count_limit is 50)
	MaxConns          int // default 1000 over all services

	// TrustedNets are the client networks that may end SMTP lines with a
	// bare LF (read as CRLF; it never ends DATA): Postfix's
	// smtpd_forbid_bare_newline_exclusions = $mynetworks. nil means
	// loopback (127.0.0.0/8 and ::1); an empty non-nil slice trusts none.
	TrustedNets []netip.Prefix

	// Logf receives the instructor's log (log.go): one line per connection,
	// login, message and limit hit, never a secret. nil = silent; called
	// from many goroutines.
	Logf func(format string, args ...any)
}

// The defaults DefaultConfig and Start use.
const (
	DefaultHost            = "127.0.0.1"
	DefaultDomain          = "example.test"
	DefaultMaxMessageBytes = 10 << 20
	DefaultMaxErrors       = 10
	DefaultIdleTimeout     = 300 * time.Second

	DefaultSMTPSoftErrors    = 10
	DefaultSMTPHardErrors    = 20
	DefaultErrorSleep        = time.Second
	DefaultAuthFreeFailures  = 3
	DefaultAuthDelay         = time.Second
	DefaultAuthMaxDelay      = 8 * time.Second
	DefaultAuthForgive       = 10 * time.Minute
	DefaultMaxConnsPerClient = 20
	DefaultMaxConns          = 1000
)

// DefaultConfig returns the lab's standard configuration: loopback, the
// well-known lab ports of protocol.Schemes (1025, 1587, 1465, 1110, 1995,
// 1143 and 1993), the example.test domain and the two practice accounts.
func DefaultConfig() Config {
	cfg := Config{
		Host:            DefaultHost,
		Domain:          DefaultDomain,
		Users:           DefaultUsers(),
		MaxMessageBytes: DefaultMaxMessageBytes,
		MaxErrors:       DefaultMaxErrors,
		IdleTimeout:     DefaultIdleTimeout,

		SMTPSoftErrors:    DefaultSMTPSoftErrors,
		SMTPHardErrors:    DefaultSMTPHardErrors,
		ErrorSleep:        DefaultErrorSleep,
		AuthFreeFailures:  DefaultAuthFreeFailures,
		AuthDelay:         DefaultAuthDelay,
		AuthMaxDelay:      DefaultAuthMaxDelay,
		AuthForgive:       DefaultAuthForgive,
		MaxConnsPerClient: DefaultMaxConnsPerClient,
		MaxConns:          defaultMaxConns(),
	}
	cfg.Ports = map[string]int{}
	for _, s := range labSchemes() {
		cfg.Ports[s.Name] = s.LabPort
	}
	return cfg
}

// TestConfig returns DefaultConfig with every port set to 0, so that Start
// picks free ports: the configuration for tests.
func TestConfig() Config {
	cfg := DefaultConfig()
	cfg.Ports = map[string]int{}
	return cfg
}

// DefaultUsers returns a fresh copy of the practice accounts.
func DefaultUsers() map[string]string {
	return map[string]string{"student": "secret123", "teacher": "teach456"}
}

// withDefaults fills the zero fields (ports excepted) and normalises the
// user names to lower case.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.Host == "" {
		cfg.Host = DefaultHost
	}
	if cfg.Domain == "" {
		cfg.Domain = DefaultDomain
	}
	cfg.Domain = strings.ToLower(cfg.Domain)
	if len(cfg.Users) == 0 {
		cfg.Users = DefaultUsers()
	}
	if cfg.MaxMessageBytes <= 0 {
		cfg.MaxMessageBytes = DefaultMaxMessageBytes
	}
	if cfg.MaxErrors <= 0 {
		cfg.MaxErrors = DefaultMaxErrors
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	cfg.limitDefaults()
	users, err := normaliseUsers(cfg.Users)
	if err != nil {
		return cfg, err
	}
	cfg.Users = users
	if (cfg.CertFile == "") != (cfg.KeyFile == "") {
		return cfg, errors.New("lab config: CertFile and KeyFile go together")
	}
	for _, spec := range cfg.specs() {
		if spec.port < 0 || spec.port > 65535 {
			return cfg, fmt.Errorf("lab config: %s port %d out of range", spec.name(), spec.port)
		}
	}
	return cfg, nil
}

// limitDefaults fills the zero limits.
func (cfg *Config) limitDefaults() {
	orInt := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	orDur := func(v *time.Duration, def time.Duration) {
		if *v <= 0 {
			*v = def
		}
	}
	orInt(&cfg.SMTPSoftErrors, DefaultSMTPSoftErrors)
	orInt(&cfg.SMTPHardErrors, DefaultSMTPHardErrors)
	orDur(&cfg.ErrorSleep, DefaultErrorSleep)
	orInt(&cfg.AuthFreeFailures, DefaultAuthFreeFailures)
	orDur(&cfg.AuthDelay, DefaultAuthDelay)
	orDur(&cfg.AuthMaxDelay, DefaultAuthMaxDelay)
	orDur(&cfg.AuthForgive, DefaultAuthForgive)
	orInt(&cfg.MaxConnsPerClient, DefaultMaxConnsPerClient)
	orInt(&cfg.MaxConns, defaultMaxConns())
}

// normaliseUsers checks every account and returns a copy keyed by the lower
// case user name.
func normaliseUsers(in map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(in))
	for name, password := range in {
		if err := checkUserName(name); err != nil {
			return nil, err
		}
		if password == "" {
			return nil, fmt.Errorf("user %q: empty password", name)
		}
		key := strings.ToLower(name)
		if _, dup := out[key]; dup {
			return nil, fmt.Errorf("user %q: defined twice (names ignore case)", name)
		}
		out[key] = password
	}
	return out, nil
}

// checkUserName accepts names that are safe as a mailbox directory and as
// the local part of an address: letters, digits, '.', '_', '-', '+', not
// starting with '.'.
func checkUserName(name string) error {
	if name == "" || len(name) > 64 || name[0] == '.' {
		return fmt.Errorf("user name %q: must be 1-64 characters, not starting with '.'", name)
	}
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			strings.ContainsRune("._-+", r)
		if !ok {
			return fmt.Errorf("user name %q: only letters, digits and . _ - + are allowed", name)
		}
	}
	return nil
}

// usersFile is the YAML shape LoadUsers reads.
type usersFile struct {
	Users map[string]string `yaml:"users"`
}

// LoadUsers reads extra accounts from a small YAML file of the form
// `users: {alice: pw1, bob: pw2}`. Unknown keys, bad user names and empty
// passwords are errors.
func LoadUsers(path string) (map[string]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load users: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	var file usersFile
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("load users %s: %w", path, err)
	}
	if len(file.Users) == 0 {
		return nil, fmt.Errorf("load users %s: no accounts under \"users:\"", path)
	}
	if _, err := normaliseUsers(file.Users); err != nil {
		return nil, fmt.Errorf("load users %s: %w", path, err)
	}
	return file.Users, nil
}
