package protocol

import (
	"strings"
	"testing"
)

func TestFrameSMTPWellFormed(t *testing.T) {
	tests := []struct {
		name     string
		expects  []string
		wire     string
		command  string
		lines    []string
		code     int
		text     string
		class    Class
		enhanced string
	}{
		{"greeting", nil, "220 mail.example.test ESMTP Postfix\r\n", "",
			[]string{"220 mail.example.test ESMTP Postfix"}, 220, "mail.example.test ESMTP Postfix", ClassPositive, ""},
		{"bare code ends a reply", []string{"NOOP"}, "250\r\n", "NOOP", []string{"250"}, 250, "", ClassPositive, ""},
		{"multi-line", []string{"EHLO client.example.test"}, "250-mail.example.test\r\n250-SIZE 10240000\r\n250 8BITMIME\r\n",
			"EHLO client.example.test", []string{"250-mail.example.test", "250-SIZE 10240000", "250 8BITMIME"},
			250, "mail.example.test\nSIZE 10240000\n8BITMIME", ClassPositive, ""},
		{"intermediate", []string{"DATA"}, "354 End data with <CR><LF>.<CR><LF>\r\n", "DATA",
			[]string{"354 End data with <CR><LF>.<CR><LF>"}, 354, "End data with <CR><LF>.<CR><LF>", ClassIntermediate, ""},
		{"transient with enhanced code", []string{"RCPT TO:<a@example.test>"}, "450 4.2.0 <a@example.test>: Recipient address rejected: Greylisted\r\n",
			"RCPT TO:<a@example.test>", []string{"450 4.2.0 <a@example.test>: Recipient address rejected: Greylisted"},
			450, "4.2.0 <a@example.test>: Recipient address rejected: Greylisted", ClassTransient, "4.2.0"},
		{"permanent multi-line with enhanced code", []string{"RCPT TO:<x@example.test>"}, "550-5.1.1 The email account that you tried to reach does not exist.\r\n550 5.1.1 Please try again.\r\n",
			"RCPT TO:<x@example.test>", []string{"550-5.1.1 The email account that you tried to reach does not exist.", "550 5.1.1 Please try again."},
			550, "5.1.1 The email account that you tried to reach does not exist.\n5.1.1 Please try again.", ClassPermanent, "5.1.1"},
		{"end of data", []string{"."}, "250 2.0.0 Ok: queued as 4F2A1\r\n", ".", []string{"250 2.0.0 Ok: queued as 4F2A1"},
			250, "2.0.0 Ok: queued as 4F2A1", ClassPositive, "2.0.0"},
		{"password is never kept", []string{"PASS hunter2"}, "500 5.5.2 Error: command not recognized\r\n", "PASS <redacted>",
			[]string{"500 5.5.2 Error: command not recognized"}, 500, "5.5.2 Error: command not recognized", ClassPermanent, "5.5.2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := oneReply(t, SMTP, tt.expects, tt.wire)
			if r.Command != tt.command || r.Code != tt.code || r.Text != tt.text || r.Class != tt.class || r.Enhanced != tt.enhanced {
				t.Errorf("got command %q code %d text %q class %v enhanced %q; want %q %d %q %v %q",
					r.Command, r.Code, r.Text, r.Class, r.Enhanced, tt.command, tt.code, tt.text, tt.class, tt.enhanced)
			}
			if !equalStrings(r.Lines, tt.lines) {
				t.Errorf("lines = %q, want %q", r.Lines, tt.lines)
			}
			if r.Protocol != SMTP || r.Status != "" || r.Multi || r.Body != nil {
				t.Errorf("SMTP reply has POP3 fields: %+v", r)
			}
			if len(r.Problems) != 0 {
				t.Errorf("unexpected problems: %q", r.Problems)
			}
		})
	}
}

