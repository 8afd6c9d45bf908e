package codec

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Context is what the expander knows about the session, in words no
// protocol owns: the session fills it from its dialect and its state (see
// session.HelperContextOf). The zero Context is a session of an unknown
// protocol with no SASL and no APOP: :plain, :cram and :apop refuse there.
type Context struct {
	Protocol string // the protocol's name ("smtp", "pop3"), for messages
	Greeting string // the server greeting text (for the APOP timestamp)
	// SASLVerb is the command that starts a SASL exchange ("AUTH"; IMAP
	// says "AUTHENTICATE"); "" when the protocol has none.
	SASLVerb string
	APOP     bool // the protocol has APOP (RFC 1939 7)
	// InSASL reports that a SASL challenge is open: the next line answers
	// it, and a helper must send the bare response, never a command.
	InSASL bool
	// Mechanism is the mechanism of the open exchange in upper case
	// ("PLAIN", "CRAM-MD5"), "" when unknown or when none is open.
	Mechanism string
	// Challenge is the base64 text of the open challenge (334 / "+ "), ""
	// if none is open or it is empty.
	Challenge string
	// SASLIR reports that the server advertised SASL-IR (RFC 4959). SMTP's
	// and POP3's AUTH always take an initial response; IMAP's AUTHENTICATE
	// only with SASL-IR, so without it :plain sends a bare
	// "AUTHENTICATE PLAIN" and the response goes after the "+".
	SASLIR bool
	// UTF8 reports that the server takes UTF-8 in IMAP quoted strings: it
	// advertised UTF8=ACCEPT (RFC 6855) or IMAP4rev2 (RFC 9051). Without
	// it :login refuses a non-ASCII user name or password.
	UTF8 bool
	// Lang is the language of the notes and errors: "zh" for Chinese,
	// English otherwise.
	Lang string
}

// imapAuth reports whether the session authenticates as IMAP does:
// AUTHENTICATE is IMAP's SASL verb (RFC 9051 6.2.2), and a protocol with
// it has LOGIN (6.2.3) and takes an initial response only with SASL-IR.
func (ctx Context) imapAuth() bool { return ctx.SASLVerb == "AUTHENTICATE" }

// initialResponse reports whether the SASL verb may carry the response
// on its own line (RFC 4954 for SMTP, RFC 5034 for POP3, RFC 4959 for IMAP).
func (ctx Context) initialResponse() bool { return !ctx.imapAuth() || ctx.SASLIR }

// Expansion is the result of expanding one typed line.
//
// Send and Display are never tagged: in a tagged protocol (IMAP) the
// prompt asks the dialect's tagger to tag a command line the helpers made
// (":login" gives "LOGIN student secret", sent as "a1 LOGIN student
// secret") and puts the same tag before Display ([Expansion.WithTag]).
type Expansion struct {
	// Send is the line to send on the wire, without CRLF; "" when nothing is
	// sent. It never contains CR or LF.
	Send string
	// Display is what to show the user in place of the typed line: Send with
	// the credential masked and a note on what the helper did, for example
	// `AUTH PLAIN ••••••••  (PLAIN: "" / "student" / ******)`.
	Display string
	// Show is text only to show (the result of :unb64); it is never sent.
	Show string
	// Secret reports that Send carries a credential, so it must not reach
	// the history or the transcript.
	Secret bool
	// Helper names the helper used ("b64", "unb64", "plain", "cram",
	// "apop", "login", "unmutf7"); the first inline helper of a line
	// ("b64", "plain", "mutf7"); "" for a plain line.
	Helper string
}

// WithTag returns e with tag and a space put before Send and Display, for
// the prompt of a tagged protocol; an empty tag or Send leaves e as it is.
func (e Expansion) WithTag(tag string) Expansion {
	if tag == "" || e.Send == "" {
		return e
	}
	e.Send = tag + " " + e.Send
	e.Display = tag + " " + e.Display
	return e
}

// ErrLineBreak is returned when the line to send would contain CR or LF.
var ErrLineBreak = errors.New("the line to send would contain a line break (CR or LF)")

