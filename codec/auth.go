package codec

import (
	"crypto/hmac"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"strings"
)

// PlainResponse is the RFC 4616 PLAIN message base64-encoded:
// authzid NUL authcid NUL passwd. An empty authzid means "act as user".
func PlainResponse(authzid, user, pass string) string {
	return B64(authzid + "\x00" + user + "\x00" + pass)
}

// CRAMMD5Response answers a CRAM-MD5 challenge (RFC 2195):
// base64("user " + hex(HMAC-MD5(pass, challenge))).
// challengeB64 is the base64 text the server sent after "334 " or "+ ".
func CRAMMD5Response(challengeB64, user, pass string) (string, error) {
	challenge, err := UnB64(challengeB64)
	if err != nil {
		return "", fmt.Errorf("decode CRAM-MD5 challenge: %w", err)
	}
	mac := hmac.New(md5.New, []byte(pass))
	mac.Write([]byte(challenge))
	return B64(user + " " + hex.EncodeToString(mac.Sum(nil))), nil
}

// APOPDigest is the RFC 1939 APOP digest: lower-case hex MD5 of
// timestamp+secret. The timestamp includes its angle brackets.
func APOPDigest(timestamp, secret string) string {
	sum := md5.Sum([]byte(timestamp + secret))
	return hex.EncodeToString(sum[:])
}

// APOPTimestamp finds the <...> timestamp in a POP3 greeting; ok false if
// there is none. The result keeps the angle brackets, as the digest needs
// them. A candidate must be non-empty and contain no white space; the first
// one found wins.
func APOPTimestamp(greeting string) (string, bool) {
	rest := greeting
	for {
		open := strings.IndexByte(rest, '<')
		if open < 0 {
			return "", false
		}
		rest = rest[open:]
		end := strings.IndexAny(rest[1:], "<> \t\r\n")
		if end < 0 {
			return "", false
		}
		end++ // index in rest
		if rest[end] == '>' && end > 1 {
			return rest[:end+1], true
		}
		rest = rest[end:]
		if rest[0] != '<' {
			rest = rest[1:]
		}
	}
}
