package protocol

import (
	"fmt"
	"strings"
)

// imapCommandSpecs lists the IMAP4rev1 and IMAP4rev2 commands, with IDLE,
// ID, NAMESPACE, MOVE, UNSELECT and ENABLE, in teaching order: log in,
// look at the mailboxes, open one, read and change messages, leave; then
// managing mailboxes, and the rest.
var imapCommandSpecs = []commandSpec{
	{name: "CAPABILITY", syntax: "CAPABILITY", rfc: "RFC 9051 6.1.1", hello: true},
	{name: "STARTTLS", syntax: "STARTTLS", rfc: "RFC 9051 6.2.1", startsTLS: true},
	{name: "LOGIN", syntax: "LOGIN <user> <password>", rfc: "RFC 9051 6.2.3"},
	{name: "AUTHENTICATE", syntax: "AUTHENTICATE <mechanism> [<initial-response>]", rfc: "RFC 9051 6.2.2; RFC 4959 3",
		completion: "AUTHENTICATE PLAIN"},
	{name: "LIST", syntax: "LIST [(<selection-options>)] <reference> <pattern> [RETURN (<return-options>)]", rfc: "RFC 9051 6.3.9",
		completion: `LIST "" *`},
	{name: "STATUS", syntax: "STATUS <mailbox> (<item> ...)", rfc: "RFC 9051 6.3.11",
		completion: "STATUS INBOX (MESSAGES UNSEEN UIDNEXT)"},
	{name: "SELECT", syntax: "SELECT <mailbox>", rfc: "RFC 9051 6.3.2", completion: "SELECT INBOX"},
	{name: "EXAMINE", syntax: "EXAMINE <mailbox>", rfc: "RFC 9051 6.3.3", completion: "EXAMINE INBOX"},
	{name: "FETCH", syntax: "FETCH <sequence-set> <items>", rfc: "RFC 9051 6.4.5",
		completion: "FETCH 1 (FLAGS BODY.PEEK[HEADER])"},
	{name: "SEARCH", syntax: "SEARCH [RETURN (<options>)] [CHARSET <charset>] <criteria>", rfc: "RFC 9051 6.4.4",
		completion: "SEARCH UNSEEN"},
	{name: "STORE", syntax: "STORE <sequence-set> <+FLAGS|-FLAGS|FLAGS>[.SILENT] (<flags>)", rfc: "RFC 9051 6.4.6",
		completion: `STORE 1 +FLAGS (\Seen)`},
	{name: "EXPUNGE", syntax: "EXPUNGE", rfc: "RFC 9051 6.4.3"},
	{name: "COPY", syntax: "COPY <sequence-set> <mailbox>", rfc: "RFC 9051 6.4.7"},
	{name: "MOVE", syntax: "MOVE <sequence-set> <mailbox>", rfc: "RFC 9051 6.4.8; RFC 6851 3"},
	{name: "APPEND", syntax: "APPEND <mailbox> [(<flags>)] [<date-time>] <literal>", rfc: "RFC 9051 6.3.12"},
	{name: "UID", syntax: "UID <COPY|MOVE|FETCH|SEARCH|STORE|EXPUNGE> <arguments>", rfc: "RFC 9051 6.4.9",
		completion: "UID FETCH 1:* (FLAGS)"},
	{name: "IDLE", syntax: "IDLE", rfc: "RFC 9051 6.3.13; RFC 2177 3"},
	{name: "NOOP", syntax: "NOOP", rfc: "RFC 9051 6.1.2"},
	{name: "CLOSE", syntax: "CLOSE", rfc: "RFC 9051 6.4.1"},
	{name: "UNSELECT", syntax: "UNSELECT", rfc: "RFC 9051 6.4.2; RFC 3691 2"},
	{name: "LOGOUT", syntax: "LOGOUT", rfc: "RFC 9051 6.1.3", ends: true},
	{name: "CREATE", syntax: "CREATE <mailbox>", rfc: "RFC 9051 6.3.4"},
	{name: "DELETE", syntax: "DELETE <mailbox>", rfc: "RFC 9051 6.3.5"},
	{name: "RENAME", syntax: "RENAME <mailbox> <new-name>", rfc: "RFC 9051 6.3.6"},
	{name: "SUBSCRIBE", syntax: "SUBSCRIBE <mailbox>", rfc: "RFC 9051 6.3.7"},
	{name: "UNSUBSCRIBE", syntax: "UNSUBSCRIBE <mailbox>", rfc: "RFC 9051 6.3.8"},
	{name: "LSUB", syntax: "LSUB <reference> <pattern>", rfc: "RFC 3501 6.3.9", completion: `LSUB "" *`},
	{name: "NAMESPACE", syntax: "NAMESPACE", rfc: "RFC 9051 6.3.10; RFC 2342 5"},
	{name: "ENABLE", syntax: "ENABLE <capability> [<capability> ...]", rfc: "RFC 9051 6.3.1; RFC 5161 3.1"},
	{name: "ID", syntax: "ID (<field> <value> ...)", rfc: "RFC 2971 3.1", completion: `ID ("name" "mailtutor")`},
	{name: "CHECK", syntax: "CHECK", rfc: "RFC 3501 6.4.1"},
}

