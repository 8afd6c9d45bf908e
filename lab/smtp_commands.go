package lab

import (
	"errors"
	"strings"
)

// cmdMail starts a transaction. Submission services want AUTH first.
func (c *smtpConn) cmdMail(arg string) {
	if c.helo == "" {
		c.reply(503, "5.5.1", "Error: send HELO/EHLO first")
		return
	}
	if c.tx.active {
		c.reply(503, "5.5.1", "Error: nested MAIL command")
		return
	}
	path, err := parsePath(arg, "FROM:")
	if err != nil {
		if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(arg)), "FROM:") {
			c.reply(501, "5.1.7", "Bad sender address syntax") // Postfix's words
		} else {
			c.reply(501, "5.5.4", "Syntax: MAIL FROM:<address>")
		}
		return
	}
	if c.spec.auth() && c.authUser == "" {
		c.reply(530, "5.7.0", "Authentication required")
		return
	}
	params, bad := parseMailParams(path.Params, c.lab.cfg.MaxMessageBytes)
	if bad != nil {
		c.reply(bad.code, bad.enh, bad.text)
		return
	}
	if !params.utf8 && !isASCII(path.Address) {
		c.reply(553, "5.6.7", "Must declare SMTPUTF8 to send unicode address")
		return
	}
	c.tx = smtpTransaction{active: true, from: path.Address, utf8: params.utf8}
	c.reply(250, "2.1.0", "Ok")
}

// cmdRcpt adds a recipient: a known user of the lab's domain. The lab relays
// nothing, on any service.
func (c *smtpConn) cmdRcpt(arg string) {
	if !c.tx.active {
		c.reply(503, "5.5.1", "Error: need MAIL command")
		return
	}
	path, err := parsePath(arg, "TO:")
	if err != nil {
		c.reply(501, "5.5.4", "Syntax: RCPT TO:<address>")
		return
	}
	address := path.Address
	switch {
	case address == "":
		c.rejectRcpt(501, "5.1.3", "Bad recipient address syntax")
	case len(path.Params) > 0:
		c.rejectRcpt(555, "5.5.4", "Unsupported option: "+path.Params[0])
	case !c.tx.utf8 && !isASCII(address):
		c.rejectRcpt(553, "5.6.7", "Must declare SMTPUTF8 to send unicode address")
	case len(c.tx.rcpts) >= maxRecipients:
		c.rejectRcpt(452, "4.5.3", "Error: too many recipients")
	case !c.lab.accounts.isLocalDomain(address):
		c.rejectRcpt(554, "5.7.1", "<"+address+">: Relay access denied")
	default:
		user, ok := c.lab.accounts.exists(address)
		if !ok {
			c.rejectRcpt(550, "5.1.1", "<"+address+">: Recipient address rejected: User unknown in local recipient table")
			return
		}
		c.tx.rcpts = append(c.tx.rcpts, user)
		c.tx.addrs = append(c.tx.addrs, address)
		c.reply(250, "2.1.5", "Ok")
	}
}

// rejectRcpt refuses one recipient, logs it (as Postfix's "NOQUEUE:
// reject: RCPT") and remembers that one was refused.
func (c *smtpConn) rejectRcpt(code int, enh, text string) {
	c.tx.rejected++
	c.logf("recipient refused (%d %s %s) from=<%s>", code, enh, text, c.tx.from)
	c.reply(code, enh, text)
}

// cmdAuth runs a SASL exchange (RFC 4954) on the submission services.
func (c *smtpConn) cmdAuth(arg string) {
	switch {
	case !c.spec.auth():
		c.reply(503, "5.5.1", "Error: authentication not enabled")
		return
	case c.helo == "":
		c.reply(503, "5.5.1", "Error: send HELO/EHLO first")
		return
	case c.authUser != "":
		c.reply(503, "5.5.1", "Error: already authenticated")
		return
	case c.tx.active:
		c.reply(503, "5.5.1", "Error: MAIL transaction in progress")
		return
	case !c.wire.plaintextAuthAllowed():
		c.reply(538, "5.7.11", "Encryption required for requested authentication mechanism")
		return
	}
	mech, initial, hasInitial := strings.Cut(arg, " ")
	if mech == "" {
		c.reply(501, "5.5.4", "Syntax: AUTH mechanism")
		return
	}
	var user, tried string
	srv, ok := newSASLServer(mech, c.lab.accounts.tracking(&tried), c.lab.hostname, &user)
	if !ok {
		c.reply(504, "5.5.4", "Unrecognized authentication type")
		return
	}
	if !c.lab.authTurn(c.spec.name(), c.wire.raw, c.wire.sleepUnlessGone) {
		c.done = true
		return
	}
	var response []byte
	var err error
	if hasInitial {
		response, err = decodeSASLResponse(strings.TrimSpace(initial))
	}
	if err == nil {
		err = runSASL(srv, response, c.askSASL)
	}
	c.authDone(strings.ToUpper(mech), user, tried, err)
}

// connError marks a failed read in the middle of a SASL exchange.
type connError struct{ err error }

func (e connError) Error() string { return e.err.Error() }

// askSASL sends a 334 challenge and reads the client's answer.
func (c *smtpConn) askSASL(challenge []byte) ([]byte, error) {
	c.reply(334, "", encodeChallenge(challenge))
	line, tooLong, err := c.wire.readLine()
	if err != nil {
		return nil, connError{err}
	}
	if tooLong {
		return nil, errAuthMalformed
	}
	return decodeSASLResponse(line)
}

// authDone replies to the end of a SASL exchange. Only the mechanism and
// the user name (or the name tried) are logged: never a secret.
func (c *smtpConn) authDone(mech, user, tried string, err error) {
	var broken connError
	switch {
	case err == nil:
		c.authUser = user
		c.wire.loggedIn(user)
		c.lab.authResult(c.spec.name(), c.wire.raw, mech, user, true)
		c.reply(235, "2.7.0", "Authentication successful")
	case errors.As(err, &broken):
		c.readFailed(broken.err)
	case errors.Is(err, errAuthCancelled):
		c.reply(501, "5.7.0", "Authentication aborted")
	case errors.Is(err, errAuthBadBase64):
		c.reply(501, "5.5.2", "Cannot decode response")
	default:
		c.lab.authResult(c.spec.name(), c.wire.raw, mech, tried, false)
		c.reply(535, "5.7.8", "Error: authentication failed: authentication failure")
	}
}

// cmdStartTLS upgrades the connection (RFC 3207) and forgets everything the
// client said before: it must say EHLO again.
func (c *smtpConn) cmdStartTLS(arg string) {
	if arg != "" {
		c.reply(501, "5.5.4", "Syntax: STARTTLS")
		return
	}
	if c.wire.isTLS {
		c.reply(554, "5.5.1", "Error: TLS already active")
		return
	}
	c.reply(220, "2.0.0", "Ready to start TLS")
	if err := c.wire.startTLS(c.lab.tlsConfig); err != nil {
		c.logf("%v", err)
		c.done = true
		return
	}
	c.helo, c.authUser = "", ""
	c.resetTransaction()
}
