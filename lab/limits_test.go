package lab

import (
	"encoding/base64"
	"net"
	"net/textproto"
	"strings"
	"testing"
	"time"
)

// dialFrom connects to address from the loopback address local
// (127.0.0.2 is another client to the lab than 127.0.0.1).
func dialFrom(t *testing.T, local, address string) *rawClient {
	t.Helper()
	d := net.Dialer{Timeout: 5 * time.Second, LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}}
	conn, err := d.Dial("tcp", address)
	if err != nil {
		t.Fatalf("dial %s from %s: %v", address, local, err)
	}
	_ = conn.SetDeadline(time.Now().Add(20 * time.Second))
	t.Cleanup(func() { _ = conn.Close() })
	return &rawClient{t: t, conn: conn, text: textproto.NewConn(conn)}
}

// greetings are the first words of each service's greeting.
var greetings = map[string]string{"smtp": "220 ", "pop3": "+OK ", "imap": "* OK "}

// greeted dials from local and checks the service greets.
func greeted(t *testing.T, l *Lab, local, service string) *rawClient {
	t.Helper()
	c := dialFrom(t, local, addr(t, l, service))
	if got := c.line(); !strings.HasPrefix(got, greetings[service]) {
		t.Fatalf("%s from %s: greeting %q", service, local, got)
	}
	return c
}

func TestConnectionsPerClient(t *testing.T) {
	tests := []struct{ service, want string }{
		{"smtp", "421 4.7.0 mail.example.test Error: too many connections from 127.0.0.1"},
		{"pop3", "-ERR [SYS/TEMP] Too many connections"},
		{"imap", "* BYE Too many connections"},
	}
	for _, tt := range tests {
		t.Run(tt.service, func(t *testing.T) {
			l, logs := startLab(t, func(cfg *Config) { cfg.MaxConnsPerClient = 2 })
			greeted(t, l, "127.0.0.1", "smtp") // the limit counts over every service
			greeted(t, l, "127.0.0.1", tt.service)
			c := dialFrom(t, "127.0.0.1", addr(t, l, tt.service))
			c.expect(tt.want)
			c.expectClosed()
			greeted(t, l, "127.0.0.2", tt.service) // another client is still served
			if !strings.Contains(logs.text(), "limit: too many connections from the client, refused") {
				t.Errorf("not logged:\n%s", logs.text())
			}
		})
	}
}

