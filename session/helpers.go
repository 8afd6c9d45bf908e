package session

import (
	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/protocol"
)

// HelperContext is what the credential helpers (codec.Expand) need to know
// about this session now: its dialect's SASL verb and APOP, the greeting,
// and the SASL exchange open, if any.
func (s *Session) HelperContext() codec.Context {
	return HelperContextOf(s.dialect, s.State())
}

// HelperContextOf builds the credential helpers' context from a dialect
// and a conversation's state, for a live session and for one replayed
// from recorded replies alike. The challenge and mechanism are filled
// only while a SASL challenge is open (st.Input is protocol.InputSASL). A
// nil dialect gives a context with no SASL verb and no APOP, in which the
// credential helpers refuse.
func HelperContextOf(d protocol.Dialect, st protocol.State) codec.Context {
	ctx := codec.Context{Greeting: st.Greeting}
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
// (QUIT), from the dialect's catalog; "" when it has none.
func (s *Session) Goodbye() string {
	commands, _ := s.dialect.Commands(protocol.English)
	for _, c := range commands {
		if c.Ends {
			return c.Name
		}
	}
	return ""
}
