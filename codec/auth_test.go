package codec

import (
	"strings"
	"testing"
)

func TestPlainResponse(t *testing.T) {
	tests := []struct {
		name, authzid, user, pass, want string
	}{
		// RFC 4616 section 4, first example: "\0tim\0tanstaaftanstaaf".
		{"rfc4616 no authzid", "", "tim", "tanstaaftanstaaf", "AHRpbQB0YW5zdGFhZnRhbnN0YWFm"},
		// RFC 4616 section 4, second example: Kurt acting as Ursel.
		{"rfc4616 with authzid", "Ursel", "Kurt", "xipj3plmq", "VXJzZWwAS3VydAB4aXBqM3BsbXE="},
		{"student", "", "student", "secret123", "AHN0dWRlbnQAc2VjcmV0MTIz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlainResponse(tt.authzid, tt.user, tt.pass); got != tt.want {
				t.Errorf("PlainResponse(%q, %q, %q) = %q, want %q", tt.authzid, tt.user, tt.pass, got, tt.want)
			}
		})
	}
}

func TestCRAMMD5Response(t *testing.T) {
	tests := []struct {
		name, challenge, user, pass, want string
	}{
		// RFC 2195 section 2 example.
		{"rfc2195", "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+",
			"tim", "tanstaaftanstaaf", "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw"},
		// RFC 2104 test case 2: HMAC-MD5("Jefe", "what do ya want for nothing?")
		// = 750c783e6ab0b503eaa86e310a5db738.
		{"rfc2104 case 2", "d2hhdCBkbyB5YSB3YW50IGZvciBub3RoaW5nPw==",
			"u", "Jefe", "dSA3NTBjNzgzZTZhYjBiNTAzZWFhODZlMzEwYTVkYjczOA=="},
		{"challenge without padding, with spaces", " d2hhdCBkbyB5YSB3YW50IGZvciBub3RoaW5nPw ",
			"u", "Jefe", "dSA3NTBjNzgzZTZhYjBiNTAzZWFhODZlMzEwYTVkYjczOA=="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CRAMMD5Response(tt.challenge, tt.user, tt.pass)
			if err != nil {
				t.Fatalf("CRAMMD5Response error: %v", err)
			}
			if got != tt.want {
				t.Errorf("CRAMMD5Response(%q, %q, ...) = %q, want %q", tt.challenge, tt.user, got, tt.want)
			}
		})
	}
}

func TestCRAMMD5ResponseBadChallenge(t *testing.T) {
	_, err := CRAMMD5Response("not base64!", "tim", "tanstaaftanstaaf")
	if err == nil || !strings.Contains(err.Error(), "CRAM-MD5 challenge") {
		t.Errorf("error = %v, want one about the CRAM-MD5 challenge", err)
	}
}

func TestAPOPDigest(t *testing.T) {
	// RFC 1939 section 7 example.
	const want = "c4c9334bac560ecc979e58001b3e22fb"
	if got := APOPDigest("<1896.697170952@dbc.mtview.ca.us>", "tanstaaf"); got != want {
		t.Errorf("APOPDigest = %q, want %q", got, want)
	}
}

func TestAPOPTimestamp(t *testing.T) {
	tests := []struct {
		name, greeting, want string
		ok                   bool
	}{
		{"rfc1939", "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>", "<1896.697170952@dbc.mtview.ca.us>", true},
		{"in the middle", "+OK <1.2@lab> ready", "<1.2@lab>", true},
		{"trailing CRLF", "+OK ready <a@b>\r\n", "<a@b>", true},
		{"no timestamp", "+OK Dovecot ready.", "", false},
		{"empty brackets", "+OK <> ready", "", false},
		{"unclosed", "+OK <1896.697@x", "", false},
		{"space inside skipped", "+OK <not a stamp> then <9@x>", "<9@x>", true},
		{"nested open", "+OK <<3@x>", "<3@x>", true},
		{"stray close first", "+OK > <4@x>", "<4@x>", true},
		{"empty greeting", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := APOPTimestamp(tt.greeting)
			if got != tt.want || ok != tt.ok {
				t.Errorf("APOPTimestamp(%q) = %q, %v; want %q, %v", tt.greeting, got, ok, tt.want, tt.ok)
			}
		})
	}
}
