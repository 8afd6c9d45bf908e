package proxy_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/emersion/go-sasl"
	gosmtp "github.com/emersion/go-smtp"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/proxy"
	"github.com/mailtutor/mailtutor/transcript"
)

// body is a message whose lines need care on the wire: dot-stuffing, a
// tab, trailing spaces, an empty line.
const body = "From: <student@example.test>\r\nTo: <teacher@example.test>\r\nSubject: through the proxy\r\n\r\n" +
	"Hello.\r\n.A line that starts with a dot.\r\n..Two dots.\r\n\r\n\tTab and two spaces  \r\nLast line.\r\n"

// TestSMTPSTARTTLSThroughProxy: go-smtp's client says STARTTLS and AUTH
// PLAIN to the proxy, which upgrades its own side to a go-smtp server;
// the message arrives byte for byte, the screen names each command and
// explains each reply, and the transcript loads and holds no secret.
func TestSMTPSTARTTLSThroughProxy(t *testing.T) {
	upCert, err := proxy.MakeCertificate()
	if err != nil {
		t.Fatal(err)
	}
	upAddr, be := goSMTP(t, upCert)
	cfg := proxy.Config{}
	cfg.Upstream.CAPEM = upCert.PEM
	p := startProxy(t, "submission://"+upAddr, cfg, i18n.English)

	c, err := gosmtp.DialStartTLS(p.addr, p.clientTLS())
	if err != nil {
		t.Fatalf("STARTTLS through the proxy: %v", err)
	}
	if err := c.Auth(sasl.NewPlainClient("", testUser, testPass)); err != nil {
		t.Fatalf("AUTH PLAIN: %v", err)
	}
	if err := c.SendMail("student@example.test", []string{"teacher@example.test"}, strings.NewReader(body)); err != nil {
		t.Fatalf("send: %v", err)
	}
	if err := c.Quit(); err != nil {
		t.Fatalf("QUIT: %v", err)
	}
	msgs := be.messages()
	if len(msgs) != 1 || string(msgs[0].data) != body {
		t.Fatalf("the server got %d message(s); want the body byte for byte:\n%q", len(msgs), msgs)
	}

	data := p.transcripts(t, 1)[1]
	secret := base64.StdEncoding.EncodeToString([]byte("\x00" + testUser + "\x00" + testPass))
	noSecret(t, "the transcript", data, testPass, secret)
	noSecret(t, "the screen", []byte(p.screen.String()), testPass, secret)
	tr, warnings, err := transcript.Parse(data, "proxy.yaml")
	if err != nil || len(warnings) > 0 {
		t.Fatalf("the transcript does not load: %v %v\n%s", err, warnings, data)
	}
	var kinds []string
	for _, s := range tr.Steps {
		kinds = append(kinds, string(s.Kind))
		if s.Kind == transcript.KindData && s.Text != strings.ReplaceAll(body, "\r\n", "\n") {
			t.Errorf("the DATA step holds %q, want the body as written", s.Text)
		}
	}
	if got := strings.Join(kinds, " "); !strings.Contains(got, "tls") || !strings.Contains(got, "data") || !strings.HasSuffix(got, "closed") {
		t.Errorf("steps %s: want a tls step, a data step, and closed last", got)
	}
	screen := p.screen.String()
	if testing.Verbose() {
		t.Logf("screen:\n%s\ntranscript:\n%s", screen, data)
	}
	for _, want := range []string{"#1 C: EHLO", "#1 C: STARTTLS", "#1 C: AUTH PLAIN <redacted>", "#1 C: MAIL FROM:<student@example.test>",
		"#1 S: 354", "#1 C: .", "#1 C: QUIT", "TLS with the client: TLS 1.3", "#1    TLS: TLS 1.3", "verified"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the screen does not show %q", want)
		}
	}
}
