package codec

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// B64 returns the standard (RFC 4648, padded) base64 encoding of the
// UTF-8 bytes of s.
func B64(s string) string {
	return base64.StdEncoding.EncodeToString([]byte(s))
}

// UnB64 decodes standard base64 text. Surrounding white space is ignored and
// missing padding is tolerated ("dGVzdA" and "dGVzdA==" both decode to
// "test"); more padding than needed, or any character outside the base64
// alphabet, is an error. The error names the problem and its position but
// never repeats the input, which may be a credential.
func UnB64(s string) (string, error) {
	text := strings.TrimSpace(s)
	body := strings.TrimRight(text, "=")
	if err := checkAlphabet(body); err != nil {
		return "", err
	}
	if err := checkPadding(len(body), len(text)-len(body)); err != nil {
		return "", err
	}
	decoded, err := base64.RawStdEncoding.DecodeString(body)
	if err != nil {
		return "", fmt.Errorf("invalid base64: %w", err)
	}
	return string(decoded), nil
}

// checkAlphabet reports the first character that is not base64.
func checkAlphabet(body string) error {
	for at, r := range body {
		if !isBase64Char(r) {
			return fmt.Errorf("invalid base64: character %q at position %d is not in the base64 alphabet", r, at+1)
		}
	}
	return nil
}

// isBase64Char reports whether r belongs to the standard base64 alphabet.
func isBase64Char(r rune) bool {
	return 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '+' || r == '/'
}

// checkPadding rejects impossible lengths and more '=' than the last group
// needs; fewer (even none) is fine.
func checkPadding(bodyLen, padding int) error {
	if bodyLen%4 == 1 {
		return fmt.Errorf("invalid base64: %d characters cannot be complete base64 (one is missing or extra)", bodyLen)
	}
	if padding == 0 {
		return nil
	}
	if bodyLen%4 == 0 || padding > 4-bodyLen%4 {
		return fmt.Errorf("invalid base64: wrong padding (%d '=' after %d characters)", padding, bodyLen)
	}
	return nil
}
