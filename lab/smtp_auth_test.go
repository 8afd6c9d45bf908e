package lab

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
	"net"
	"net/textproto"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

func TestSMTPAuthMechanisms(t *testing.T) {
	l, logs := startLab(t, nil)
	tests := []struct {
		name   string
		client sasl.Client
		ok     bool
	}{
		{"PLAIN", sasl.NewPlainClient("", "student", "secret123"), true},
		{"PLAIN with domain", sasl.NewPlainClient("", "student@example.test", "secret123"), true},
		{"PLAIN upper case user", sasl.NewPlainClient("", "Teacher", "teach456"), true},
		{"PLAIN same identity", sasl.NewPlainClient("student", "student", "secret123"), true},
		{"PLAIN other identity", sasl.NewPlainClient("teacher", "student", "secret123"), false},
		{"PLAIN bad password", sasl.NewPlainClient("", "student", "teach456"), false},
		{"PLAIN foreign domain", sasl.NewPlainClient("", "student@other.test", "secret123"), false},
		{"LOGIN", sasl.NewLoginClient("student", "secret123"), true},
		{"LOGIN with domain", sasl.NewLoginClient("teacher@example.test", "teach456"), true},
		{"LOGIN bad password", sasl.NewLoginClient("student", "secret12"), false},
		{"LOGIN unknown user", sasl.NewLoginClient("nobody", "secret123"), false},
		{"CRAM-MD5", cramClient{"student", "secret123"}, true},
		{"CRAM-MD5 with domain", cramClient{"student@example.test", "secret123"}, true},
		{"CRAM-MD5 bad password", cramClient{"student", "secret"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := smtpClient(t, addr(t, l, "submission"), nil)
			err := c.Auth(tt.client)
			if !tt.ok {
				if got := smtpCode(t, err); got != "535 5.7.8" {
					t.Fatalf("got %s (%v), want 535 5.7.8", got, err)
				}
				// Still unauthenticated: MAIL is refused.
				if got := smtpCode(t, c.Mail("student@example.test", nil)); got != "530 5.7.0" {
					t.Errorf("MAIL after failed AUTH: %s, want 530 5.7.0", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("AUTH: %v", err)
			}
			body := []byte("Subject: " + tt.name + "\r\n\r\nbody\r\n")
			if err := sendMail(c, "student@example.test", []string{"teacher@example.test"}, body); err != nil {
				t.Fatalf("send after AUTH: %v", err)
			}
		})
	}
	if !strings.Contains(logs.text(), "login ok user=student mech=CRAM-MD5") {
		t.Errorf("successful AUTH not logged:\n%s", logs.text())
	}
}

func TestSMTPAuthLoginExchange(t *testing.T) {
	l, _ := startLab(t, nil)
	b64 := base64.StdEncoding.EncodeToString
	c := dialRaw(t, addr(t, l, "submission"), nil)
	c.expect("220 mail.example.test ESMTP mailtutor lab")
	runSteps(t, c, []step{
		{"EHLO client.example", "250 SMTPUTF8"},
		{"AUTH LOGIN", "334 VXNlcm5hbWU6"}, // "Username:"
		{"*", "501 5.7.0 Authentication aborted"},
		{"AUTH PLAIN", "334 "},
		{"*", "501 5.7.0 Authentication aborted"},
		{"AUTH LOGIN", "334 VXNlcm5hbWU6"},
		{"not base64!", "501 5.5.2 Cannot decode response"},
		{"AUTH LOGIN", "334 VXNlcm5hbWU6"},
		{b64([]byte("student")), "334 UGFzc3dvcmQ6"}, // "Password:"
		{b64([]byte("wrong")), "535 5.7.8 Error: authentication failed: authentication failure"},
		{"AUTH LOGIN " + b64([]byte("student")), "334 UGFzc3dvcmQ6"},
		{b64([]byte("secret123")), "235 2.7.0 Authentication successful"},
		{"MAIL FROM:<student@example.test>", "250 2.1.0 Ok"},
	})
}

func TestSMTPAuthCRAMMD5Challenge(t *testing.T) {
	l, _ := startLab(t, nil)
	c := dialRaw(t, addr(t, l, "submission"), nil)
	c.expect("220 mail.example.test ESMTP mailtutor lab")
	runSteps(t, c, []step{{"EHLO client.example", "250 SMTPUTF8"}})
	c.send("AUTH CRAM-MD5")
	line := c.line()
	encoded, ok := strings.CutPrefix(line, "334 ")
	if !ok {
		t.Fatalf("got %q, want a 334 challenge", line)
	}
	challenge, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		t.Fatalf("challenge %q: %v", encoded, err)
	}
	if !regexp.MustCompile(`^<\d+\.\d+@mail\.example\.test>$`).Match(challenge) {
		t.Fatalf("challenge %q is not <random.timestamp@hostname> (RFC 2195)", challenge)
	}
	mac := hmac.New(md5.New, []byte("secret123"))
	mac.Write(challenge)
	answer := "student " + hex.EncodeToString(mac.Sum(nil))
	c.cmd(base64.StdEncoding.EncodeToString([]byte(answer)), "235 2.7.0 Authentication successful")
}

func TestSMTPStartTLSWithGoSMTPClient(t *testing.T) {
	l, _ := startLab(t, nil)
	c, err := smtp.DialStartTLS(addr(t, l, "submission"), clientTLS(t, l))
	if err != nil {
		t.Fatalf("STARTTLS: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	if err := c.Auth(sasl.NewPlainClient("", "student", "secret123")); err != nil {
		t.Fatalf("AUTH over TLS: %v", err)
	}
	state, ok := c.TLSConnectionState()
	if !ok || !state.HandshakeComplete {
		t.Fatal("no TLS after STARTTLS")
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		t.Error("STARTTLS still offered inside TLS")
	}
	body := []byte("Subject: over TLS\r\n\r\nsecret stuff\r\n")
	if err := sendMail(c, "student@example.test", []string{"teacher@example.test"}, body); err != nil {
		t.Fatal(err)
	}
	if got := l.Mailbox("teacher"); len(got) != 1 || withoutTrace(got[0].Data) != string(body) {
		t.Errorf("teacher's mailbox: %q", got)
	}
}

func TestSMTPStartTLSDiscardsInjectedCommands(t *testing.T) {
	l, _ := startLab(t, nil)
	c := dialRaw(t, addr(t, l, "smtp"), nil)
	c.expect("220 mail.example.test ESMTP mailtutor lab")
	runSteps(t, c, []step{{"EHLO client.example", "250 SMTPUTF8"}})
	// STARTTLS and a plaintext command in one packet (CVE-2011-0411).
	if _, err := c.conn.Write([]byte("STARTTLS\r\nMAIL FROM:<injected@evil.test>\r\n")); err != nil {
		t.Fatal(err)
	}
	c.expect("220 2.0.0 Ready to start TLS")
	c.upgrade(clientTLS(t, l))
	// Had the injected MAIL run, its 503 would come first.
	c.send("EHLO client.example")
	if got := c.smtpReply(); got[0] != "250-mail.example.test" || strings.Contains(strings.Join(got, " "), "STARTTLS") {
		t.Fatalf("EHLO after STARTTLS: %q", got)
	}
	c.cmd("STARTTLS", "554 5.5.1 Error: TLS already active")
	c.cmd("MAIL FROM:<a@b.test>", "250 2.1.0 Ok")
}

func TestSMTPSImplicitTLS(t *testing.T) {
	l, _ := startLab(t, nil)
	c := smtpClient(t, addr(t, l, "smtps"), clientTLS(t, l))
	if err := c.Auth(cramClient{"teacher", "teach456"}); err != nil {
		t.Fatalf("AUTH over smtps: %v", err)
	}
	body := []byte("Subject: smtps\r\n\r\nhi\r\n")
	if err := sendMail(c, "teacher@example.test", []string{"student@example.test"}, body); err != nil {
		t.Fatal(err)
	}
	if len(l.Mailbox("student")) != 1 {
		t.Error("message over smtps not delivered")
	}

	// A client that does not trust the lab's certificate gets no session.
	if _, err := smtp.DialTLS(addr(t, l, "smtps"), &tls.Config{ServerName: "127.0.0.1"}); err == nil {
		t.Error("TLS to the lab succeeded without trusting its certificate")
	}
}

// pipeClient serves one lab connection over net.Pipe, whose addresses are
// not loopback: the way to see what a client on the network gets.
func pipeClient(t *testing.T, l *Lab, service string) *rawClient {
	t.Helper()
	var spec serviceSpec
	for _, s := range l.cfg.specs() {
		if s.name() == service {
			spec = s
		}
	}
	server, client := net.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer server.Close()
		l.serveConn(server, spec)
	}()
	t.Cleanup(func() {
		_ = client.Close()
		<-done
	})
	_ = client.SetDeadline(time.Now().Add(20 * time.Second))
	return &rawClient{t: t, conn: client, text: textproto.NewConn(client)}
}

func TestSMTPAuthNeedsTLSAwayFromLoopback(t *testing.T) {
	l, _ := startLab(t, nil)
	c := pipeClient(t, l, "submission")
	c.expect("220 mail.example.test ESMTP mailtutor lab")
	c.send("EHLO far.example")
	if reply := strings.Join(c.smtpReply(), "\n"); strings.Contains(reply, "AUTH") {
		t.Fatalf("AUTH offered in clear text to a remote client:\n%s", reply)
	}
	c.cmd("AUTH PLAIN AHN0dWRlbnQAc2VjcmV0MTIz", "538 5.7.11 Encryption required for requested authentication mechanism")
	c.cmd("STARTTLS", "220 2.0.0 Ready to start TLS")
	c.upgrade(clientTLS(t, l))
	c.send("EHLO far.example")
	if reply := strings.Join(c.smtpReply(), "\n"); !strings.Contains(reply, "250-AUTH PLAIN LOGIN CRAM-MD5") {
		t.Fatalf("AUTH not offered over TLS:\n%s", reply)
	}
	c.cmd("AUTH PLAIN AHN0dWRlbnQAc2VjcmV0MTIz", "235 2.7.0 Authentication successful")
}
