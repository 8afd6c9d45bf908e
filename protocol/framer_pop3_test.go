package protocol

import "testing"

func TestFramePOP3(t *testing.T) {
	retr := "+OK 120 octets\r\nSubject: hi\r\n\r\n..a line that starts with a dot\r\n...\r\nbye\r\n.\r\n"
	tests := []struct {
		name    string
		expects []string
		wire    string
		class   Class
		status  string
		text    string
		multi   bool
		lines   []string
		body    []string
	}{
		{"greeting", nil, "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n", ClassOK, "+OK",
			"POP3 server ready <1896.697170952@dbc.mtview.ca.us>", false,
			[]string{"+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>"}, nil},
		{"USER single", []string{"USER student"}, "+OK\r\n", ClassOK, "+OK", "", false, []string{"+OK"}, nil},
		{"STAT single", []string{"STAT"}, "+OK 2 320\r\n", ClassOK, "+OK", "2 320", false, []string{"+OK 2 320"}, nil},
		{"LIST without argument is multi-line", []string{"LIST"}, "+OK 2 messages (320 octets)\r\n1 120\r\n2 200\r\n.\r\n",
			ClassOK, "+OK", "2 messages (320 octets)", true,
			[]string{"+OK 2 messages (320 octets)", "1 120", "2 200", "."}, []string{"1 120", "2 200"}},
		{"LIST with argument is single", []string{"LIST 2"}, "+OK 2 200\r\n", ClassOK, "+OK", "2 200", false, []string{"+OK 2 200"}, nil},
		{"lower-case list is multi-line", []string{"list"}, "+OK\r\n.\r\n", ClassOK, "+OK", "", true, []string{"+OK", "."}, []string{}},
		{"UIDL without argument is multi-line", []string{"UIDL"}, "+OK\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n.\r\n", ClassOK, "+OK", "", true,
			[]string{"+OK", "1 whqtswO00WBw418f9t5JxYwZ", "."}, []string{"1 whqtswO00WBw418f9t5JxYwZ"}},
		{"UIDL with argument is single", []string{"UIDL 1"}, "+OK 1 whqtswO00WBw418f9t5JxYwZ\r\n", ClassOK, "+OK", "1 whqtswO00WBw418f9t5JxYwZ", false,
			[]string{"+OK 1 whqtswO00WBw418f9t5JxYwZ"}, nil},
		{"RETR dot-unstuffs the body", []string{"RETR 1"}, retr, ClassOK, "+OK", "120 octets", true,
			[]string{"+OK 120 octets", "Subject: hi", "", "..a line that starts with a dot", "...", "bye", "."},
			[]string{"Subject: hi", "", ".a line that starts with a dot", "..", "bye"}},
		{"TOP is multi-line", []string{"TOP 1 0"}, "+OK\r\nSubject: hi\r\n\r\n.\r\n", ClassOK, "+OK", "", true,
			[]string{"+OK", "Subject: hi", "", "."}, []string{"Subject: hi", ""}},
		{"CAPA is multi-line", []string{"CAPA"}, "+OK Capability list follows\r\nTOP\r\nUSER\r\n.\r\n", ClassOK, "+OK", "Capability list follows", true,
			[]string{"+OK Capability list follows", "TOP", "USER", "."}, []string{"TOP", "USER"}},
		{"AUTH without argument lists mechanisms", []string{"AUTH"}, "+OK\r\nPLAIN\r\nLOGIN\r\n.\r\n", ClassOK, "+OK", "", true,
			[]string{"+OK", "PLAIN", "LOGIN", "."}, []string{"PLAIN", "LOGIN"}},
		{"-ERR to RETR is single", []string{"RETR 9"}, "-ERR no such message\r\n", ClassErr, "-ERR", "no such message", false,
			[]string{"-ERR no such message"}, nil},
		{"-ERR to CAPA is single", []string{"CAPA"}, "-ERR unknown command\r\n", ClassErr, "-ERR", "unknown command", false,
			[]string{"-ERR unknown command"}, nil},
		{"AUTH PLAIN gets a continuation", []string{"AUTH PLAIN"}, "+ \r\n", ClassContinue, "+", "", false, []string{"+ "}, nil},
		{"bare + continuation", []string{"AUTH PLAIN"}, "+\r\n", ClassContinue, "+", "", false, []string{"+"}, nil},
		{"LOGIN continuation carries base64", []string{"AUTH LOGIN"}, "+ VXNlcm5hbWU6\r\n", ClassContinue, "+", "VXNlcm5hbWU6", false, []string{"+ VXNlcm5hbWU6"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := oneReply(t, POP3, tt.expects, tt.wire)
			if r.Class != tt.class || r.Status != tt.status || r.Text != tt.text || r.Multi != tt.multi || r.Code != 0 {
				t.Errorf("got class %v status %q text %q multi %v code %d; want %v %q %q %v 0",
					r.Class, r.Status, r.Text, r.Multi, r.Code, tt.class, tt.status, tt.text, tt.multi)
			}
			if !equalStrings(r.Lines, tt.lines) {
				t.Errorf("lines = %q, want %q", r.Lines, tt.lines)
			}
			if !equalStrings(r.Body, tt.body) {
				t.Errorf("body = %q, want %q", r.Body, tt.body)
			}
			if len(r.Problems) != 0 {
				t.Errorf("unexpected problems: %q", r.Problems)
			}
		})
	}
}