const (
	maskedToken    = "••••••••" // stands for an encoded credential
	maskedPassword = "******"   // stands for a password; its length tells nothing
)

// helperFunc expands one colon helper given the text after its name.
type helperFunc func(args string, ctx Context) (Expansion, error)

// colonHelpers maps helper names to their expanders.
var colonHelpers = map[string]helperFunc{
	"b64":   expandB64,
	"unb64": expandUnB64,
	"plain": expandPlain,
	"cram":  expandCram,
	"apop":  expandAPOP,
	// IMAP (imap.go)
	"login":   expandLogin,
	"unmutf7": expandUnMUTF7,
}

// Expand expands helpers in a typed line; see the package documentation
// and [Syntax] for the forms. A line without helpers is sent as typed.
func Expand(line string, ctx Context) (Expansion, error) {
	var exp Expansion
	var err error
	switch {
	case strings.HasPrefix(line, "::"):
		exp, err = expandInline(line[1:], ctx)
	case strings.HasPrefix(line, ":"):
		exp, err = expandColon(line[1:], ctx)
	default:
		exp, err = expandInline(line, ctx)
	}
	if err != nil {
		return Expansion{}, err
	}
	if strings.ContainsAny(exp.Send, "\r\n") {
		return Expansion{}, ErrLineBreak
	}
	return exp, nil
}

// expandColon runs the helper named at the start of rest (the line after ':').
func expandColon(rest string, ctx Context) (Expansion, error) {
	name, args := splitWord(rest)
	helper, ok := colonHelpers[strings.ToLower(name)]
	if !ok {
		return Expansion{}, &UnknownHelperError{Name: name}
	}
	return helper(args, ctx)
}

// splitWord returns the text before the first space or tab and the rest
// with its leading spaces and tabs removed.
func splitWord(s string) (word, rest string) {
	end := strings.IndexAny(s, " \t")
	if end < 0 {
		return s, ""
	}
	return s[:end], strings.TrimLeft(s[end:], " \t")
}

// credentials splits "USER PASS"; PASS is everything after USER and the
// white space that follows it.
func credentials(args, usage string) (user, pass string, err error) {
	user, pass = splitWord(args)
	if user == "" || pass == "" {
		return "", "", &UsageError{Usage: usage}
	}
	return user, pass, nil
}

// expandB64 sends base64(TEXT) as the answer to an AUTH LOGIN prompt.
func expandB64(args string, ctx Context) (Expansion, error) {
	if args == "" {
		return Expansion{}, &UsageError{Usage: ":b64 TEXT"}
	}
	part := b64Part(args, ctx)
	return Expansion{Send: part.send, Display: part.withNote(ctx), Secret: true, Helper: "b64"}, nil
}

// expandUnB64 shows what TEXT, or the last challenge, decodes to.
func expandUnB64(args string, ctx Context) (Expansion, error) {
	text := args
	if text == "" {
		text = ctx.Challenge
	}
	if text == "" {
		return Expansion{}, &UsageError{Usage: ":unb64 TEXT", Why: WhyNoChallenge}
	}
	decoded, err := UnB64(text)
	if err != nil {
		return Expansion{}, fmt.Errorf(":unb64: %w", err)
	}
	return Expansion{Show: readable(decoded), Helper: "unb64"}, nil
}

// expandPlain logs in with PLAIN (RFC 4616): it starts the exchange with
// the protocol's SASL verb and the initial response, or, when a PLAIN
// exchange is already open (the server sent an empty challenge), sends
// the response alone. Where the verb takes no initial response (IMAP
// without SASL-IR) it sends the verb and mechanism alone: the response
// is typed again after the server's "+".
func expandPlain(args string, ctx Context) (Expansion, error) {
	answer := false
	switch {
	case ctx.InSASL:
		if !plainOpen(ctx) {
			return Expansion{}, ctx.refuse(ErrOtherExchange, "plain")
		}
		answer = true
	case ctx.SASLVerb == "":
		return Expansion{}, ctx.refuse(ErrNoSASL, "plain")
	}
	user, pass, err := credentials(args, ":plain USER PASS")
	if err != nil {
		return Expansion{}, err
	}
	part := plainPart(user, pass, ctx)
	if answer {
		return Expansion{Send: part.send, Display: part.withNote(ctx), Secret: true, Helper: "plain"}, nil
	}
	command := ctx.SASLVerb + " PLAIN"
	if !ctx.initialResponse() {
		// Secret although Send holds no credential: the typed line does.
		return Expansion{Send: command, Display: ctx.noted(command, ctx.noSASLIRNote()), Secret: true, Helper: "plain"}, nil
	}
	command += " "
	return Expansion{
		Send:    command + part.send,
		Display: command + part.withNote(ctx),
		Secret:  true,
		Helper:  "plain",
	}, nil
}

