package lab

import (
	"errors"
	"slices"
	"testing"
)

func TestCRAMMD5RFC2195Vector(t *testing.T) {
	// RFC 2195 section 2: the example exchange.
	const challenge = "<1896.697170952@postoffice.reston.mci.net>"
	acc := &accounts{domain: "example.test", passwords: map[string]string{"tim": "tanstaaftanstaaf"}}
	tests := []struct {
		response string
		wantErr  error
	}{
		{"tim b913a602c7eda7a495b4e6e7334d3890", nil},
		{"tim B913A602C7EDA7A495B4E6E7334D3890", nil},
		{"tim b913a602c7eda7a495b4e6e7334d3891", errAuthFailed},
		{"tom b913a602c7eda7a495b4e6e7334d3890", errAuthFailed},
		{"tim b913a602", errAuthMalformed},
		{"b913a602c7eda7a495b4e6e7334d3890", errAuthMalformed},
	}
	for _, tt := range tests {
		var user string
		srv := &cramMD5Server{acc: acc, challenge: challenge, user: &user}
		if got, done, err := srv.Next(nil); string(got) != challenge || done || err != nil {
			t.Fatalf("first step: %q %v %v", got, done, err)
		}
		_, done, err := srv.Next([]byte(tt.response))
		if !done || !errors.Is(err, tt.wantErr) {
			t.Errorf("%q: done %v err %v, want %v", tt.response, done, err, tt.wantErr)
		}
		if (err == nil) != (user == "tim") {
			t.Errorf("%q: user %q after err %v", tt.response, user, err)
		}
	}
}

func TestAPOPRFC1939Vector(t *testing.T) {
	// RFC 1939 section 7: the APOP example.
	const timestamp = "<1896.697170952@dbc.mtview.ca.us>"
	tests := []struct {
		password, digest string
		want             bool
	}{
		{"tanstaaf", "c4c9334bac560ecc979e58001b3e22fb", true},
		{"tanstaaf", "C4C9334BAC560ECC979E58001B3E22FB", true},
		{"tanstaaf", "c4c9334bac560ecc979e58001b3e22fc", false},
		{"tanstaaf", "c4c9334bac560ecc979e58001b3e22f", false},
		{"tanstaaf", "", false},
		{"tanstaag", "c4c9334bac560ecc979e58001b3e22fb", false},
	}
	for _, tt := range tests {
		if got := apopDigestMatches(timestamp, tt.password, tt.digest); got != tt.want {
			t.Errorf("apopDigestMatches(%q, %q) = %v, want %v", tt.password, tt.digest, got, tt.want)
		}
	}
}

func TestLoginServer(t *testing.T) {
	acc := &accounts{domain: "example.test", passwords: map[string]string{"student": "secret123"}}
	tests := []struct {
		name      string
		initial   []byte
		responses []string
		prompts   []string
		wantUser  string
		wantErr   error
	}{
		{"prompts for both", nil, []string{"student", "secret123"}, []string{"Username:", "Password:"}, "student", nil},
		{"initial response is the user", []byte("student@example.test"), []string{"secret123"}, []string{"Password:"}, "student", nil},
		{"wrong password", nil, []string{"student", "nope"}, []string{"Username:", "Password:"}, "", errAuthFailed},
		{"empty user", []byte{}, []string{"secret123"}, []string{"Password:"}, "", errAuthFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var user string
			var prompts []string
			srv, _ := newSASLServer("login", acc, "mail.example.test", &user)
			responses := tt.responses
			err := runSASL(srv, tt.initial, func(challenge []byte) ([]byte, error) {
				prompts = append(prompts, string(challenge))
				next := responses[0]
				responses = responses[1:]
				return []byte(next), nil
			})
			if !errors.Is(err, tt.wantErr) || user != tt.wantUser {
				t.Fatalf("err %v user %q, want %v %q", err, user, tt.wantErr, tt.wantUser)
			}
			if !slices.Equal(prompts, tt.prompts) {
				t.Errorf("prompts %q, want %q", prompts, tt.prompts)
			}
		})
	}
}

func TestNewSASLServer(t *testing.T) {
	acc := &accounts{domain: "example.test", passwords: map[string]string{"student": "secret123"}}
	for _, mech := range []string{"PLAIN", "plain", "LOGIN", "CRAM-MD5", "cram-md5"} {
		if _, ok := newSASLServer(mech, acc, "h", new(string)); !ok {
			t.Errorf("%s not offered", mech)
		}
	}
	for _, mech := range []string{"", "GSSAPI", "XOAUTH2", "ANONYMOUS", "EXTERNAL"} {
		if _, ok := newSASLServer(mech, acc, "h", new(string)); ok {
			t.Errorf("%q offered", mech)
		}
	}
}

func TestDecodeSASLResponse(t *testing.T) {
	tests := []struct {
		line    string
		want    string
		wantErr error
	}{
		{"c3R1ZGVudA==", "student", nil},
		{"=", "", nil},
		{"", "", nil},
		{"*", "", errAuthCancelled},
		{"c3R1ZGVudA", "", errAuthBadBase64},
		{"not base64", "", errAuthBadBase64},
	}
	for _, tt := range tests {
		got, err := decodeSASLResponse(tt.line)
		if !errors.Is(err, tt.wantErr) || string(got) != tt.want {
			t.Errorf("%q: %q %v, want %q %v", tt.line, got, err, tt.want, tt.wantErr)
		}
		if err == nil && got == nil {
			t.Errorf("%q: nil response (means 'no response' to go-sasl)", tt.line)
		}
	}
}
