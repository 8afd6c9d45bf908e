package lab

import (
	"net/netip"
	"strings"
	"testing"
)

// smuggled is a DATA body that ends, for a server that takes LF "." CRLF
// as the end of data, after its first line, and then holds a second,
// forged transaction (CVE-2023-51766 and its family).
const smuggled = "Subject: first\r\n\r\nhello\n.\r\nMAIL FROM:<ceo@example.test>\r\nRCPT TO:<teacher@example.test>\r\nDATA\r\n" +
	"Subject: forged\r\n\r\npay the invoice\r\n.\r\n"

// smuggle opens a transaction on the MX and sends the smuggling body in one
// write, as an attacker's client does.
func smuggle(t *testing.T, c *rawClient) {
	t.Helper()
	c.expect("220 mail.example.test ESMTP mailtutor lab")
	c.cmd("HELO client.test", "250 mail.example.test")
	c.cmd("MAIL FROM:<alice@example.test>", "250 2.1.0 Ok")
	c.cmd("RCPT TO:<student@example.test>", "250 2.1.5 Ok")
	c.cmd("DATA", "354 End data with <CR><LF>.<CR><LF>")
	if _, err := c.conn.Write([]byte(smuggled)); err != nil {
		t.Fatal(err)
	}
}

func TestSMTPSmugglingStaysOneMessageOnLoopback(t *testing.T) {
	l, _ := startLab(t, nil)
	c := dialRaw(t, addr(t, l, "smtp"), nil)
	smuggle(t, c)
	if got := c.line(); !strings.HasPrefix(got, "250 2.0.0 Ok: queued as ") {
		t.Fatalf("end of DATA: %q", got)
	}
	c.cmd("QUIT", "221 2.0.0 Bye")
	box := l.Mailbox("student")
	if len(box) != 1 {
		t.Fatalf("student has %d messages, want 1", len(box))
	}
	body := withoutTrace(box[0].Data)
	if !strings.Contains(body, "MAIL FROM:<ceo@example.test>") || !strings.Contains(body, "Subject: forged") {
		t.Errorf("the smuggled part is not data of the one message:\n%s", body)
	}
	if n := len(l.Mailbox("teacher")); n != 0 {
		t.Errorf("teacher got %d messages: the forged transaction ran", n)
	}
}

func TestSMTPBareLFRefusedOutsideTrustedNets(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, c *rawClient)
	}{
		{"in DATA", smuggle},
		{"on a command line", func(t *testing.T, c *rawClient) {
			c.expect("220 mail.example.test ESMTP mailtutor lab")
			if _, err := c.conn.Write([]byte("HELO client.test\n")); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Trust nothing, so that a loopback client is treated as one
			// from the network.
			l, logs := startLab(t, func(cfg *Config) { cfg.TrustedNets = []netip.Prefix{} })
			c := dialRaw(t, addr(t, l, "smtp"), nil)
			tt.run(t, c)
			c.expect("550 5.5.2 Error: bare <LF> received")
			c.expectClosed()
			if n := len(l.Mailbox("student")) + len(l.Mailbox("teacher")); n != 0 {
				t.Errorf("%d messages delivered", n)
			}
			if !strings.Contains(logs.text(), "bare <LF> received, disconnected") {
				t.Errorf("not logged:\n%s", logs.text())
			}
		})
	}
}

func TestSMTPBareLFNormalisedOnTrustedNets(t *testing.T) {
	l, _ := startLab(t, func(cfg *Config) { cfg.TrustedNets = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")} })
	c := dialRaw(t, addr(t, l, "smtp"), nil)
	c.expect("220 mail.example.test ESMTP mailtutor lab")
	for _, line := range []string{"HELO nc.test\n", "MAIL FROM:<a@b.test>\n", "RCPT TO:<student@example.test>\n", "DATA\n"} {
		if _, err := c.conn.Write([]byte(line)); err != nil {
			t.Fatal(err)
		}
		if got := c.line(); got[0] != '2' && got[0] != '3' {
			t.Fatalf("%q: %q", line, got)
		}
	}
	// Lines ended by a bare LF are read as CRLF lines, but a "." line
	// ends the message only after a CRLF line and with CRLF (so nc users
	// need -C to end DATA, with Postfix 3.9 too).
	if _, err := c.conn.Write([]byte("Subject: nc\n\nhi\n.\n.\r\nbye\r\n.\r\n")); err != nil {
		t.Fatal(err)
	}
	if got := c.line(); !strings.HasPrefix(got, "250 2.0.0 Ok: queued as") {
		t.Fatalf("end of DATA: %q", got)
	}
	if box := l.Mailbox("student"); len(box) != 1 || !strings.HasSuffix(withoutTrace(box[0].Data), "Subject: nc\r\n\r\nhi\r\n.\r\n.\r\nbye\r\n") {
		t.Errorf("mailbox: %+v", box)
	}
}
