package lab

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/mailtutor/mailtutor/lab/mailstore"
)

// pop3State is the RFC 1939 session state.
type pop3State int

// The POP3 states, in the order a session goes through them.
const (
	pop3Authorization pop3State = iota
	pop3Transaction
	pop3Update
)

func (s pop3State) String() string {
	return [...]string{"AUTHORIZATION", "TRANSACTION", "UPDATE"}[s]
}

// pop3Conn is one POP3 client connection.
type pop3Conn struct {
	lab    *Lab
	spec   serviceSpec
	wire   *wire
	remote string

	state     pop3State
	timestamp string                  // the APOP timestamp of the greeting
	userArg   string                  // the USER argument, waiting for PASS
	user      string                  // mailbox name, holding its lock, in TRANSACTION
	drop      []mailstore.MessageInfo // INBOX at login: metadata only
	validity  uint32                  // INBOX's UIDVALIDITY at login, for UIDL
	deleted   []bool
	errors    int
	done      bool
}

// pop3Handler runs one command; the table says in which state.
type pop3Handler func(c *pop3Conn, args []string)

// pop3Handlers maps each state to the commands valid in it.
var pop3Handlers = map[pop3State]map[string]pop3Handler{
	pop3Authorization: {
		"USER": (*pop3Conn).cmdUser, "PASS": (*pop3Conn).cmdPass, "APOP": (*pop3Conn).cmdApop,
		"AUTH": (*pop3Conn).cmdAuth, "STLS": (*pop3Conn).cmdStls, "CAPA": (*pop3Conn).cmdCapa,
		"QUIT": (*pop3Conn).cmdQuit,
	},
	pop3Transaction: {
		"STAT": (*pop3Conn).cmdStat, "LIST": (*pop3Conn).cmdList, "UIDL": (*pop3Conn).cmdUidl,
		"RETR": (*pop3Conn).cmdRetr, "TOP": (*pop3Conn).cmdTop, "DELE": (*pop3Conn).cmdDele,
		"RSET": (*pop3Conn).cmdRset, "NOOP": (*pop3Conn).cmdNoop, "CAPA": (*pop3Conn).cmdCapa,
		"QUIT": (*pop3Conn).cmdQuit,
	},
}

// servePOP3 runs one POP3 session. A session that ends without QUIT
// deletes nothing and releases its mailbox.
func (l *Lab) servePOP3(w *wire, spec serviceSpec) {
	c := &pop3Conn{lab: l, spec: spec, wire: w, remote: w.raw.RemoteAddr().String(), timestamp: l.apopTimestamp()}
	defer c.release()
	c.ok("mailtutor lab POP3 ready " + c.timestamp)
	for !c.done {
		if c.errors >= l.cfg.MaxErrors {
			c.err("Too many bad commands.")
			c.logf("limit: too many errors (%d), disconnected", c.errors)
			return
		}
		line, tooLong, err := w.readLine()
		if err != nil {
			c.readFailed(err)
			return
		}
		if tooLong {
			c.err("Line too long")
			continue
		}
		c.dispatch(line)
	}
}

// dispatch parses a line and runs its handler if the state allows it.
func (c *pop3Conn) dispatch(line string) {
	cmd, err := parsePOP3Command(line)
	if errors.Is(err, errPOP3Unknown) { // Dovecot's login process does not name it
		if c.state == pop3Transaction {
			c.err("Unknown command: " + unknownVerb(line))
		} else {
			c.err("Unknown command.")
		}
		return
	}
	if err != nil {
		c.err(err.Error()) // "Syntax: ..."
		return
	}
	handler, ok := pop3Handlers[c.state][cmd.Verb]
	if !ok {
		c.err(fmt.Sprintf("%s not allowed in %s state", cmd.Verb, c.state))
		return
	}
	handler(c, cmd.Args)
}

// unknownVerb is the command of a line, as Dovecot names it in "-ERR
// Unknown command: X": upper case, at most 20 characters, printable.
func unknownVerb(line string) string {
	verb, _, _ := strings.Cut(strings.TrimSpace(line), " ")
	verb = strings.Map(func(r rune) rune {
		if r < 0x21 || r > 0x7e {
			return '?'
		}
		return r
	}, strings.ToUpper(verb))
	if len(verb) > 20 {
		verb = verb[:20] + "..."
	}
	return verb
}

// ok sends a one-line positive response.
func (c *pop3Conn) ok(text string) {
	c.send(withText("+OK", text))
}

// withText appends text to a status indicator, with a space if there is text.
func withText(status, text string) string {
	if text == "" {
		return status
	}
	return status + " " + text
}

// err sends a negative response; each one counts towards MaxErrors.
func (c *pop3Conn) err(text string) {
	c.errors++
	c.send("-ERR " + text)
}

// send writes one line and flushes.
func (c *pop3Conn) send(line string) {
	c.wire.writeLine(line)
	c.flush()
}

// multiline sends "+OK first", the lines, and the terminating ".".
func (c *pop3Conn) multiline(first string, lines []string) {
	c.wire.writeLine(withText("+OK", first))
	c.wire.writeDotStuffed([]byte(strings.Join(lines, "\r\n")))
	c.flush()
}

// flush sends what was queued; a failed write ends the session.
func (c *pop3Conn) flush() {
	if err := c.wire.flush(); err != nil {
		c.logf("%v", err)
		c.done = true
	}
}