func TestFramePOP3Problems(t *testing.T) {
	tests := []struct {
		name      string
		expects   []string
		wire      string
		class     Class
		fragments []string
	}{
		{"not a status", nil, "hello\r\n", ClassMalformed, []string{"+OK or -ERR", `"hello"`}},
		{"lower-case status", nil, "+ok ready\r\n", ClassOK, []string{"+ok", "upper case"}},
		{"status runs into the text", []string{"NOOP"}, "+OKdone\r\n", ClassOK, []string{"+OK", "followed by a space"}},
		{"continuation outside AUTH", []string{"STAT"}, "+ hmm\r\n", ClassContinue, []string{"only valid during an AUTH"}},
		{"bare LF", nil, "+OK hi\n", ClassOK, []string{"bare LF", "RFC 1939 3"}},
		{"unstuffed body line", []string{"RETR 1"}, "+OK\r\n.oops\r\n.\r\n", ClassOK, []string{"body line 2", "single \".\""}},
		{"terminator without line ending", []string{"RETR 1"}, "+OK\r\nbody\r\n.", ClassOK, []string{"line 3", "no line ending"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := oneReply(t, POP3, tt.expects, tt.wire)
			if r.Class != tt.class {
				t.Errorf("class = %v, want %v", r.Class, tt.class)
			}
			if !hasProblem(r, tt.fragments...) {
				t.Errorf("problems %q lack one with %q", r.Problems, tt.fragments)
			}
		})
	}
}

func TestFramePOP3UnstuffedLineStillLosesItsDot(t *testing.T) {
	r := oneReply(t, POP3, []string{"RETR 1"}, "+OK\r\n.oops\r\n.\r\n")
	if !equalStrings(r.Body, []string{"oops"}) {
		t.Errorf("body = %q, want [\"oops\"] (RFC 1939 3: the first dot is removed)", r.Body)
	}
}

func TestFramePOP3Pipelined(t *testing.T) {
	expects := []string{"RETR 9", "LIST", "STAT", "RETR 1", "QUIT"}
	wire := "-ERR no such message\r\n+OK\r\n1 5\r\n.\r\n+OK 1 5\r\n+OK\r\nhello\r\n.\r\n+OK bye\r\n"
	_, replies := converse(t, POP3, expects, wire)
	want := []struct {
		command string
		class   Class
		lines   int
	}{{"RETR 9", ClassErr, 1}, {"LIST", ClassOK, 3}, {"STAT", ClassOK, 1}, {"RETR 1", ClassOK, 3}, {"QUIT", ClassOK, 1}}
	if len(replies) != len(want) {
		t.Fatalf("got %d replies, want %d", len(replies), len(want))
	}
	for i, w := range want {
		r := replies[i]
		if r.Command != w.command || r.Class != w.class || len(r.Lines) != w.lines {
			t.Errorf("reply %d: %q %v %d lines; want %q %v %d", i, r.Command, r.Class, len(r.Lines), w.command, w.class, w.lines)
		}
	}
}

