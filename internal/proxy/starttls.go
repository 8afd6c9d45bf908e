package proxy

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"time"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// unavailable is the reply that tells a client TLS is not available after
// all, by protocol, when the server agreed but the proxy could not secure
// its own side: the client must not go on believing it is encrypted. In a
// tagged protocol the STARTTLS command's tag goes in front.
var unavailable = map[protocol.Protocol]string{
	protocol.SMTP: "454 4.7.0 TLS not available: the proxy could not secure the connection to the server",
	protocol.POP3: "-ERR [SYS/TEMP] TLS not available: the proxy could not secure the connection to the server",
	protocol.IMAP: "NO [UNAVAILABLE] TLS not available: the proxy could not secure the connection to the server",
}

// upgrade acts on the server's agreement to start TLS (agreed holds its
// bytes, not yet relayed): it upgrades the server side first, then relays
// the agreement and terminates TLS with the client with the proxy's
// certificate. If the server side cannot be secured the client is told
// TLS is not available and the connection is cut: never a silent downgrade.
func (c *conn) upgrade(agreed []byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), c.cfg.Upstream.Timeout)
	defer cancel()
	lang := c.cfg.Upstream.Lang
	if n := c.ur.Buffered(); n > 0 {
		return c.refuseTLS(fmt.Errorf("%s", i18n.Textf(lang, i18n.ProxyInjectionServer, n)))
	}
	up, info, err := session.ClientTLS(ctx, c.upstream, c.cfg.Target.Host, c.cfg.Upstream)
	if err != nil {
		return c.refuseTLS(err)
	}
	c.mu.Lock()
	c.framer.TLSStarted()
	c.emitLocked(session.Event{Kind: session.TLSUp, TLS: info})
	cr := c.cr
	c.mu.Unlock()
	c.cw.Lock()
	werr := c.writeClient(agreed)
	c.cw.Unlock()
	if werr != nil {
		return werr
	}
	if n := cr.Buffered(); n > 0 {
		return fmt.Errorf("%s", i18n.Textf(lang, i18n.ProxyInjectionClient, n))
	}
	tc := tls.Server(c.client, c.cfg.Cert.ServerConfig())
	c.client.SetDeadline(time.Now().Add(c.cfg.Upstream.Timeout))
	if err := tc.HandshakeContext(ctx); err != nil {
		return fmt.Errorf("%s", i18n.Textf(lang, i18n.ProxyClientTLSFailed, err))
	}
	c.client.SetDeadline(time.Time{})
	c.mu.Lock()
	c.client, c.cr = tc, bufio.NewReaderSize(c.idle(tc), bufSize)
	c.upstream, c.ur = up, bufio.NewReaderSize(c.idle(up), bufSize)
	if len(c.owed) > 0 {
		c.owed = c.owed[1:]
	}
	c.noteClientTLSLocked(tc)
	if c.tlsWait != nil {
		close(c.tlsWait)
		c.tlsWait = nil
	}
	c.mu.Unlock()
	return nil
}

// refuseTLS tells the client that TLS is not available after all and ends
// the connection with why.
func (c *conn) refuseTLS(why error) error {
	c.mu.Lock()
	tag := c.tlsTag
	c.mu.Unlock()
	if reply, ok := unavailable[c.cfg.Target.Protocol]; ok {
		if tag != "" {
			reply = tag + " " + reply
		}
		c.cw.Lock()
		c.writeClient([]byte(reply + "\r\n"))
		c.cw.Unlock()
	}
	return fmt.Errorf("%s", i18n.Textf(c.cfg.Upstream.Lang, i18n.ProxyTLSCut, why))
}
