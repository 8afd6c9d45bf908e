package protocol

import (
	"fmt"
	"strings"
)

// CommandInfo documents one protocol command for :help and tab completion.
type CommandInfo struct {
	Protocol Protocol
	Name     string // "MAIL"
	Syntax   string // "MAIL FROM:<reverse-path> [SP <mail-parameters>]"
	Meaning  string
	State    string // when it may be used, e.g. "after EHLO/HELO, outside a mail transaction"
	RFC      string // "RFC 5321 4.1.1.2"
	Obsolete bool   // SEND SOML SAML TURN
	// Completion is what tab completion offers for the command ("MAIL
	// FROM:<"); "" offers the name and a space.
	Completion string
	// Ends reports the command that ends a session politely (QUIT): what
	// the prompt sends when the user presses Ctrl-D.
	Ends bool
	// Hello reports the command that asks what the server offers (EHLO,
	// CAPA, CAPABILITY) and StartsTLS the one that starts TLS (STARTTLS,
	// STLS): what connect --starttls sends for the user. A Hello whose
	// syntax takes an argument is sent with the client's name.
	Hello, StartsTLS bool
}

// commandSpec is the language-neutral part of a CommandInfo; Meaning and
// State come from the language tables.
type commandSpec struct {
	name, syntax, rfc string
	obsolete          bool
	completion        string
	ends              bool
	hello, startsTLS  bool
}

// smtpCommands lists the SMTP commands in teaching order.
var smtpCommands = []commandSpec{
	{name: "EHLO", syntax: "EHLO <domain> | EHLO <address-literal>", rfc: "RFC 5321 4.1.1.1", hello: true},
	{name: "HELO", syntax: "HELO <domain>", rfc: "RFC 5321 4.1.1.1"},
	{name: "STARTTLS", syntax: "STARTTLS", rfc: "RFC 3207 4", startsTLS: true},
	{name: "AUTH", syntax: "AUTH <mechanism> [SP <initial-response>]", rfc: "RFC 4954 4"},
	{name: "MAIL", syntax: "MAIL FROM:<reverse-path> [SP <mail-parameters>]", rfc: "RFC 5321 4.1.1.2", completion: "MAIL FROM:<"},
	{name: "RCPT", syntax: "RCPT TO:<forward-path> [SP <rcpt-parameters>]", rfc: "RFC 5321 4.1.1.3", completion: "RCPT TO:<"},
	{name: "DATA", syntax: "DATA", rfc: "RFC 5321 4.1.1.4"},
	{name: "BDAT", syntax: "BDAT <chunk-size> [SP LAST]", rfc: "RFC 3030 2"},
	{name: "RSET", syntax: "RSET", rfc: "RFC 5321 4.1.1.5"},
	{name: "NOOP", syntax: "NOOP [SP <string>]", rfc: "RFC 5321 4.1.1.9"},
	{name: "VRFY", syntax: "VRFY <string>", rfc: "RFC 5321 4.1.1.6"},
	{name: "EXPN", syntax: "EXPN <string>", rfc: "RFC 5321 4.1.1.7"},
	{name: "HELP", syntax: "HELP [SP <string>]", rfc: "RFC 5321 4.1.1.8"},
	{name: "QUIT", syntax: "QUIT", rfc: "RFC 5321 4.1.1.10", ends: true},
	{name: "SEND", syntax: "SEND FROM:<reverse-path>", rfc: "RFC 821 4.1.1; RFC 5321 F.6", obsolete: true},
	{name: "SOML", syntax: "SOML FROM:<reverse-path>", rfc: "RFC 821 4.1.1; RFC 5321 F.6", obsolete: true},
	{name: "SAML", syntax: "SAML FROM:<reverse-path>", rfc: "RFC 821 4.1.1; RFC 5321 F.6", obsolete: true},
	{name: "TURN", syntax: "TURN", rfc: "RFC 821 4.1.1; RFC 5321 F.1", obsolete: true},
}

