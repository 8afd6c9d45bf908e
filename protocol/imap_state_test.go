package protocol

import (
	"slices"
	"testing"
)

// imapTalk drives one IMAP framer through a conversation, checking as it
// goes.
type imapTalk struct {
	t  *testing.T
	f  *imapFramer
	rd *imapReader
}

func newIMAPTalk(t *testing.T, greeting string) *imapTalk {
	t.Helper()
	f := newIMAPFramer()
	k := &imapTalk{t: t, f: f, rd: newIMAPReader(f)}
	if greeting != "" {
		k.recv(greeting)
	}
	return k
}

// send expects a client line and checks what it asks for.
func (k *imapTalk) send(line string, want Expected) {
	k.t.Helper()
	if got := k.f.Expect(line); got != want {
		k.t.Fatalf("Expect(%q) = %+v, want %+v", line, got, want)
	}
}

// recv feeds wire bytes that complete exactly one reply and returns it.
func (k *imapTalk) recv(wire string) *Reply {
	k.t.Helper()
	replies := k.rd.feed(wire)
	if len(replies) != 1 {
		k.t.Fatalf("%q gave %d replies", wire, len(replies))
	}
	return replies[0]
}

// state checks the framer's state.
func (k *imapTalk) state(what string, ok func(State) bool) {
	k.t.Helper()
	if st := k.f.State(); !ok(st) {
		k.t.Fatalf("%s: state %+v", what, st)
	}
}

var (
	continues = Expected{Continues: true}
	starts    = Expected{}
)

func TestIMAPAuthenticate(t *testing.T) {
	k := newIMAPTalk(t, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN auth=cram-md5] ready\r\n")
	k.state("greeting", func(s State) bool {
		return s.Advertised && slices.Equal(s.Mechanisms, []string{"PLAIN", "CRAM-MD5"}) && s.Offers("imap4rev1")
	})
	k.send("a1 AUTHENTICATE CRAM-MD5", starts)
	const ch = "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+"
	r := k.recv("+ " + ch + "\r\n")
	if r.Command != "a1 AUTHENTICATE CRAM-MD5" || !r.Pending || r.Tone != ToneIntermediate {
		t.Fatalf("challenge: %s", summary(r))
	}
	k.state("challenge", func(s State) bool {
		return s.Input == InputSASL && s.Challenge == ch && s.Mechanism == "CRAM-MD5" && InAuth(k.f)
	})
	k.send("dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw", continues)
	k.state("answered", func(s State) bool { return s.Input == InputCommand && s.Challenge == "" })
	r = k.recv("a1 OK [CAPABILITY IMAP4rev1 IDLE] CRAM-MD5 authentication successful\r\n")
	if r.Command != "a1 AUTHENTICATE CRAM-MD5" || r.Pending {
		t.Fatalf("completion: %s", summary(r))
	}
	k.state("logged in", func(s State) bool {
		return s.LoggedIn && s.Mechanism == "" && s.Offers("IDLE") && s.Mechanisms == nil && s.Previous == "a1 AUTHENTICATE CRAM-MD5"
	})

	k = newIMAPTalk(t, "* OK ready\r\n")
	k.send("a1 AUTHENTICATE PLAIN", starts)
	k.recv("+ \r\n")
	k.state("empty challenge", func(s State) bool { return s.Input == InputSASL && s.Challenge == "" && s.Mechanism == "PLAIN" })
	k.send("*", continues)
	k.recv("a1 BAD AUTHENTICATE cancelled\r\n")
	k.state("cancelled", func(s State) bool { return !s.LoggedIn && s.Input == InputCommand && s.Mechanism == "" })
}

func TestIMAPAppendLiterals(t *testing.T) {
	k := newIMAPTalk(t, "* PREAUTH hi\r\n")
	k.state("preauth", func(s State) bool { return s.LoggedIn })
	k.send(`a2 APPEND INBOX (\Seen) {95}`, starts)
	k.state("announced", func(s State) bool {
		return s.Input == InputCommand && s.Literal == 95 && s.Continuing == `a2 APPEND INBOX (\Seen) {95}`
	})
	k.recv("+ OK\r\n")
	k.state("go ahead", func(s State) bool { return s.Input == InputLiteral && s.Literal == 95 })
	left := []int64{73, 47, 16, 14, 7, 0}
	for i, l := range dovecotMessage {
		k.send(l, continues)
		k.state(l, func(s State) bool { return s.Literal == left[i] })
	}
	k.state("literal sent", func(s State) bool { return s.Input == InputCommand && s.Continuing != "" })
	if tagged, added := k.f.AutoTag("NOOP"); added {
		t.Fatalf("AutoTag inside a command: %q", tagged)
	}
	k.send("", continues)
	k.state("command sent", func(s State) bool { return s.Continuing == "" && s.Literal == 0 })
	k.recv("a2 OK [APPENDUID 1 1] done\r\n")

	k.send("a3 APPEND INBOX {7+}", starts)
	k.state("non-synchronizing", func(s State) bool { return s.Input == InputLiteral && s.Literal == 7 })
	k.send("Hello", continues) // 7 bytes with CRLF
	k.state("literal+ sent", func(s State) bool { return s.Input == InputCommand && s.Literal == 0 && s.Continuing != "" })
	k.send(" {2+}", continues) // MULTIAPPEND: one more
	k.state("second literal", func(s State) bool { return s.Literal == 2 && s.Continuing == "a3 APPEND INBOX {7+} {2+}" })
	k.send("ab", continues) // the literal ends before the CRLF, which ends the command
	k.state("all sent", func(s State) bool { return s.Continuing == "" && s.Input == InputCommand })
	r := k.recv("a3 OK done\r\n")
	if r.Command != "a3 APPEND INBOX {7+} {2+}" {
		t.Errorf("command %q", r.Command)
	}

	k.send("b1 LOGIN {7}", starts)
	r = k.recv("b1 BAD not now\r\n") // refused before "+"
	k.state("refused literal", func(s State) bool { return s.Literal == 0 && s.Continuing == "" && s.Input == InputCommand })
	if r.Command != "b1 LOGIN {7}" {
		t.Errorf("command %q", r.Command)
	}
}

