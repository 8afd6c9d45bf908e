package lab

import (
	"fmt"
	"strconv"
)

// message resolves a message-number argument to an index into the maildrop,
// answering -ERR itself when it cannot.
func (c *pop3Conn) message(arg string) (int, bool) {
	n, ok := parseNumber(arg)
	switch {
	case !ok:
		c.err("Invalid message number: " + arg)
	case n < 1 || n > len(c.drop):
		c.err("no such message")
	case c.deleted[n-1]:
		c.err(fmt.Sprintf("message %d already deleted", n))
	default:
		return n - 1, true
	}
	return 0, false
}

// totals counts the messages not marked as deleted and their octets.
func (c *pop3Conn) totals() (count, octets int) {
	for i, msg := range c.drop {
		if !c.deleted[i] {
			count++
			octets += msg.Size()
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
	c.listing(args, func(i int) string { return strconv.Itoa(c.drop[i].Size()) })
}

// cmdUidl gives the unique ID of one message, or of all of them.
func (c *pop3Conn) cmdUidl(args []string) {
	c.listing(args, func(i int) string { return c.drop[i].UID })
}

// listing is LIST and UIDL: "+OK n value" for one message, or a multi-line
// "n value" list of every message not marked as deleted.
func (c *pop3Conn) listing(args []string, value func(i int) string) {
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
	count, octets := c.totals()
	c.multiline(fmt.Sprintf("%s (%d octets)", messages(count), octets), lines)
}

// cmdRetr sends a whole message, dot-stuffed.
func (c *pop3Conn) cmdRetr(args []string) {
	i, ok := c.message(args[0])
	if !ok {
		return
	}
	c.wire.writeLine(fmt.Sprintf("+OK %d octets", c.drop[i].Size()))
	c.wire.writeDotStuffed(c.drop[i].Data)
	c.flush()
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
	c.wire.writeLine("+OK")
	c.wire.writeDotStuffed(topOf(c.drop[i].Data, lines))
	c.flush()
}

// cmdDele marks a message; it goes at QUIT.
func (c *pop3Conn) cmdDele(args []string) {
	if i, ok := c.message(args[0]); ok {
		c.deleted[i] = true
		c.ok(fmt.Sprintf("message %d deleted", i+1))
	}
}

// cmdRset forgets the deletion marks.
func (c *pop3Conn) cmdRset([]string) {
	clear(c.deleted)
	count, octets := c.totals()
	c.ok(fmt.Sprintf("maildrop has %s (%d octets)", messages(count), octets))
}

// cmdNoop does nothing, successfully.
func (c *pop3Conn) cmdNoop([]string) {
	c.ok("")
}
