package lab

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/mailtutor/mailtutor/lab/mailstore"
)

// message resolves a message-number argument to an index into the maildrop,
// answering -ERR itself when it cannot, in Dovecot's words.
func (c *pop3Conn) message(arg string) (int, bool) {
	n, ok := parseNumber(arg)
	switch {
	case !ok:
		c.err("Invalid message number: " + arg)
	case n < 1 || n > len(c.drop):
		c.err(fmt.Sprintf("There's no message %d.", n))
	case c.deleted[n-1]:
		c.err("Message is deleted.")
	default:
		return n - 1, true
	}
	return 0, false
}

// totals counts the messages not marked as deleted and their octets.
func (c *pop3Conn) totals() (count int, octets int64) {
	for i, msg := range c.drop {
		if !c.deleted[i] {
			count++
			octets += msg.Size
		}
	}
	return count, octets
}

// cmdStat answers "+OK count octets".
func (c *pop3Conn) cmdStat([]string) {
	count, octets := c.totals()
	c.ok(fmt.Sprintf("%d %d", count, octets))
}

// cmdList gives the size of one message, or of all of them.
func (c *pop3Conn) cmdList(args []string) {
	count, _ := c.totals()
	c.listing(args, fmt.Sprintf("%d messages:", count), func(i int) string { return strconv.FormatInt(c.drop[i].Size, 10) })
}

// cmdUidl gives the unique ID of one message, or of all of them.
func (c *pop3Conn) cmdUidl(args []string) {
	c.listing(args, "", func(i int) string { return uidl(c.drop[i], c.validity) })
}

// listing is LIST and UIDL: "+OK n value" for one message, or a multi-line
// "n value" list of every message not marked as deleted after "+OK" and
// the status text (Dovecot's: "N messages:" for LIST, none for UIDL).
func (c *pop3Conn) listing(args []string, status string, value func(i int) string) {
	if len(args) == 1 {
		if i, ok := c.message(args[0]); ok {
			c.ok(fmt.Sprintf("%d %s", i+1, value(i)))
		}
		return
	}
	var lines []string
	for i := range c.drop {
		if !c.deleted[i] {
			lines = append(lines, fmt.Sprintf("%d %s", i+1, value(i)))
		}
	}
	c.multiline(status, lines)
}

// cmdRetr sends a whole message, dot-stuffed, streamed from disk.
func (c *pop3Conn) cmdRetr(args []string) {
	if i, ok := c.message(args[0]); ok {
		c.sendMessage(i, fmt.Sprintf("%d octets", c.drop[i].Size), -1)
	}
}

// cmdTop sends the header and the first lines of the body of a message.
func (c *pop3Conn) cmdTop(args []string) {
	i, ok := c.message(args[0])
	if !ok {
		return
	}
	lines, ok := parseNumber(args[1])
	if !ok {
		c.err("Invalid number of lines: " + args[1])
		return
	}
	c.sendMessage(i, "", lines)
}

// sendMessage sends "+OK text" and message i, whole (top < 0) or its header
// and first top lines of body (RFC 1939 TOP). A message another session
// removed since the login gets -ERR; a read error half-way ends the
// session, as the reply cannot be finished.
func (c *pop3Conn) sendMessage(i int, text string, top int) {
	content, err := c.lab.store.OpenMessage(c.user, mailstore.Inbox, c.drop[i].UID)
	if errors.Is(err, mailstore.ErrNoMessage) {
		c.err(fmt.Sprintf("message %d was removed by another session", i+1))
		return
	}
	if err != nil {
		c.logf("%v", err)
		c.err("[SYS/TEMP] Cannot read the message")
		return
	}
	defer content.Close()
	c.wire.writeLine(withText("+OK", text))
	if err := c.wire.writeDotStuffedFrom(content, top); err != nil {
		c.logf("RETR %d: %v", i+1, err)
		c.done = true
		return
	}
	c.flush()
}

// cmdDele marks a message; it goes at QUIT.
func (c *pop3Conn) cmdDele(args []string) {
	if i, ok := c.message(args[0]); ok {
		c.deleted[i] = true
		c.ok("Marked to be deleted.")
	}
}

// cmdRset forgets the deletion marks.
func (c *pop3Conn) cmdRset([]string) {
	clear(c.deleted)
	c.ok("")
}

// cmdNoop does nothing, successfully.
func (c *pop3Conn) cmdNoop([]string) {
	c.ok("")
}
