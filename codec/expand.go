package codec

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Context is what the expander knows about the session.
type Context struct {
	Challenge string // base64 text of the last 334 / "+ " challenge, "" if none
	Greeting  string // the server greeting text (for the APOP timestamp)
	Protocol  string // "smtp" or "pop3"
}

// Expansion is the result of expanding one typed line.
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
	// "apop"); the first inline helper of a line; "" for a plain line.
	Helper string
}

// UnknownHelperError is returned by [Expand] for a line starting with a
// colon that names no helper, so the prompt can try its own meta-commands
// (":help", ":quit", ...).
type UnknownHelperError struct {
	Name string // the word after the colon, as typed
}

// Error names the unknown helper and lists the known ones.
func (e *UnknownHelperError) Error() string {
	return fmt.Sprintf("unknown helper %q (helpers: :b64 :unb64 :plain :cram :apop; "+
		"inline {b64:TEXT} {plain:USER PASS}; start a line with \"::\" to send a literal ':')", ":"+e.Name)
}

// Errors [Expand] returns that callers may want to tell apart.
var (
	// ErrNoChallenge is returned by :cram when no challenge has been received.
	ErrNoChallenge = errors.New("no CRAM-MD5 challenge yet: send AUTH CRAM-MD5 first")
	// ErrNoAPOPTimestamp is returned by :apop when the greeting has no <timestamp>.
	ErrNoAPOPTimestamp = errors.New("the server greeting has no <timestamp>: this server does not offer APOP")
	// ErrLineBreak is returned when the line to send would contain CR or LF.
	ErrLineBreak = errors.New("the line to send would contain a line break (CR or LF)")
)

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
		return "", "", fmt.Errorf("usage: %s", usage)
	}
	return user, pass, nil
}

// expandB64 sends base64(TEXT) as the answer to an AUTH LOGIN prompt.
func expandB64(args string, ctx Context) (Expansion, error) {
	if args == "" {
		return Expansion{}, errors.New("usage: :b64 TEXT")
	}
	part := b64Part(args, ctx)
	return Expansion{Send: part.send, Display: part.withNote(), Secret: true, Helper: "b64"}, nil
}

// expandUnB64 shows what TEXT, or the last challenge, decodes to.
func expandUnB64(args string, ctx Context) (Expansion, error) {
	text := args
	if text == "" {
		text = ctx.Challenge
	}
	if text == "" {
		return Expansion{}, errors.New("usage: :unb64 TEXT (no challenge to decode yet)")
	}
	decoded, err := UnB64(text)
	if err != nil {
		return Expansion{}, fmt.Errorf(":unb64: %w", err)
	}
	return Expansion{Show: readable(decoded), Helper: "unb64"}, nil
}

// expandPlain sends AUTH PLAIN with the RFC 4616 initial response.
func expandPlain(args string, _ Context) (Expansion, error) {
	user, pass, err := credentials(args, ":plain USER PASS")
	if err != nil {
		return Expansion{}, err
	}
	part := plainPart(user, pass)
	return Expansion{
		Send:    "AUTH PLAIN " + part.send,
		Display: "AUTH PLAIN " + part.withNote(),
		Secret:  true,
		Helper:  "plain",
	}, nil
}

// expandCram answers the last CRAM-MD5 challenge (RFC 2195).
func expandCram(args string, ctx Context) (Expansion, error) {
	if strings.TrimSpace(ctx.Challenge) == "" {
		return Expansion{}, ErrNoChallenge
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
	note := fmt.Sprintf("CRAM-MD5: %s + HMAC-MD5 of %s keyed with %s",
		strconv.Quote(user), strconv.Quote(challenge), maskedPassword)
	return Expansion{Send: response, Display: maskedToken + "  (" + note + ")", Secret: true, Helper: "cram"}, nil
}

// expandAPOP sends APOP USER digest for the greeting's timestamp (RFC 1939).
func expandAPOP(args string, ctx Context) (Expansion, error) {
	if strings.EqualFold(ctx.Protocol, "smtp") {
		return Expansion{}, errors.New(":apop: APOP is a POP3 command and this is an SMTP session")
	}
	timestamp, ok := APOPTimestamp(ctx.Greeting)
	if !ok {
		return Expansion{}, ErrNoAPOPTimestamp
	}
	user, pass, err := credentials(args, ":apop USER PASS")
	if err != nil {
		return Expansion{}, err
	}
	return Expansion{
		Send: "APOP " + user + " " + APOPDigest(timestamp, pass),
		Display: fmt.Sprintf("APOP %s %s  (MD5 of %s + %s)",
			user, maskedToken, strconv.Quote(timestamp), maskedPassword),
		Secret: true,
		Helper: "apop",
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
