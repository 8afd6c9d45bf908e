package prompt

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/codec"
)

// TestInteractiveIMAP: at the real prompt on a fake terminal, against
// Dovecot: commands typed without a tag are echoed with theirs, the
// prompt follows the IMAP state (a Chinese folder shown decoded, [ro]
// after EXAMINE), literal text is counted at a literal prompt and a line
// too long for it refused, :append sends a file, updates come during
// IDLE, DONE ends it, and Ctrl-D leaves.
func TestInteractiveIMAP(t *testing.T) {
	e := needDovecot(t)
	folder := uniqueFolder(t, e, "测试-")
	file := filepath.Join(t.TempDir(), "m.eml")
	if err := os.WriteFile(file, []byte("Subject: file\n\nbody\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	history := filepath.Join(t.TempDir(), "history")
	r, _ := urlRunner(t, e.imap, "")
	tm := runTerminal(t, r, history)
	tm.wait("imap> ")
	tm.keys("NOOP\r")
	tm.wait("C: a1 NOOP\n")
	tm.wait("(a1 is a tag")
	tm.keys(":login " + e.user + " " + e.pass + "\r")
	tm.wait("imap auth> ")
	tm.keys("x7 CREATE {mutf7:" + folder + "}\r")
	tm.wait("S: x7 OK")
	tm.keys("EXAMINE {mutf7:" + folder + "}\r")
	tm.wait("imap " + folder + " [ro]> ")
	tm.keys("select {mutf7:" + folder + "}\r")
	tm.wait("imap " + folder + "> ")
	tm.keys("APPEND {mutf7:" + folder + "} {22}\r")
	tm.wait("literal (22 bytes left)> ")
	tm.keys("Subject: hi\r")
	tm.wait("literal (9 bytes left)> ")
	tm.keys("\rhello world\r")
	tm.wait("not sent: this line is 11 bytes, 13 with its CRLF, but the literal has 7 bytes left")
	tm.keys("hello\r")
	tm.wait("the literal is complete")
	tm.wait("S: a5 OK [APPENDUID")
	tm.keys(":append " + folder + " " + file + "\r")
	tm.wait("S: a6 OK [APPENDUID")
	tm.keys("SELECT INBOX\r")
	tm.wait("imap INBOX> ")
	tm.keys("IDLE\r")
	tm.wait("idle> ")
	token := fmt.Sprintf("tty-idle-%d", time.Now().UnixNano())
	t.Cleanup(func() { removeDelivered(t, e, token) })
	mark := len(tm.out.String())
	deliver(t, e, token)
	tm.waitAfter(mark, " EXISTS")
	mark = len(tm.out.String())
	tm.keys("DONE\r")
	tm.waitAfter(mark, "S: a8 OK")
	tm.waitAfter(mark, "imap INBOX> ")
	tm.keys("\x04")
	tm.end()

	want := []string{"Subject: hi\r\n\r\nhello\r\n", "Subject: file\r\n\r\nbody\r\n"}
	if got := fetchAll(t, e, codec.EncodeMUTF7(folder)); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the folder holds %q, want %q", got, want)
	}
	h, err := os.ReadFile(history)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(h); strings.Contains(got, e.pass) || strings.Contains(got, "hello") || !strings.Contains(got, "NOOP\n") {
		t.Errorf("history file: %q", got)
	}
}

// waitAfter waits until the screen shows want after its first mark bytes.
func (tm *terminal) waitAfter(mark int, want string) {
	tm.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(tm.out.String()[mark:], want) {
		if time.Now().After(deadline) {
			tm.t.Fatalf("%q never shown; the screen:\n%s", want, tm.out)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
