package lab

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/emersion/go-sasl"

	"github.com/mailtutor/mailtutor/codec"
)

// saslMechanisms lists the mechanisms the lab offers, in the order it
// advertises them.
var saslMechanisms = []string{sasl.Plain, sasl.Login, "CRAM-MD5"}

// Errors of a SASL exchange. Every one of them ends the AUTH command.
var (
	errAuthFailed     = errors.New("authentication failed")
	errAuthCancelled  = errors.New("authentication cancelled by the client")
	errAuthBadBase64  = errors.New("cannot decode base64 response")
	errAuthMalformed  = errors.New("malformed authentication response")
	errAuthNoInitResp = errors.New("mechanism takes no initial response")
)

// newSASLServer returns the server side of mech (case-insensitive), or false
// for a mechanism the lab does not offer. On success the server stores the
// mailbox name of the authenticated user in *user.
func newSASLServer(mech string, acc *accounts, hostname string, user *string) (sasl.Server, bool) {
	switch strings.ToUpper(mech) {
	case sasl.Plain:
		return sasl.NewPlainServer(func(identity, login, password string) error {
			if identity != "" && identity != login {
				return errAuthFailed // the lab does not let one user act for another
			}
			name, ok := acc.check(login, password)
			if !ok {
				return errAuthFailed
			}
			*user = name
			return nil
		}), true
	case sasl.Login:
		return &loginServer{acc: acc, user: user}, true
	case "CRAM-MD5":
		return &cramMD5Server{acc: acc, challenge: cramChallenge(hostname), user: user}, true
	}
	return nil, false
}

// loginServer is the server side of the LOGIN mechanism
// (draft-murchison-sasl-login): it prompts "Username:" then "Password:".
// A client may send the user name as an initial response.
type loginServer struct {
	acc   *accounts
	user  *string
	step  int // 0: nothing yet, 1: asked for the user name, 2: asked for the password
	login string
}

// Next implements sasl.Server.
func (s *loginServer) Next(response []byte) ([]byte, bool, error) {
	switch s.step {
	case 0:
		if response == nil {
			s.step = 1
			return []byte("Username:"), false, nil
		}
		s.login, s.step = string(response), 2
		return []byte("Password:"), false, nil
	case 1:
		s.login, s.step = string(response), 2
		return []byte("Password:"), false, nil
	case 2:
		s.step = 3
		name, ok := s.acc.check(s.login, string(response))
		if !ok {
			return nil, true, errAuthFailed
		}
		*s.user = name
		return nil, true, nil
	}
	return nil, true, sasl.ErrUnexpectedClientResponse
}

// cramMD5Server is the server side of CRAM-MD5 (RFC 2195).
type cramMD5Server struct {
	acc       *accounts
	user      *string
	challenge string
	sent      bool
}

// cramChallenge makes an RFC 2195 challenge: <random.timestamp@hostname>.
func cramChallenge(hostname string) string {
	var b [4]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return fmt.Sprintf("<%d.%d@%s>", binary.BigEndian.Uint32(b[:]), time.Now().Unix(), hostname)
}

// Next implements sasl.Server.
func (s *cramMD5Server) Next(response []byte) ([]byte, bool, error) {
	if !s.sent {
		if response != nil {
			return nil, true, errAuthNoInitResp
		}
		s.sent = true
		return []byte(s.challenge), false, nil
	}
	login, digest, err := parseCRAMResponse(string(response))
	if err != nil {
		return nil, true, err
	}
	name, password, ok := s.acc.password(login)
	if !ok || !cramAnswerMatches(s.challenge, login, digest, password) {
		return nil, true, errAuthFailed
	}
	*s.user = name
	return nil, true, nil
}

// cramAnswerMatches computes the answer a client knowing password gives to
// challenge (codec.CRAMMD5Response, what the prompt's :cram sends) and
// compares it in constant time with the one received: login and a lower
// case hex digest.
func cramAnswerMatches(challenge, login, hexDigest, password string) bool {
	want, err := codec.CRAMMD5Response(codec.B64(challenge), login, password)
	if err != nil {
		return false // cannot happen: the challenge is the lab's own base64
	}
	got := codec.B64(login + " " + hexDigest)
	return subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

// cramDigestHexLen is the length of a CRAM-MD5 digest in hex: an MD5 sum.
const cramDigestHexLen = 32

// parseCRAMResponse splits an RFC 2195 response "user SP 32-hex-digits" into
// the user name and the digest in lower case hex.
func parseCRAMResponse(response string) (string, string, error) {
	sp := strings.LastIndexByte(response, ' ')
	if sp <= 0 {
		return "", "", errAuthMalformed
	}
	login, hexDigest := response[:sp], response[sp+1:]
	if len(hexDigest) != cramDigestHexLen {
		return "", "", errAuthMalformed
	}
	if _, err := hex.DecodeString(hexDigest); err != nil {
		return "", "", errAuthMalformed
	}
	return login, strings.ToLower(hexDigest), nil
}

// runSASL drives srv to the end. initial is the client's initial response
// (nil when none was given); ask sends a challenge and returns the client's
// decoded answer.
func runSASL(srv sasl.Server, initial []byte, ask func(challenge []byte) ([]byte, error)) error {
	response := initial
	for {
		challenge, done, err := srv.Next(response)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
		if response, err = ask(challenge); err != nil {
			return err
		}
	}
}

// decodeSASLResponse decodes one base64 line of a SASL exchange: "*" cancels
// and "=" is an empty response (RFC 4954, RFC 5034). The result is never nil.
func decodeSASLResponse(line string) ([]byte, error) {
	switch line {
	case "*":
		return nil, errAuthCancelled
	case "=":
		return []byte{}, nil
	}
	decoded, err := base64.StdEncoding.DecodeString(line)
	if err != nil {
		return nil, errAuthBadBase64
	}
	if decoded == nil {
		decoded = []byte{}
	}
	return decoded, nil
}

// encodeChallenge base64-encodes a challenge for the wire.
func encodeChallenge(challenge []byte) string {
	return codec.B64(string(challenge))
}
