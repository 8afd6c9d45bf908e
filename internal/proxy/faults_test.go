package proxy_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	gosmtp "github.com/emersion/go-smtp"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/proxy"
)

func rules(t *testing.T, texts ...string) []proxy.Rule {
	t.Helper()
	var out []proxy.Rule
	for _, text := range texts {
		r, err := proxy.ParseRule(text)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// TestInjectAnswersInsteadOfTheServer: go-smtp's client gets the chosen
// reply to RCPT, which never reaches the server; the screen and the
// transcript say the reply was injected.
func TestInjectAnswersInsteadOfTheServer(t *testing.T) {
	upAddr, be := goSMTP(t, nil)
	p := startProxy(t, "smtp://"+upAddr, proxy.Config{Rules: rules(t, "RCPT=451 4.3.0 try later")}, i18n.English)
	c, err := gosmtp.Dial(p.addr)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Mail("a@example.test", nil); err != nil {
		t.Fatal(err)
	}
	err = c.Rcpt("b@example.test", nil)
	var se *gosmtp.SMTPError
	if !errors.As(err, &se) || se.Code != 451 || se.EnhancedCode != (gosmtp.EnhancedCode{4, 3, 0}) || se.Message != "try later" {
		t.Fatalf("RCPT = %v, want the injected 451 4.3.0 try later", err)
	}
	c.Quit()
	if be.rcpts != 0 {
		t.Errorf("the server saw %d RCPT, want none", be.rcpts)
	}
	data := string(p.transcripts(t, 1)[1])
	if !strings.Contains(data, "451 4.3.0 try later") || !strings.Contains(data, "injected by mailtutor") {
		t.Errorf("the transcript does not hold the injected reply, marked:\n%s", data)
	}
	if s := p.screen.String(); !strings.Contains(s, "an --inject rule answers RCPT TO:<b@example.test>") {
		t.Errorf("the screen does not say the reply was injected")
	}
}

// TestInjectKeepsPipelinedOrder: with MAIL, RCPT and DATA pipelined and
// RCPT answered by a rule, the client reads the three replies in order.
func TestInjectKeepsPipelinedOrder(t *testing.T) {
	upAddr, _ := goSMTP(t, nil)
	p := startProxy(t, "smtp://"+upAddr, proxy.Config{Rules: rules(t, "RCPT*1=452 4.5.3 too many recipients", "NOOP=250 2.0.0 injected")}, i18n.English)
	c := dialRaw(t, p.addr)
	c.reply()
	c.send("EHLO client.test")
	c.reply()
	c.send("MAIL FROM:<a@example.test>", "RCPT TO:<b@example.test>", "RCPT TO:<c@example.test>", "DATA")
	for i, want := range []int{250, 452, 250, 354} {
		if code, msg := c.reply(); code != want {
			t.Fatalf("reply %d: %d %s, want %d", i+1, code, msg, want)
		}
	}
	c.send("Subject: x", "", "body", ".", "QUIT")
	if code, _ := c.reply(); code != 250 {
		t.Errorf("end of DATA: %d, want 250", code)
	}
	if code, _ := c.reply(); code != 221 {
		t.Errorf("QUIT: %d, want 221", code)
	}
}

// TestParseRule: what --inject accepts and refuses.
func TestParseRule(t *testing.T) {
	for _, tc := range []struct {
		text  string
		verb  string
		lines int
		times int
		bad   bool
	}{
		{text: "RCPT=451 4.3.0 try later", verb: "RCPT", lines: 1},
		{text: "rcpt*2=451 later", verb: "RCPT", lines: 1, times: 2},
		{text: `EHLO=250-a\n250 b`, verb: "EHLO", lines: 2},
		{text: "RCPT", bad: true},
		{text: "=451 x", bad: true},
		{text: "RCPT*0=451 x", bad: true},
		{text: "MAIL FROM=451 x", bad: true},
	} {
		r, err := proxy.ParseRule(tc.text)
		if tc.bad {
			if !errors.Is(err, proxy.ErrBadRule) {
				t.Errorf("%q: %v, want ErrBadRule", tc.text, err)
			}
			continue
		}
		if err != nil || r.Verb != tc.verb || len(r.Reply) != tc.lines || r.Times != tc.times {
			t.Errorf("%q = %+v, %v", tc.text, r, err)
		}
	}
}

// TestListenRefusesBadRules: a rule whose reply is not one complete reply
// of the protocol, or that agrees to TLS, is refused before anything runs.
func TestListenRefusesBadRules(t *testing.T) {
	cert, _ := proxy.MakeCertificate()
	for _, text := range []string{`EHLO=250-only a continuation`, "STARTTLS=220 go ahead", `RCPT=250-a\n250-b`} {
		cfg := proxy.Config{Rules: rules(t, text), Cert: cert}
		cfg.Target.Protocol = "smtp"
		if srv, err := proxy.Listen("127.0.0.1:0", cfg); !errors.Is(err, proxy.ErrBadRule) {
			if srv != nil {
				srv.Close()
			}
			t.Errorf("%q: %v, want ErrBadRule", text, err)
		}
	}
}

// TestDropAfter cuts the connection when the client sends command N+1.
func TestDropAfter(t *testing.T) {
	upAddr, _ := goSMTP(t, nil)
	p := startProxy(t, "smtp://"+upAddr, proxy.Config{DropAfter: 2}, i18n.English)
	c := dialRaw(t, p.addr)
	c.reply()
	c.send("EHLO client.test")
	c.reply()
	c.send("MAIL FROM:<a@example.test>")
	c.reply()
	c.send("RCPT TO:<b@example.test>")
	if _, err := c.tp.ReadLine(); !errors.Is(err, io.EOF) {
		t.Fatalf("after command 3: %v, want the connection closed", err)
	}
	data := string(p.transcripts(t, 1)[1])
	if strings.Contains(data, "RCPT") || !strings.Contains(data, "--drop-after 2") {
		t.Errorf("the transcript should end with the cut, without RCPT:\n%s", data)
	}
}

// TestDelay holds each reply of the server for --delay.
func TestDelay(t *testing.T) {
	upAddr, _ := goSMTP(t, nil)
	p := startProxy(t, "smtp://"+upAddr, proxy.Config{Delay: 150 * time.Millisecond}, i18n.English)
	c := dialRaw(t, p.addr)
	c.reply()
	start := time.Now()
	c.send("NOOP")
	if code, _ := c.reply(); code != 250 {
		t.Fatalf("NOOP: %d", code)
	}
	if took := time.Since(start); took < 150*time.Millisecond {
		t.Errorf("NOOP took %v through --delay 150ms", took)
	}
}

// TestUpstreamRefusesTLS: the server does not offer STARTTLS; its refusal
// reaches the client as it was, the proxy says so, and the session goes
// on in plain text (the client knows it is not encrypted).
func TestUpstreamRefusesTLS(t *testing.T) {
	upAddr, _ := goSMTP(t, nil)
	p := startProxy(t, "smtp://"+upAddr, proxy.Config{}, i18n.English)
	c := dialRaw(t, p.addr)
	c.reply()
	c.send("STARTTLS")
	if code, _ := c.reply(); code/100 != 5 {
		t.Fatalf("STARTTLS: %d, want the server's refusal", code)
	}
	c.send("NOOP")
	if code, _ := c.reply(); code != 250 {
		t.Fatalf("NOOP after the refusal: %d", code)
	}
	if !strings.Contains(p.screen.String(), "the server refused TLS") {
		t.Error("the screen does not say the server refused TLS")
	}
}

// TestUpstreamTLSUnverified: the server agrees to STARTTLS but its
// certificate does not verify: the client is told TLS is not available
// (never a silent downgrade) and the connection is cut.
func TestUpstreamTLSUnverified(t *testing.T) {
	upCert, _ := proxy.MakeCertificate()
	upAddr, _ := goSMTP(t, upCert)
	for _, lang := range []i18n.Lang{i18n.English, i18n.Chinese} {
		p := startProxy(t, "smtp://"+upAddr, proxy.Config{}, lang) // no CA: it cannot verify
		c := dialRaw(t, p.addr)
		c.reply()
		c.send("STARTTLS")
		if code, msg := c.reply(); code != 454 {
			t.Fatalf("STARTTLS: %d %s, want 454", code, msg)
		}
		if _, err := c.tp.ReadLine(); !errors.Is(err, io.EOF) {
			t.Errorf("after the 454: %v, want the connection cut", err)
		}
		want := map[i18n.Lang]string{i18n.English: "the client was told TLS is not available", i18n.Chinese: "已告知客户端 TLS 不可用"}[lang]
		p.transcripts(t, 1)
		if !strings.Contains(p.screen.String(), want) {
			t.Errorf("%s screen does not say %q", lang, want)
		}
	}
}

// TestWhoClosed: the screen and the transcript say which side ended the
// connection, and an idle one is cut after --idle-timeout.
func TestWhoClosed(t *testing.T) {
	for _, tc := range []struct {
		name   string
		idle   time.Duration
		act    func(c *rawSMTP)
		screen string
		record string
	}{
		{"the client", 0, func(c *rawSMTP) { c.tp.Close() }, "-- connection closed by the client", "closed by the client"},
		{"the server", 0, func(c *rawSMTP) { c.send("QUIT"); c.reply() }, "-- connection closed by the server", "closed by the server"},
		{"idle", 200 * time.Millisecond, func(c *rawSMTP) {}, "nothing moved for 200ms: connection cut", "nothing moved for 200ms"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			upAddr, _ := goSMTP(t, nil)
			p := startProxy(t, "smtp://"+upAddr, proxy.Config{IdleTimeout: tc.idle}, i18n.English)
			c := dialRaw(t, p.addr)
			c.reply()
			tc.act(c)
			data := string(p.transcripts(t, 1)[1])
			if !strings.Contains(p.screen.String(), tc.screen) {
				t.Errorf("the screen does not say %q", tc.screen)
			}
			if !strings.Contains(data, "closed: \""+tc.record) {
				t.Errorf("the transcript does not end with %q:\n%s", tc.record, data)
			}
		})
	}
}

// TestClientTalksFirst: a client that sends its whole script before the
// greeting (nc) gets the replies in order, an injected one in its turn,
// and each reply is explained as the answer to its own command.
func TestClientTalksFirst(t *testing.T) {
	upAddr, _ := goSMTP(t, nil)
	p := startProxy(t, "smtp://"+upAddr, proxy.Config{Rules: rules(t, "MAIL=451 4.3.0 injected")}, i18n.English)
	c := dialRaw(t, p.addr)
	c.send("EHLO early.test", "MAIL FROM:<a@example.test>", "NOOP", "QUIT")
	for i, want := range []int{220, 250, 451, 250, 221} {
		if code, msg := c.reply(); code != want {
			t.Fatalf("reply %d: %d %s, want %d", i+1, code, msg, want)
		}
	}
	p.transcripts(t, 1)
	if !strings.Contains(p.screen.String(), "greeting: the server is ready") {
		t.Error("the greeting is not explained as the greeting")
	}
}
