package codec

import "testing"

func TestHelperInClear(t *testing.T) {
	for _, c := range []struct {
		rest         string
		secretAnswer bool
		shown        string
	}{
		{"plain student secret123", false, "plain student "},
		{"login student secret 123", false, "login student "},
		{"LOGIN  student pw", false, "LOGIN  student "},
		{"cram student", false, "cram student"},
		{"apop student pw", true, "apop student "},
		{"b64 student", false, "b64 student"},
		{"b64 secret123", true, "b64 "},
		{"b64", true, "b64"},
		{"unb64 c2VjcmV0", true, "unb64 c2VjcmV0"},
		{"help AUTH", true, "help AUTH"},
	} {
		if got := c.rest[:HelperInClear(c.rest, c.secretAnswer)]; got != c.shown {
			t.Errorf("%q (secret answer %v): shows %q, want %q", c.rest, c.secretAnswer, got, c.shown)
		}
	}
}