func TestFrameSMTPProblems(t *testing.T) {
	long := "250 " + strings.Repeat("x", 600)
	tests := []struct {
		name      string
		wire      string
		lines     int
		code      int
		class     Class
		text      string
		fragments []string
	}{
		{"not a reply at all", "hello\r\n", 1, 0, ClassMalformed, "hello", []string{"three-digit code", `"hello"`}},
		{"too short", "25\r\n", 1, 0, ClassMalformed, "25", []string{"three-digit code"}},
		{"first digit not 2-5", "199 what\r\n", 1, 0, ClassMalformed, "what", []string{"199", "first digit"}},
		{"first digit 6 on a multi-line reply", "650-a\r\n650 b\r\n", 2, 0, ClassMalformed, "a\nb", []string{"650", "first digit"}},
		{"second digit over 5", "260 odd\r\n", 1, 260, ClassPositive, "odd", []string{"260", "second digit"}},
		{"code changes on a continuation", "250-first\r\n251-second\r\n250 third\r\n", 3, 250, ClassPositive, "first\nsecond\nthird", []string{"line 2", "251", "250"}},
		{"reply ends at the first final line even with another code", "250-first\r\n251 second\r\n", 2, 250, ClassPositive, "first\nsecond", []string{"line 2", "251"}},
		{"missing separator", "250ok\r\n", 1, 250, ClassPositive, "ok", []string{"line 1", "neither a space nor a hyphen"}},
		{"continuation without a code", "250-first\r\nsecond\r\n250 third\r\n", 3, 250, ClassPositive, "first\nsecond\nthird", []string{"line 2", "three-digit code"}},
		{"bare LF", "250 ok\n", 1, 250, ClassPositive, "ok", []string{"bare LF", "RFC 5321 2.3.8"}},
		{"bare LF on every line counts once", "250-a\n250-b\n250 c\n", 3, 250, ClassPositive, "a\nb\nc", []string{"line 1", "bare LF", "(3 lines in all)"}},
		{"no line ending", "250 ok", 1, 250, ClassPositive, "ok", []string{"no line ending"}},
		{"line over 512 octets", long + "\r\n", 1, 250, ClassPositive, long[4:], []string{"606 octets", "512", "RFC 5321 4.5.3.1.5"}},
		{"bare CR inside a line", "250 a\rb\r\n", 1, 250, ClassPositive, "a\rb", []string{"bare CR"}},
		{"enhanced class disagrees", "250 5.1.1 ok\r\n", 1, 250, ClassPositive, "5.1.1 ok", []string{"5.1.1", "250", "class"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := oneReply(t, SMTP, []string{"NOOP"}, tt.wire)
			if len(r.Lines) != tt.lines || r.Code != tt.code || r.Class != tt.class || r.Text != tt.text {
				t.Errorf("got %d lines code %d class %v text %q; want %d %d %v %q",
					len(r.Lines), r.Code, r.Class, r.Text, tt.lines, tt.code, tt.class, tt.text)
			}
			if !hasProblem(r, tt.fragments...) {
				t.Errorf("problems %q lack one with %q", r.Problems, tt.fragments)
			}
		})
	}
}

func TestFrameSMTPLineAtExactLimitIsFine(t *testing.T) {
	line := "250 " + strings.Repeat("x", maxLineOctets-2-4) // 510 octets + CRLF = 512
	r := oneReply(t, SMTP, nil, line+"\r\n")
	if len(r.Problems) != 0 {
		t.Errorf("a 512-octet line got problems %q", r.Problems)
	}
	r = oneReply(t, SMTP, nil, line+"x\r\n")
	if !hasProblem(r, "513 octets") {
		t.Errorf("a 513-octet line got problems %q", r.Problems)
	}
}

func TestFrameSMTPPipelined(t *testing.T) {
	expects := []string{"MAIL FROM:<a@example.test>", "RCPT TO:<b@example.test>", "RCPT TO:<c@example.test>", "DATA"}
	wire := "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n550 5.1.1 <c@example.test>: Recipient address rejected\r\n354 End data with <CR><LF>.<CR><LF>\r\n"
	_, replies := converse(t, SMTP, expects, wire)
	want := []struct {
		command string
		code    int
	}{{expects[0], 250}, {expects[1], 250}, {expects[2], 550}, {expects[3], 354}}
	if len(replies) != len(want) {
		t.Fatalf("got %d replies, want %d", len(replies), len(want))
	}
	for i, w := range want {
		if replies[i].Command != w.command || replies[i].Code != w.code {
			t.Errorf("reply %d answers %q with %d, want %q with %d", i, replies[i].Command, replies[i].Code, w.command, w.code)
		}
	}
}