func TestFramePOP3Login(t *testing.T) {
	f := NewFramer(POP3)
	steps := []struct {
		client, wire, command string
		loggedIn              bool
	}{
		{"", "+OK ready\r\n", "", false},
		{"USER student", "+OK\r\n", "USER student", false},
		{"PASS secret123", "+OK logged in\r\n", "PASS <redacted>", false},
		{"DELE 1", "+OK marked\r\n", "DELE 1", true},
		{"QUIT", "+OK bye\r\n", "QUIT", true},
	}
	for i, s := range steps {
		if s.client != "" {
			f.Expect(s.client)
		}
		r := feedWire(t, f, s.wire)
		if len(r) != 1 || r[0].Command != s.command || r[0].LoggedIn != s.loggedIn {
			t.Fatalf("step %d: %+v; want command %q loggedIn %v", i, r, s.command, s.loggedIn)
		}
	}
}

func TestFramePOP3SASLExchange(t *testing.T) {
	f := NewFramer(POP3)
	f.Expect("AUTH PLAIN")
	feedWire(t, f, "+ \r\n")
	if !InAuth(f) {
		t.Fatal("InAuth after a continuation = false")
	}
	// The response happens to spell CAPA: it must still be framed as the
	// single-line answer to a SASL response, not as a capability list.
	f.Expect("CAPA")
	r := feedWire(t, f, "+OK logged in\r\n")
	if len(r) != 1 || !r[0].SASL || r[0].Multi || r[0].Command != Redacted {
		t.Fatalf("reply to the SASL response: %+v", r)
	}
	if InAuth(f) {
		t.Error("InAuth after +OK = true")
	}
	f.Expect("STAT")
	if r := feedWire(t, f, "+OK 0 0\r\n"); len(r) != 1 || !r[0].LoggedIn {
		t.Fatalf("after a SASL login: %+v", r)
	}
}

func TestFramePOP3ContinuationAgain(t *testing.T) {
	f, _ := converse(t, POP3, []string{"AUTH LOGIN"}, "+ VXNlcm5hbWU6\r\n")
	f.Expect("c3R1ZGVudA==")
	r := feedWire(t, f, "+ UGFzc3dvcmQ6\r\n")
	if len(r) != 1 || r[0].Class != ClassContinue || !r[0].SASL || len(r[0].Problems) != 0 || !InAuth(f) {
		t.Fatalf("second challenge: %+v, InAuth %v", r, InAuth(f))
	}
}

func TestFramePOP3Partial(t *testing.T) {
	f, replies := converse(t, POP3, []string{"RETR 1"}, "+OK\r\nSubject: hi\r\n")
	if replies != nil {
		t.Fatalf("unfinished RETR returned %+v", replies)
	}
	if want := []string{"+OK", "Subject: hi"}; !equalStrings(f.Partial(), want) {
		t.Fatalf("Partial = %q, want %q", f.Partial(), want)
	}
}

func TestFramePOP3EmbeddedLineFeedNeverReachesBody(t *testing.T) {
	f := NewFramer(POP3)
	f.Expect("RETR 1")
	f.Feed("+OK", CRLF)
	f.Feed("a\r\nb", CRLF) // a caller that did not split lines
	r := f.Feed(".", CRLF)
	if r == nil || len(r.Body) != 1 {
		t.Fatalf("reply: %+v", r)
	}
	if r.Body[0] != "a\r\uFFFDb" || !hasProblem(r, "line feed") {
		t.Errorf("body %q problems %q", r.Body, r.Problems)
	}
}
