package lab

import (
	"crypto/hmac"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
)

// md5Hex is the RFC 1939 APOP digest, computed here independently.
func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestPOP3APOP(t *testing.T) {
	l, logs := startLab(t, nil)
	tests := []struct {
		name   string
		login  string
		secret string
		upper  bool
		want   string
	}{
		{"right digest", "student", "secret123", false, "+OK Logged in."},
		{"with domain, upper case hex", "teacher@example.test", "teach456", true, "+OK Logged in."},
		{"wrong secret", "student", "secret124", false, "-ERR [AUTH] Authentication failed."},
		{"unknown user", "nobody", "secret123", false, "-ERR [AUTH] Authentication failed."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dialRaw(t, addr(t, l, "pop3"), nil)
			digest := md5Hex(greetingTimestamp(t, c.line()) + tt.secret)
			if tt.upper {
				digest = strings.ToUpper(digest)
			}
			c.cmd("APOP "+tt.login+" "+digest, tt.want)
			c.send("QUIT")
			if bye := c.line(); !strings.HasPrefix(bye, "+OK mailtutor lab POP3 server signing off") {
				t.Errorf("QUIT: %q", bye)
			}
		})
	}
	// A digest made for another session's timestamp is refused (no replay).
	c := dialRaw(t, addr(t, l, "pop3"), nil)
	c.line()
	c.cmd("APOP student "+md5Hex("<1896.697170952@dbc.mtview.ca.us>secret123"), "-ERR [AUTH] Authentication failed.")
	if strings.Contains(logs.text(), md5Hex("<1896.697170952@dbc.mtview.ca.us>secret123")) {
		t.Error("an APOP digest reached the log")
	}
}