func TestFrameSMTPGreetingThenCommands(t *testing.T) {
	f := NewFramer(SMTP)
	if r := feedWire(t, f, "220 mail.example.test ESMTP\r\n"); len(r) != 1 || r[0].Command != "" {
		t.Fatalf("greeting framed as %+v", r)
	}
	f.Expect("QUIT")
	if r := feedWire(t, f, "221 2.0.0 Bye\r\n"); len(r) != 1 || r[0].Command != "QUIT" {
		t.Fatalf("QUIT reply framed as %+v", r)
	}
	if r := feedWire(t, f, "421 4.4.2 timeout\r\n"); len(r) != 1 || r[0].Command != "" {
		t.Fatalf("an unsolicited reply should answer \"\", got %+v", r)
	}
}

func TestFrameSMTPPartial(t *testing.T) {
	f := NewFramer(SMTP)
	f.Expect("EHLO c")
	if f.Partial() != nil {
		t.Fatalf("Partial before any line = %q, want nil", f.Partial())
	}
	if r := feedWire(t, f, "250-mail.example.test\r\n250-PIPELINING\r\n"); r != nil {
		t.Fatalf("an unfinished reply was returned: %+v", r)
	}
	got := f.Partial()
	if want := []string{"250-mail.example.test", "250-PIPELINING"}; !equalStrings(got, want) {
		t.Fatalf("Partial = %q, want %q", got, want)
	}
	got[0] = "changed"
	if f.Partial()[0] != "250-mail.example.test" {
		t.Error("Partial shares its slice with the framer")
	}
	if r := feedWire(t, f, "250 8BITMIME\r\n"); len(r) != 1 || len(r[0].Lines) != 3 {
		t.Fatalf("the reply did not complete: %+v", r)
	}
	if f.Partial() != nil {
		t.Errorf("Partial after completion = %q, want nil", f.Partial())
	}
}

func TestFrameSMTPAuthExchange(t *testing.T) {
	f := NewFramer(SMTP)
	steps := []struct {
		client   string
		wire     string
		code     int
		sasl     bool
		command  string
		inAuth   bool
		loggedIn bool
	}{
		{"AUTH LOGIN", "334 VXNlcm5hbWU6\r\n", 334, false, "AUTH LOGIN", true, false},
		{"c3R1ZGVudA==", "334 UGFzc3dvcmQ6\r\n", 334, true, Redacted, true, false},
		{"c2VjcmV0MTIz", "235 2.7.0 Authentication successful\r\n", 235, true, Redacted, false, false},
		{"MAIL FROM:<student@example.test>", "250 2.1.0 Ok\r\n", 250, false, "MAIL FROM:<student@example.test>", false, true},
	}
	for i, s := range steps {
		f.Expect(s.client)
		r := feedWire(t, f, s.wire)
		if len(r) != 1 {
			t.Fatalf("step %d: got %d replies", i, len(r))
		}
		got := r[0]
		if got.Code != s.code || got.SASL != s.sasl || got.Command != s.command || got.LoggedIn != s.loggedIn {
			t.Errorf("step %d: code %d sasl %v command %q loggedIn %v; want %d %v %q %v",
				i, got.Code, got.SASL, got.Command, got.LoggedIn, s.code, s.sasl, s.command, s.loggedIn)
		}
		if InAuth(f) != s.inAuth {
			t.Errorf("step %d: InAuth = %v, want %v", i, InAuth(f), s.inAuth)
		}
	}
}

func TestFrameSMTPStartTLSForgetsLogin(t *testing.T) {
	f, _ := converse(t, SMTP, []string{"AUTH PLAIN AHN0dWRlbnQAc2VjcmV0"}, "235 2.7.0 ok\r\n")
	f.Expect("STARTTLS")
	feedWire(t, f, "220 2.0.0 Ready to start TLS\r\n")
	f.Expect("EHLO c")
	r := feedWire(t, f, "250 mail.example.test\r\n")
	if len(r) != 1 || r[0].LoggedIn {
		t.Fatalf("after STARTTLS the login should be forgotten: %+v", r)
	}
}

func TestFrameSMTPCancelledAuthLeavesAuth(t *testing.T) {
	f, _ := converse(t, SMTP, []string{"AUTH LOGIN"}, "334 VXNlcm5hbWU6\r\n")
	f.Expect("*")
	r := feedWire(t, f, "501 5.7.0 Authentication aborted\r\n")
	if len(r) != 1 || !r[0].SASL || r[0].Command != "*" || InAuth(f) {
		t.Fatalf("cancel: %+v, InAuth %v", r, InAuth(f))
	}
}
