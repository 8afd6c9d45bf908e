package lab

import (
	"fmt"
	"net"
	"strings"
	"time"
)

// receivedDate is the date of a Received: header as Postfix writes it
// (RFC 5322 3.3, the day padded with a space, the zone's name after).
const receivedDate = "Mon, _2 Jan 2006 15:04:05 -0700 (MST)"

// traceHeaders are the headers the lab puts at the top of a message it
// accepts, as Postfix does: Return-Path: with the envelope sender (RFC
// 5321 4.4, added at delivery), then a Received: line naming the client
// (its HELO name and address), the lab, the protocol (RFC 3848: ESMTP,
// ESMTPS with TLS, ESMTPA after AUTH, ESMTPSA with both; SMTP after HELO),
// the queue ID, the recipient when there is one, and the date.
func (c *smtpConn) traceHeaders(from string, rcpts []string, id string, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Return-Path: <%s>\r\n", printable(from))
	fmt.Fprintf(&b, "Received: from %s (%s)\r\n\tby %s (mailtutor lab) with %s id %s",
		printable(c.helo), clientName(c.remote), c.lab.hostname, c.withProtocol(), id)
	if len(rcpts) == 1 {
		fmt.Fprintf(&b, "\r\n\tfor <%s>; ", printable(rcpts[0]))
	} else {
		b.WriteString(";\r\n\t")
	}
	b.WriteString(now.Format(receivedDate) + "\r\n")
	return b.String()
}

// withProtocol is the "with" clause of Received: (RFC 3848).
func (c *smtpConn) withProtocol() string {
	if !c.esmtp {
		return "SMTP"
	}
	p := "ESMTP"
	if c.wire.isTLS {
		p += "S"
	}
	if c.authUser != "" {
		p += "A"
	}
	return p
}

// clientName is how Received: names the client's address: Postfix's
// "name [address]", localhost for the loopback, "unknown" for an address
// the lab does not look up; an IPv6 address as RFC 5321 4.1.3 writes it.
func clientName(remote string) string {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip := net.ParseIP(host)
	name := "unknown"
	if ip != nil && ip.IsLoopback() {
		name = "localhost"
	}
	if ip != nil && ip.To4() == nil {
		host = "IPv6:" + host
	}
	return name + " [" + host + "]"
}

// printable keeps a client's word from breaking the header it is put in:
// control characters become "?".
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '?'
		}
		return r
	}, s)
}
