package e2e

import (
	"strings"
	"testing"
)

// TestPlainInsideAnOpenExchange: after a bare "AUTH PLAIN" the server
// waits for the response alone; :plain, or {plain:...} typed as the whole
// answer, sends just that (once it sent "AUTH PLAIN <response>" as the
// response, and Postfix answered 535). Postfix submission after STARTTLS,
// Dovecot POP3.
func TestPlainInsideAnOpenExchange(t *testing.T) {
	s := needServers(t)
	creds := s.user + " " + s.pass
	tests := []struct {
		name   string
		url    string
		script []string
		want   string // the reply to the response
	}{
		{"submission :plain", s.submission, []string{"EHLO e2e.example.test", "STARTTLS", "EHLO e2e.example.test",
			"AUTH PLAIN", ":plain " + creds, "QUIT"}, "235"},
		{"submission {plain:}", s.submission, []string{"EHLO e2e.example.test", "STARTTLS", "EHLO e2e.example.test",
			"auth plain", "{plain:" + creds + "}", "QUIT"}, "235"},
		{"submission :plain starts the exchange", s.submission, []string{"EHLO e2e.example.test", "STARTTLS",
			"EHLO e2e.example.test", ":plain " + creds, "QUIT"}, "235"},
		{"pop3 :plain", s.pop3, []string{"STLS", "AUTH PLAIN", ":plain " + creds, "QUIT"}, "+OK"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runMailtutor(t, scriptOf(tt.script...), "connect", "--no-color", "--timeout", "10s", "--ca", s.ca, tt.url)
			if res.code != 0 {
				t.Fatalf("exit status %d, want 0", res.code)
			}
			reply, ok := replyToMasked(res.stdout)
			if !ok || !strings.HasPrefix(reply, tt.want) {
				t.Errorf("the credential got %q (shown: %v), want %s", reply, ok, tt.want)
			}
			requireNoSecret(t, res, s.pass, b64("\x00"+s.user+"\x00"+s.pass))
		})
	}
}

// TestHelpersRefusedLocally: :cram with no CRAM-MD5 challenge open and
// :apop in SMTP are refused by mailtutor, in the prompt's language, and
// nothing of it reaches the server. A refused line ends a script (exit
// status 1) as any line that cannot be sent does, with the goodbye (QUIT)
// sent.
func TestHelpersRefusedLocally(t *testing.T) {
	s := needServers(t)
	creds := s.user + " " + s.pass
	tests := []struct {
		name, url, lang, line, want string
	}{
		{"cram without challenge", s.submission, "en", ":cram " + creds, "no CRAM-MD5 challenge is open: send AUTH CRAM-MD5 first"},
		{"cram without challenge, zh", s.submission, "zh", ":cram " + creds, "当前没有 CRAM-MD5 质询"},
		{"apop in SMTP", s.submission, "en", ":apop " + creds, "SMTP has no APOP command"},
		{"apop in SMTP, zh", s.submission, "zh", ":apop " + creds, "SMTP 没有 APOP 命令"},
		{"cram in POP3 without challenge", s.pop3, "en", ":cram " + creds, "send AUTH CRAM-MD5 first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runMailtutor(t, scriptOf(tt.line, "QUIT"), "connect", "--no-color", "--lang", tt.lang,
				"--timeout", "10s", tt.url)
			if !strings.Contains(res.stdout+res.stderr, tt.want) {
				t.Errorf("the output does not say %q", tt.want)
			}
			var sent []string
			for _, line := range strings.Split(res.stdout, "\n") {
				if strings.HasPrefix(line, "C: ") {
					sent = append(sent, line)
				}
			}
			if len(sent) != 1 || sent[0] != "C: QUIT" || res.code != 1 {
				t.Errorf("exit status %d and sent %q; want 1 and only the goodbye", res.code, sent)
			}
			requireNoSecret(t, res, s.pass)
		})
	}
}

// replyToMasked returns the first server line after the first line sent
// with a masked credential ("C: ... ••••••••").
func replyToMasked(stdout string) (string, bool) {
	for _, line := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(line, "C: ") && strings.Contains(line, "••••••••") {
			return replyAfter(stdout, strings.TrimPrefix(line, "C: "))
		}
	}
	return "", false
}
