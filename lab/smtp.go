package lab

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxRecipients is Postfix's smtpd_recipient_limit, scaled down for a lab.
const maxRecipients = 100

// smtpConn is one SMTP client connection (MX, submission or smtps).
type smtpConn struct {
	lab    *Lab
	spec   serviceSpec
	wire   *wire
	remote string

	helo     string // the HELO/EHLO argument; "" until the client said hello
	esmtp    bool   // the client said EHLO (not HELO)
	authUser string // mailbox name once AUTH succeeded
	tx       smtpTransaction
	errors   int  // error replies so far
	done     bool // QUIT, a broken connection or a fatal error
}

// smtpTransaction is the state from MAIL to the end of DATA.
type smtpTransaction struct {
	active   bool
	from     string
	utf8     bool
	rcpts    []string // mailbox names of the accepted recipients
	addrs    []string // their addresses, as given in RCPT TO
	rejected int      // recipients refused so far
}

// smtpHandlers maps each command the lab knows to its handler. Anything
// else is "500 5.5.2 Error: command not recognized".
var smtpHandlers = map[string]func(*smtpConn, string){
	"HELO": (*smtpConn).cmdHelo, "EHLO": (*smtpConn).cmdEhlo,
	"MAIL": (*smtpConn).cmdMail, "RCPT": (*smtpConn).cmdRcpt, "DATA": (*smtpConn).cmdData,
	"RSET": (*smtpConn).cmdRset, "NOOP": (*smtpConn).cmdNoop, "QUIT": (*smtpConn).cmdQuit,
	"VRFY": (*smtpConn).cmdVrfy, "AUTH": (*smtpConn).cmdAuth, "STARTTLS": (*smtpConn).cmdStartTLS,
}

// serveSMTP runs one SMTP session until QUIT, too many errors, an idle
// timeout or a closed connection.
func (l *Lab) serveSMTP(w *wire, spec serviceSpec) {
	c := &smtpConn{lab: l, spec: spec, wire: w, remote: w.raw.RemoteAddr().String()}
	c.reply(220, "", l.hostname+" ESMTP mailtutor lab")
	for !c.done {
		if c.errors >= l.cfg.SMTPHardErrors {
			c.logf("limit: too many errors (%d, the hard limit), disconnected", c.errors)
			c.reply(421, "4.7.0", l.hostname+" Error: too many errors")
			return
		}
		line, bare, tooLong, err := c.readLine()
		if err != nil {
			c.readFailed(err)
			return
		}
		if bare && !c.bareLFAllowed() {
			c.bareLF()
			return
		}
		if tooLong {
			c.reply(500, "5.5.2", "Error: line too long")
			continue
		}
		verb, arg := parseSMTPCommand(line)
		handler, ok := smtpHandlers[verb]
		if !ok {
			c.reply(500, "5.5.2", "Error: command not recognized")
			continue
		}
		handler(c, arg)
	}
}

// readLine reads a command line; bare says it ended in a bare LF.
func (c *smtpConn) readLine() (line string, bare, tooLong bool, err error) {
	raw, tooLong, err := c.wire.readRawLine(maxCommandLine)
	if err != nil || tooLong {
		return "", false, tooLong, err
	}
	return string(trimEOL(raw)), !bytes.HasSuffix(raw, []byte("\r\n")), false, nil
}

// bareLFAllowed says whether this client may end a line with a bare LF
// (it is then read as CRLF, and never ends DATA): a client of the trusted
// networks, loopback by default, where students type with nc.
func (c *smtpConn) bareLFAllowed() bool {
	return c.lab.trusted(c.wire.raw)
}

// bareLF refuses a line ended by a bare LF and hangs up, as Postfix does with
// smtpd_forbid_bare_newline = reject. Postfix 3.9 has three values: normalize
// (its default: a bare LF ends a line as CRLF does, but only CRLF "." CRLF
// ends DATA), reject (this: "550 5.5.2 Error: bare <LF> received" and
// disconnect) and no; smtpd_forbid_bare_newline_exclusions = $mynetworks
// spares the local networks (Config.TrustedNets here). The backports to
// 3.8.5, 3.7.10 and older take yes/no and default to no (the Postfix 3.7.11
// of the e2e tests says "smtpd_forbid_bare_newline = no").
func (c *smtpConn) bareLF() {
	c.reply(550, "5.5.2", "Error: bare <LF> received")
	c.logf("bare <LF> received, disconnected")
	c.done = true
}

// reply sends one reply line; every 4xx and 5xx reply counts as an error.
func (c *smtpConn) reply(code int, enh, text string) {
	c.replyLines(code, enh, text)
}