func TestIMAPLoginLiterals(t *testing.T) {
	k := newIMAPTalk(t, "* OK ready\r\n")
	k.send("c1 LOGIN {7}", starts)
	k.recv("+ OK\r\n")
	k.state("user name literal", func(s State) bool { return s.Literal == 7 && s.Continuing == "c1 LOGIN {7}" })
	if red, kind, _ := redactIMAP("student {9}", k.f.State()); red != "student {9}" || kind != "" {
		t.Errorf("user name redacted: %q %q", red, kind)
	}
	k.send("student {9}", continues)
	k.state("password announced", func(s State) bool {
		return s.Input == InputCommand && s.Literal == 9 && s.Continuing == "c1 LOGIN {7} {9}"
	})
	k.recv("+ OK\r\n")
	if red, kind, _ := redactIMAP("secret123", k.f.State()); red != Redacted || kind != SecretPassword {
		t.Errorf("password literal: %q %q", red, kind)
	}
	k.send("secret123", continues)
	k.state("sent", func(s State) bool { return s.Literal == 0 && s.Continuing == "" && s.Input == InputCommand })
	k.recv("c1 OK Logged in\r\n")
	k.state("logged in", func(s State) bool { return s.LoggedIn && s.Previous == "c1 LOGIN {7} {9}" })
}

func TestIMAPIdle(t *testing.T) {
	k := newIMAPTalk(t, "* PREAUTH hi\r\n")
	k.send("a1 IDLE", starts)
	k.recv("+ idling\r\n")
	k.state("idling", func(s State) bool { return s.Input == InputIdle })
	if _, added := k.f.AutoTag("NOOP"); added {
		t.Error("AutoTag while idling")
	}
	r := k.recv("* 4 EXISTS\r\n")
	if r.Command != "a1 IDLE" || !r.Pending || r.Status != "EXISTS" || r.Text != "4" || r.Before.Input != InputIdle {
		t.Errorf("update: %s", summary(r))
	}
	k.send("DONE", continues)
	k.state("done", func(s State) bool { return s.Input == InputCommand })
	k.recv("a1 OK IDLE terminated\r\n")
	k.state("ended", func(s State) bool { return s.Input == InputCommand && s.Previous == "a1 IDLE" })
}

func TestIMAPMailbox(t *testing.T) {
	k := newIMAPTalk(t, "* PREAUTH hi\r\n")
	steps := []struct {
		send, recv string
		mailbox    string
		readOnly   bool
	}{
		{"a1 SELECT INBOX", "a1 OK [READ-WRITE] done\r\n", "INBOX", false},
		{"a2 EXAMINE \"Sent Items\"", "a2 OK [READ-ONLY] done\r\n", "Sent Items", true},
		{"a3 SELECT &ZTZO9nux-", "* OK [CLOSED] closed\r\n", "", false},
		{"", "a3 OK done\r\n", "&ZTZO9nux-", false},
		{"a4 EXAMINE x", "a4 OK done\r\n", "x", true}, // no code: EXAMINE is read-only
		{"a5 CLOSE", "a5 OK done\r\n", "", false},
		{"a6 SELECT y", "a6 OK [READ-ONLY] done\r\n", "y", true},
		{"a7 SELECT nosuch", "a7 NO no such mailbox\r\n", "", false},
		{"a8 SELECT y", "a8 OK done\r\n", "y", false},
		{"a9 SELECT z z", "a9 BAD syntax\r\n", "y", false}, // never tried: still selected
		{"b1 UNSELECT", "b1 OK done\r\n", "", false},
	}
	for _, s := range steps {
		if s.send != "" {
			k.send(s.send, starts)
		}
		k.recv(s.recv)
		k.state(s.send+" "+s.recv, func(st State) bool { return st.Mailbox == s.mailbox && st.ReadOnly == s.readOnly })
	}
	k.send("b2 SELECT {5}", starts)
	k.recv("+ OK\r\n")
	k.send("INBOX", continues)
	k.recv("b2 OK done\r\n")
	k.state("literal name", func(st State) bool { return st.Mailbox == "INBOX" })
}

