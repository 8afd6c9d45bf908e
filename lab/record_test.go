package lab

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"github.com/mailtutor/mailtutor/transcript"
)

// recordedLab starts a lab recording into a temporary directory.
func recordedLab(t *testing.T) (*Lab, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "rec")
	l, _ := startLab(t, func(c *Config) { c.RecordDir = dir })
	return l, dir
}

// recordings lists the transcripts under dir/sub.
func recordings(t *testing.T, dir, sub string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, sub, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// steps reads a transcript step by step.
func steps(t *testing.T, path string) (transcript.Transcript, []transcript.Step) {
	t.Helper()
	f, warnings, err := transcript.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	if len(warnings) > 0 {
		t.Errorf("%s: warnings %v", path, warnings)
	}
	var out []transcript.Step
	for s, err := range f.Steps() {
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, s)
	}
	return f.Header(), out
}

// checkPrivate checks a transcript's mode and that no secret is in it.
func checkPrivate(t *testing.T, path string) string {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("%s: mode %v, want 0600", path, info.Mode().Perm())
	}
	if d, _ := os.Stat(filepath.Dir(path)); d.Mode().Perm() != 0o700 {
		t.Errorf("%s: mode %v, want 0700", filepath.Dir(path), d.Mode().Perm())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range append(secretsInLogs, "AHN0dWRlbnQAc2VjcmV0MTIz") {
		if strings.Contains(string(data), secret) {
			t.Errorf("%s holds a secret (%q):\n%s", path, secret, data)
		}
	}
	return string(data)
}

func TestRecordSMTPSessionUnderTheUser(t *testing.T) {
	l, dir := recordedLab(t)
	c := dialRaw(t, addr(t, l, "submission"), nil)
	c.expect("220 mail.example.test ESMTP mailtutor lab")
	c.send("EHLO me")
	c.smtpReply()
	c.cmd("STARTTLS", "220 2.0.0 Ready to start TLS")
	c.upgrade(clientTLS(t, l))
	c.send("EHLO me")
	c.smtpReply()
	c.cmd("AUTH PLAIN AHN0dWRlbnQAc2VjcmV0MTIz", "235 2.7.0 Authentication successful")
	c.cmd("MAIL FROM:<student@example.test>", "250 2.1.0 Ok")
	c.cmd("RCPT TO:<teacher@example.test>", "250 2.1.5 Ok")
	c.cmd("DATA", "354 End data with <CR><LF>.<CR><LF>")
	c.send("Subject: hello")
	c.send("")
	c.send("..a dot")
	c.send(".")
	if got := c.line(); !strings.HasPrefix(got, "250 2.0.0 Ok: queued as") {
		t.Fatalf("DATA: %q", got)
	}
	c.cmd("QUIT", "221 2.0.0 Bye")
	l.Close()

	if anon := recordings(t, dir, AnonymousDir); len(anon) != 0 {
		t.Errorf("anonymous copies left: %v", anon)
	}
	paths := recordings(t, dir, "student")
	if len(paths) != 1 || !strings.HasPrefix(filepath.Base(paths[0]), "submission-") {
		t.Fatalf("recordings of student: %v", paths)
	}
	checkPrivate(t, paths[0])
	head, got := steps(t, paths[0])
	if head.Protocol != "smtp" || head.Tool != recordTool {
		t.Errorf("header %+v", head)
	}
	var kinds []string
	for _, s := range got {
		kinds = append(kinds, string(s.Kind))
		switch {
		case s.Kind == transcript.KindClient && strings.HasPrefix(s.Text, "AUTH"):
			if s.Secret == "" {
				t.Errorf("AUTH step not marked secret: %+v", s)
			}
		case s.Kind == transcript.KindData:
			if s.Text != "Subject: hello\n\n.a dot\n" {
				t.Errorf("body %q", s.Text)
			}
		}
	}
	if last := got[len(got)-1]; last.Text != "closed by the server" {
		t.Errorf("last step %+v, want closed by the server (after QUIT)", last)
	}
	want := "server client server client server tls client server client server client server client server client server data server client server closed"
	if strings.Join(kinds, " ") != want {
		t.Errorf("steps\n got %s\nwant %s", strings.Join(kinds, " "), want)
	}
}

