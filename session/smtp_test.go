package session_test

import (
	"errors"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

func TestSMTPSendPlainAuthAndDotStuffing(t *testing.T) {
	addr, be, _ := startGoSMTP(t)
	c := dial(t, "smtp://"+addr, session.Options{})
	ehlo := c.do("EHLO client.test", 250)
	if !slices.Contains(c.s.Extensions(), "STARTTLS") || !slices.Contains(c.s.Extensions(), "AUTH PLAIN") {
		t.Fatalf("extensions %v from %q lack STARTTLS / AUTH PLAIN", c.s.Extensions(), ehlo.Reply.Lines)
	}
	c.do("AUTH PLAIN "+codec.PlainResponse("", "student", "secret123"), 235)
	if sent := c.lastSent(); sent.Secret == "" || strings.Contains(sent.Redacted, codec.PlainResponse("", "student", "secret123")) {
		t.Fatalf("AUTH PLAIN line not redacted: %+v", sent)
	}
	c.do("MAIL FROM:<student@mail.test>", 250)
	c.do("RCPT TO:<teacher@mail.test>", 250)
	c.do("DATA", 354)
	if c.s.Mode() != session.ModeData {
		t.Fatalf("mode after 354 = %v, want ModeData", c.s.Mode())
	}
	body := []string{"Subject: hi", "", ".hidden line", "..two dots", "last"}
	if err := c.s.SendData(body); err != nil {
		t.Fatal(err)
	}
	if e := c.next(session.Received); e.Reply.Code != 250 || e.Reply.Command != "." {
		t.Fatalf("end of data: %+v", e.Reply)
	}
	c.do("QUIT", 221)
	if e := waitClosed(t, c.s); e.Err != nil {
		t.Fatalf("normal close reported an error: %v", e.Err)
	}
	msgs := be.messages()
	want := strings.Join(body, "\r\n") + "\r\n"
	if len(msgs) != 1 || string(msgs[0]) != want {
		t.Fatalf("server got %q, want %q", msgs, want)
	}
}

func TestSMTPStartTLSVerified(t *testing.T) {
	addr, _, ca := startGoSMTP(t)
	c := dial(t, "smtp://"+addr, session.Options{CAPEM: ca})
	c.do("EHLO client.test", 250)
	c.do("STARTTLS", 220)
	up := c.next(session.TLSUp)
	if !up.TLS.Verified || !strings.HasPrefix(up.TLS.Version, "TLS 1.") || !strings.Contains(up.TLS.Subject, "mail.test") {
		t.Fatalf("TLS info %+v", up.TLS)
	}
	c.do("EHLO client.test", 250)
	if c.s.TLS() == nil || slices.Contains(c.s.Extensions(), "STARTTLS") {
		t.Fatalf("after STARTTLS: TLS %v, extensions %v", c.s.TLS(), c.s.Extensions())
	}
	c.do("AUTH PLAIN "+codec.PlainResponse("", "student", "nope"), 535)
}

func TestSMTPStartTLSUntrustedFailsClearly(t *testing.T) {
	addr, _, _ := startGoSMTP(t)
	c := dial(t, "smtp://"+addr, session.Options{})
	c.do("EHLO client.test", 250)
	c.do("STARTTLS", 220)
	e := c.next(session.Problem)
	var tlsErr *session.TLSError
	if !errors.As(e.Err, &tlsErr) || !strings.Contains(e.Err.Error(), "--ca") || !strings.Contains(e.Err.Error(), "--insecure") {
		t.Fatalf("want a TLSError naming --ca and --insecure, got %v", e.Err)
	}
	if c.s.Send("NOOP", session.SendOptions{}) == nil {
		t.Fatal("send after a failed handshake succeeded")
	}
}

func TestSMTPStartTLSInsecureReportsWhy(t *testing.T) {
	addr, _, _ := startGoSMTP(t)
	c := dial(t, "smtp://"+addr, session.Options{Insecure: true})
	c.do("EHLO client.test", 250)
	c.do("STARTTLS", 220)
	up := c.next(session.TLSUp)
	if up.TLS.Verified || !strings.Contains(up.TLS.VerifyError, "unknown authority") {
		t.Fatalf("insecure TLS info %+v", up.TLS)
	}
	c.do("NOOP", 250)
}

func TestSendRefusesCRLFInjection(t *testing.T) {
	addr, be, _ := startGoSMTP(t)
	c := dial(t, "smtp://"+addr, session.Options{})
	for _, l := range []string{"MAIL FROM:<a@b>\r\nRCPT TO:<c@d>", "NOOP\nDATA", "NOOP\r"} {
		if err := c.s.Send(l, session.SendOptions{}); err == nil {
			t.Errorf("Send(%q) accepted a line with CR/LF", l)
		}
		if err := c.s.SendDataLine(l); err == nil {
			t.Errorf("SendDataLine(%q) accepted a line with CR/LF", l)
		}
	}
	c.do("NOOP", 250) // the session still works and nothing else was sent
	if c.s.Pending() != 0 || len(be.messages()) != 0 {
		t.Fatal("something was sent")
	}
}

func TestDialRefusedSaysSo(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	target, _ := session.ParseURL("smtp://" + addr)
	_, err = session.Dial(t.Context(), target, session.Options{Timeout: 2 * time.Second})
	if err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("want connection refused, got %v", err)
	}
}

