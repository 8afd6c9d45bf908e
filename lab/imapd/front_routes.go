package imapd

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/mailtutor/mailtutor/lab/mailstore"
	"github.com/mailtutor/mailtutor/protocol"
)

// The front door's texts, as Dovecot words them.
const (
	textBadBeforeLogin = "Error in IMAP command received by server."
	textInvalidName    = "Error in IMAP command: Invalid command name."
	textTooManyErrors  = "Too many invalid IMAP commands."
	textLibGreeting    = "IMAP server ready"
)

// answer replies to a command line the library would not answer as
// Dovecot does, and reports whether it did.
func (f *frontConn) answer(cmd commandLine, line []byte) bool {
	f.mu.Lock()
	authed, user := f.authed, f.user
	f.mu.Unlock()
	switch {
	case cmd.name == "APPEND" && user != "" && cmd.literal >= 0:
		return f.answerAppend(cmd, line, user)
	case cmd.tag == "":
		f.refuse(cmd, "* BAD "+textBadBeforeLogin)
	case cmd.name == "" && !authed:
		f.refuse(cmd, cmd.tag+" BAD "+textBadBeforeLogin)
	case cmd.name == "":
		f.refuse(cmd, cmd.tag+" BAD "+textInvalidName)
	case cmd.name == "ID":
		f.dropRest(cmd)
		f.reply(`* ID ("name" "mailtutor lab")`, cmd.tag+" OK ID completed.")
	case cmd.name == "STARTTLS":
		f.dropRest(cmd)
		f.answerStartTLS(cmd.tag, authed)
	case !knownCommands[cmd.name] && !authed:
		f.refuse(cmd, cmd.tag+" BAD "+textBadBeforeLogin)
	case !knownCommands[cmd.name]:
		f.refuse(cmd, fmt.Sprintf("%s BAD Error in IMAP command %s: Unknown command.", cmd.tag, cmd.name))
	default:
		return false
	}
	return true
}

// answerAppend refuses an APPEND to a folder that does not exist before
// the client sends the message, as Dovecot does: the library would ask for
// the literal ("+ Ready") first and refuse after.
func (f *frontConn) answerAppend(cmd commandLine, line []byte, user string) bool {
	name, ok := appendMailbox(line)
	if !ok {
		return false
	}
	decoded, err := protocol.DecodeMUTF7(name)
	if err != nil {
		return false // the library says what is wrong with it
	}
	if _, err := f.srv.cfg.Store.Status(user, decoded); !errors.Is(err, mailstore.ErrNoMailbox) {
		return false
	}
	f.dropRest(cmd)
	f.reply(cmd.tag + " NO [TRYCREATE] Mailbox doesn't exist: " + decoded)
	return true
}

// refuse answers BAD to a command, skips what the client sends of it
// regardless, and counts the error.
func (f *frontConn) refuse(cmd commandLine, line string) {
	f.dropRest(cmd)
	f.reply(line)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.countError()
	if f.closing {
		f.sayByeLocked(textTooManyErrors)
		_ = f.conn.Close()
	}
}

// answerStartTLS runs STARTTLS: only in clear, before login.
func (f *frontConn) answerStartTLS(tag string, authed bool) {
	switch {
	case f.srv.cfg.TLSConfig == nil:
		f.reply(tag + " NO STARTTLS is not available.")
	case f.tlsActive():
		f.reply(tag + " BAD TLS is already active.")
	case authed:
		f.reply(tag + " BAD STARTTLS is only valid before logging in.")
	default:
		f.reply(tag + " OK Begin TLS negotiation now.")
		if err := f.startTLS(); err != nil {
			f.srv.logf("%s: STARTTLS: %v", f.raw.RemoteAddr(), err)
			f.fatal = err
		}
	}
}

// countError counts an error reply; at the lab's MaxErrors the connection
// is to close. Callers hold f.mu.
func (f *frontConn) countError() {
	f.errors++
	if f.errors >= f.srv.cfg.MaxErrors {
		f.closing = true
	}
}

// serverLine notes what a line the library wrote says about the state of
// the session, and returns it as the client is to see it. Callers hold
// f.mu.
func (f *frontConn) serverLine(line []byte) []byte {
	st := parseServerLine(line)
	switch {
	case st.tag == "+":
		if f.syncLit >= 0 {
			f.passing, f.syncLit = f.syncLit, -1
		} else if f.cmd == "IDLE" || f.cmd == "AUTHENTICATE" {
			f.rawLine = true
		}
	case st.tag != "*" && st.tag == f.tag && st.status != "":
		f.finished(st)
	}
	if st.status == "" && st.literal >= 0 {
		f.outLit = st.literal // status responses never carry literals; their text may end in {N}
	}
	if !f.greeted {
		f.greeted = true
		if body := trimEOL(line); bytes.HasSuffix(body, []byte(textLibGreeting)) {
			line = append(body[:len(body)-len(textLibGreeting):len(body)-len(textLibGreeting)],
				f.srv.cfg.Greeting+"\r\n"...)
		}
	}
	return unquoteMailbox(addCapabilities(line, []string{"ID"}, f.extraCapabilities()))
}

// finished notes the tagged reply that ends the library's command.
func (f *frontConn) finished(st statusLine) {
	if f.passing > 0 {
		// A LITERAL+ literal the library refused before reading it (APPEND
		// over the limit): skip it and the rest of its line (RFC 7888 4).
		f.drop, f.passing, f.dropCmd = f.passing, 0, true
	}
	f.tag, f.syncLit, f.inCmd, f.rawLine = "", -1, false, false
	if st.status == "BAD" || st.status == "NO" && st.code == "AUTHENTICATIONFAILED" {
		f.countError()
	}
	if st.status == "OK" && (f.cmd == "LOGIN" || f.cmd == "AUTHENTICATE") {
		f.authed = true
	}
}

// extraCapabilities lists what the front door adds in front of the AUTH=
// names: STARTTLS while it is possible, LOGINDISABLED while a password
// may not cross in clear. Callers hold f.mu.
func (f *frontConn) extraCapabilities() []string {
	if f.authed {
		return nil
	}
	var out []string
	if !f.isTLS && f.srv.cfg.TLSConfig != nil {
		out = append(out, "STARTTLS")
	}
	if !f.isTLS && !f.clearOK {
		out = append(out, "LOGINDISABLED")
	}
	return out
}

// plaintextAllowed reports whether a password may be sent on this
// connection: over TLS, or in clear where the lab allows it (loopback).
func (f *frontConn) plaintextAllowed() bool {
	return f.tlsActive() || f.clearOK
}
