package protocol

import "testing"

// postfixEHLO is what Postfix 3 answers to EHLO with SASL and TLS on,
// including the old "AUTH=" line it adds for broken clients.
const postfixEHLO = "250-mail.example.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n" +
	"250-STARTTLS\r\n250-AUTH PLAIN LOGIN\r\n250-AUTH=PLAIN LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n" +
	"250-DSN\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n"

// dovecotCAPA is what Dovecot 2.3 answers to CAPA before login.
const dovecotCAPA = "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nSTLS\r\nUSER\r\nSASL PLAIN LOGIN\r\n.\r\n"

func TestExtensions(t *testing.T) {
	tests := []struct {
		name    string
		proto   Protocol
		expects []string
		wire    string
		want    []string
	}{
		{"Postfix EHLO", SMTP, []string{"EHLO client.example.test"}, postfixEHLO, []string{
			"PIPELINING", "SIZE", "VRFY", "ETRN", "STARTTLS", "AUTH", "AUTH PLAIN", "AUTH LOGIN",
			"ENHANCEDSTATUSCODES", "8BITMIME", "DSN", "SMTPUTF8", "CHUNKING"}},
		{"lower-case keywords", SMTP, []string{"ehlo c"}, "250-mx.example.test\r\n250-auth cram-md5\r\n250 starttls\r\n",
			[]string{"AUTH", "AUTH CRAM-MD5", "STARTTLS"}},
		{"EHLO without extensions", SMTP, []string{"EHLO c"}, "250 mail.example.test\r\n", []string{}},
		{"Dovecot CAPA", POP3, []string{"CAPA"}, dovecotCAPA, []string{
			"CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE", "STLS", "USER",
			"SASL", "SASL PLAIN", "SASL LOGIN"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Extensions(oneReply(t, tt.proto, tt.expects, tt.wire))
			if got == nil || !equalStrings(got, tt.want) {
				t.Errorf("Extensions = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestExtensionsOfOtherReplies(t *testing.T) {
	tests := []struct {
		name    string
		proto   Protocol
		expects []string
		wire    string
	}{
		{"HELO", SMTP, []string{"HELO c"}, "250 mail.example.test\r\n"},
		{"failed EHLO", SMTP, []string{"EHLO c"}, "501 5.5.4 Syntax: EHLO hostname\r\n"},
		{"greeting", SMTP, nil, "220-mail.example.test ESMTP\r\n220 AUTH PLAIN\r\n"},
		{"LIST", POP3, []string{"LIST"}, "+OK\r\n1 120\r\n.\r\n"},
		{"failed CAPA", POP3, []string{"CAPA"}, "-ERR no\r\n"},
	}
	for _, tt := range tests {
		if got := Extensions(oneReply(t, tt.proto, tt.expects, tt.wire)); got != nil {
			t.Errorf("%s: Extensions = %q, want nil", tt.name, got)
		}
	}
	if Extensions(nil) != nil {
		t.Error("Extensions(nil) != nil")
	}
}