func TestConnectionsInTotal(t *testing.T) {
	l, logs := startLab(t, func(cfg *Config) { cfg.MaxConns = 3 })
	first := greeted(t, l, "127.0.0.1", "smtp")
	greeted(t, l, "127.0.0.2", "pop3")
	greeted(t, l, "127.0.0.3", "imap")
	for service, want := range map[string]string{"smtp": "421 4.3.2 All server ports are busy",
		"pop3": "-ERR [SYS/TEMP] Too many connections", "imap": "* BYE Too many connections"} {
		c := dialFrom(t, "127.0.0.4", addr(t, l, service))
		c.expect(want)
		c.expectClosed()
	}
	if !strings.Contains(logs.text(), "limit: too many connections in total, refused") {
		t.Errorf("not logged:\n%s", logs.text())
	}
	first.cmd("QUIT", "221 2.0.0 Bye")
	first.expectClosed()
	deadline := time.Now().Add(5 * time.Second)
	for {
		c := dialFrom(t, "127.0.0.4", addr(t, l, "smtp"))
		if strings.HasPrefix(c.line(), "220 ") {
			return // the closed connection's place is free again
		}
		if time.Now().After(deadline) {
			t.Fatal("a closed connection still counts")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestConnectionRefusedOnImplicitTLSWithoutHandshake(t *testing.T) {
	l, _ := startLab(t, func(cfg *Config) { cfg.MaxConnsPerClient = 1 })
	greeted(t, l, "127.0.0.1", "smtp")
	c := dialFrom(t, "127.0.0.1", addr(t, l, "smtps"))
	c.expectClosed()
}

// plainAuth is an AUTH PLAIN initial response.
func plainAuth(user, password string) string {
	return base64.StdEncoding.EncodeToString([]byte("\x00" + user + "\x00" + password))
}

// loginTry is one login attempt on a connection already past its
// greeting; it returns the reply's first line.
type loginTry func(c *rawClient, password string) string

var loginTries = map[string]struct {
	service string
	setup   func(c *rawClient)
	try     loginTry
	failed  string
	ok      string
}{
	"smtp": {"submission", func(c *rawClient) { c.send("EHLO client.test"); c.smtpReply() },
		func(c *rawClient, pw string) string {
			c.send("AUTH PLAIN " + plainAuth("student", pw))
			return c.line()
		},
		"535 5.7.8 Error: authentication failed: authentication failure", "235 2.7.0 Authentication successful"},
	"pop3": {"pop3", func(*rawClient) {},
		func(c *rawClient, pw string) string {
			c.cmd("USER student", "+OK")
			c.send("PASS " + pw)
			return c.line()
		},
		"-ERR [AUTH] Authentication failed.", "+OK Logged in."},
	"imap": {"imap", func(*rawClient) {},
		func(c *rawClient, pw string) string { c.send("a LOGIN student " + pw); return c.line() },
		"a NO [AUTHENTICATIONFAILED] Authentication failed.", "a OK"},
}

func TestFailedLoginsAreDelayedPerAddress(t *testing.T) {
	const delay = 150 * time.Millisecond
	for name, lt := range loginTries {
		t.Run(name, func(t *testing.T) {
			l, logs := startLab(t, func(cfg *Config) {
				cfg.AuthDelay, cfg.AuthMaxDelay, cfg.MaxErrors, cfg.SMTPSoftErrors = delay, 2*delay, 100, 100
			})
			c := greeted(t, l, "127.0.0.1", lt.service)
			lt.setup(c)
			// A second connection shares the address's failures.
			other := greeted(t, l, "127.0.0.1", lt.service)
			lt.setup(other)
			waits := []time.Duration{0, 0, 0, delay, 2 * delay, 2 * delay}
			for i, want := range waits {
				conn := c
				if i%2 == 1 {
					conn = other
				}
				start := time.Now()
				if got := lt.try(conn, "wrong"); got != lt.failed {
					t.Fatalf("try %d: %q, want %q", i+1, got, lt.failed)
				}
				took := time.Since(start)
				if took < want || want == 0 && took > delay/2 {
					t.Errorf("try %d answered after %v, want %v", i+1, took, want)
				}
			}
			// Another address is not slowed down.
			c3 := greeted(t, l, "127.0.0.2", lt.service)
			lt.setup(c3)
			start := time.Now()
			if got := lt.try(c3, "wrong"); got != lt.failed || time.Since(start) > delay/2 {
				t.Errorf("other address: %q after %v", got, time.Since(start))
			}
			// The right password waits its turn too, then succeeds, and the
			// address starts afresh.
			start = time.Now()
			if got := lt.try(c, "secret123"); !strings.HasPrefix(got, lt.ok) || time.Since(start) < 2*delay {
				t.Errorf("right password: %q after %v", got, time.Since(start))
			}
			start = time.Now()
			if got := lt.try(other, "wrong"); got != lt.failed || time.Since(start) > delay/2 {
				t.Errorf("after a success: %q after %v", got, time.Since(start))
			}
			text := logs.text()
			for _, want := range []string{"login failed user=student", "failures=5", "limit: login delayed", "login ok user=student"} {
				if !strings.Contains(text, want) {
					t.Errorf("log lacks %q:\n%s", want, text)
				}
			}
		})
	}
}

func TestSMTPSoftAndHardErrorLimits(t *testing.T) {
	const sleep = 100 * time.Millisecond
	l, logs := startLab(t, func(cfg *Config) { cfg.SMTPSoftErrors, cfg.SMTPHardErrors, cfg.ErrorSleep = 2, 4, sleep })
	c := greeted(t, l, "127.0.0.1", "smtp")
	steps := []struct {
		cmd, want string
		slow      bool
	}{
		{"XYZZY", "500 5.5.2 Error: command not recognized", false},
		{"NOOP", "250 2.0.0 Ok", false},
		{"XYZZY", "500 5.5.2 Error: command not recognized", false},
		{"NOOP", "250 2.0.0 Ok", true}, // after the soft limit every reply waits
		{"XYZZY", "500 5.5.2 Error: command not recognized", true},
		{"XYZZY", "500 5.5.2 Error: command not recognized", true},
	}
	for _, st := range steps {
		start := time.Now()
		c.cmd(st.cmd, st.want)
		if took := time.Since(start); took >= sleep != st.slow {
			t.Errorf("%s answered after %v, slow %v", st.cmd, took, st.slow)
		}
	}
	start := time.Now()
	c.expect("421 4.7.0 mail.example.test Error: too many errors")
	if time.Since(start) < sleep/2 {
		t.Errorf("the 421 came without the sleep")
	}
	c.expectClosed()
	for _, want := range []string{"limit: 2 errors (soft limit)", "limit: too many errors (4, the hard limit)"} {
		if !strings.Contains(logs.text(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs.text())
		}
	}
}

func TestDelayedLoginEndsWhenTheClientLeaves(t *testing.T) {
	for name, lt := range loginTries {
		t.Run(name, func(t *testing.T) {
			l, logs := startLab(t, func(cfg *Config) {
				cfg.MaxConnsPerClient, cfg.AuthDelay, cfg.AuthMaxDelay = 1, 10*time.Second, 10*time.Second
			})
			c := greeted(t, l, "127.0.0.1", lt.service)
			lt.setup(c)
			for range 3 {
				if got := lt.try(c, "wrong"); got != lt.failed {
					t.Fatalf("%q", got)
				}
			}
			// The fourth waits ten seconds; the client gives up meanwhile.
			wrong := map[string]string{"smtp": "AUTH PLAIN " + plainAuth("student", "wrong") + "\r\n",
				"pop3": "PASS wrong\r\n", "imap": "a LOGIN student wrong\r\n"}[name]
			if name == "pop3" {
				c.cmd("USER student", "+OK")
			}
			if _, err := c.conn.Write([]byte(wrong)); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(5 * time.Second)
			for !strings.Contains(logs.text(), "limit: login delayed") {
				if time.Now().After(deadline) {
					t.Fatal("no delay logged")
				}
				time.Sleep(10 * time.Millisecond)
			}
			_ = c.conn.Close()
			start := time.Now()
			for {
				d := dialFrom(t, "127.0.0.1", addr(t, l, lt.service))
				if line, err := d.text.ReadLine(); err == nil && strings.HasPrefix(line, greetings[lt.service]) {
					break // the place of the client that left is free
				}
				if time.Since(start) > 3*time.Second {
					t.Fatal("a client that left still holds its place while its login waits")
				}
				time.Sleep(20 * time.Millisecond)
			}
		})
	}
}

func TestDelayedIMAPAuthenticateReadsItsResponse(t *testing.T) {
	const delay = 200 * time.Millisecond
	l, _ := startLab(t, func(cfg *Config) { cfg.AuthDelay, cfg.AuthMaxDelay, cfg.IdleTimeout = delay, delay, time.Second })
	lt := loginTries["imap"]
	c := greeted(t, l, "127.0.0.1", "imap")
	for range 3 {
		lt.try(c, "wrong")
	}
	start := time.Now()
	c.send("b AUTHENTICATE PLAIN")
	if got := c.line(); !strings.HasPrefix(got, "+") {
		t.Fatalf("AUTHENTICATE: %q", got)
	}
	if took := time.Since(start); took < delay {
		t.Errorf("continuation after %v, want %v", took, delay)
	}
	time.Sleep(2 * delay) // the exchange keeps the idle timeout, not the wait's deadline
	c.send(plainAuth("student", "secret123"))
	if got := c.line(); !strings.HasPrefix(got, "b OK") {
		t.Errorf("AUTHENTICATE: %q", got)
	}
}

func TestDelayedLoginKeepsPipelinedCommands(t *testing.T) {
	const delay = 200 * time.Millisecond
	l, _ := startLab(t, func(cfg *Config) { cfg.AuthDelay, cfg.AuthMaxDelay = delay, delay })
	lt := loginTries["smtp"]
	c := greeted(t, l, "127.0.0.1", "submission")
	lt.setup(c)
	for range 3 {
		lt.try(c, "wrong")
	}
	start := time.Now()
	if _, err := c.conn.Write([]byte("AUTH PLAIN " + plainAuth("student", "wrong") + "\r\nNOOP\r\n")); err != nil {
		t.Fatal(err)
	}
	c.expect(lt.failed)
	if took := time.Since(start); took < delay {
		t.Errorf("answered after %v, want %v", took, delay)
	}
	c.expect("250 2.0.0 Ok")
}
