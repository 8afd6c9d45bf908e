package session

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
)

// Localize returns err with its message in lang when the session has
// words for it: a [*DialError], [ErrClosed], or any error with an
// In(protocol.Lang) method; any other error comes back as it is. The
// result still answers errors.Is and errors.As as err does.
func Localize(err error, lang protocol.Lang) error {
	if err == nil || lang == protocol.English {
		return err
	}
	var l interface{ In(protocol.Lang) string }
	switch {
	case errors.As(err, &l):
		return &localized{err: err, text: l.In(lang)}
	case errors.Is(err, ErrClosed):
		return &localized{err: err, text: say(lang, txtClosed)}
	}
	return err
}

// localized is an error shown in a chosen language.
type localized struct {
	err  error
	text string
}

func (l *localized) Error() string { return l.text }
func (l *localized) Unwrap() error { return l.err }

// DialError is a connection that could not be made, with what the user
// can do about it.
type DialError struct {
	Target  Target
	Timeout time.Duration // how long the dial waited
	Kind    DialFailure
	Err     error // the network's own error
}

// DialFailure says why a connection could not be made.
type DialFailure int

// The kinds of DialError.
const (
	DialOther       DialFailure = iota // some other error, shown as the network gave it
	DialUnknownHost                    // the name does not resolve
	DialRefused                        // nothing listens on the port
	DialNoAnswer                       // nothing answered within the timeout
)

func (e *DialError) Error() string { return e.In(protocol.English) }
func (e *DialError) Unwrap() error { return e.Err }

// In is the message in lang; the network's own error is kept as a detail
// where it says more than the kind.
func (e *DialError) In(lang protocol.Lang) string {
	t := e.Target.String()
	switch e.Kind {
	case DialUnknownHost:
		return say(lang, txtUnknownHost, t, e.Target.Host)
	case DialRefused:
		return say(lang, txtRefused, t, e.Target.Port)
	case DialNoAnswer:
		return say(lang, txtNoAnswer, t, e.Timeout)
	}
	return say(lang, txtDialOther, t, e.Err)
}

// explainDialError turns the error of a failed dial into a DialError.
func explainDialError(t Target, timeout time.Duration, err error) error {
	e := &DialError{Target: t, Timeout: timeout, Err: err}
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		e.Kind = DialUnknownHost
	case isRefused(err):
		e.Kind = DialRefused
	case isDeadline(err):
		e.Kind = DialNoAnswer
	}
	return e
}

// timeoutMessage is what the prompt says when the server is silent for
// wait: partial lines of a reply came, or awaiting commands wait for one.
func timeoutMessage(lang protocol.Lang, wait time.Duration, partial, awaiting int) string {
	if partial > 0 {
		return say(lang, txtTimeoutPartial, partial, wait)
	}
	msg := say(lang, txtTimeout, wait)
	if awaiting > 0 {
		msg += say(lang, txtAwaiting, awaiting)
	}
	return msg
}

// SchemesIn is Schemes in lang: "smtps://（465，隐式 TLS）、…" in Chinese.
func SchemesIn(lang protocol.Lang) string {
	if lang != protocol.Chinese {
		return Schemes()
	}
	var items []string
	for _, s := range protocol.Schemes() {
		if s.ImplicitTLS {
			items = append(items, fmt.Sprintf("%s://（%d，隐式 TLS）", s.Name, s.Port))
		} else {
			items = append(items, fmt.Sprintf("%s://（%d）", s.Name, s.Port))
		}
	}
	return strings.Join(items, "、")
}