// replyLines sends a reply of one or more lines ("250-..." then "250 ...").
// The enhanced code, if any, goes on every line (RFC 2034). Like Postfix's
// smtpd_chat_reply ("sleep-on-anything"), once the client has made
// SMTPSoftErrors errors every reply waits ErrorSleep first, the 421 of the
// hard limit too.
func (c *smtpConn) replyLines(code int, enh string, lines ...string) {
	if c.errors >= c.lab.cfg.SMTPSoftErrors {
		if !c.lab.sleep(c.lab.cfg.ErrorSleep) {
			c.done = true
			return
		}
	}
	if code >= 400 {
		c.errors++
		if c.errors == c.lab.cfg.SMTPSoftErrors {
			c.logf("limit: %d errors (soft limit), each reply now waits %v", c.errors, c.lab.cfg.ErrorSleep)
		}
	}
	for i, text := range lines {
		sep := "-"
		if i == len(lines)-1 {
			sep = " "
		}
		if enh != "" {
			text = enh + " " + text
		}
		c.wire.writeLine(fmt.Sprintf("%d%s%s", code, sep, text))
	}
	if err := c.wire.flush(); err != nil {
		c.logf("%v", err)
		c.done = true
	}
}

// readFailed ends the session after a failed read: an idle timeout gets
// Postfix's 421, a closed connection nothing.
func (c *smtpConn) readFailed(err error) {
	c.done = true
	if isTimeout(err) {
		c.reply(421, "4.4.2", c.lab.hostname+" Error: timeout exceeded")
		c.logf("idle timeout, disconnected")
		return
	}
	if !errors.Is(err, io.EOF) {
		c.logf("read: %v", err)
	}
}

// logf logs with the service name and client address in front.
func (c *smtpConn) logf(format string, args ...any) {
	c.lab.event(c.spec.name(), c.remote, format, args...)
}

// resetTransaction forgets MAIL and RCPT.
func (c *smtpConn) resetTransaction() {
	c.tx = smtpTransaction{}
}

// cmdHelo answers HELO with the server's name.
func (c *smtpConn) cmdHelo(arg string) {
	if arg == "" {
		c.reply(501, "5.5.4", "Syntax: HELO hostname")
		return
	}
	c.helo, c.esmtp = arg, false
	c.resetTransaction()
	c.reply(250, "", c.lab.hostname)
}

// cmdEhlo answers EHLO with the server's name and its extensions.
func (c *smtpConn) cmdEhlo(arg string) {
	if arg == "" {
		c.reply(501, "5.5.4", "Syntax: EHLO hostname")
		return
	}
	c.helo, c.esmtp = arg, true
	c.resetTransaction()
	c.replyLines(250, "", c.ehloLines()...)
}

// ehloLines lists the EHLO keywords in Postfix's order.
func (c *smtpConn) ehloLines() []string {
	lines := []string{c.lab.hostname, "PIPELINING", fmt.Sprintf("SIZE %d", c.lab.cfg.MaxMessageBytes), "VRFY"}
	if !c.wire.isTLS {
		lines = append(lines, "STARTTLS")
	}
	if c.spec.auth() && c.wire.plaintextAuthAllowed() {
		lines = append(lines, "AUTH "+strings.Join(saslMechanisms, " "))
	}
	return append(lines, "ENHANCEDSTATUSCODES", "8BITMIME", "SMTPUTF8")
}

// cmdRset aborts the transaction.
func (c *smtpConn) cmdRset(arg string) {
	if arg != "" {
		c.reply(501, "5.5.4", "Syntax: RSET")
		return
	}
	c.resetTransaction()
	c.reply(250, "2.0.0", "Ok")
}

// cmdNoop does nothing, successfully.
func (c *smtpConn) cmdNoop(string) {
	c.reply(250, "2.0.0", "Ok")
}

// cmdQuit says goodbye and ends the session.
func (c *smtpConn) cmdQuit(string) {
	c.reply(221, "2.0.0", "Bye")
	c.done = true
}

// cmdVrfy tells whether a local address exists, as Postfix does with VRFY
// enabled; other domains get 252 (cannot verify, will accept).
func (c *smtpConn) cmdVrfy(arg string) {
	address := strings.Trim(arg, "<>")
	switch {
	case address == "" || !validAddress(address):
		c.reply(501, "5.5.4", "Syntax: VRFY address")
	case !c.lab.accounts.isLocalDomain(address):
		c.reply(252, "2.0.0", address)
	default:
		if _, ok := c.lab.accounts.exists(address); !ok {
			c.reply(550, "5.1.1", "<"+address+">: Recipient address rejected: User unknown in local recipient table")
			return
		}
		c.reply(252, "2.0.0", address)
	}
}
