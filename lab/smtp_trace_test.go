package lab

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/codec"
)

// TestTraceHeaders: a delivered message starts with Return-Path: (the
// envelope sender, <> for a bounce) and a Received: header as Postfix
// writes it: the client's HELO name and address, the lab's name, the
// protocol of RFC 3848 (SMTP after HELO; ESMTP, ESMTPS, ESMTPA, ESMTPSA),
// the queue ID of "queued as", "for <rcpt>" when there is one recipient,
// and the date.
func TestTraceHeaders(t *testing.T) {
	l, _ := startLab(t, nil)
	plain := "AUTH PLAIN " + codec.PlainResponse("", "student", "secret123")
	tests := []struct {
		name, service string
		starttls      bool
		lines         []string // after the greeting, before DATA
		want          string   // a regexp of the trace headers
	}{
		{"MX, HELO", "smtp", false, []string{"HELO old.example", "MAIL FROM:<a@b.test>", "RCPT TO:<student@example.test>"},
			`Return-Path: <a@b\.test>\r\nReceived: from old\.example \(localhost \[127\.0\.0\.1\]\)\r\n\tby mail\.example\.test \(mailtutor lab\) with SMTP id (?P<id>[0-9A-F]{16})\r\n\tfor <student@example\.test>; `},
		{"MX, EHLO, a bounce", "smtp", false, []string{"EHLO mx.example", "MAIL FROM:<>", "RCPT TO:<Student@Example.Test>"},
			`Return-Path: <>\r\nReceived: from mx\.example \(localhost \[127\.0\.0\.1\]\)\r\n\tby mail\.example\.test \(mailtutor lab\) with ESMTP id (?P<id>[0-9A-F]{16})\r\n\tfor <Student@Example\.Test>; `},
		{"submission, AUTH, two recipients", "submission", false, []string{"EHLO me.example", plain, "MAIL FROM:<student@example.test>",
			"RCPT TO:<teacher@example.test>", "RCPT TO:<student@example.test>"},
			`Return-Path: <student@example\.test>\r\nReceived: from me\.example \(localhost \[127\.0\.0\.1\]\)\r\n\tby mail\.example\.test \(mailtutor lab\) with ESMTPA id (?P<id>[0-9A-F]{16});\r\n\t`},
		{"submission, STARTTLS, AUTH", "submission", true, []string{"EHLO me.example", plain, "MAIL FROM:<student@example.test>", "RCPT TO:<teacher@example.test>"},
			`with ESMTPSA id (?P<id>[0-9A-F]{16})\r\n\tfor <teacher@example\.test>; `},
		{"MX, STARTTLS", "smtp", true, []string{"EHLO me.example", "MAIL FROM:<x@y.test>", "RCPT TO:<teacher@example.test>"},
			`with ESMTPS id (?P<id>[0-9A-F]{16})\r\n`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(l.Mailbox("teacher")) + len(l.Mailbox("student"))
			c := dialRaw(t, addr(t, l, tt.service), nil)
			c.smtpReply()
			if tt.starttls {
				c.send("EHLO me.example")
				c.smtpReply()
				c.cmd("STARTTLS", "220 2.0.0 Ready to start TLS")
				c.upgrade(clientTLS(t, l))
			}
			for _, line := range tt.lines {
				c.send(line)
				if r := c.smtpReply(); r[len(r)-1][0] != '2' {
					t.Fatalf("%s: %q", line, r)
				}
			}
			c.cmd("DATA", "354 End data with <CR><LF>.<CR><LF>")
			c.send("Subject: traced\r\n\r\nhello\r\n.")
			queued := strings.TrimPrefix(c.line(), "250 2.0.0 Ok: queued as ")
			c.cmd("QUIT", "221 2.0.0 Bye")

			var msg string
			for _, user := range []string{"teacher", "student"} {
				for _, m := range l.Mailbox(user) {
					if m.ID == queued {
						msg = string(m.Data)
					}
				}
			}
			if msg == "" || len(l.Mailbox("teacher"))+len(l.Mailbox("student")) == before {
				t.Fatalf("no message queued as %q", queued)
			}
			re := regexp.MustCompile(`^Return-Path: <[^>]*>\r\nReceived: from [^\r]*\r\n\tby \S+ \(mailtutor lab\) ` + tt.want)
			if strings.HasPrefix(tt.want, "Return-Path") {
				re = regexp.MustCompile("^" + tt.want)
			}
			m := re.FindStringSubmatch(msg)
			if m == nil {
				t.Fatalf("trace headers do not match %s:\n%q", tt.want, msg)
			}
			if id := m[re.SubexpIndex("id")]; id != queued {
				t.Errorf("Received: names id %s, the reply said queued as %s", id, queued)
			}
			trace, rest := splitTrace(msg)
			if rest != "Subject: traced\r\n\r\nhello\r\n" {
				t.Errorf("the message after the trace headers: %q", rest)
			}
			date := trace[strings.LastIndex(trace, ";")+1:]
			date = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(date), "\t"))
			if when, err := time.Parse(receivedDate, date); err != nil || time.Since(when) > time.Minute {
				t.Errorf("the date %q: %v, %v", date, when, err)
			}
		})
	}
}

func TestClientName(t *testing.T) {
	for remote, want := range map[string]string{
		"127.0.0.1:4567":     "localhost [127.0.0.1]",
		"[::1]:4567":         "localhost [IPv6:::1]",
		"192.0.2.7:25":       "unknown [192.0.2.7]",
		"[2001:db8::5]:2525": "unknown [IPv6:2001:db8::5]",
	} {
		if got := clientName(remote); got != want {
			t.Errorf("clientName(%q) = %q, want %q", remote, got, want)
		}
	}
}
