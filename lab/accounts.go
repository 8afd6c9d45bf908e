package lab

import (
	"crypto/subtle"
	"strings"
)

// accounts answers who may log in and which addresses are local.
type accounts struct {
	domain    string            // lower case mail domain
	passwords map[string]string // lower case user -> password
	tried     *string           // if not nil, gets the last login name looked up (tracking)
}

// tracking returns a copy of a that stores in *tried each login name it is
// asked about, for the log of one login attempt.
func (a *accounts) tracking(tried *string) *accounts {
	c := *a
	c.tried = tried
	return &c
}

// mailboxName maps a login or an address local part to a mailbox name:
// "Student", "student@example.test" and "student" all give "student". A
// login in another domain gives "", false.
func (a *accounts) mailboxName(login string) (string, bool) {
	local, domain, hasDomain := strings.Cut(login, "@")
	if hasDomain && !strings.EqualFold(domain, a.domain) {
		return "", false
	}
	if local == "" {
		return "", false
	}
	return strings.ToLower(local), true
}

// exists reports whether login names an account.
func (a *accounts) exists(login string) (string, bool) {
	user, ok := a.mailboxName(login)
	if !ok {
		return "", false
	}
	_, ok = a.passwords[user]
	return user, ok
}

// password returns the account's password, for the challenge-response
// mechanisms (CRAM-MD5, APOP) that need the shared secret itself.
func (a *accounts) password(login string) (user, password string, ok bool) {
	if a.tried != nil {
		*a.tried = login
	}
	user, ok = a.exists(login)
	if !ok {
		return "", "", false
	}
	return user, a.passwords[user], true
}

// check verifies a login and password in constant time.
func (a *accounts) check(login, password string) (string, bool) {
	user, want, ok := a.password(login)
	if !ok {
		return "", false
	}
	if subtle.ConstantTimeCompare([]byte(want), []byte(password)) != 1 {
		return "", false
	}
	return user, true
}

// isLocalDomain reports whether an address belongs to the lab's domain. An
// address without a domain ("postmaster") is local, as Postfix appends its
// own domain to it.
func (a *accounts) isLocalDomain(address string) bool {
	at := strings.LastIndexByte(address, '@')
	return at < 0 || strings.EqualFold(address[at+1:], a.domain)
}
