package replay_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/internal/replay"
	"github.com/mailtutor/mailtutor/lab"
	"github.com/mailtutor/mailtutor/lab/labtest"
	"github.com/mailtutor/mailtutor/transcript"
)

func against(t *testing.T, l *lab.Lab, service string, tr *transcript.Transcript, opts replay.AgainstOptions) (replay.Result, string) {
	t.Helper()
	opts.Session = sessionOptions(l)
	res, err := replay.Against(context.Background(), tr, target(t, l, service), opts)
	if err != nil {
		t.Fatalf("against: %v", err)
	}
	var b bytes.Buffer
	if err := replay.WriteTable(&b, res, false); err != nil {
		t.Fatal(err)
	}
	return res, b.String()
}

// checkedSteps counts the steps Against compares: replies, TLS handshakes
// and a close by the server.
func checkedSteps(tr *transcript.Transcript) int {
	n := 0
	for _, s := range tr.Steps {
		if s.Kind == transcript.KindServer || s.Kind == transcript.KindTLS || s.Text == "closed by the server" {
			n++
		}
	}
	return n
}

// A transcript replayed against the server it was recorded on matches at
// every step.
func TestAgainstTheSameServerMatches(t *testing.T) {
	tests := []struct {
		name    string
		service string
		record  func(t *testing.T, l *lab.Lab) *driver
	}{
		{"submission with STARTTLS and AUTH LOGIN", "submission", func(t *testing.T, l *lab.Lab) *driver { return recordSubmission(t, l, false) }},
		{"submission, secrets kept", "submission", func(t *testing.T, l *lab.Lab) *driver { return recordSubmission(t, l, true) }},
		{"pop3 USER/PASS", "pop3", func(t *testing.T, l *lab.Lab) *driver { return recordPOP3(t, l, false) }},
		{"pop3 APOP", "pop3", func(t *testing.T, l *lab.Lab) *driver { return recordPOP3(t, l, true) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := labtest.Start(t)
			tr := tc.record(t, l).finish()
			res, table := against(t, l, tc.service, tr, replay.AgainstOptions{Secrets: &replay.Secrets{Values: studentSecrets()}})
			if err := res.Err(); err != nil || res.FirstMismatch != 0 {
				t.Fatalf("err %v, first mismatch %d\n%s", err, res.FirstMismatch, table)
			}
			if len(res.Rows) != checkedSteps(tr) {
				t.Fatalf("%d rows for %d checked steps\n%s", len(res.Rows), checkedSteps(tr), table)
			}
			for _, row := range res.Rows {
				// Only a queue id, a mailbox size or a greeting timestamp may change.
				if row.Verdict != replay.Match && !strings.Contains(row.Sent, "DATA") && row.Sent != "(greeting)" && row.Sent != "LIST" && row.Sent != "STAT" {
					t.Errorf("step %d %s: %v\n%s", row.Step, row.Sent, row.Verdict, table)
				}
			}
			if !strings.Contains(table, fmt.Sprintf("%d steps compared", len(res.Rows))) || !strings.Contains(table, "0 MISMATCH") {
				t.Errorf("table:\n%s", table)
			}
		})
	}
}

// A server that answers another way fails at the step where it differs,
// with the recorded and live replies side by side.
func TestAgainstAChangedServerFailsAtTheRightStep(t *testing.T) {
	l := labtest.Start(t)
	d := newDriver(t, l, "smtp", false)
	d.do("EHLO client.example.test", "250-")
	d.do("MAIL FROM:<student@example.test>", "250")
	d.do("RCPT TO:<teacher@example.test>", "250")
	d.do("QUIT", "221")
	tr := d.finish()
	rcpt := -1
	for i, s := range tr.Steps {
		if s.Text == "RCPT TO:<teacher@example.test>" {
			rcpt = i
			tr.Steps[i].Text = "RCPT TO:<nobody@example.test>" // the account is gone; the recording says 250
		}
	}
	res, table := against(t, l, "smtp", tr, replay.AgainstOptions{})
	wantStep := rcpt + 2 // the reply after the RCPT step, counted from 1
	if res.FirstMismatch != wantStep {
		t.Fatalf("first mismatch at step %d, want %d\n%s", res.FirstMismatch, wantStep, table)
	}
	err := res.Err()
	if !errors.Is(err, replay.ErrMismatch) || !strings.Contains(err.Error(), fmt.Sprintf("step %d (RCPT TO:<nobody@example.test>)", wantStep)) {
		t.Fatalf("error %v", err)
	}
	for _, want := range []string{"MISMATCH", "  - 250 2.1.5 Ok\n", "  + 550 5.1.1 <nobody@example.test>", "recorded 2xx", "live 5xx", "steps after the first mismatch were not replayed"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %q:\n%s", want, table)
		}
	}
	if res.NotRun != 2 { // the reply to QUIT and the close
		t.Errorf("%d steps not run, want 2", res.NotRun)
	}
}

