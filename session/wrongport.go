package session

import (
	"crypto/tls"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
)

// A URL whose scheme does not fit the port is the first hour's commonest
// slip: smtp:// on a POP3 or IMAP port, smtps:// on a plain-text port,
// smtp:// on 465 where the server waits for a TLS handshake. The session
// recognises each one and says which URL to use.

// WrongProtocolError says the server greeted in another protocol than
// the URL's: every reply would be "malformed", so the session ends there.
type WrongProtocolError struct {
	Greeting string            // the server's first line
	Heard    protocol.Protocol // the protocol the greeting belongs to
	Asked    protocol.Protocol // the protocol of the URL
	Instead  string            // the URL to use, e.g. pop3://127.0.0.1:1110
	Lang     protocol.Lang
}

func (e *WrongProtocolError) Error() string {
	return fmt.Sprintf(wrongPortText(e.Lang, wpGreeting), strings.ToUpper(string(e.Heard)),
		strings.ToUpper(string(e.Asked)), e.Instead)
}

// smtpGreeting is the start of an SMTP reply line.
var smtpGreeting = regexp.MustCompile(`^[2-5][0-9][0-9]([ -]|$)`)

// greetingProtocol says which protocol a server's first line belongs to,
// "" when it looks like none of them.
func greetingProtocol(line string) protocol.Protocol {
	switch {
	case strings.HasPrefix(line, "+OK"), strings.HasPrefix(line, "-ERR"):
		return protocol.POP3
	case strings.HasPrefix(line, "* OK"), strings.HasPrefix(line, "* PREAUTH"), strings.HasPrefix(line, "* BYE"):
		return protocol.IMAP
	case smtpGreeting.MatchString(line):
		return protocol.SMTP
	}
	return ""
}

// schemeFor is the URL of the target with the first scheme of protocol p
// that starts with TLS or not as implicitTLS says; "" when there is none.
func schemeFor(t Target, p protocol.Protocol, implicitTLS bool) string {
	for _, s := range protocol.Schemes() {
		if s.Protocol == p && s.ImplicitTLS == implicitTLS {
			return s.Name + "://" + t.Addr()
		}
	}
	return ""
}

// wrongGreeting returns a *WrongProtocolError when the greeting reply
// rep, malformed in this session's protocol, is another protocol's.
func (s *Session) wrongGreeting(rep *protocol.Reply) error {
	if rep.Tone != protocol.ToneMalformed || len(rep.Lines) == 0 {
		return nil
	}
	heard := greetingProtocol(rep.Lines[0])
	if heard == "" || heard == s.target.Protocol {
		return nil
	}
	instead := schemeFor(s.target, heard, s.target.ImplicitTLS)
	if instead == "" {
		return nil
	}
	return &WrongProtocolError{Greeting: rep.Lines[0], Heard: heard, Asked: s.target.Protocol, Instead: instead, Lang: s.opts.Lang}
}

// plainInstead is, for a TLS handshake that got plain text back (a
// server greeting where a ServerHello belongs: smtps:// on port 25), the
// URL that speaks plain text to it; "" for any other failure.
func plainInstead(t Target, err error) string {
	var rh tls.RecordHeaderError
	if !errors.As(err, &rh) {
		return ""
	}
	heard := greetingProtocol(string(rh.RecordHeader[:]))
	if heard == "" {
		heard = t.Protocol
	}
	return schemeFor(t, heard, false)
}

// implicitTLSHint is, for a greeting that never came on a plain-text
// connection, the hint to try the protocol's scheme with TLS from the
// first byte: a server there waits silently for a ClientHello (smtp:// on
// 465). On the usual port of such a scheme (465, 993, 995) it says so.
func implicitTLSHint(t Target, lang protocol.Lang) string {
	if t.ImplicitTLS {
		return ""
	}
	for _, s := range protocol.Schemes() {
		if s.ImplicitTLS && s.Port == t.Port {
			url := s.Name + "://" + t.Addr()
			return fmt.Sprintf(wrongPortText(lang, wpImplicitPort), strconv.Itoa(t.Port), strings.ToUpper(s.Name), url)
		}
	}
	if url := schemeFor(t, t.Protocol, true); url != "" {
		return fmt.Sprintf(wrongPortText(lang, wpMaybeImplicit), url)
	}
	return ""
}

// The texts of this file, in every language the session speaks.
const (
	wpGreeting      = iota // "the server greeted in %s, not %s: use %s"
	wpPlainText            // "the server answered in plain text: this port does not start with TLS; use %s"
	wpImplicitPort         // "port %s is where %s (TLS from the first byte) listens: ...; try %s"
	wpMaybeImplicit        // "no greeting: if this port starts with TLS ..., try %s"
)

var wrongPortTexts = map[protocol.Lang][]string{
	protocol.English: {
		wpGreeting:      "this server greets in %s, not %s: the port belongs to another protocol; use %s",
		wpPlainText:     "the server answered in plain text: this port does not start with TLS; use %s (then STARTTLS or STLS, if the server offers it)",
		wpImplicitPort:  "port %s is where %s usually listens, and it waits for a TLS handshake before any greeting: try %s",
		wpMaybeImplicit: "no greeting yet: a server that starts with TLS (as on 465, 993, 995) waits silently for a handshake; if this port is one, try %s",
	},
	protocol.Chinese: {
		wpGreeting:      "这台服务器的问候语是 %s 的，不是 %s 的：这个端口属于另一种协议；请改用 %s",
		wpPlainText:     "服务器以明文响应：这个端口不是一开始就使用 TLS 的；请改用 %s（如果它提供 STARTTLS，再用 STARTTLS 加密）",
		wpImplicitPort:  "端口 %s 通常是 %s 的端口，它在发出问候语之前要先完成 TLS 握手：试试 %s",
		wpMaybeImplicit: "还没有收到问候语：一开始就使用 TLS 的服务器（如 465、993、995 端口）会默默等待握手；如果这个端口就是这样，试试 %s",
	},
}

// wrongPortText is text i in lang (English for a language not spoken).
func wrongPortText(lang protocol.Lang, i int) string {
	if t, ok := wrongPortTexts[lang]; ok {
		return t[i]
	}
	return wrongPortTexts[protocol.English][i]
}