// readFailed ends the session after a failed read.
func (c *pop3Conn) readFailed(err error) {
	c.done = true
	if isTimeout(err) {
		c.send("-ERR Disconnected for inactivity.")
		c.logf("idle timeout, disconnected")
		return
	}
	if !errors.Is(err, io.EOF) {
		c.logf("read: %v", err)
	}
}

// logf logs with the service name and client address in front.
func (c *pop3Conn) logf(format string, args ...any) {
	c.lab.event(c.spec.name(), c.remote, format, args...)
}

// login enters the TRANSACTION state with the user's maildrop locked.
func (c *pop3Conn) login(user, how string) {
	c.lab.guard.result(clientAddr(c.wire.raw), true) // the password was right, whatever follows
	if !c.lab.store.Lock(user) {
		c.logf("%s: mailbox in use", user)
		c.err("[IN-USE] Mailbox is locked by another POP3 session")
		return
	}
	st, err := c.lab.store.Status(user, mailstore.Inbox)
	var drop []mailstore.MessageInfo
	if err == nil {
		drop, err = c.lab.store.List(user, mailstore.Inbox)
	}
	if err != nil {
		c.lab.store.Unlock(user)
		c.logf("%s: %v", user, err)
		c.err("[SYS/TEMP] Cannot open the mailbox")
		return
	}
	c.user, c.state = user, pop3Transaction
	c.wire.loggedIn(user)
	c.drop, c.validity = drop, st.UIDValidity
	c.deleted = make([]bool, len(c.drop))
	c.lab.authResult(c.spec.name(), c.wire.raw, how, user, true)
	c.ok("Logged in.")
}

// authTurn waits for the client address's turn to try a password (see
// guard); false, and the session ends, when the lab closes meanwhile.
func (c *pop3Conn) authTurn() bool {
	if !c.lab.authTurn(c.spec.name(), c.wire.raw, c.wire.sleepUnlessGone) {
		c.done = true
		return false
	}
	return true
}

// authFailed answers a rejected login of the name tried; the secret is
// never logged. Dovecot answers the same after its auth penalty's delay:
// "[LOGIN-DELAY]" (RFC 2449 section 8.1) is for a user who logged in
// too recently, which a lab does not limit.
func (c *pop3Conn) authFailed(how, tried string) {
	c.lab.authResult(c.spec.name(), c.wire.raw, how, tried, false)
	c.err("[AUTH] Authentication failed.")
}

// release gives the mailbox back if the session ends outside UPDATE: the
// deletion marks are forgotten.
func (c *pop3Conn) release() {
	if c.state == pop3Transaction {
		c.lab.store.Unlock(c.user)
		c.logf("%s: session ended without QUIT, nothing deleted", c.user)
	}
}

// capabilities lists the CAPA lines for the current state (RFC 2449).
func (c *pop3Conn) capabilities() []string {
	caps := []string{"TOP"}
	if c.state == pop3Authorization && c.wire.plaintextAuthAllowed() {
		caps = append(caps, "USER")
	}
	caps = append(caps, "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING")
	if c.state == pop3Authorization {
		if !c.wire.isTLS {
			caps = append(caps, "STLS")
		}
		caps = append(caps, "SASL "+strings.Join(c.mechanisms(), " "))
	}
	return append(caps, "IMPLEMENTATION mailtutor-lab")
}

// mechanisms lists the SASL mechanisms usable on this connection: without
// TLS away from loopback, only CRAM-MD5 keeps the password off the wire.
func (c *pop3Conn) mechanisms() []string {
	if c.wire.plaintextAuthAllowed() {
		return saslMechanisms
	}
	return []string{"CRAM-MD5"}
}

// cmdCapa lists the capabilities.
func (c *pop3Conn) cmdCapa([]string) {
	c.multiline("", c.capabilities())
}

// cmdQuit ends the session; in TRANSACTION it enters UPDATE and removes the
// messages marked as deleted.
func (c *pop3Conn) cmdQuit([]string) {
	c.done = true
	if c.state != pop3Transaction {
		c.ok("mailtutor lab POP3 server signing off")
		return
	}
	c.state = pop3Update
	uids := []uint32{} // not nil: Expunge(nil) means "every \Deleted message"
	for i, msg := range c.drop {
		if c.deleted[i] {
			uids = append(uids, msg.UID)
		}
	}
	_, err := c.lab.store.Expunge(c.user, mailstore.Inbox, uids)
	st, serr := c.lab.store.Status(c.user, mailstore.Inbox)
	err = errors.Join(err, serr)
	left := int(st.Messages)
	c.lab.store.Unlock(c.user) // before the reply: the client may log in again at once
	if err != nil {
		c.logf("%v", err)
		c.err("some deleted messages not removed")
		return
	}
	c.logf("%s: QUIT, %d deleted, %d left", c.user, len(uids), left)
	if left == 0 {
		c.ok("mailtutor lab POP3 server signing off (maildrop empty)")
		return
	}
	c.ok(fmt.Sprintf("mailtutor lab POP3 server signing off (%s left)", messages(left)))
}

// messages says "1 message" or "n messages".
func messages(n int) string {
	if n == 1 {
		return "1 message"
	}
	return fmt.Sprintf("%d messages", n)
}