func TestSilentServerTimesOut(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err == nil {
			time.Sleep(3 * time.Second)
			c.Close()
		}
	}()
	target, _ := session.ParseURL("smtp://" + ln.Addr().String())
	s, err := session.Dial(t.Context(), target, session.Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	for e := range s.Events() {
		if e.Kind == session.Problem {
			var te *session.TimeoutError
			if !errors.As(e.Err, &te) {
				t.Fatalf("want a timeout, got %v", e.Err)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Fatalf("timeout reported after %s", d)
			}
			return
		}
	}
	t.Fatal("no timeout reported")
}

// A hand-written peer for the one malformed case: a reply cut off by the close.
func TestCloseInTheMiddleOfAReply(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err == nil {
			c.Write([]byte("220-first line\r\n220-second"))
			c.Close()
		}
	}()
	target, _ := session.ParseURL("smtp://" + ln.Addr().String())
	s, err := session.Dial(t.Context(), target, session.Options{Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var sawReply bool
	for e := range s.Events() {
		switch e.Kind {
		case session.Received:
			sawReply = true
			if e.Reply.Class != protocol.ClassMalformed && len(e.Reply.Problems) == 0 {
				t.Errorf("cut reply framed as a clean one: %+v", e.Reply)
			}
		case session.Closed:
			if e.Err == nil && !sawReply {
				t.Fatal("a close in the middle of a reply was reported as normal")
			}
			return
		}
	}
}

func TestTypedSecretsAreMaskedOnScreenAndRedacted(t *testing.T) {
	addr, _, _ := startGoSMTP(t)
	c := dial(t, "smtp://"+addr, session.Options{})
	c.do("EHLO client.test", 250)
	c.do("AUTH LOGIN", 0)
	// A raw base64 answer typed by hand, with Display set to the line as the expander does.
	if err := c.s.Send("c3R1ZGVudA==", session.SendOptions{Display: "c3R1ZGVudA=="}); err != nil {
		t.Fatal(err)
	}
	c.next(session.Received)
	sent := c.lastSent()
	if sent.Secret == "" || strings.Contains(sent.Display, "c3R1ZGVudA==") || strings.Contains(sent.Redacted, "c3R1ZGVudA==") {
		t.Fatalf("a typed SASL response leaked: %+v", sent)
	}
}

func TestSMTPAuthLoginOverSTARTTLS(t *testing.T) {
	addr, _, ca := startGoSMTP(t)
	c := dial(t, "submission://"+addr, session.Options{CAPEM: ca})
	c.do("EHLO client.test", 250)
	c.do("STARTTLS", 220)
	c.next(session.TLSUp)
	c.do("EHLO client.test", 250)
	if c.s.Secret("NOOP") || !c.s.Secret("AUTH PLAIN "+codec.PlainResponse("", "a", "b")) {
		t.Fatal("Secret: NOOP called secret, or AUTH PLAIN with a response not")
	}
	if e := c.do("AUTH LOGIN", 334); !c.s.Secret("anything at all") || c.s.Mode() != session.ModeAuth || e.Reply.Text != codec.B64("Username:") {
		t.Fatalf("AUTH LOGIN: mode %v, challenge %q", c.s.Mode(), e.Reply.Text)
	}
	c.do(codec.B64("student"), 334)
	if sent := c.lastSent(); sent.Secret != "username" || sent.Redacted == codec.B64("student") {
		t.Fatalf("user name step not marked: %+v", sent)
	}
	c.do(codec.B64("secret123"), 235)
	if sent := c.lastSent(); sent.Secret != "password" || strings.Contains(sent.Display+sent.Redacted, codec.B64("secret123")) {
		t.Fatalf("password step leaked: %+v", sent)
	}
	if c.s.Mode() != session.ModeCommand {
		t.Fatalf("mode after 235: %v", c.s.Mode())
	}
}