// plainOpen reports whether the open exchange is PLAIN: so named, or of
// an unknown mechanism whose challenge is empty, as PLAIN's always is.
func plainOpen(ctx Context) bool {
	return ctx.Mechanism == "PLAIN" || ctx.Mechanism == "" && strings.TrimSpace(ctx.Challenge) == ""
}

// expandCram answers the open CRAM-MD5 challenge (RFC 2195); with none
// open it refuses, and nothing is sent.
func expandCram(args string, ctx Context) (Expansion, error) {
	switch {
	case ctx.InSASL && !cramOpen(ctx):
		return Expansion{}, ctx.refuse(ErrOtherExchange, "cram")
	case !ctx.InSASL && ctx.SASLVerb == "":
		return Expansion{}, ctx.refuse(ErrNoSASL, "cram")
	case !ctx.InSASL:
		return Expansion{}, ctx.refuse(ErrNoChallenge, "cram")
	}
	user, pass, err := credentials(args, ":cram USER PASS")
	if err != nil {
		return Expansion{}, err
	}
	response, err := CRAMMD5Response(ctx.Challenge, user, pass)
	if err != nil {
		return Expansion{}, fmt.Errorf(":cram: %w", err)
	}
	challenge, _ := UnB64(ctx.Challenge) // decoded fine just above
	return Expansion{Send: response, Display: ctx.noted(maskedToken, ctx.cramNote(user, challenge)), Secret: true, Helper: "cram"}, nil
}

// cramOpen reports whether the open exchange is CRAM-MD5: so named, or of
// an unknown mechanism whose challenge reads like RFC 2195's "<...>".
func cramOpen(ctx Context) bool {
	if ctx.Mechanism != "" {
		return ctx.Mechanism == "CRAM-MD5"
	}
	decoded, err := UnB64(ctx.Challenge)
	decoded = strings.TrimSpace(decoded)
	return err == nil && len(decoded) > 2 && decoded[0] == '<' && decoded[len(decoded)-1] == '>'
}

// expandAPOP sends APOP USER digest for the greeting's timestamp (RFC
// 1939), only in a protocol that has APOP, outside a SASL exchange, and
// when the greeting carries a timestamp.
func expandAPOP(args string, ctx Context) (Expansion, error) {
	switch {
	case !ctx.APOP:
		return Expansion{}, ctx.refuse(ErrNoAPOP, "apop")
	case ctx.InSASL:
		return Expansion{}, ctx.refuse(ErrOtherExchange, "apop")
	}
	timestamp, ok := APOPTimestamp(ctx.Greeting)
	if !ok {
		return Expansion{}, ctx.refuse(ErrNoAPOPTimestamp, "apop")
	}
	user, pass, err := credentials(args, ":apop USER PASS")
	if err != nil {
		return Expansion{}, err
	}
	return Expansion{
		Send:    "APOP " + user + " " + APOPDigest(timestamp, pass),
		Display: ctx.noted("APOP "+user+" "+maskedToken, ctx.apopNote(timestamp)),
		Secret:  true,
		Helper:  "apop",
	}, nil
}

// readable returns s as is when it prints cleanly (line breaks and tabs
// allowed), otherwise Go-quoted so that NULs and other control bytes show.
func readable(s string) string {
	if !utf8.ValidString(s) {
		return strconv.Quote(s)
	}
	for _, r := range s {
		if !unicode.IsPrint(r) && r != '\t' && r != '\r' && r != '\n' {
			return strconv.Quote(s)
		}
	}
	return s
}
