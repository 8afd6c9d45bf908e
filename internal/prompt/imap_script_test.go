package prompt

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/codec"
)

// TestIMAPScriptTagsAndLiterals: a script of untagged commands gets a1,
// a2, ... (one note on tags), a typed tag goes as typed, :login logs in,
// APPEND takes a typed synchronizing literal after the "+", a typed {n+}
// at once, and :append a file with LF line ends; Dovecot stores each byte
// for byte. A literal the server refuses is skipped, not sent as commands.
func TestIMAPScriptTagsAndLiterals(t *testing.T) {
	e := needDovecot(t)
	folder := uniqueFolder(t, e, "mtprompt-")
	file := filepath.Join(t.TempDir(), "note.eml")
	if err := os.WriteFile(file, []byte("Subject: from a file\nX-Test: 1\n\nline one\r\nline two"), 0o600); err != nil {
		t.Fatal(err)
	}
	const fromFile = "Subject: from a file\r\nX-Test: 1\r\n\r\nline one\r\nline two\r\n" // as Dovecot stores it
	typed := []string{"Subject: typed", "", "hello"}
	plus := []string{"Subject: literal+", "", "no wait"}
	script := strings.Join([]string{
		"CAPABILITY",
		":login " + e.user + " " + e.pass,
		"create " + folder,
		"x1 SELECT " + folder,
		fmt.Sprintf("APPEND %s {%d}", folder, wireSize(typed)),
	}, "\n") + "\n" + strings.Join(typed, "\n") + "\n" + strings.Join([]string{
		":append " + folder + " " + file,
		fmt.Sprintf("APPEND %s {%d+}", folder, wireSize(plus)),
	}, "\n") + "\n" + strings.Join(plus, "\n") + "\n" + strings.Join([]string{
		"APPEND no-such-" + folder + " {7}",
		"FETCH 1 BODY[]", // 7 bytes with the CRLF: the refused literal's text
		"NOOP",
		"UNSELECT",
		"LOGOUT",
	}, "\n") + "\n"
	out := runIMAPScript(t, e.imap, "", script)
	requireShown(t, out,
		"C: a1 CAPABILITY\n", "C: a2 LOGIN "+e.user+" ******", "S: a2 OK", "C: a3 create "+folder,
		"C: x1 SELECT "+folder, "S: x1 OK [READ-WRITE]",
		fmt.Sprintf("C: a4 APPEND %s {%d}\nS: + ", folder, wireSize(typed)), "S: a4 OK [APPENDUID",
		fmt.Sprintf("C: a5 APPEND %s {%d+}", folder, len(fromFile)), "S: a5 OK [APPENDUID",
		fmt.Sprintf("C: a6 APPEND %s {%d+}\nC: Subject: literal+", folder, wireSize(plus)), "S: a6 OK",
		"S: a7 NO [TRYCREATE]", "the script's next 7 bytes", "C: a8 NOOP", "S: a10 OK Logout")
	if n := strings.Count(out, "is a tag"); n != 1 {
		t.Errorf("the note on tags shown %d times:\n%s", n, out)
	}
	if strings.Contains(out, e.pass) || strings.Contains(out, "BODY[]") {
		t.Errorf("the password, or the refused literal's text, was sent:\n%s", out)
	}
	want := []string{"Subject: typed\r\n\r\nhello\r\n", fromFile, "Subject: literal+\r\n\r\nno wait\r\n"}
	if got := fetchAll(t, e, folder); !slices.Equal(got, want) {
		t.Errorf("the folder holds %q, want %q", got, want)
	}
}

// wireSize is the size of lines as literal text: each with its CRLF.
func wireSize(lines []string) int {
	n := 0
	for _, l := range lines {
		n += len(l) + 2
	}
	return n
}

// TestIMAPScriptAuthenticateAndTLS: STARTTLS upgrades in place, :plain
// sends AUTHENTICATE PLAIN with its initial response (SASL-IR) in one
// tagged line; on IMAPS, a bare AUTHENTICATE PLAIN gets the "+", and the
// answer :plain makes then goes untagged and consumes no tag.
func TestIMAPScriptAuthenticateAndTLS(t *testing.T) {
	e := needDovecot(t)
	login := ":plain " + e.user + " " + e.pass
	out := runIMAPScript(t, e.imap, e.ca, "STARTTLS\nCAPABILITY\n"+login+"\nLOGOUT\n")
	requireShown(t, out, "C: a1 STARTTLS", "TLS", "C: a2 CAPABILITY", "C: a3 AUTHENTICATE PLAIN ", "S: a3 OK", "S: a4 OK")
	out = runIMAPScript(t, e.imaps, e.ca, "AUTHENTICATE PLAIN\n"+login+"\nNOOP\nLOGOUT\n")
	requireShown(t, out, "C: a1 AUTHENTICATE PLAIN\n", "S: + \n", "C: ••••••••", "S: a1 OK", "C: a2 NOOP", "S: a3 OK")
	secret := codec.B64("\x00" + e.user + "\x00" + e.pass)
	if strings.Contains(out, secret) || strings.Contains(out, e.pass) {
		t.Errorf("the credentials reached the screen:\n%s", out)
	}
}

// TestIMAPScriptIdle: a script waits at IDLE's "+ idling" for its next
// line; a message delivered by SMTP meanwhile shows as EXISTS; DONE ends
// the IDLE, and the script goes on.
func TestIMAPScriptIdle(t *testing.T) {
	e := needDovecot(t)
	if e.smtp == "" {
		t.Skip("no MAILTUTOR_E2E_SMTP to deliver with")
	}
	r, out := urlRunner(t, e.imap, "")
	in, w := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- r.RunScript(in) }()
	fmt.Fprintf(w, ":login %s %s\nSELECT INBOX\nIDLE\n", e.user, e.pass)
	waitFor(t, out.String, "S: + idling")
	time.Sleep(100 * time.Millisecond) // nothing more comes before the delivery
	token := fmt.Sprintf("idle-%d", time.Now().UnixNano())
	t.Cleanup(func() { removeDelivered(t, e, token) })
	delivered := time.Now()
	deliver(t, e, token)
	waitFor(t, func() string { _, after, _ := strings.Cut(out.String(), "+ idling"); return after }, " EXISTS")
	t.Logf("EXISTS %v after the delivery", time.Since(delivered).Round(time.Millisecond))
	fmt.Fprintf(w, "DONE\nLOGOUT\n")
	w.Close()
	if err := <-done; err != nil {
		t.Fatalf("RunScript: %v\n%s", err, out)
	}
	requireShown(t, out.String(), "C: DONE\nS: a3 OK", "S: a4 OK")
}

// waitFor waits up to 5 seconds until text() holds want.
func waitFor(t *testing.T, text func() string, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(text(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("%q never shown:\n%s", want, text())
		}
		time.Sleep(5 * time.Millisecond)
	}
}
