package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeMessage writes a message's lines, LF between them and none after the last: swaks puts CRLF . CRLF after the data itself.
func writeMessage(t *testing.T, lines []string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "message.eml")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestProxySwaksSTARTTLSToPostfix: swaks, verifying the proxy's
// certificate, says STARTTLS and AUTH LOGIN through the proxy to the
// Postfix submission service that wants TLS before AUTH; the message
// arrives byte for byte, the proxy names each command, and its transcript
// loads, replays, exports and holds no password.
func TestProxySwaksSTARTTLSToPostfix(t *testing.T) {
	s := needServers(t)
	token := newToken(t)
	rcpt := s.user + "@example.test"
	msg := testMessage(token, rcpt, rcpt)
	p := startProxyBinary(t, s.submissionTLS, "--ca", s.ca)
	out, code := runTool(t, "", "swaks", "--server", p.addr, "--tls", "--tls-verify", "--tls-ca-path", p.pem,
		"--auth", "LOGIN", "--auth-user", s.user, "--auth-password", s.pass,
		"--from", rcpt, "--to", rcpt, "--data", "@"+writeMessage(t, msg))
	if code != 0 {
		t.Fatalf("swaks through the proxy: exit status %d\n%s", code, out)
	}
	path, data := waitForMessage(t, s.maildir, token)
	removeAfter(t, path)
	requireDelivered(t, data, msg, rcpt)

	rec := p.transcripts(t, 1)[0]
	steps := checkRecording(t, rec, s.pass)
	if data, _ := os.ReadFile(rec); strings.Contains(string(data), b64(s.user)) {
		t.Error("the transcript holds the AUTH LOGIN user name in base64")
	}
	requireOutput(t, "the transcript", steps, "client: STARTTLS", "tls: ", "client: AUTH LOGIN", "data: From: Student")
	requireOutput(t, "the proxy's screen", p.out.String(), "C: EHLO", "C: STARTTLS", "TLS with the client: TLS 1.3",
		"verified: the chain is trusted", "C: AUTH LOGIN", `decoded: "Username:"`, "C: <redacted>",
		"C: MAIL FROM:<"+rcpt+">", "C: RCPT TO:<"+rcpt+">", "C: DATA", "S: 354", "C: QUIT", "S: 221")
	if strings.Contains(p.out.String(), s.pass) || strings.Contains(p.out.String(), b64(s.pass)) {
		t.Error("the proxy's screen shows the password")
	}
	if res := runMailtutor(t, "", "lesson", "make", rec); res.code != 0 || !strings.Contains(res.stdout, "mailtutor-lesson") {
		t.Errorf("lesson make on the proxy's transcript: exit status %d", res.code)
	}
}

// TestProxyInjectedReplyReachesSwaks: an --inject rule answers RCPT, and
// swaks reports the injected reply as the server's.
func TestProxyInjectedReplyReachesSwaks(t *testing.T) {
	s := needServers(t)
	rcpt := s.user + "@example.test"
	p := startProxyBinary(t, s.submission, "--inject", "RCPT=451 4.3.0 try later (injected)")
	out, code := runTool(t, "", "swaks", "--server", p.addr, "--auth", "LOGIN", "--auth-user", s.user,
		"--auth-password", s.pass, "--from", rcpt, "--to", rcpt, "--quit-after", "RCPT")
	if code == 0 {
		t.Errorf("swaks exit status 0 after a 451 to RCPT\n%s", out)
	}
	requireOutput(t, "swaks", out, "451 4.3.0 try later (injected)")
	requireOutput(t, "the proxy's screen", p.out.String(), "an --inject rule answers RCPT TO:<"+rcpt+">", "injected by mailtutor")
	p.transcripts(t, 1)
}

// TestProxyPythonSmtplib: Python's smtplib, STARTTLS trusting the proxy's
// certificate, login and send_message through the proxy to Postfix.
func TestProxyPythonSmtplib(t *testing.T) {
	s := needServers(t)
	token := newToken(t)
	rcpt := s.user + "@example.test"
	msg := testMessage(token, rcpt, rcpt)
	p := startProxyBinary(t, s.submissionTLS, "--ca", s.ca)
	host, port, _ := strings.Cut(p.addr, ":")
	script := `
import smtplib, ssl, sys
ctx = ssl.create_default_context(cafile=sys.argv[3])
with smtplib.SMTP(sys.argv[1], int(sys.argv[2]), timeout=20) as c:
    c.starttls(context=ctx)
    c.login(sys.argv[4], sys.argv[5])
    data = open(sys.argv[6], 'rb').read().replace(b'\n', b'\r\n')
    c.sendmail(sys.argv[7], [sys.argv[7]], data)
print("sent")
`
	out, code := runTool(t, "", "python3", "-c", script, host, port, p.pem, s.user, s.pass, writeMessage(t, msg), rcpt)
	if code != 0 || !strings.Contains(out, "sent") {
		t.Fatalf("smtplib through the proxy: exit status %d\n%s", code, out)
	}
	path, data := waitForMessage(t, s.maildir, token)
	removeAfter(t, path)
	requireDelivered(t, data, msg, rcpt)
	checkRecording(t, p.transcripts(t, 1)[0], s.pass)
}