func TestIMAPEndings(t *testing.T) {
	k := newIMAPTalk(t, "* OK ready\r\n")
	k.send("a1 STARTTLS", Expected{StartTLS: true})
	if r := k.recv("a1 OK Begin TLS\r\n"); !r.StartTLS {
		t.Error("no StartTLS on the OK to STARTTLS")
	}
	k.f.TLSStarted()
	k.state("tls", func(s State) bool { return s.TLS && !s.Advertised && s.Extensions == nil })
	k.send("a2 NOOP", starts)
	if r := k.recv("* BYE shutting down\r\n"); r.Tone != TonePermanent || r.Command != "a2 NOOP" {
		t.Errorf("BYE outside LOGOUT: %s", summary(r))
	}
	k.state("bye", func(s State) bool { return s.Ended })

	k = newIMAPTalk(t, "* OK ready\r\n")
	k.send("a1 LOGOUT", starts)
	if r := k.recv("* BYE see you\r\n"); r.Tone != TonePositive {
		t.Errorf("BYE to LOGOUT: %s", summary(r))
	}
	k.recv("a1 OK LOGOUT completed\r\n")
	k.state("logged out", func(s State) bool { return s.Ended })
}

// TestIMAPPipelinedTags answers pipelined commands out of order: each
// tagged response finds its own command.
func TestIMAPPipelinedTags(t *testing.T) {
	k := newIMAPTalk(t, "* PREAUTH hi\r\n")
	k.send("a1 SELECT INBOX", starts)
	k.send("a2 NOOP", starts)
	k.send("a3 LOGIN x y", starts)
	want := []string{
		"* EXISTS 1 | a1 SELECT INBOX | pending | positive",
		"a3 BAD already logged in | a3 LOGIN x <redacted> | permanent",
		"a1 OK done | a1 SELECT INBOX | positive",
		"* EXISTS 2 | a2 NOOP | pending | positive",
		"a2 OK done | a2 NOOP | positive",
		"* EXISTS 3 |  | pending | positive",
		"a2 OK twice |  | pending | positive | 1 problems",
	}
	wire := []string{"* 1 EXISTS", "a3 BAD already logged in", "a1 OK done", "* 2 EXISTS", "a2 OK done", "* 3 EXISTS", "a2 OK twice"}
	for i, w := range wire {
		r := k.recv(w + "\r\n")
		if got := summary(r); got != want[i] {
			t.Errorf("%q:\n got %s\nwant %s", w, got, want[i])
		}
	}
	k.state("after", func(s State) bool { return s.Mailbox == "INBOX" && s.Previous == "a2 NOOP" })
}

// TestIMAPUntaggableLine: a line without a valid tag gets an untagged BAD
// (as Dovecot answers), which completes it.
func TestIMAPUntaggableLine(t *testing.T) {
	k := newIMAPTalk(t, "* OK ready\r\n")
	for _, line := range []string{"", "  ", "a*1 NOOP"} {
		k.send(line, starts)
		k.send("a2 NOOP", starts)
		r := k.recv("* BAD Error in IMAP command received by server.\r\n")
		if r.Pending || r.Command != line || r.Tone != TonePermanent {
			t.Errorf("%q: %s", line, summary(r))
		}
		if r := k.recv("* BAD stray\r\n"); !r.Pending || r.Command != "a2 NOOP" {
			t.Errorf("a second BAD: %s", summary(r))
		}
		k.recv("a2 OK done\r\n")
	}
}

func TestIMAPAutoTag(t *testing.T) {
	f := newIMAPFramer()
	tests := []struct {
		line, want string
		added      bool
		send       bool // Expect the result
	}{
		{"LOGIN student secret", "a1 LOGIN student secret", true, false},
		{"login student secret", "a1 login student secret", true, true}, // asked again: the same tag
		{"  select inbox", "a2 select inbox", true, true},
		{"a7 NOOP", "a7 NOOP", false, true},
		{"uid fetch 1:* FLAGS", "a8 uid fetch 1:* FLAGS", true, false},
		{"x1 NOOP", "x1 NOOP", false, true},
		{"A99 NOOP", "A99 NOOP", false, true}, // another letter: no collision with a…
		{"FOO bar", "FOO bar", false, false},
		{"", "", false, false},
		{"IDLE", "a8 IDLE", true, true},
	}
	for _, tt := range tests {
		got, added := f.AutoTag(tt.line)
		if got != tt.want || added != tt.added {
			t.Errorf("AutoTag(%q) = %q, %v; want %q, %v", tt.line, got, added, tt.want, tt.added)
		}
		if tt.send {
			f.Expect(got)
		}
	}
	f.Feed("+ idling", CRLF)
	if got, added := f.AutoTag("DONE"); added || got != "DONE" {
		t.Errorf("AutoTag while idling = %q, %v", got, added)
	}
	var _ Tagger = f
	var _ LiteralFramer = f
}
