package session

import (
	"strings"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/protocol"
)

// HelperContext is what the credential helpers (codec.Expand) need to know
// about this session now: its dialect's SASL verb and APOP, the greeting,
// the SASL exchange open, if any, and what the server advertised that the
// helpers use (SASL-IR, UTF-8 in quoted strings).
func (s *Session) HelperContext() codec.Context {
	return HelperContextOf(s.dialect, s.State())
}

// HelperContextOf builds the credential helpers' context from a dialect
// and a conversation's state, for a live session and for one replayed
// from recorded replies alike. The challenge and mechanism are filled
// only while a SASL challenge is open (st.Input is protocol.InputSASL). A
// nil dialect gives a context with no SASL verb and no APOP, in which the
// credential helpers refuse. SASLIR and UTF8 come from what the server
// advertised (st.Extensions): SASL-IR (RFC 4959); UTF8=ACCEPT (RFC 6855)
// or IMAP4rev2 (RFC 9051), which take UTF-8 in quoted strings.
func HelperContextOf(d protocol.Dialect, st protocol.State) codec.Context {
	ctx := codec.Context{
		Greeting: st.Greeting,
		SASLIR:   st.Offers("SASL-IR"),
		UTF8:     st.Offers("UTF8=ACCEPT") || st.Offers("IMAP4rev2"),
	}
	if d != nil {
		auth := d.Auth()
		ctx.Protocol, ctx.SASLVerb, ctx.APOP = string(d.Protocol()), auth.SASLVerb, auth.APOP
	}
	if st.Input == protocol.InputSASL {
		ctx.InSASL, ctx.Mechanism, ctx.Challenge = true, st.Mechanism, st.Challenge
	}
	return ctx
}

// Goodbye is the command that ends a session politely in this protocol
// (QUIT; IMAP's LOGOUT with the next tag, "a7 LOGOUT"), from the
// dialect's catalog, ready to send now; "" when the catalog names none.
func (s *Session) Goodbye() string {
	commands, _ := s.dialect.Commands(protocol.English)
	for _, c := range commands {
		if c.Ends {
			line, _ := s.AutoTag(c.Name)
			return line
		}
	}
	return ""
}

// TLSOpening returns the commands that start TLS for the user, from the
// dialect's catalog: the one that asks what the server offers (EHLO name,
// CAPA, CAPABILITY) and the one that starts TLS (STARTTLS, STLS); either
// is "" when the catalog names none. They are sent with Send (a tagged
// dialect's through AutoTag).
func (s *Session) TLSOpening(name string) (hello, startTLS string) {
	commands, _ := s.dialect.Commands(protocol.English)
	for _, c := range commands {
		switch {
		case c.Hello && hello == "":
			hello = c.Name
			if strings.Contains(c.Syntax, "<") { // EHLO <domain>
				hello += " " + name
			}
		case c.StartsTLS && startTLS == "":
			startTLS = c.Name
		}
	}
	return hello, startTLS
}

// AwaitUpgrade waits until the answer to a line that asked for TLS has
// come and, if the server agreed, the handshake is over (TLS then says
// how it went), or the connection is gone. It returns at once when no
// such line awaits its answer.
func (s *Session) AwaitUpgrade() { s.waitUpgrade() }
