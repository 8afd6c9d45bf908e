package lab

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/codec"
)

// errPlaintextDisallowed is Dovecot's answer to a password sent in clear
// text away from loopback.
const errPlaintextDisallowed = "[AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections."

// apopTimestamp makes the greeting's RFC 1939 timestamp, <pid.clock@host>,
// unique for every connection.
func (l *Lab) apopTimestamp() string {
	for {
		last := l.lastStamp.Load()
		next := max(last+1, uint64(time.Now().UnixNano()))
		if l.lastStamp.CompareAndSwap(last, next) {
			return fmt.Sprintf("<%d.%d@%s>", os.Getpid(), next, l.hostname)
		}
	}
}

// cmdUser remembers the name for PASS. Like real servers it does not say
// whether the user exists.
func (c *pop3Conn) cmdUser(args []string) {
	if !c.wire.plaintextAuthAllowed() {
		c.err(errPlaintextDisallowed)
		return
	}
	c.userArg = args[0]
	c.ok("")
}

// cmdPass checks the password for the name given with USER.
func (c *pop3Conn) cmdPass(args []string) {
	name := c.userArg
	c.userArg = ""
	if name == "" {
		c.err("No username given.")
		return
	}
	if !c.authTurn() {
		return
	}
	user, ok := c.lab.accounts.check(name, args[0])
	if !ok {
		c.authFailed("USER/PASS", name)
		return
	}
	c.login(user, "USER/PASS")
}

// cmdApop checks an APOP digest against the greeting's timestamp.
func (c *pop3Conn) cmdApop(args []string) {
	c.userArg = ""
	if !c.authTurn() {
		return
	}
	user, password, ok := c.lab.accounts.password(args[0])
	if !ok || !apopDigestMatches(c.timestamp, password, args[1]) {
		c.authFailed("APOP", args[0])
		return
	}
	c.login(user, "APOP")
}

// apopDigestMatches computes the digest a client knowing password makes
// from timestamp (codec.APOPDigest, what the prompt's :apop sends) and
// compares it in constant time with the one received, in any case.
func apopDigestMatches(timestamp, password, digest string) bool {
	want := codec.APOPDigest(timestamp, password)
	return subtle.ConstantTimeCompare([]byte(want), []byte(strings.ToLower(digest))) == 1
}

// cmdAuth lists the SASL mechanisms (no argument) or runs an exchange with
// "+ " continuations (RFC 5034).
func (c *pop3Conn) cmdAuth(args []string) {
	c.userArg = ""
	if len(args) == 0 {
		c.multiline("", c.mechanisms())
		return
	}
	mech := strings.ToUpper(args[0])
	var user, tried string
	srv, ok := newSASLServer(mech, c.lab.accounts.tracking(&tried), c.lab.hostname, &user)
	if !ok {
		c.err("Unsupported authentication mechanism.")
		return
	}
	if mech != "CRAM-MD5" && !c.wire.plaintextAuthAllowed() {
		c.err(errPlaintextDisallowed)
		return
	}
	if !c.authTurn() {
		return
	}
	var response []byte
	var err error
	if len(args) == 2 {
		response, err = decodeSASLResponse(args[1])
	}
	if err == nil {
		err = runSASL(srv, response, c.askSASL)
	}
	var broken connError
	switch {
	case err == nil:
		c.login(user, "AUTH "+mech)
	case errors.As(err, &broken):
		c.readFailed(broken.err)
	case errors.Is(err, errAuthCancelled):
		c.err("Authentication aborted")
	case errors.Is(err, errAuthBadBase64):
		c.err("Invalid base64 data")
	default:
		c.authFailed("AUTH "+mech, tried)
	}
}

// askSASL sends a "+ " continuation and reads the client's answer.
func (c *pop3Conn) askSASL(challenge []byte) ([]byte, error) {
	c.send("+ " + encodeChallenge(challenge))
	line, tooLong, err := c.wire.readLine()
	if err != nil {
		return nil, connError{err}
	}
	if tooLong {
		return nil, errAuthMalformed
	}
	return decodeSASLResponse(line)
}

// cmdStls upgrades the connection (RFC 2595); not on an implicit TLS port.
func (c *pop3Conn) cmdStls([]string) {
	if c.wire.isTLS {
		c.err("TLS is already active.")
		return
	}
	c.ok("Begin TLS negotiation now.")
	if c.done {
		return
	}
	if err := c.wire.startTLS(c.lab.tlsConfig); err != nil {
		c.logf("%v", err)
		c.done = true
	}
}
