package e2e

import (
	"strings"
	"testing"
)

// TestProxyCurlPOP3AndIMAP: curl lists mailboxes and messages through the
// proxy to Dovecot, with implicit TLS and with STLS/STARTTLS, trusting
// only the proxy's certificate; the proxy names each command and keeps
// the credentials out of its transcripts.
func TestProxyCurlPOP3AndIMAP(t *testing.T) {
	s := needServers(t)
	for _, tc := range []struct {
		name, target, scheme string
		flags                []string
		commands             []string
	}{
		{"pop3s", s.pop3s, "pop3s", nil, []string{"C: CAPA", "C: LIST", "C: QUIT"}},
		{"pop3+STLS", s.pop3, "pop3", []string{"--ssl-reqd"}, []string{"C: CAPA", "C: STLS", "TLS with the client", "C: LIST"}},
		{"imaps", s.imaps, "imaps", nil, []string{"C: A001 CAPABILITY", "C: A002", "LIST", "LOGOUT"}},
		{"imap+STARTTLS", s.imap, "imap", []string{"--ssl-reqd"}, []string{"STARTTLS", "TLS with the client", "LIST"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := startProxyBinary(t, tc.target, "--ca", s.ca)
			args := append([]string{"--silent", "--show-error", "--max-time", "20", "--cacert", p.pem,
				"--user", s.user + ":" + s.pass}, tc.flags...)
			args = append(args, tc.scheme+"://"+p.addr+"/")
			out, code := runTool(t, "", "curl", args...)
			if code != 0 {
				t.Fatalf("curl %s through the proxy: exit status %d\n%s", tc.scheme, code, out)
			}
			requireOutput(t, "the proxy's screen", p.out.String(), tc.commands...)
			if strings.Contains(p.out.String(), s.pass) || strings.Contains(p.out.String(), b64("\x00"+s.user+"\x00"+s.pass)) {
				t.Error("the proxy's screen shows the password")
			}
			rec := p.transcripts(t, 1)[0]
			checkRecording(t, rec, s.pass, "\x00"+s.user+"\x00"+s.pass)
		})
	}
}

// TestProxyPythonPoplib: Python's poplib says STLS, USER and PASS through
// the proxy to Dovecot; the recording replays against Dovecot itself with
// the password given back (replay --against).
func TestProxyPythonPoplib(t *testing.T) {
	s := needServers(t)
	p := startProxyBinary(t, s.pop3, "--ca", s.ca)
	host, port, _ := strings.Cut(p.addr, ":")
	script := `
import poplib, ssl, sys
c = poplib.POP3(sys.argv[1], int(sys.argv[2]), timeout=20)
c.stls(context=ssl.create_default_context(cafile=sys.argv[3]))
c.user(sys.argv[4])
c.pass_(sys.argv[5])
print("stat", c.stat())
c.quit()
`
	out, code := runTool(t, "", "python3", "-c", script, host, port, p.pem, s.user, s.pass)
	if code != 0 || !strings.Contains(out, "stat") {
		t.Fatalf("poplib through the proxy: exit status %d\n%s", code, out)
	}
	rec := p.transcripts(t, 1)[0]
	steps := checkRecording(t, rec, s.pass)
	requireOutput(t, "the transcript", steps, "client: STLS", "client: USER "+s.user, "client: PASS <redacted>", "client: STAT")
	res := runMailtutor(t, "", "replay", "--no-color", "--against", s.pop3, "--ca", s.ca, "--secret", "password="+s.pass, rec)
	if res.code != 0 {
		t.Errorf("replay --against %s of poplib's recorded session: exit status %d", s.pop3, res.code)
	}
}

// TestProxyPythonImaplib: Python's imaplib over implicit TLS logs in,
// APPENDs a message (a literal), finds it, fetches it back byte for byte
// and deletes it, all through the proxy to Dovecot; the proxy frames the
// literals both ways without losing step.
func TestProxyPythonImaplib(t *testing.T) {
	s := needServers(t)
	token := newToken(t)
	p := startProxyBinary(t, s.imaps, "--ca", s.ca)
	host, port, _ := strings.Cut(p.addr, ":")
	script := `
import imaplib, ssl, sys
ctx = ssl.create_default_context(cafile=sys.argv[3])
c = imaplib.IMAP4_SSL(sys.argv[1], int(sys.argv[2]), ssl_context=ctx, timeout=20)
c.login(sys.argv[4], sys.argv[5])
msg = ("Subject: proxy " + sys.argv[6] + "\r\n\r\nline one\r\n.dot line\r\n").encode()
typ, _ = c.append("INBOX", None, None, msg)
assert typ == "OK", typ
c.select("INBOX")
typ, data = c.search(None, "SUBJECT", sys.argv[6])
num = data[0].split()[-1]
typ, data = c.fetch(num, "(BODY.PEEK[])")
assert data[0][1] == msg, data[0][1]
c.store(num, "+FLAGS", "\\Deleted")
c.expunge()
c.logout()
print("round trip ok")
`
	out, code := runTool(t, "", "python3", "-c", script, host, port, p.pem, s.user, s.pass, token)
	if code != 0 || !strings.Contains(out, "round trip ok") {
		t.Fatalf("imaplib through the proxy: exit status %d\n%s", code, out)
	}
	screen := p.out.String()
	requireOutput(t, "the proxy's screen", screen, " LOGIN ", " APPEND INBOX", " SEARCH ", " FETCH ", " LOGOUT")
	if strings.Contains(screen, "protocol problem") {
		t.Error("the proxy's framing went out of step")
	}
	checkRecording(t, p.transcripts(t, 1)[0], s.pass)
}
