package protocol

import (
	"bytes"
	"strings"
	"testing"
)

// fuzzScript turns fuzz input into framer operations: each received line
// starting with "C:" is a client line to Expect, any other is fed. In raw
// mode lines are cut at NUL bytes and fed as they are, CR and LF included,
// as a careless caller might; otherwise they are cut like the session does.
func fuzzScript(script []byte, raw bool) []received {
	if !raw {
		return splitWire(string(script))
	}
	var out []received
	for _, chunk := range bytes.Split(script, []byte{0}) {
		out = append(out, received{string(chunk), CRLF})
	}
	return out
}

// checkReply asserts the invariants every framed reply keeps.
func checkReply(t *testing.T, p Protocol, r *Reply) {
	t.Helper()
	if len(r.Lines) == 0 {
		t.Fatalf("a reply without lines: %+v", r)
	}
	if !r.Class.valid() || r.Protocol != p {
		t.Fatalf("class %v protocol %q on %+v", r.Class, r.Protocol, r)
	}
	for _, b := range r.Body {
		if strings.Contains(b, "\r\n") || strings.Contains(b, "\n") {
			t.Fatalf("a body line holds a line break: %q", b)
		}
	}
	if r.SASL && r.Command != Redacted && strings.TrimSpace(r.Command) != "*" {
		t.Fatalf("a SASL response kept as %q", r.Command)
	}
	switch p {
	case SMTP:
		if (r.Code == 0) != (r.Class == ClassMalformed) || (r.Code != 0 && (r.Code < 200 || r.Code > 599)) {
			t.Fatalf("code %d with class %v", r.Code, r.Class)
		}
		if r.Multi || r.Body != nil || r.Status != "" {
			t.Fatalf("SMTP reply with POP3 fields: %+v", r)
		}
		if r.Enhanced != "" && ParseEnhanced(r.Enhanced) != r.Enhanced {
			t.Fatalf("invalid enhanced code %q", r.Enhanced)
		}
	case POP3:
		if r.Code != 0 || r.Class == ClassPositive || r.Class == ClassIntermediate || r.Class == ClassTransient || r.Class == ClassPermanent {
			t.Fatalf("POP3 reply with SMTP fields: %+v", r)
		}
		if r.Multi && (r.Lines[len(r.Lines)-1] != "." || len(r.Body) != len(r.Lines)-2) {
			t.Fatalf("multi-line reply framed wrong: %q body %q", r.Lines, r.Body)
		}
		if !r.Multi && len(r.Lines) != 1 {
			t.Fatalf("single-line reply with %d lines", len(r.Lines))
		}
	}
	if ex := Explain(r); ex.Class == "" {
		t.Fatalf("Explain gave no class for %+v", r)
	}
	Extensions(r)
	ResponseCode(r)
}

func FuzzFramer(f *testing.F) {
	f.Add(false, []byte("220 mail.example.test ESMTP\r\nC:EHLO c\n250-mail.example.test\r\n250-AUTH PLAIN LOGIN\r\n250 STARTTLS\r\n"), false)
	f.Add(false, []byte("C:AUTH LOGIN\n334 VXNlcm5hbWU6\r\nC:c3R1ZGVudA==\n334 UGFzc3dvcmQ6\r\nC:*\n501 5.7.0 cancelled\r\n"), false)
	f.Add(false, []byte("250-a\n251-b\r\nnope\r\n250 5.1.1 c"), false)
	f.Add(true, []byte("+OK ready <1.2@x>\r\nC:LIST\n+OK\r\n1 10\r\n.\r\nC:RETR 1\n+OK\r\n..x\r\n.y\r\n.\r\nC:RETR 9\n-ERR no\r\n"), false)
	f.Add(true, []byte("C:AUTH PLAIN\n+ \r\nC:CAPA\n+OK\r\nC:CAPA\n+OK\r\nSASL PLAIN\r\n."), false)
	f.Add(true, []byte("C:RETR 1\x00+OK\x00a\r\nb\x00.\x00"), true)
	f.Fuzz(func(t *testing.T, pop3 bool, script []byte, raw bool) {
		p := SMTP
		if pop3 {
			p = POP3
		}
		fr := NewFramer(p)
		fed, framed, capped := 0, 0, false
		for _, l := range fuzzScript(script, raw) {
			if client, ok := strings.CutPrefix(l.line, "C:"); ok {
				fr.Expect(client)
				continue
			}
			fed++
			r := fr.Feed(l.line, l.ending)
			if r == nil {
				continue
			}
			checkReply(t, p, r)
			framed += len(r.Lines)
			if p == SMTP && len(r.Lines) == MaxSMTPReplyLines {
				capped = true // later lines were read and dropped, and it says so
				if !strings.Contains(strings.Join(r.Problems, "\n"), "only the first") {
					t.Fatalf("a capped reply does not say so: %q", r.Problems)
				}
			}
			if want := r.Code == 334 || r.Class == ClassContinue; InAuth(fr) != want {
				t.Fatalf("InAuth = %v after %+v", InAuth(fr), r)
			}
		}
		capped = capped || p == SMTP && len(fr.Partial()) == MaxSMTPReplyLines
		if got := framed + len(fr.Partial()); got != fed && !(capped && got < fed) {
			t.Fatalf("fed %d lines, replies and partial hold %d", fed, got)
		}
	})
}

func FuzzExplain(f *testing.F) {
	f.Add("smtp", "AUTH CRAM-MD5", 334, int(ClassIntermediate), "", "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+", "", false, false, false, "")
	f.Add("pop3", "CAPA", 0, int(ClassOK), "+OK", "", "", false, true, true, "SASL PLAIN\nSTLS")
	f.Add("smtp", "EHLO c", 250, int(ClassPositive), "", "x\nAUTH=PLAIN\nSTARTTLS", "5.9", true, true, false, "")
	f.Add("pop3", "", 0, int(ClassErr), "-ERR", "[SYS/", "", false, false, false, "")
	f.Add("imap", "QUIT", 999, 42, "?", "[", "2.0.0", true, false, true, "")
	f.Fuzz(func(t *testing.T, proto, command string, code, class int, status, text, enhanced string, sasl, loggedIn, multi bool, body string) {
		r := &Reply{Protocol: Protocol(proto), Command: command, Code: code, Class: Class(class), Status: status,
			Text: text, Enhanced: enhanced, SASL: sasl, LoggedIn: loggedIn, Multi: multi, Lines: []string{text},
			Before: State{LoggedIn: loggedIn, Advertised: multi, TLS: sasl}}
		if body != "" {
			r.Body = strings.Split(body, "\n")
			r.Before.Extensions = r.Body
		}
		if ex := Explain(r); ex.Class == "" {
			t.Fatalf("no class for %+v", r)
		}
		Extensions(r)
		ResponseCode(r)
		Redact(r.Protocol, command, sasl, text)
	})
}
