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
}

// Schemes lists the URL schemes ParseURL accepts, with their default
// ports: the dialects' one table.
func Schemes() string { return protocol.SchemeList() }

// ParseURL parses a server URL. A bare "host" or "host:port" is taken as
// the first scheme of the first dialect (smtp://).
func ParseURL(raw string) (Target, error) {
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

// String gives the target back as a URL.
func (t Target) String() string { return t.Scheme + "://" + t.Addr() }