func TestRecordWithoutLoginIsAnonymous(t *testing.T) {
	l, dir := recordedLab(t)
	c := dialRaw(t, addr(t, l, "pop3"), nil)
	c.line()
	c.cmd("USER student", "+OK")
	c.cmd("PASS wrong-one", "-ERR [AUTH] Authentication failed.")
	c.cmd("QUIT", "+OK mailtutor lab POP3 server signing off")
	l.Close()
	paths := recordings(t, dir, AnonymousDir)
	if len(paths) != 1 {
		t.Fatalf("anonymous recordings: %v", paths)
	}
	text := checkPrivate(t, paths[0])
	if strings.Contains(text, "wrong-one") {
		t.Errorf("the wrong password was recorded:\n%s", text)
	}
}

func TestRecordPOP3AndIMAPFetch(t *testing.T) {
	l, dir := recordedLab(t)
	submit(t, l, "to fetch")
	p := dialRaw(t, addr(t, l, "pop3s"), clientTLS(t, l))
	p.line()
	p.cmd("USER student", "+OK")
	p.cmd("PASS secret123", "+OK Logged in.")
	p.send("RETR 1")
	if got := p.line(); !strings.HasPrefix(got, "+OK ") {
		t.Fatalf("RETR: %q", got)
	}
	p.dotBody()
	p.cmd("QUIT", "+OK mailtutor lab POP3 server signing off (1 message left)")

	c := imapLogin(t, l, "imap", nil)
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	msgs, err := c.Fetch(imap.SeqSetNum(1), &imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{{}}}).Collect()
	if err != nil || len(msgs) != 1 {
		t.Fatalf("FETCH: %v %v", msgs, err)
	}
	if err := c.Logout().Wait(); err != nil {
		t.Fatal(err)
	}
	l.Close()

	if got := recordings(t, dir, AnonymousDir); len(got) != 1 || !strings.Contains(got[0], "smtp-") {
		t.Errorf("anonymous: %v (want the MX session)", got)
	}
	paths := recordings(t, dir, "student")
	if len(paths) != 2 {
		t.Fatalf("student's recordings: %v", paths)
	}
	for _, path := range paths {
		text := checkPrivate(t, path)
		if !strings.Contains(text, "Subject: to fetch") {
			t.Errorf("%s: the message fetched is not in it:\n%s", path, text)
		}
		head, _ := steps(t, path)
		if strings.Contains(path, "pop3s-") != (head.Protocol == "pop3") {
			t.Errorf("%s: protocol %q", path, head.Protocol)
		}
	}
}

func TestRecordDropsAProbe(t *testing.T) {
	l, dir := recordedLab(t)
	c := dialRaw(t, addr(t, l, "smtp"), nil)
	c.line()
	_ = c.conn.Close()
	l.Close()
	if got := recordings(t, dir, AnonymousDir); len(got) != 0 {
		t.Errorf("a connection that sent nothing was kept: %v", got)
	}
}

func TestRecordSaysWhoClosed(t *testing.T) {
	for _, service := range []string{"smtp", "pop3", "imap"} {
		t.Run(service, func(t *testing.T) {
			l, dir := recordedLab(t)
			c := dialRaw(t, addr(t, l, service), nil)
			c.line()
			c.send("NOOP")
			if service == "imap" {
				c.send("a NOOP")
			}
			c.line()
			_ = c.conn.Close()
			deadline := time.Now().Add(5 * time.Second)
			for {
				paths := recordings(t, dir, AnonymousDir)
				if len(paths) == 1 {
					data, _ := os.ReadFile(paths[0])
					if strings.Contains(string(data), "closed: \"closed by the client\"") {
						return
					}
				}
				if time.Now().After(deadline) {
					t.Fatalf("no recording closed by the client: %v", paths)
				}
				time.Sleep(20 * time.Millisecond)
			}
		})
	}
}
