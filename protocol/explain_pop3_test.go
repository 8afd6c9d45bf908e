package protocol

import (
	"strings"
	"testing"
)

func TestExplainPOP3(t *testing.T) {
	tests := []struct {
		name    string
		expects []string
		wire    string
		meaning []string
		next    []string
		decoded string
		rfc     string
	}{
		{"greeting with APOP timestamp", nil, "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n",
			[]string{"AUTHORIZATION"}, []string{"USER name", "`:apop USER PASS`"}, "", "RFC 1939 4"},
		{"greeting without timestamp", nil, "+OK Dovecot ready.\r\n",
			[]string{"AUTHORIZATION"}, []string{"USER name", "CAPA"}, "", "RFC 1939 4"},
		{"USER", []string{"USER student"}, "+OK\r\n", []string{"password"}, []string{"PASS yourpassword"}, "", "RFC 1939 7"},
		{"PASS", []string{"PASS secret"}, "+OK Logged in.\r\n", []string{"TRANSACTION"}, []string{"STAT / LIST"}, "", "RFC 1939 7"},
		{"APOP", []string{"APOP mrose c4c9334bac560ecc979e58001b3e22fb"}, "+OK maildrop has 1 message (369 octets)\r\n",
			[]string{"APOP"}, []string{"STAT / LIST"}, "", "RFC 1939 7"},
		{"wrong password", []string{"PASS wrong"}, "-ERR [AUTH] Authentication failed.\r\n",
			[]string{"login failed", "[AUTH]", "credentials"}, []string{"start again with USER"}, "", "RFC 1939 7, RFC 3206 5"},
		{"mailbox in use", []string{"PASS secret"}, "-ERR [IN-USE] Mailbox is locked by another POP3 session\r\n",
			[]string{"[IN-USE]", "another session"}, []string{"close the other session"}, "", "RFC 1939 7, RFC 2449 8.1"},
		{"login delay", []string{"PASS secret"}, "-ERR [LOGIN-DELAY] wait 10 minutes\r\n",
			[]string{"[LOGIN-DELAY]"}, []string{"wait"}, "", "RFC 1939 7, RFC 2449 8.1"},
		{"temporary system failure", []string{"PASS secret"}, "-ERR [SYS/TEMP] Internal error occurred\r\n",
			[]string{"[SYS/TEMP]", "temporary"}, []string{"try again later"}, "", "RFC 1939 7, RFC 3206 4"},
		{"permanent system failure", []string{"PASS secret"}, "-ERR [SYS/PERM] account disabled\r\n",
			[]string{"[SYS/PERM]", "permanent"}, nil, "", "RFC 1939 7, RFC 3206 4"},
		{"RETR", []string{"RETR 1"}, "+OK\r\nSubject: hi\r\n.\r\n", []string{"message follows"}, []string{"DELE n"}, "", "RFC 1939 5"},
		{"RETR of a missing message", []string{"USER a", "PASS b", "RETR 9"}, "+OK\r\n+OK\r\n-ERR no such message\r\n", []string{"no such message"}, nil, "", "RFC 1939 5"},
		{"LIST one", []string{"LIST 2"}, "+OK 2 200\r\n", []string{"that message"}, nil, "", "RFC 1939 5"},
		{"DELE", []string{"DELE 1"}, "+OK message 1 deleted\r\n", []string{"only when you QUIT"}, []string{"RSET"}, "", "RFC 1939 5"},
		{"QUIT before login", []string{"QUIT"}, "+OK bye\r\n", []string{"nothing changed"}, nil, "", "RFC 1939 4"},
		{"LOGIN challenge", []string{"AUTH LOGIN"}, "+ VXNlcm5hbWU6\r\n", []string{"SASL challenge"}, []string{"`:b64 yourname`"}, "Username:", "RFC 5034 4"},
		{"mechanism listing", []string{"AUTH"}, "+OK\r\nPLAIN\r\n.\r\n", []string{"SASL mechanisms"}, []string{"AUTH MECHANISM"}, "", "RFC 5034 4"},
		{"STLS", []string{"STLS"}, "+OK Begin TLS negotiation now.\r\n", []string{"TLS"}, []string{"CAPA again"}, "", "RFC 2595 4"},
		{"unknown command", []string{"XYZZY"}, "-ERR Unknown command: XYZZY\r\n", []string{"refused"}, nil, "", "RFC 1939 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := Explain(lastReply(t, POP3, tt.expects, tt.wire))
			for _, f := range tt.meaning {
				if !strings.Contains(ex.Meaning, f) {
					t.Errorf("Meaning = %q, want it to mention %q", ex.Meaning, f)
				}
			}
			for _, f := range tt.next {
				if !strings.Contains(ex.Next, f) {
					t.Errorf("Next = %q, want it to mention %q", ex.Next, f)
				}
			}
			if ex.Decoded != tt.decoded || ex.RFC != tt.rfc {
				t.Errorf("Decoded %q RFC %q; want %q %q", ex.Decoded, ex.RFC, tt.decoded, tt.rfc)
			}
		})
	}
}

func TestExplainPOP3QuitAfterTransactionCommits(t *testing.T) {
	f, _ := converse(t, POP3, []string{"USER student", "PASS secret", "DELE 1"}, "+OK\r\n+OK\r\n+OK\r\n")
	f.Expect("QUIT")
	r := feedWire(t, f, "+OK Logging out, messages deleted.\r\n")
	ex := Explain(r[0])
	if !strings.Contains(ex.Meaning, "UPDATE") || !strings.Contains(ex.Meaning, "deleted for good") || ex.Next != "" {
		t.Errorf("QUIT after login: %+v", ex)
	}
	if ex.RFC != "RFC 1939 6" {
		t.Errorf("RFC = %q, want RFC 1939 6", ex.RFC)
	}
}