func TestPOP3AuthMechanisms(t *testing.T) {
	l, _ := startLab(t, nil)
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	tests := []struct {
		name  string
		steps []pop3Step
	}{
		{"list", []pop3Step{{"AUTH", "+OK", []string{"PLAIN", "LOGIN", "CRAM-MD5"}}}},
		{"PLAIN initial response", []pop3Step{{"AUTH PLAIN " + b64("\x00student\x00secret123"), "+OK Logged in.", nil}}},
		{"PLAIN continuation", []pop3Step{{"AUTH PLAIN", "+ ", nil}, {b64("\x00student@example.test\x00secret123"), "+OK Logged in.", nil}}},
		{"PLAIN empty initial response", []pop3Step{{"AUTH PLAIN =", "-ERR [AUTH] Authentication failed.", nil}}},
		{"PLAIN bad password", []pop3Step{{"AUTH PLAIN " + b64("\x00student\x00nope"), "-ERR [AUTH] Authentication failed.", nil}}},
		{"LOGIN", []pop3Step{{"AUTH LOGIN", "+ VXNlcm5hbWU6", nil}, {b64("teacher"), "+ UGFzc3dvcmQ6", nil},
			{b64("teach456"), "+OK Logged in.", nil}}},
		{"LOGIN initial response", []pop3Step{{"auth login " + b64("teacher"), "+ UGFzc3dvcmQ6", nil}, {b64("teach456"), "+OK Logged in.", nil}}},
		{"LOGIN bad password", []pop3Step{{"AUTH LOGIN", "+ VXNlcm5hbWU6", nil}, {b64("teacher"), "+ UGFzc3dvcmQ6", nil},
			{b64("secret123"), "-ERR [AUTH] Authentication failed.", nil}}},
		{"cancelled", []pop3Step{{"AUTH LOGIN", "+ VXNlcm5hbWU6", nil}, {"*", "-ERR Authentication aborted", nil}}},
		{"bad base64", []pop3Step{{"AUTH PLAIN %%%", "-ERR Invalid base64 data", nil}}},
		{"unknown mechanism", []pop3Step{{"AUTH GSSAPI", "-ERR Unsupported authentication mechanism.", nil}}},
		{"CRAM-MD5 initial response", []pop3Step{{"AUTH CRAM-MD5 " + b64("x"), "-ERR [AUTH] Authentication failed.", nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dialRaw(t, addr(t, l, "pop3"), nil)
			c.line()
			runPOP3(t, c, tt.steps)
			// QUIT releases the mailbox before it answers, ready for the next case.
			c.send("QUIT")
			if bye := c.line(); !strings.HasPrefix(bye, "+OK mailtutor lab POP3 server signing off") {
				t.Errorf("QUIT: %q", bye)
			}
		})
	}
}

func TestPOP3AuthCRAMMD5(t *testing.T) {
	l, _ := startLab(t, nil)
	for _, tt := range []struct{ secret, want string }{
		{"secret123", "+OK Logged in."},
		{"secret12", "-ERR [AUTH] Authentication failed."},
	} {
		c := dialRaw(t, addr(t, l, "pop3"), nil)
		c.line()
		c.send("AUTH CRAM-MD5")
		encoded, ok := strings.CutPrefix(c.line(), "+ ")
		if !ok {
			t.Fatal("no + continuation")
		}
		challenge, err := base64.StdEncoding.DecodeString(encoded)
		if err != nil {
			t.Fatal(err)
		}
		mac := hmac.New(md5.New, []byte(tt.secret))
		mac.Write(challenge)
		c.cmd(base64.StdEncoding.EncodeToString([]byte("student "+hex.EncodeToString(mac.Sum(nil)))), tt.want)
		_ = c.conn.Close()
		if tt.want[0] == '+' {
			loginWhenFree(t, l, "student", "secret123") // wait for the lock to go
		}
	}
}

func TestPOP3STLS(t *testing.T) {
	l, _ := startLab(t, nil)
	msg := "Subject: tls\r\n\r\n.hidden\r\n"
	seed(t, l, "student", msg)
	c := dialRaw(t, addr(t, l, "pop3"), nil)
	c.line()
	// A command pipelined in clear text after STLS must be discarded.
	if _, err := c.conn.Write([]byte("STLS\r\nUSER injected\r\n")); err != nil {
		t.Fatal(err)
	}
	c.expect("+OK Begin TLS negotiation now.")
	c.upgrade(clientTLS(t, l))
	runPOP3(t, c, []pop3Step{
		{"PASS secret123", "-ERR No username given.", nil}, // the injected USER was dropped
		{"CAPA", "+OK", []string{"TOP", "USER", "UIDL", "RESP-CODES", "AUTH-RESP-CODE",
			"PIPELINING", "SASL PLAIN LOGIN CRAM-MD5", "IMPLEMENTATION mailtutor-lab"}},
		{"STLS", "-ERR TLS is already active.", nil},
		{"USER student", "+OK", nil},
		{"PASS secret123", "+OK Logged in.", nil},
		{"RETR 1", fmt.Sprintf("+OK %d octets", boxSize(t, l, "student")), append(traceLines(l.Mailbox("student")[0].Data), "Subject: tls", "", "..hidden")},
		{"STLS", "-ERR STLS not allowed in TRANSACTION state", nil},
		{"QUIT", "+OK mailtutor lab POP3 server signing off (1 message left)", nil},
	})
}

func TestPOP3SImplicitTLS(t *testing.T) {
	l, _ := startLab(t, nil)
	c := dialRaw(t, addr(t, l, "pop3s"), clientTLS(t, l))
	if greeting := c.line(); !strings.HasPrefix(greeting, "+OK mailtutor lab POP3 ready <") {
		t.Fatalf("greeting over TLS: %q", greeting)
	}
	runPOP3(t, c, []pop3Step{
		{"CAPA", "+OK", []string{"TOP", "USER", "UIDL", "RESP-CODES", "AUTH-RESP-CODE",
			"PIPELINING", "SASL PLAIN LOGIN CRAM-MD5", "IMPLEMENTATION mailtutor-lab"}},
		{"STLS", "-ERR TLS is already active.", nil},
		{"AUTH PLAIN " + base64.StdEncoding.EncodeToString([]byte("\x00teacher\x00teach456")), "+OK Logged in.", nil},
		{"STAT", "+OK 0 0", nil},
	})
}

func TestPOP3PlaintextNeedsTLSAwayFromLoopback(t *testing.T) {
	l, _ := startLab(t, nil)
	c := pipeClient(t, l, "pop3")
	timestamp := greetingTimestamp(t, c.line())
	runPOP3(t, c, []pop3Step{
		{"CAPA", "+OK", []string{"TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE",
			"PIPELINING", "STLS", "SASL CRAM-MD5", "IMPLEMENTATION mailtutor-lab"}},
		{"USER student", "-ERR " + errPlaintextDisallowed, nil},
		{"AUTH PLAIN AHN0dWRlbnQAc2VjcmV0MTIz", "-ERR " + errPlaintextDisallowed, nil},
		{"AUTH", "+OK", []string{"CRAM-MD5"}},
		// APOP keeps the secret off the wire, so it is allowed.
		{"APOP student " + md5Hex(timestamp+"secret123"), "+OK Logged in.", nil},
	})
}
