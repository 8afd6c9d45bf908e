package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The lab's IMAP (mailtutor lab, the real binary) with the clients a
// student would use: Python's imaplib, curl imap://, and mailtutor's own
// prompt. Each test starts its own lab, so nothing is shared with Dovecot.

// imapLabScript is what imaplib does: deliver by smtplib, then LOGIN, LIST,
// SELECT, SEARCH, FETCH, STORE, APPEND, UID FETCH, COPY and LOGOUT, one
// line of output per step.
const imapLabScript = `
import imaplib, smtplib, sys
smtp_port, imap_port, token = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
s = smtplib.SMTP("127.0.0.1", smtp_port)
s.sendmail("teacher@example.test", ["student@example.test"],
    "From: teacher@example.test\r\nTo: student@example.test\r\nSubject: " + token + "\r\n\r\nHello from smtplib.\r\n")
s.quit()
m = imaplib.IMAP4("127.0.0.1", imap_port)
print("login", m.login("student", "secret123")[0])
typ, boxes = m.list()
print("list", typ, " | ".join(b.decode() for b in boxes))
typ, data = m.select("INBOX")
print("select", typ, data[0].decode())
typ, data = m.search(None, "SUBJECT", token)
print("search", typ, data[0].decode())
typ, data = m.fetch("1", "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
print("fetch", typ, data[0][1].decode().strip())
typ, data = m.store("1", "+FLAGS", "(\\Flagged)")
print("store", typ, data[0].decode())
typ, data = m.append("Drafts", "(\\Draft)", None, b"Subject: draft\r\n\r\nA draft.\r\n")
print("append", typ, data[0].decode())
typ, data = m.uid("FETCH", "1", "(RFC822.SIZE)")
print("uidfetch", typ, data[0].decode())
typ, data = m.copy("1", "Trash")
print("copy", typ, data[0].decode())
typ, data = m.copy("1", "Nowhere")
print("copy-missing", typ, data[0].decode())
print("logout", m.logout()[0])
`

func TestLabIMAPWithPythonImaplib(t *testing.T) {
	needServers(t)
	python := needTool(t, "python3")
	lab := startLabBinary(t)
	token := newToken(t)
	out := mustRunTool(t, python, "-c", imapLabScript, portOf(t, lab.smtp), portOf(t, lab.imap), token)
	for _, want := range []string{
		"login OK",
		`list OK (\HasNoChildren) "/" INBOX`, `(\HasNoChildren \Sent) "/" Sent`, `(\HasNoChildren \Trash) "/" Trash`,
		"select OK 1", "search OK 1", "fetch OK Subject: " + token,
		`store OK 1 (FLAGS (\Flagged))`, "append OK [APPENDUID ", "uidfetch OK 1 (UID 1 RFC822.SIZE ",
		"copy OK [COPYUID ", "copy-missing NO [TRYCREATE] Mailbox doesn't exist: Nowhere", "logout BYE",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("imaplib: the output lacks %q:\n%s", want, out)
		}
	}
}

func TestLabIMAPWithCurl(t *testing.T) {
	needServers(t)
	curl := needTool(t, "curl")
	lab := startLabBinary(t)
	token := newToken(t)
	base := strings.TrimSuffix(lab.imap, "/")
	user := []string{"-sS", "--max-time", "20", "--user", "student:secret123"}
	draft := filepath.Join(t.TempDir(), "draft.eml")
	if err := os.WriteFile(draft, []byte("Subject: "+token+"\r\n\r\nAppended by curl.\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		args []string
		want string
	}{
		{"append", []string{"-T", draft, base + "/INBOX"}, ""},
		{"list", []string{base + "/"}, `* LIST (\HasNoChildren \Drafts) "/" Drafts`},
		{"search", []string{base + "/INBOX", "-X", "SEARCH SUBJECT " + token}, "* SEARCH 1"},
		{"fetch", []string{base + "/INBOX;UID=1"}, "Appended by curl."},
		{"store", []string{base + "/INBOX", "-X", `STORE 1 +FLAGS (\Flagged)`}, `* 1 FETCH (FLAGS (\Seen \Flagged))`},
		{"examine", []string{base + "/INBOX", "-X", "EXAMINE INBOX"}, "* 1 EXISTS"},
	}
	for _, st := range steps {
		out := mustRunTool(t, curl, append(user, st.args...)...)
		if !strings.Contains(out, st.want) {
			t.Errorf("curl %s: the output lacks %q:\n%s", st.name, st.want, out)
		}
	}
}

// TestLabIMAPPromptIdleSeesSMTP: mailtutor's prompt on the lab's IMAP,
// tags put in front, a Chinese folder in modified UTF-7, and IDLE showing
// a message that mailtutor's prompt on the lab's MX delivers meanwhile.
func TestLabIMAPPromptIdleSeesSMTP(t *testing.T) {
	needServers(t)
	lab := startLabBinary(t)
	p := startPiped(t, "connect", lab.imap)
	fmt.Fprint(p.stdin, scriptOf("CAPABILITY", "LOGIN student secret123", `CREATE "&g0l6Pw-/&fsN5wA-"`,
		`LIST "" "*"`, "SELECT INBOX", "IDLE"))
	p.waitFor(t, 0, "S: + idling")
	mark := p.len()
	token := newToken(t)
	delivered := time.Now()
	send := runMailtutor(t, scriptOf("EHLO me.example.test", "MAIL FROM:<teacher@example.test>",
		"RCPT TO:<student@example.test>", "DATA", "Subject: idle "+token, "", "delivered while idling", ".", "QUIT"),
		"connect", lab.smtp)
	if send.code != 0 {
		t.Fatalf("deliver: exit status %d", send.code)
	}
	p.waitFor(t, mark, "S: * 1 EXISTS")
	if d := time.Since(delivered); d > 3*time.Second {
		t.Errorf("EXISTS shown %v after the delivery started", d)
	}
	fmt.Fprint(p.stdin, "DONE\nFETCH 1 (FLAGS ENVELOPE)\nLOGOUT\n")
	p.stdin.Close()
	if code := p.wait(t); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	out := p.out.String()
	requireReplies(t, out, "a2 OK [CAPABILITY", "a3 OK", "a4 OK", "a5 OK [READ-WRITE]", "a6 OK", "a7 OK", "* BYE")
	for _, want := range []string{`S: * LIST (\HasNoChildren) "/" &g0l6Pw-/&fsN5wA-`, "idle " + token} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q", want)
		}
	}
}

// needTool finds a program the test drives; CI installs it (scripts/mailservers.sh).
func needTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is needed (scripts/mailservers.sh installs it): %v", name, err)
	}
	return path
}

// mustRunTool runs a client program and returns its output; a failure fails the test.
func mustRunTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return string(out)
}

// portOf is the port of a URL, as text.
func portOf(t *testing.T, rawURL string) string {
	t.Helper()
	_, port, _ := strings.Cut(hostPort(t, rawURL), ":")
	return port
}
