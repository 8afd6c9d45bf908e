package protocol

import (
	"slices"
	"strings"
)

// An IMAP session moves through four states (RFC 9051 3): not
// authenticated until a login, authenticated, selected while a mailbox is
// open, and logout. The framer keeps the facts in State (LoggedIn,
// Mailbox, ReadOnly, Ended); the explanations name the state a response
// leaves the session in and say what is allowed there.

// exPlace is where an IMAP session stands.
type exPlace struct {
	name     string // one of the exState constants
	mailbox  string // the selected mailbox, as sent
	readOnly bool   // selected with EXAMINE or [READ-ONLY]
}

// The states of an IMAP session, as the next-step tables key them
// ("state selected").
const (
	exStateNotAuth  = "not authenticated"
	exStateAuth     = "authenticated"
	exStateSelected = "selected"
	exStateLogout   = "logout"
)

// after returns the state the response leaves the session in: r.Before
// changed by a completed LOGIN, AUTHENTICATE, SELECT, EXAMINE, CLOSE,
// UNSELECT or LOGOUT, a failed SELECT, a PREAUTH greeting or a BYE.
func (e *imapExplainer) after() exPlace {
	r, a, st := e.r, e.asked, e.r.Before
	loggedIn, selected := st.LoggedIn, st.Mailbox != ""
	p := exPlace{mailbox: st.Mailbox, readOnly: st.ReadOnly}
	status := strings.ToUpper(r.Status)
	switch {
	case st.Ended || status == "BYE":
		return exPlace{name: exStateLogout}
	case r.Tag == "*" && status == "PREAUTH":
		loggedIn = true
	case r.Tag == "*" || r.Tag == "+":
	case status == "OK":
		switch a.verb {
		case "LOGIN", "AUTHENTICATE":
			loggedIn = true
		case "SELECT", "EXAMINE":
			selected, p.mailbox = true, a.mailbox()
			p.readOnly = a.verb == "EXAMINE" || e.code == "READ-ONLY"
		case "CLOSE", "UNSELECT":
			selected = false
		case "LOGOUT":
			return exPlace{name: exStateLogout}
		}
	case a.verb == "SELECT" || a.verb == "EXAMINE":
		selected = false // a failed SELECT closes the mailbox that was open
	}
	switch {
	case !loggedIn:
		p.name = exStateNotAuth
	case selected:
		p.name = exStateSelected
	default:
		p.name = exStateAuth
	}
	return p
}

// stateNext says what the state p allows next.
func (e *imapExplainer) stateNext(p exPlace) string {
	switch p.name {
	case exStateLogout:
		return ""
	case exStateNotAuth:
		return e.loginNext(e.r.Before.Extensions)
	case exStateAuth:
		return e.x.next["state authenticated"]
	}
	key := "state selected"
	if p.readOnly {
		key += " ro"
	}
	s := fill(e.x.next[key], e.mailboxName(p.mailbox))
	if e.r.Before.Offers("IDLE") {
		s += e.t.clauseSep + e.x.next["state idle"]
	}
	return s
}

// loginNext suggests how to log in from the capabilities the server
// advertised: STARTTLS first where offered, then LOGIN unless
// LOGINDISABLED, or AUTHENTICATE with the AUTH= mechanisms.
func (e *imapExplainer) loginNext(caps []string) string {
	if len(caps) == 0 {
		return e.x.next["caps none"]
	}
	var steps, mechs []string
	starttls, disabled := false, false
	for _, c := range caps {
		switch u := strings.ToUpper(c); {
		case u == "STARTTLS":
			starttls = true
		case u == "LOGINDISABLED":
			disabled = true
		case strings.HasPrefix(u, "AUTH="):
			mechs = append(mechs, shown(u[len("AUTH="):]))
		}
	}
	if starttls && !e.r.Before.TLS {
		steps = append(steps, e.x.next["caps starttls"])
	}
	auth := "caps auth"
	if disabled {
		steps, auth = append(steps, e.x.next["caps logindisabled"]), "caps auth only"
	} else {
		steps = append(steps, e.x.next["caps login"])
	}
	if len(mechs) > 0 {
		helper := ""
		if slices.Contains(mechs, "PLAIN") {
			helper = e.x.next["caps plain"]
		}
		steps = append(steps, fill(e.x.next[auth], strings.Join(mechs, " "), helper))
	}
	return strings.Join(steps, e.t.clauseSep)
}
