package session

import (
	"context"
	"errors"
	"net"
	"strings"
)

// MXAttempt reports one step of dialling a mail domain (DialMX): the
// host tried, with its MX preference, and how it went.
type MXAttempt struct {
	Domain   string
	Host     string // the MX host, or the domain itself (Fallback)
	Pref     uint16
	Fallback bool  // the domain has no MX record: its own address is tried (RFC 5321 5.1)
	Err      error // nil: connected
}

// ErrNullMX says a domain publishes a "null MX" (RFC 7505): it accepts
// no mail.
var ErrNullMX = errors.New(`the domain publishes a null MX ("MX 0 ."): it accepts no mail (RFC 7505)`)

// resolver is the DNS resolver of o: the system's, or the server at
// Options.DNS.
func resolver(o Options) *net.Resolver {
	if o.DNS == "" {
		return net.DefaultResolver
	}
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, o.DNS)
	}}
}

// DialMX connects to the mail exchangers of the domain t names (t.MX):
// its MX records in order of preference, each tried until one answers,
// as a sending server (and swaks) does; with no MX record, the domain's
// own address (RFC 5321 5.1). report, if not nil, hears of each attempt
// before the session starts. The session's Target is the host that
// answered, its certificate checked against that host's name.
func DialMX(ctx context.Context, t Target, o Options, report func(MXAttempt)) (*Session, error) {
	if report == nil {
		report = func(MXAttempt) {}
	}
	hosts, fallback, err := exchangers(ctx, t.Host, o)
	switch {
	case errors.Is(err, ErrNullMX):
		return nil, &langError{msg: sayAdmin(o.Lang, txtNullMX, t.Host), err: err}
	case err != nil:
		return nil, &langError{msg: sayAdmin(o.Lang, txtMXLookup, t.Host, err), err: err}
	}
	var errs []error
	for _, mx := range hosts {
		try := t
		try.Host, try.MX = mx.Host, false
		s, err := Dial(ctx, try, o)
		report(MXAttempt{Domain: t.Host, Host: mx.Host, Pref: mx.Pref, Fallback: fallback, Err: err})
		if err == nil {
			return s, nil
		}
		errs = append(errs, err)
		if ctx.Err() != nil {
			break
		}
	}
	err = errors.Join(errs...)
	return nil, &langError{msg: sayAdmin(o.Lang, txtMXNoAnswer, t.Host, err), err: err}
}

// exchangers returns the hosts to try for domain, in order: its MX
// records, or the domain itself when it has none (fallback).
func exchangers(ctx context.Context, domain string, o Options) (hosts []*net.MX, fallback bool, err error) {
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	mxs, err := resolver(o).LookupMX(ctx, domain)
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return []*net.MX{{Host: domain}}, true, nil // no MX: the domain's own address (NXDOMAIN fails there)
	case err != nil:
		return nil, false, err
	case len(mxs) == 0:
		return []*net.MX{{Host: domain}}, true, nil
	}
	for _, mx := range mxs {
		mx.Host = strings.TrimSuffix(mx.Host, ".")
		if mx.Host == "" {
			return nil, false, ErrNullMX
		}
	}
	return mxs, false, nil
}
