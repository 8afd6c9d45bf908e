package proxy_test

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"net/textproto"
	"strings"
	"testing"

	"github.com/emersion/go-sasl"
	gosmtp "github.com/emersion/go-smtp"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/proxy"
	"github.com/mailtutor/mailtutor/lab"
	"github.com/mailtutor/mailtutor/lab/labtest"
	"github.com/mailtutor/mailtutor/transcript"
)

// labService returns the URL of a lab service.
func labService(t *testing.T, l *lab.Lab, name string) string {
	t.Helper()
	svc, ok := l.Service(name)
	if !ok {
		t.Fatalf("the lab has no %s service", name)
	}
	return svc.URL
}

// TestLabSubmissionThroughProxy: go-smtp's client through the proxy to
// the lab's submission service, STARTTLS then AUTH LOGIN: the message is
// in the mailbox byte for byte; the transcript loads and hides both
// answers to the LOGIN challenges.
func TestLabSubmissionThroughProxy(t *testing.T) {
	l := labtest.Start(t)
	cfg := proxy.Config{}
	cfg.Upstream.CAPEM = l.CertPEM()
	p := startProxy(t, labService(t, l, "submission"), cfg, i18n.English)

	c, err := gosmtp.DialStartTLS(p.addr, p.clientTLS())
	if err != nil {
		t.Fatalf("STARTTLS through the proxy: %v", err)
	}
	if err := c.Auth(sasl.NewLoginClient(testUser, testPass)); err != nil {
		t.Fatalf("AUTH LOGIN: %v", err)
	}
	if err := c.SendMail("student@example.test", []string{"teacher@example.test"}, strings.NewReader(body)); err != nil {
		t.Fatal(err)
	}
	c.Quit()
	box := l.Mailbox("teacher")
	if len(box) != 1 || !strings.HasSuffix(string(box[0].Data), body) {
		t.Fatalf("the lab's mailbox holds %d message(s), want the body byte for byte: %q", len(box), box)
	}
	data := p.transcripts(t, 1)[1]
	noSecret(t, "the transcript", data, testPass, "c2VjcmV0MTIz", "c3R1ZGVudA==")
	tr, _, err := transcript.Parse(data, "lab.yaml")
	if err != nil {
		t.Fatal(err)
	}
	secrets := map[string]bool{}
	for _, s := range tr.Steps {
		if s.Secret != "" {
			secrets[s.Secret] = true
		}
	}
	// go-smtp sends the user name as LOGIN's initial response
	if !secrets["username"] && !secrets["sasl-initial-response"] || !secrets["password"] {
		t.Errorf("secret steps %v: want the user name and the password marked", secrets)
	}
}

// TestLabPOP3sThroughProxy: implicit TLS on both sides; a client that
// reads with net/textproto logs in, lists and retrieves a message: it
// comes byte for byte, PASS is redacted, the body shows dot-unstuffed.
func TestLabPOP3sThroughProxy(t *testing.T) {
	l := labtest.Start(t)
	msg := "Subject: pop\r\n\r\n.dotted line\r\nplain line\r\n"
	mx, err := gosmtp.Dial(strings.TrimPrefix(labService(t, l, "smtp"), "smtp://"))
	if err != nil {
		t.Fatal(err)
	}
	if err := mx.SendMail("a@other.test", []string{"student@example.test"}, strings.NewReader(msg)); err != nil {
		t.Fatal(err)
	}
	mx.Quit()
	cfg := proxy.Config{}
	cfg.Upstream.CAPEM = l.CertPEM()
	p := startProxy(t, labService(t, l, "pop3s"), cfg, i18n.English)

	conn, err := tls.Dial("tcp", p.addr, p.clientTLS())
	if err != nil {
		t.Fatalf("implicit TLS with the proxy: %v", err)
	}
	tp := textproto.NewConn(conn)
	defer tp.Close()
	expectOK := func(cmd string) string {
		t.Helper()
		if cmd != "" {
			tp.PrintfLine("%s", cmd)
		}
		line, err := tp.ReadLine()
		if err != nil || !strings.HasPrefix(line, "+OK") {
			t.Fatalf("%q: got %q, %v", cmd, line, err)
		}
		return line
	}
	expectOK("")
	expectOK("USER " + testUser)
	expectOK("PASS " + testPass)
	expectOK("RETR 1")
	got, err := tp.ReadDotBytes()
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.ReplaceAll(msg, "\r\n", "\n"); !strings.HasSuffix(string(got), want) {
		t.Errorf("RETR through the proxy: %q, want it to end with %q", got, want)
	}
	expectOK("QUIT")
	data := p.transcripts(t, 1)[1]
	noSecret(t, "the transcript", data, testPass)
	if !strings.Contains(string(data), "PASS <redacted>") {
		t.Errorf("the transcript does not hold PASS <redacted>:\n%s", data)
	}
	screen := p.screen.String()
	for _, want := range []string{"#1 C: USER student", "#1 C: PASS <redacted>", "#1 S: .dotted line", "TLS with the client"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the screen does not show %q", want)
		}
	}
}

// rawSMTP is a client that writes what it is told, pipelined as it is,
// and reads replies: to see their order.
type rawSMTP struct {
	t  *testing.T
	tp *textproto.Conn
}

func dialRaw(t *testing.T, addr string) *rawSMTP {
	t.Helper()
	tp, err := textproto.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tp.Close() })
	return &rawSMTP{t: t, tp: tp}
}

// send writes lines in one go.
func (c *rawSMTP) send(lines ...string) {
	c.t.Helper()
	w := bufio.NewWriter(c.tp.W)
	for _, l := range lines {
		fmt.Fprintf(w, "%s\r\n", l)
	}
	if err := w.Flush(); err != nil {
		c.t.Fatal(err)
	}
	c.tp.W.Flush()
}

// reply reads one reply and returns its code and text.
func (c *rawSMTP) reply() (int, string) {
	c.t.Helper()
	code, msg, err := c.tp.ReadResponse(0)
	if err != nil && code == 0 {
		c.t.Fatalf("read a reply: %v", err)
	}
	return code, msg
}

// TestLabSMTPSThroughProxy: go-smtp's client over implicit TLS to the
// proxy, which speaks implicit TLS to the lab's smtps service.
func TestLabSMTPSThroughProxy(t *testing.T) {
	l := labtest.Start(t)
	cfg := proxy.Config{}
	cfg.Upstream.CAPEM = l.CertPEM()
	p := startProxy(t, labService(t, l, "smtps"), cfg, i18n.English)
	c, err := gosmtp.DialTLS(p.addr, p.clientTLS())
	if err != nil {
		t.Fatalf("implicit TLS with the proxy: %v", err)
	}
	if err := c.Auth(sasl.NewPlainClient("", testUser, testPass)); err != nil {
		t.Fatal(err)
	}
	if err := c.SendMail("student@example.test", []string{"teacher@example.test"}, strings.NewReader(body)); err != nil {
		t.Fatal(err)
	}
	c.Quit()
	if box := l.Mailbox("teacher"); len(box) != 1 || !strings.HasSuffix(string(box[0].Data), body) {
		t.Fatalf("the lab's mailbox holds %d message(s), want the body byte for byte", len(box))
	}
	tr, _, err := transcript.Parse(p.transcripts(t, 1)[1], "smtps.yaml")
	if err != nil || tr.Server.TLS != transcript.TLSImplicit || tr.Steps[0].Kind != transcript.KindTLS {
		t.Errorf("the transcript should start with the implicit TLS step: %v", err)
	}
}