// pop3Commands lists the POP3 commands in teaching order.
var pop3Commands = []commandSpec{
	{name: "CAPA", syntax: "CAPA", rfc: "RFC 2449 5", hello: true},
	{name: "STLS", syntax: "STLS", rfc: "RFC 2595 4", startsTLS: true},
	{name: "USER", syntax: "USER <name>", rfc: "RFC 1939 7"},
	{name: "PASS", syntax: "PASS <string>", rfc: "RFC 1939 7"},
	{name: "APOP", syntax: "APOP <name> <digest>", rfc: "RFC 1939 7"},
	{name: "AUTH", syntax: "AUTH [<mechanism> [SP <initial-response>]]", rfc: "RFC 5034 4"},
	{name: "STAT", syntax: "STAT", rfc: "RFC 1939 5"},
	{name: "LIST", syntax: "LIST [<msg>]", rfc: "RFC 1939 5"},
	{name: "UIDL", syntax: "UIDL [<msg>]", rfc: "RFC 1939 7"},
	{name: "RETR", syntax: "RETR <msg>", rfc: "RFC 1939 5"},
	{name: "TOP", syntax: "TOP <msg> <n>", rfc: "RFC 1939 7"},
	{name: "DELE", syntax: "DELE <msg>", rfc: "RFC 1939 5"},
	{name: "RSET", syntax: "RSET", rfc: "RFC 1939 5"},
	{name: "NOOP", syntax: "NOOP", rfc: "RFC 1939 5"},
	{name: "QUIT", syntax: "QUIT", rfc: "RFC 1939 4, 6", ends: true},
}

// specsFor returns the command list of p, or nil.
func specsFor(p Protocol) []commandSpec {
	switch p {
	case SMTP:
		return smtpCommands
	case POP3:
		return pop3Commands
	}
	return nil
}

// info builds the CommandInfo of one command in the words of t.
func (s commandSpec) info(p Protocol, t *texts) CommandInfo {
	txt := t.commands[p][s.name]
	return CommandInfo{Protocol: p, Name: s.name, Syntax: s.syntax, Meaning: txt.Meaning,
		State: txt.State, RFC: t.ref(s.rfc), Obsolete: s.obsolete, Completion: s.completion, Ends: s.ends,
		Hello: s.hello, StartsTLS: s.startsTLS}
}

// Commands returns the commands of p in a sensible teaching order (nil for
// an unknown protocol), explained in English. The slice is the caller's to
// keep.
func Commands(p Protocol) []CommandInfo {
	out, _ := CommandsIn(p, English)
	return out
}

// CommandsIn is Commands with the meanings and states in lang, from the
// dialect of p; another language than English or Chinese returns an error
// wrapping ErrUnsupportedLang.
func CommandsIn(p Protocol, lang Lang) ([]CommandInfo, error) {
	d, ok := Lookup(p)
	if !ok {
		return nil, nil
	}
	return d.Commands(lang)
}

// mailCommands is the catalog of the SMTP and POP3 dialects.
func mailCommands(p Protocol, lang Lang) ([]CommandInfo, error) {
	t, err := textsFor(lang)
	if err != nil {
		return nil, fmt.Errorf("commands of %s: %w", p, err)
	}
	specs := specsFor(p)
	if specs == nil {
		return nil, nil
	}
	out := make([]CommandInfo, len(specs))
	for i, s := range specs {
		out[i] = s.info(p, t)
	}
	return out, nil
}

// LookupCommand finds the command called name (case-insensitive, spaces
// around it ignored) in the catalog of p, explained in English.
func LookupCommand(p Protocol, name string) (CommandInfo, bool) {
	c, ok, _ := LookupCommandIn(p, name, English)
	return c, ok
}

// LookupCommandIn is LookupCommand with the meaning and state in lang; an
// unsupported lang returns an error wrapping ErrUnsupportedLang.
func LookupCommandIn(p Protocol, name string, lang Lang) (CommandInfo, bool, error) {
	commands, err := CommandsIn(p, lang)
	if err != nil {
		return CommandInfo{}, false, fmt.Errorf("look up %q: %w", name, err)
	}
	name = strings.TrimSpace(name)
	for _, c := range commands {
		if strings.EqualFold(c.Name, name) {
			return c, true, nil
		}
	}
	return CommandInfo{}, false, nil
}