// catalogPlace is the state a command needs (RFC 9051 6.1 to 6.4).
type catalogPlace int

// The states a command can need, in the order a session reaches them.
const (
	placeAny      catalogPlace = iota // any state
	placeNotAuth                      // not authenticated: before a login
	placeAuth                         // authenticated (or selected)
	placeSelected                     // selected: a mailbox is open
)

// catalogNeed is where a command may be sent, and whether it changes the
// selected mailbox (refused when that is read-only).
type catalogNeed struct {
	place  catalogPlace
	writes bool
}

// imapCatalogNeeds tells where each command of the catalog may be sent.
var imapCatalogNeeds = map[string]catalogNeed{
	"CAPABILITY": {place: placeAny}, "NOOP": {place: placeAny}, "LOGOUT": {place: placeAny},
	"ID":       {place: placeAny},
	"STARTTLS": {place: placeNotAuth}, "AUTHENTICATE": {place: placeNotAuth}, "LOGIN": {place: placeNotAuth},
	"ENABLE": {place: placeAuth}, "SELECT": {place: placeAuth}, "EXAMINE": {place: placeAuth},
	"CREATE": {place: placeAuth}, "DELETE": {place: placeAuth}, "RENAME": {place: placeAuth},
	"SUBSCRIBE": {place: placeAuth}, "UNSUBSCRIBE": {place: placeAuth}, "LIST": {place: placeAuth},
	"LSUB": {place: placeAuth}, "NAMESPACE": {place: placeAuth}, "STATUS": {place: placeAuth},
	"APPEND": {place: placeAuth}, "IDLE": {place: placeAuth},
	"CHECK": {place: placeSelected}, "CLOSE": {place: placeSelected}, "UNSELECT": {place: placeSelected},
	"EXPUNGE": {place: placeSelected, writes: true}, "SEARCH": {place: placeSelected},
	"FETCH": {place: placeSelected}, "STORE": {place: placeSelected, writes: true},
	"COPY": {place: placeSelected}, "MOVE": {place: placeSelected, writes: true}, "UID": {place: placeSelected},
}

// imapCatalogSpec finds a command of the catalog by its upper-cased name.
func imapCatalogSpec(verb string) (commandSpec, bool) {
	for _, s := range imapCommandSpecs {
		if s.name == verb {
			return s, true
		}
	}
	return commandSpec{}, false
}

// imapCommandRef cites the definition of the command verb's responses,
// for an explanation: "RFC 9051 6.3.13, RFC 2177 3" for IDLE.
func imapCommandRef(verb, status string) string {
	if s, ok := imapCatalogSpec(verb); ok {
		return strings.ReplaceAll(s.rfc, "; ", ", ")
	}
	if verb != "" && status == "BAD" {
		return imapStatusRefs["BAD"]
	}
	return "RFC 9051 7.1"
}

// imapCommands is the IMAP dialect's catalog: every command with its
// syntax, meaning, state and RFC section, in lang.
func imapCommands(lang Lang) ([]CommandInfo, error) {
	t, err := textsFor(lang)
	if err != nil {
		return nil, fmt.Errorf("commands of %s: %w", IMAP, err)
	}
	out := make([]CommandInfo, len(imapCommandSpecs))
	for i, s := range imapCommandSpecs {
		out[i] = s.info(IMAP, t)
	}
	return out, nil
}
