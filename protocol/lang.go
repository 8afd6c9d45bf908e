package protocol

import (
	"errors"
	"fmt"
)

// Lang selects the language of the text shown to a learner.
type Lang string

// The languages with tables. English is the default.
const (
	English Lang = "en" // English, the default
	Chinese Lang = "zh" // Simplified Chinese (简体中文)
)

// ErrUnsupportedLang is returned for a language that has no tables yet.
var ErrUnsupportedLang = errors.New("unsupported language")

// texts holds every user-visible sentence of one language, keyed by code
// or name, so that a translation is one more value of this type.
type texts struct {
	classWords    map[Class]string    // Class.String
	classSentence map[Class]string    // Explanation.Class
	greetingClass map[Class]string    // Explanation.Class of a greeting: nothing was asked yet
	refs          func(string) string // writes an RFC citation the language's way; nil keeps it
	problems      map[problemKind]string
	moreLines     string // appended to a problem seen on several lines: "%d lines in all"
	clauseSep     string // joins two clauses of one meaning: "; "

	smtpCodes     map[int]string            // meaning of each SMTP reply code
	smtpByCommand map[string]map[int]string // meaning that depends on the command answered
	smtpDigits    smtpDigitTexts            // meaning guessed from the digits of an unknown code
	smtpNext      map[string]string         // next steps, keyed as stateKeys builds them; an empty value means none
	smtpInState   map[string]string         // meanings that depend on the session's state, keyed "VERB CODE situation"
	smtpWarning   map[string]string         // warnings about a reply that looks fine, keyed "VERB CODE"; an empty value means none
	malformed     map[Protocol]string       // meaning of a malformed reply

	enhancedClass   map[int]string    // 2, 4, 5
	enhancedSubject map[int]string    // X.1.YYY
	enhancedDetail  map[string]string // "1.1" -> meaning of X.1.1
	enhancedNote    map[string]string // notes on a full code ("5.7.8") or reply+code ("530 5.7.0")
	enhancedUnknown string            // format for a code missing from the tables
	enhancedNoteFmt string            // a note after an enhanced code: " (%s)"

	pop3         map[string]pop3Text // by verb; "" is the greeting
	pop3Unknown  pop3Text            // replies to a command not in the table
	pop3Codes    map[string]string   // response codes: "IN-USE"
	pop3Decoded  string              // meaning of a "+ " continuation
	pop3Next     map[string]string   // next steps, keyed like smtpNext
	pop3Syntax   string              // appended to a missing argument: "the syntax is %s"
	binaryChalng string              // meaning of a challenge that is not text

	commands map[Protocol]map[string]commandText
	checks   map[string]string // local warnings about a typed line (Dialect.Check), by check name

	imap imapTexts // the IMAP explanations (explainIMAP)
}

// imapTexts holds the sentences of the IMAP explanations in one language.
// Every table is keyed by protocol words (statuses, commands, response
// codes, data kinds) or by the names explainIMAP gives a situation; a
// value's only verbs are %s, filled in order (see fill).
type imapTexts struct {
	class    map[string]string // class sentence: "tagged OK" (%s the tag), "untagged NO", "greeting OK", "data" (%s the kind), "+", ...
	status   map[string]string // meaning of a status response: "LOGIN OK", "* NO", "greeting OK", "before login", ... (%s a mailbox)
	codes    map[string]string // response codes: "UIDVALIDITY" (%s its arguments)
	codeNext map[string]string // next step after a response code: "TRYCREATE" (NO or BAD), "OK UNSEEN"
	data     map[string]string // untagged data: "EXISTS", "LIST", "SEARCH none", ...
	items    map[string]string // FETCH, STATUS and ESEARCH items: "FETCH UID", "STATUS MESSAGES"
	flags    map[string]string // message flags and keywords: \Seen
	attrs    map[string]string // LIST attributes, special use included: \Noselect, \Sent
	caps     map[string]string // capabilities worth a word: "IDLE"
	cont     map[string]string // what a continuation request asks for: "sasl", "literal", "idle", "other"
	next     map[string]string // next steps; an empty value means none
	warning  map[string]string // warnings about a response that looks fine
	words    map[string]string // pieces of sentences: "mailbox" (%s its name), "list sep", ...
}

// pop3Text is what +OK and -ERR mean as an answer to one command.
type pop3Text struct {
	OK, Err string
}

// smtpDigitTexts describe what each digit of an unknown SMTP code says
// (RFC 5321 4.2.1).
type smtpDigitTexts struct {
	format string         // "%d is not a standard reply code; its digits say: %s, %s"
	second map[int]string // second digit: 0 syntax, 1 information, ...
}

// commandText is the translatable part of a CommandInfo.
type commandText struct {
	Meaning, State string
}

// languages maps each supported language to its tables.
var languages = map[Lang]*texts{English: &english, Chinese: &chinese}

// Langs returns the supported languages, English first.
func Langs() []Lang {
	return []Lang{English, Chinese}
}

// Supported reports whether lang has tables.
func Supported(lang Lang) bool {
	_, ok := languages[lang]
	return ok
}

// textsFor returns the tables of lang.
func textsFor(lang Lang) (*texts, error) {
	t, ok := languages[lang]
	if !ok {
		return nil, fmt.Errorf("language %q: %w (have %q, %q)", string(lang), ErrUnsupportedLang, string(English), string(Chinese))
	}
	return t, nil
}

// ProblemsIn returns the protocol problems of r in lang. The problems the
// framer found are said in lang; any that other code appended to
// r.Problems, and every problem of a reply that was not framed here (one
// loaded from a transcript), are returned as they are.
func ProblemsIn(r *Reply, lang Lang) ([]string, error) {
	t, err := textsFor(lang)
	if err != nil || r == nil {
		return nil, err
	}
	own := r.problems
	if len(own) == 0 || len(own) > len(r.Problems) {
		return r.Problems, nil
	}
	return append(own.in(t), r.Problems[len(own):]...), nil
}
