package session

import (
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
		return Target{}, &URLError{Raw: raw, Kind: URLMalformed, Err: err}
	}
	sc, ok := protocol.SchemeNamed(u.Scheme)
	if !ok {
		return Target{}, &URLError{Raw: raw, Kind: URLUnknownScheme, Part: u.Scheme}
	}
	if u.Path != "" && u.Path != "/" || u.RawQuery != "" || u.User != nil {
		return Target{}, &URLError{Raw: raw, Kind: URLExtra}
	}
	host := u.Hostname()
	if host == "" {
		return Target{}, &URLError{Raw: raw, Kind: URLNoHost}
	}
	t := Target{Scheme: strings.ToLower(u.Scheme), Protocol: sc.Protocol, Host: host, Port: sc.Port, ImplicitTLS: sc.ImplicitTLS}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return Target{}, &URLError{Raw: raw, Kind: URLBadPort, Part: p}
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

// URLError is a server URL ParseURL cannot use.
type URLError struct {
	Raw  string // the URL as given (with the scheme assumed, if any)
	Kind URLFault
	Part string // the scheme or port at fault
	Err  error  // net/url's error, for URLMalformed
}

// URLFault says what is wrong with a server URL.
type URLFault int

// The kinds of URLError.
const (
	URLMalformed     URLFault = iota // net/url cannot parse it
	URLUnknownScheme                 // no dialect has the scheme
	URLExtra                         // a path, query or user part
	URLNoHost                        // no host
	URLBadPort                       // a port outside 1-65535
)

func (e *URLError) Error() string { return e.In(protocol.English) }
func (e *URLError) Unwrap() error { return e.Err }

// In is the message in lang.
func (e *URLError) In(lang protocol.Lang) string {
	switch e.Kind {
	case URLUnknownScheme:
		return say(lang, txtURLScheme, e.Part, e.Raw, SchemesIn(lang))
	case URLExtra:
		return say(lang, txtURLExtra, e.Raw)
	case URLNoHost:
		return say(lang, txtURLNoHost, e.Raw)
	case URLBadPort:
		return say(lang, txtURLPort, e.Part, e.Raw)
	}
	return say(lang, txtURLMalformed, e.Raw, e.Err)
}
