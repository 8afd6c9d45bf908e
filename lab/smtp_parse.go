package lab

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// errPathSyntax is any malformed MAIL FROM / RCPT TO argument.
var errPathSyntax = errors.New("bad address syntax")

// parseSMTPCommand splits a command line into its upper case verb and the
// argument with surrounding spaces removed.
func parseSMTPCommand(line string) (verb, arg string) {
	verb, arg, _ = strings.Cut(line, " ")
	return strings.ToUpper(verb), strings.TrimSpace(arg)
}

// smtpPath is a parsed MAIL FROM or RCPT TO argument.
type smtpPath struct {
	Address string   // without angle brackets or source route; "" is the null sender
	Params  []string // ESMTP parameters, "KEY" or "KEY=VALUE"
}

// parsePath parses the argument of MAIL (keyword "FROM:") or RCPT ("TO:"),
// as leniently as Postfix does by default: a space after the colon and a
// missing pair of angle brackets are accepted, a source route is dropped.
func parsePath(arg, keyword string) (smtpPath, error) {
	if len(arg) < len(keyword) || !strings.EqualFold(arg[:len(keyword)], keyword) {
		return smtpPath{}, errPathSyntax
	}
	rest := strings.TrimLeft(arg[len(keyword):], " ")
	if rest == "" {
		return smtpPath{}, errPathSyntax
	}
	var address string
	if rest[0] == '<' {
		end := strings.IndexByte(rest, '>')
		if end < 0 {
			return smtpPath{}, errPathSyntax
		}
		address, rest = rest[1:end], rest[end+1:]
		if rest != "" && rest[0] != ' ' {
			return smtpPath{}, errPathSyntax
		}
	} else {
		address, rest, _ = strings.Cut(rest, " ")
	}
	address, err := dropSourceRoute(address)
	if err != nil || !validAddress(address) {
		return smtpPath{}, errPathSyntax
	}
	return smtpPath{Address: address, Params: strings.Fields(rest)}, nil
}

// dropSourceRoute turns "@a,@b:user@d" into "user@d" (RFC 5321 section C).
func dropSourceRoute(address string) (string, error) {
	if !strings.HasPrefix(address, "@") {
		return address, nil
	}
	_, mailbox, ok := strings.Cut(address, ":")
	if !ok {
		return "", errPathSyntax
	}
	return mailbox, nil
}

// validAddress accepts "" and local@domain or a bare local part, made of
// printable characters (UTF-8 allowed) with no space or angle bracket.
func validAddress(address string) bool {
	if !utf8.ValidString(address) || len(address) > 254 {
		return false
	}
	for _, r := range address {
		if r <= ' ' || r == 0x7f || r == '<' || r == '>' {
			return false
		}
	}
	if at := strings.LastIndexByte(address, '@'); at >= 0 {
		return at > 0 && at < len(address)-1
	}
	return true
}

// isASCII reports whether s is plain US-ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// smtpReply is one reply line: code, enhanced code ("" for none) and text.
type smtpReply struct {
	code int
	enh  string
	text string
}

// mailParams is what the lab takes from the ESMTP parameters of MAIL.
type mailParams struct {
	utf8 bool // SMTPUTF8 given (RFC 6531)
}

// parseMailParams checks the MAIL parameters the lab supports (SIZE, BODY,
// SMTPUTF8, AUTH) and returns the Postfix reply for the first bad one.
func parseMailParams(params []string, maxBytes int64) (mailParams, *smtpReply) {
	var out mailParams
	for _, param := range params {
		key, value, _ := strings.Cut(param, "=")
		switch strings.ToUpper(key) {
		case "SIZE":
			size, err := strconv.ParseInt(value, 10, 64)
			if err != nil || size < 0 {
				return out, &smtpReply{501, "5.5.4", "Bad message size syntax"}
			}
			if size > maxBytes {
				return out, &smtpReply{552, "5.3.4", "Message size exceeds fixed limit"}
			}
		case "BODY":
			if !strings.EqualFold(value, "7BIT") && !strings.EqualFold(value, "8BITMIME") {
				return out, &smtpReply{501, "5.5.4", "Bad BODY keyword value"}
			}
		case "SMTPUTF8":
			out.utf8 = true
		case "AUTH":
			// RFC 4954 section 5: accepted and ignored.
		default:
			return out, &smtpReply{555, "5.5.4", "Unsupported option: " + param}
		}
	}
	return out, nil
}
