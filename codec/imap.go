package codec

import (
	"strings"
	"unicode/utf8"
)

// expandLogin sends IMAP's LOGIN (RFC 9051 6.2.3) with the user name and
// password each as an atom when it can be one, else as a quoted string.
// It refuses outside IMAP, during a SASL exchange, and for what a quoted
// string cannot carry (a literal can; the prompt sends those).
func expandLogin(args string, ctx Context) (Expansion, error) {
	switch {
	case !ctx.imapAuth():
		return Expansion{}, ctx.refuse(ErrNoLogin, "login")
	case ctx.InSASL:
		return Expansion{}, ctx.refuse(ErrOtherExchange, "login")
	}
	user, pass, err := credentials(args, ":login USER PASS")
	if err != nil {
		return Expansion{}, err
	}
	quotedUser, bad := AString(user, ctx.UTF8)
	if bad != "" {
		return Expansion{}, ctx.refuseUnquotable("user", bad)
	}
	quotedPass, bad := AString(pass, ctx.UTF8)
	if bad != "" {
		return Expansion{}, ctx.refuseUnquotable("password", bad)
	}
	return Expansion{
		Send:    "LOGIN " + quotedUser + " " + quotedPass,
		Display: ctx.noted("LOGIN "+quotedUser+" "+maskedPassword, ctx.loginNote(user)),
		Secret:  true,
		Helper:  "login",
	}, nil
}

// refuseUnquotable is the refusal of :login for field ("user",
// "password") holding char (CharNUL ...).
func (ctx Context) refuseUnquotable(field, char string) *RefusedError {
	e := ctx.refuse(ErrUnquotable, "login")
	e.Field, e.Char = field, char
	return e
}

// AString writes s as an IMAP astring (RFC 9051 4.3, RFC 3501 9): s
// itself when it is a non-empty run of ASTRING-CHARs (an atom, "]"
// allowed), else a quoted string with '"' and '\' escaped by '\'. utf8OK
// reports that the server takes UTF-8 in quoted strings ([Context.UTF8]).
// When no quoted string can carry s, bad says why (CharNUL,
// CharLineBreak, Char8Bit, CharNotUTF8) and only a literal can.
func AString(s string, utf8OK bool) (quoted, bad string) {
	if bad := unquotable(s, utf8OK); bad != "" {
		return "", bad
	}
	if isAtom(s) {
		return s, ""
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String(), ""
}

// unquotable says what in s no quoted string can carry, "" if nothing:
// quoted strings hold any CHAR but CR and LF (RFC 3501 9), and UTF-8
// where the server takes it.
func unquotable(s string, utf8OK bool) string {
	eightBit := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == 0:
			return CharNUL
		case c == '\r' || c == '\n':
			return CharLineBreak
		case c >= 0x80:
			eightBit = true
		}
	}
	switch {
	case eightBit && !utf8OK:
		return Char8Bit
	case eightBit && !utf8.ValidString(s):
		return CharNotUTF8
	}
	return ""
}

// isAtom reports whether s is a non-empty run of ASTRING-CHARs: printable
// ASCII but for the atom-specials ( ) { SP % * " \ (RFC 3501 9).
func isAtom(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`(){%*"\`, c) >= 0 {
			return false
		}
	}
	return true
}

// expandUnMUTF7 shows what a mailbox name in modified UTF-7 reads as.
func expandUnMUTF7(args string, _ Context) (Expansion, error) {
	if args == "" {
		return Expansion{}, &UsageError{Usage: ":unmutf7 TEXT", Why: WhyMailbox}
	}
	decoded, err := DecodeMUTF7(args)
	if err != nil {
		return Expansion{}, err
	}
	return Expansion{Show: readable(decoded), Helper: "unmutf7"}, nil
}