// Another account (a wrong password) fails at the login; the password
// never shows, right or wrong.
func TestAgainstWithAnotherAccount(t *testing.T) {
	l := labtest.Start(t)
	tr := recordPOP3(t, l, false).finish()
	res, table := against(t, l, "pop3", tr, replay.AgainstOptions{Secrets: &replay.Secrets{Values: map[string]string{"password": "wrong-pw"}}})
	if res.FirstMismatch != 5 || !strings.Contains(table, "PASS <redacted>") || !strings.Contains(table, "  + -ERR") {
		t.Fatalf("first mismatch %d\n%s", res.FirstMismatch, table)
	}
	if strings.Contains(table, "wrong-pw") || strings.Contains(res.Err().Error(), "wrong-pw") {
		t.Fatalf("the password shows:\n%s", table)
	}
}

// A text change is shown but passes, unless strict.
func TestAgainstStrict(t *testing.T) {
	l := labtest.Start(t)
	d := newDriver(t, l, "smtp", false)
	d.do("NOOP", "250")
	d.do("QUIT", "221")
	tr := d.finish()
	tr.Steps[2].Text = "250 2.0.0 Fine" // the NOOP reply, reworded
	for _, strict := range []bool{false, true} {
		res, table := against(t, l, "smtp", tr, replay.AgainstOptions{Strict: strict})
		want := map[bool]replay.Verdict{false: replay.TextDiffers, true: replay.Mismatch}[strict]
		if len(res.Rows) < 2 || res.Rows[1].Verdict != want || (res.Err() != nil) != strict {
			t.Errorf("strict=%v: want %v at step 3, err %v\n%s", strict, want, res.Err(), table)
		}
		if !strings.Contains(table, "  - 250 2.0.0 Fine\n  + 250 2.0.0 Ok") {
			t.Errorf("strict=%v: no diff shown\n%s", strict, table)
		}
	}
}

// Redacted credentials come from --secret, the environment or a question,
// are sent, and never appear in the output.
func TestAgainstSecretSources(t *testing.T) {
	l := labtest.Start(t)
	tr := recordSubmission(t, l, false).finish()
	secrets := []string{"secret123", codec.B64("secret123"), codec.B64("student")}
	env := map[string]string{"MAILTUTOR_SECRET_USERNAME": "student", "MAILTUTOR_SECRET_PASSWORD": "secret123"}
	var asked []string
	tests := []struct {
		name    string
		secrets *replay.Secrets
	}{
		{"flag", &replay.Secrets{Values: studentSecrets()}},
		{"environment", &replay.Secrets{Getenv: func(k string) string { return env[k] }}},
		{"asked", &replay.Secrets{Ask: func(kind string, step int) (string, error) {
			asked = append(asked, fmt.Sprintf("%s@%d", kind, step))
			return map[string]string{"username": "student", "password": "secret123"}[kind], nil
		}}},
	}
	for _, tc := range tests {
		res, table := against(t, l, "submission", tr, replay.AgainstOptions{Secrets: tc.secrets})
		if res.Err() != nil {
			t.Errorf("%s: %v\n%s", tc.name, res.Err(), table)
		}
		for _, s := range secrets {
			if strings.Contains(table, s) {
				t.Errorf("%s: the output holds %q:\n%s", tc.name, s, table)
			}
		}
	}
	if got := strings.Join(asked, " "); got != "username@11 password@13" {
		t.Errorf("asked for %q", got)
	}
}

