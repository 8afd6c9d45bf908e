package session_test

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/internal/testkit"
	"github.com/mailtutor/mailtutor/session"
)

// TestDialMX resolves MX records with a DNS server of the test's own
// (--dns) and tries the mail exchangers in order of preference, as swaks
// does: the first, at an address where nothing listens, refuses; the
// second answers. Without MX, the domain's own address (RFC 5321 5.1).
func TestDialMX(t *testing.T) {
	addr, _, _ := startGoSMTP(t)
	_, port, _ := net.SplitHostPort(addr)
	dnsAddr := testkit.StartDNS(t, testkit.Zone{
		"example.test. 60 IN MX 20 mx2.example.test.",
		"example.test. 60 IN MX 10 mx1.example.test.",
		"mx1.example.test. 60 IN A 127.0.0.2", // nothing listens there on the port
		"mx2.example.test. 60 IN A 127.0.0.1",
		"nomx.example.test. 60 IN A 127.0.0.1",
		"null.example.test. 60 IN MX 0 .",
	})
	o := session.Options{DNS: dnsAddr, Timeout: 5 * time.Second}
	tests := []struct {
		target string
		tried  []string // host/pref/fallback/ok
		host   string   // the session's host
		err    string
	}{
		{"mx:example.test:" + port, []string{"mx1.example.test 10 false refused", "mx2.example.test 20 false ok"}, "mx2.example.test", ""},
		{"mx:smtp://nomx.example.test:" + port, []string{"nomx.example.test 0 true ok"}, "nomx.example.test", ""},
		{"mx:null.example.test:" + port, nil, "", "null MX"},
		{"mx:gone.example.test:" + port, []string{"gone.example.test 0 true refused"}, "", "unknown host"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			target, err := session.ParseURL(tt.target)
			if err != nil || !target.MX {
				t.Fatalf("ParseURL(%q) = %+v, %v", tt.target, target, err)
			}
			var tried []string
			s, err := session.DialMX(context.Background(), target, o, func(a session.MXAttempt) {
				how := "ok"
				if a.Err != nil {
					how = "refused"
				}
				tried = append(tried, strings.Join([]string{a.Host, strconv.Itoa(int(a.Pref)), strconv.FormatBool(a.Fallback), how}, " "))
			})
			if strings.Join(tried, "; ") != strings.Join(tt.tried, "; ") {
				t.Errorf("tried %q, want %q", tried, tt.tried)
			}
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("DialMX: %v", err)
			}
			defer s.Close()
			if s.Target().Host != tt.host || s.Target().MX {
				t.Errorf("session target %+v, want host %s", s.Target(), tt.host)
			}
			c := &greeter{s: s}
			if g := c.greeting(t); !strings.HasPrefix(g, "220 ") {
				t.Errorf("greeting %q", g)
			}
		})
	}
	if _, err := session.DialMX(context.Background(), session.Target{Host: "null.example.test", Port: 25, MX: true, Scheme: "smtp", Protocol: "smtp"}, o, nil); !errors.Is(err, session.ErrNullMX) {
		t.Errorf("null MX: %v, want ErrNullMX", err)
	}
}

type greeter struct{ s *session.Session }

func (g *greeter) greeting(t *testing.T) string {
	t.Helper()
	for {
		select {
		case e := <-g.s.Events():
			if e.Kind == session.Received {
				return e.Reply.Lines[0]
			}
		case <-time.After(5 * time.Second):
			t.Fatal("no greeting")
		}
	}
}
