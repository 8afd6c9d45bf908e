package session

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
)

// Target is the server a session connects to, parsed from a URL such as
// smtp://mail.example.test or pop3s://[::1]:995.
type Target struct {
	Scheme      string            // a scheme of a dialect: smtp, submission, pop3s, ...
	Protocol    protocol.Protocol // the protocol spoken
	Host        string            // name or IP address, without brackets
	Port        int               // TCP port
	ImplicitTLS bool              // TLS from the first byte
	// MX: Host is a mail domain whose mail exchangers are dialled
	// (DialMX), not a host.
	MX bool
}

// Schemes lists the URL schemes ParseURL accepts, with their default
// ports: the dialects' one table.
func Schemes() string { return protocol.SchemeList() }

// ParseURL parses a server URL. A bare "host" or "host:port" is taken as
// the first scheme of the first dialect (smtp://); "mx:domain[:port]" is
// that scheme on the mail exchangers of a domain (Target.MX).
func ParseURL(raw string) (Target, error) {
	if rest, ok := cutPrefixFold(raw, "mx:"); ok {
		t, err := ParseURL(strings.TrimPrefix(rest, "//"))
		t.MX = err == nil
		return t, err
	}
	if !strings.Contains(raw, "://") {
		raw = protocol.Schemes()[0].Name + "://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return Target{}, fmt.Errorf("bad server URL %q: %w", raw, err)
	}
	sc, ok := protocol.SchemeNamed(u.Scheme)
	if !ok {
		return Target{}, fmt.Errorf("unknown scheme %q in %q: use %s", u.Scheme, raw, Schemes())
	}
	if u.Path != "" && u.Path != "/" || u.RawQuery != "" || u.User != nil {
		return Target{}, fmt.Errorf("bad server URL %q: only scheme://host[:port] is allowed", raw)
	}
	host := u.Hostname()
	if host == "" {
		return Target{}, fmt.Errorf("bad server URL %q: no host", raw)
	}
	t := Target{Scheme: strings.ToLower(u.Scheme), Protocol: sc.Protocol, Host: host, Port: sc.Port, ImplicitTLS: sc.ImplicitTLS}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return Target{}, fmt.Errorf("bad port %q in %q: want 1-65535", p, raw)
		}
		t.Port = n
	}
	return t, nil
}

// Addr is host:port, with brackets around an IPv6 address.
func (t Target) Addr() string { return net.JoinHostPort(t.Host, strconv.Itoa(t.Port)) }

// String gives the target back as a URL ("mx:domain:port" for a domain's
// mail exchangers).
func (t Target) String() string {
	if t.MX {
		return "mx:" + t.Addr()
	}
	return t.Scheme + "://" + t.Addr()
}

// cutPrefixFold is strings.CutPrefix without regard to case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