func TestAgainstWithoutTheSecretNamesTheFlag(t *testing.T) {
	l := labtest.Start(t)
	tr := recordPOP3(t, l, false).finish()
	_, err := replay.Against(context.Background(), tr, target(t, l, "pop3"), replay.AgainstOptions{Session: sessionOptions(l)})
	if err == nil || !strings.Contains(err.Error(), "step 4") || !strings.Contains(err.Error(), "--secret password=VALUE") ||
		!strings.Contains(err.Error(), "MAILTUTOR_SECRET_PASSWORD") {
		t.Fatalf("error %v", err)
	}
}

func TestAgainstRefusesAnotherProtocol(t *testing.T) {
	l := labtest.Start(t)
	_, err := replay.Against(context.Background(), parse(t, handWritten), target(t, l, "smtp"), replay.AgainstOptions{Session: sessionOptions(l)})
	if err == nil || !strings.Contains(err.Error(), "POP3 session") {
		t.Fatalf("error %v", err)
	}
}

func TestParseSecret(t *testing.T) {
	tests := []struct {
		arg, kind, value string
		ok               bool
	}{
		{"password=a=b", "password", "a=b", true},
		{"pass=x", "password", "x", true},
		{"user=student", "username", "student", true},
		{"APOP=pw", "apop-digest", "pw", true},
		{"sasl-initial-response=AHN0dWRlbnQAc2VjcmV0MTIz", "sasl-initial-response", "AHN0dWRlbnQAc2VjcmV0MTIz", true},
		{"token=x", "", "", false},
		{"password", "", "", false},
	}
	for _, tc := range tests {
		kind, value, err := replay.ParseSecret(tc.arg)
		if (err == nil) != tc.ok || kind != tc.kind || value != tc.value {
			t.Errorf("ParseSecret(%q) = %q, %q, %v", tc.arg, kind, value, err)
		}
		if err != nil && strings.Contains(err.Error(), "=x") {
			t.Errorf("the error shows the value: %v", err)
		}
	}
	if got := replay.EnvName("sasl-initial-response"); got != "MAILTUTOR_SECRET_SASL_INITIAL_RESPONSE" {
		t.Errorf("EnvName = %q", got)
	}
}

// Implicit TLS: the handshake is the first step, before the greeting; an
// AUTH PLAIN response is given whole, as it goes on the wire.
func TestAgainstImplicitTLSWithAuthPlain(t *testing.T) {
	l := labtest.Start(t)
	d := newDriver(t, l, "smtps", false)
	response := codec.PlainResponse("", "student", "secret123")
	d.do("EHLO client.example.test", "250-")
	d.do("AUTH PLAIN "+response, "235")
	d.do("QUIT", "221")
	tr := d.finish()
	if tr.Steps[0].Kind != transcript.KindTLS || tr.Steps[4].Text != "AUTH PLAIN <redacted>" {
		t.Fatalf("unexpected recording: %+v", tr.Steps[:5])
	}
	res, table := against(t, l, "smtps", tr, replay.AgainstOptions{Secrets: &replay.Secrets{Values: map[string]string{"sasl-initial-response": response}}})
	if res.Err() != nil || len(res.Rows) != checkedSteps(tr) || res.Rows[0].Sent != "(TLS handshake)" {
		t.Fatalf("err %v\n%s", res.Err(), table)
	}
	if strings.Contains(table, response) {
		t.Fatalf("the AUTH PLAIN response shows:\n%s", table)
	}
	// The same transcript against the plain service: no handshake comes.
	res, table = against(t, l, "submission", tr, replay.AgainstOptions{Secrets: &replay.Secrets{Values: map[string]string{"sasl-initial-response": response}}})
	if res.FirstMismatch != 1 || !strings.Contains(table, "expected a TLS handshake, got the reply 220") {
		t.Fatalf("first mismatch %d\n%s", res.FirstMismatch, table)
	}
}
