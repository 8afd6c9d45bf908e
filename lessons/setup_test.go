package lessons

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestLongSetupLetter: a setup letter of 1000 lines is delivered and the
// lesson runs to its end (it hung at 300 lines: the setup's session had
// nobody to take its events while the body went out).
func TestLongSetupLetter(t *testing.T) {
	l := mustBuiltin(t, "pop3")
	var body strings.Builder
	body.WriteString(l.Setup[0].Body)
	for i := range 1000 {
		fmt.Fprintf(&body, "line %d of a long letter\n", i+1)
	}
	l.Setup[0].Body = body.String()
	_, servers := startLab(t)
	type result struct {
		out string
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, _, err := runWith(t, l, Options{Lang: English, Servers: servers, Auto: true}, "")
		done <- result{out, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatalf("run: %v\n%s", r.err, r.out)
		}
		if !strings.Contains(r.out, "line 1000 of a long letter") {
			t.Errorf("the long letter was not read back whole:\n%.3000s", r.out)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the lesson with a 1000-line setup letter still runs after 30s: it hangs")
	}
}

// TestDeliverLongLetter: deliver itself, the function that hung.
func TestDeliverLongLetter(t *testing.T) {
	_, servers := startLab(t)
	acct := Account{User: "student", Password: "secret123", Domain: "example.test"}
	body := "Subject: long\n\n" + strings.Repeat("a line of the body\n", 1000)
	done := make(chan error, 1)
	go func() {
		done <- deliver(servers["smtp"], Letter{From: "teacher@example.test", To: "{me}", Body: body}, acct, 5*time.Second)
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("delivering a 1000-line letter hangs")
	}
	n, err := countMessages(servers["pop3"], acct, 5*time.Second)
	if err != nil || n != 1 {
		t.Errorf("the mailbox holds %d message(s) (%v), want the letter", n, err)
	}
}
