package session_test

import (
	"bufio"
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/session"
)

// greetWith is a server that greets with greeting and then reads on.
func greetWith(greeting string) func(net.Conn, *bufio.Reader) {
	return func(c net.Conn, br *bufio.Reader) {
		if greeting != "" {
			c.Write([]byte(greeting + "\r\n"))
		}
		for {
			if _, err := br.ReadString('\n'); err != nil {
				return
			}
		}
	}
}

// TestWrongProtocolGreeting: a URL of one protocol on a port that greets
// in another ends at the greeting with an error naming the URL to use
// (issue 14 bug 9: every line showed "malformed" and the script exited 0).
func TestWrongProtocolGreeting(t *testing.T) {
	tests := []struct {
		scheme, greeting, want string
	}{
		{"smtp", "+OK Dovecot ready.", "use pop3://"},
		{"smtp", "* OK [CAPABILITY IMAP4rev1] Dovecot ready.", "use imap://"},
		{"pop3", "220 mail.example.test ESMTP Postfix", "use smtp://"},
		{"imap", "+OK Dovecot ready.", "use pop3://"},
		{"pop3", "* OK IMAP4rev1 ready", "use imap://"},
	}
	for _, tt := range tests {
		t.Run(tt.scheme+" "+tt.want, func(t *testing.T) {
			addr := hostilePeer(t, greetWith(tt.greeting))
			w := watch(t, tt.scheme+"://"+addr, session.Options{Timeout: hostileWait})
			p := w.waitFor("the wrong protocol", hostileWait, isKind(session.Problem))
			var wp *session.WrongProtocolError
			if !errors.As(p.Err, &wp) || !strings.Contains(p.Err.Error(), tt.want+addr) {
				t.Errorf("problem %v, want a WrongProtocolError saying %q", p.Err, tt.want+addr)
			}
			w.closed(hostileWait)
		})
	}
}

// TestRightProtocolGreetingGoesOn: a greeting of the URL's protocol, even
// a refusal, is no wrong protocol.
func TestRightProtocolGreetingGoesOn(t *testing.T) {
	for scheme, greeting := range map[string]string{"smtp": "554 no service", "pop3": "-ERR busy", "imap": "* BYE too many"} {
		addr := hostilePeer(t, greetWith(greeting))
		w := watch(t, scheme+"://"+addr, session.Options{Timeout: hostileWait})
		w.waitFor("the greeting", hostileWait, isKind(session.Received))
		time.Sleep(50 * time.Millisecond)
		if n := w.count(session.Problem); n != 0 {
			t.Errorf("%s greeting %q: %d problem(s)", scheme, greeting, n)
		}
	}
}

// TestImplicitTLSOnAPlainPort: smtps:// (pop3s://, imaps://) on a port
// that greets in plain text fails the handshake with the plain URL to use.
func TestImplicitTLSOnAPlainPort(t *testing.T) {
	for scheme, c := range map[string]struct{ greeting, want string }{
		"smtps": {"220 mail.example.test ESMTP", "use smtp://"},
		"pop3s": {"+OK ready", "use pop3://"},
		"imaps": {"* OK ready", "use imap://"},
	} {
		addr := hostilePeer(t, greetWith(c.greeting))
		target, _ := session.ParseURL(scheme + "://" + addr)
		_, err := session.Dial(context.Background(), target, session.Options{Timeout: hostileWait})
		var te *session.TLSError
		if !errors.As(err, &te) || !strings.Contains(err.Error(), c.want+addr) {
			t.Errorf("%s on a plain port: %v, want a TLSError saying %q", scheme, err, c.want+addr)
		}
	}
}

// TestPlainOnAnImplicitTLSPort: smtp:// where the server waits for a
// ClientHello times out on the greeting with the TLS URL to try.
func TestPlainOnAnImplicitTLSPort(t *testing.T) {
	addr := hostilePeer(t, greetWith(""))
	w := watch(t, "smtp://"+addr, session.Options{Timeout: 200 * time.Millisecond})
	p := w.waitFor("the timeout", hostileWait, isKind(session.Problem))
	if want := "try smtps://" + addr; !strings.Contains(p.Err.Error(), want) {
		t.Errorf("timeout %q does not say %q", p.Err, want)
	}
}