// TestExplainPOP3QuitWithNothingMarked: QUIT after a login with no DELE
// (or with its marks undone by RSET) deletes nothing, and says so in both
// languages.
func TestExplainPOP3QuitWithNothingMarked(t *testing.T) {
	for _, session := range [][]string{{"USER student", "PASS secret", "STAT"}, {"USER student", "PASS secret", "DELE 1", "RSET"}} {
		f, _ := converse(t, POP3, session, strings.Repeat("+OK\r\n", len(session)))
		f.Expect("QUIT")
		r := feedWire(t, f, "+OK Logging out.\r\n")
		en, _ := ExplainIn(r[0], English)
		zh, _ := ExplainIn(r[0], Chinese)
		if strings.Contains(en.Meaning, "deleted for good") || !strings.Contains(en.Meaning, "nothing was deleted") {
			t.Errorf("%q then QUIT: %q", session, en.Meaning)
		}
		if strings.Contains(zh.Meaning, "永久删除") || !strings.Contains(zh.Meaning, "什么也没删") {
			t.Errorf("%q then QUIT: %q", session, zh.Meaning)
		}
	}
}

// TestCAPANextReadsAsSteps: after CAPA, STLS comes first and the ways to
// log in follow as alternatives: 先…；再…，…；或者… in Chinese.
func TestCAPANextReadsAsSteps(t *testing.T) {
	r := oneReply(t, POP3, []string{"CAPA"}, dovecotCAPA)
	en, _ := ExplainIn(r, English)
	zh, _ := ExplainIn(r, Chinese)
	if !strings.HasPrefix(en.Next, "first, STLS") || !strings.Contains(en.Next, "; then AUTH") || !strings.Contains(en.Next, "; or USER") {
		t.Errorf("en: %q", en.Next)
	}
	if !strings.HasPrefix(zh.Next, "先发 STLS") || !strings.Contains(zh.Next, "；再用 AUTH 登录") || !strings.Contains(zh.Next, "；或者用 USER") {
		t.Errorf("zh: %q", zh.Next)
	}
}

func TestExplainPOP3CAPANext(t *testing.T) {
	r := oneReply(t, POP3, []string{"CAPA"}, dovecotCAPA)
	next := Explain(r).Next
	for _, f := range []string{"STLS", "PLAIN LOGIN", "USER name"} {
		if !strings.Contains(next, f) {
			t.Errorf("Next = %q, want it to mention %q", next, f)
		}
	}
}

func TestExplainPOP3SASLResult(t *testing.T) {
	f, _ := converse(t, POP3, []string{"AUTH PLAIN"}, "+ \r\n")
	f.Expect("AHN0dWRlbnQAd3Jvbmc=")
	r := feedWire(t, f, "-ERR [AUTH] Authentication failed.\r\n")
	ex := Explain(r[0])
	if !strings.Contains(ex.Meaning, "login failed") || !strings.Contains(ex.Next, "start again") {
		t.Errorf("failed SASL login: %+v", ex)
	}
}

func TestResponseCode(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"[IN-USE] locked", "IN-USE"},
		{"[sys/temp] lower case", "SYS/TEMP"},
		{"[AUTH/EXPIRED] hierarchical, known top", "AUTH"},
		{"[X-VENDOR] unknown", "X-VENDOR"},
		{"[] empty", ""},
		{"[unterminated", ""},
		{"no code [IN-USE]", ""},
	}
	for _, tt := range tests {
		if got := ResponseCode(&Reply{Protocol: POP3, Class: ClassErr, Text: tt.text}); got != tt.want {
			t.Errorf("ResponseCode(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	if ResponseCode(&Reply{Protocol: SMTP, Text: "[IN-USE]"}) != "" || ResponseCode(nil) != "" {
		t.Error("ResponseCode found a code outside POP3")
	}
}

// TestGreetingIsNoAnswer: the first reply of a server answers nothing, so
// its class sentence says the server is ready, not that it did what was
// asked, in every protocol and both languages; a later reply keeps the
// class sentence of its class.
func TestGreetingIsNoAnswer(t *testing.T) {
	tests := []struct {
		p          Protocol
		greeting   string
		then, wire string // a command and its reply after the greeting
		ready      bool
	}{
		{SMTP, "220 mail.example.test ESMTP\r\n", "", "", true},
		{POP3, "+OK POP3 ready\r\n", "", "", true},
		{IMAP, "* OK [CAPABILITY IMAP4rev1] ready\r\n", "", "", true},
		{SMTP, "220 mail.example.test ESMTP\r\n", "NOOP", "250 OK\r\n", false},
		{POP3, "+OK POP3 ready\r\n", "NOOP", "+OK\r\n", false},
	}
	for _, tt := range tests {
		f, replies := converse(t, tt.p, nil, tt.greeting)
		r := replies[0]
		if tt.then != "" {
			f.Expect(tt.then)
			r = feedWire(t, f, tt.wire)[0]
		}
		en, _ := ExplainIn(r, English)
		zh, _ := ExplainIn(r, Chinese)
		asked := strings.Contains(en.Class, "did what you asked") || strings.Contains(en.Class, "command succeeded") ||
			strings.Contains(zh.Class, "你要求") || strings.Contains(zh.Class, "命令已执行")
		ready := strings.Contains(en.Class, "ready") && strings.Contains(zh.Class, "就绪")
		if ready != tt.ready || asked == tt.ready {
			t.Errorf("%s %q: en %q, zh %q", tt.p, tt.wire, en.Class, zh.Class)
		}
	}
}
