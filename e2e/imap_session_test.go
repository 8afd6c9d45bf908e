package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/lessons"
	"github.com/mailtutor/mailtutor/transcript"
)

// sentFolder is the non-ASCII part of the test folder's name: typed as
// {mutf7:已发送}, it goes on the wire in modified UTF-7 (RFC 3501 5.1.3).
const sentFolder, sentFolderMUTF7 = "已发送", "&XfJT0ZAB-"

// imapScript is the scripted IMAP session the tests record: every command
// with its own tag; the message of token is moved out of INBOX into a new
// folder with a Chinese name, fetched (headers, a part, whole), flagged,
// searched, copied, moved and expunged; every folder is deleted again.
func imapScript(s servers, token string) (script string, tags int) {
	folder := `"mt-` + token + `-{mutf7:` + sentFolder + `}"`
	copyTo, moveTo := `"mt-`+token+`-copy"`, `"mt-`+token+`-moved"`
	lines := []string{
		"CAPABILITY",
		"LOGIN " + s.user + " " + s.pass,
		"CREATE " + folder,
		"CREATE " + copyTo,
		"CREATE " + moveTo,
		`LIST "" "mt-` + token + `*"`,
		"SELECT INBOX",
		"UID SEARCH RETURN (SAVE) HEADER Message-ID <" + token + "@e2e.example.test>",
		"UID MOVE $ " + folder,
		"SELECT " + folder,
		"FETCH 1 (UID FLAGS BODY.PEEK[HEADER])",
		"FETCH 1 BODY.PEEK[1]",
		"FETCH 1 BODY.PEEK[]",
		`STORE 1 +FLAGS (\Flagged)`,
		"SEARCH FLAGGED SUBJECT " + token,
		"COPY 1 " + copyTo,
		"MOVE 1 " + moveTo,
		"STATUS " + copyTo + " (MESSAGES)",
		"SELECT " + copyTo,
		`STORE 1 +FLAGS.SILENT (\Deleted)`,
		"EXPUNGE",
		"UNSELECT",
		"DELETE " + folder,
		"DELETE " + copyTo,
		"DELETE " + moveTo,
		"LOGOUT",
	}
	for i := range lines {
		lines[i] = "a" + strconv.Itoa(i+1) + " " + lines[i]
	}
	return scriptOf(lines...), len(lines)
}

// The tags of imapScript's FETCH commands: headers, a part, the whole.
const fetchHeader, fetchPart, fetchWhole = "a11", "a12", "a13"

// TestIMAPSessionOnDovecot drives the binary through a whole IMAP session
// against Dovecot with explicit tags, checks every command succeeded and
// the fetched message is the Maildir file byte for byte, then checks the
// recording: it loads, plays back, exports and becomes a lesson without
// the password, and replays against Dovecot (a second copy of the
// message): the new folder's UIDVALIDITY is a difference shown, not a
// failure, unless --strict.
func TestIMAPSessionOnDovecot(t *testing.T) {
	s := needServers(t)
	token := newToken(t)
	t.Cleanup(func() {
		deleteFolders(t, s, "mt-"+token)
		removeMessagesHolding(t, s.maildir, token)
	})
	stored := deliverForIMAP(t, s, token)
	script, tags := imapScript(s, token)
	rec := filepath.Join(t.TempDir(), "imap.yaml")
	res := runMailtutor(t, script, "connect", "--no-color", "--history", "", "--timeout", "10s", "--record", rec, s.imap)
	if res.code != 0 {
		t.Fatalf("the IMAP session: exit status %d, want 0", res.code)
	}
	requireTaggedOK(t, res.stdout, tags)
	requireNoSecret(t, res, s.pass, b64(s.pass))
	requireFileHasNoSecret(t, rec, s.pass)
	if !strings.Contains(res.stdout, "S: * LIST ") || !strings.Contains(res.stdout, "mt-"+token+"-"+sentFolderMUTF7) {
		t.Errorf("LIST does not show the folder %s in modified UTF-7", sentFolder)
	}
	requireGone(t, s.maildir, token)

	tr := loadTranscript(t, rec)
	checkFetches(t, tr, stored)
	checkTranscriptFile(t, rec)
	res = runMailtutor(t, "", "replay", "--no-wait", "--no-color", rec)
	if res.code != 0 {
		t.Fatalf("replay --no-wait: exit status %d", res.code)
	}
	requireNoSecret(t, res, s.pass, b64(s.pass))
	playBackIMAP(t, tr, res.stdout)
	exportsHideThePassword(t, rec, s.pass)
	lessonFromIMAP(t, rec, s.pass)

	target := roundTripTarget{"dovecot imap", s.imap, ""}
	t.Run("replay --against, strict", func(t *testing.T) {
		deliverForIMAP(t, s, token)
		res := runMailtutor(t, "", append([]string{"replay", "--strict"}, replayAgainstArgs(target, rec)[1:]...)...)
		if res.code == 0 || !strings.Contains(res.stdout, "MISMATCH") {
			t.Errorf("replay --against --strict: exit status %d, want a failure", res.code)
		}
		deleteFolders(t, s, "mt-"+token)
	})
	t.Run("replay --against", func(t *testing.T) {
		res := runMailtutor(t, "", replayAgainstArgs(target, rec)...)
		if res.code != 0 {
			t.Fatalf("replay --against: exit status %d, want 0", res.code)
		}
		requireNoSecret(t, res, s.pass, b64(s.pass))
		for step, v := range verdicts(res.stdout) {
			if v == "MISMATCH" {
				t.Errorf("step %d: MISMATCH", step)
			}
		}
		if !strings.Contains(res.stdout, "OK [UIDVALIDITY]") || !strings.Contains(res.stdout, "0 MISMATCH") {
			t.Errorf("the replay does not show the new folder's UIDVALIDITY as a difference")
		}
		requireGone(t, s.maildir, token)
	})
}

// deliverForIMAP sends the test message of token through Postfix and
// returns its content in the Maildir as IMAP serves it: CRLF line ends.
func deliverForIMAP(t *testing.T, s servers, token string) string {
	t.Helper()
	rcpt := s.user + "@example.test"
	msg := testMessage(token, rcpt, rcpt)
	sendWire(t, s, rcpt, msg)
	_, data := waitForMessage(t, s.maildir, token)
	return strings.ReplaceAll(string(data), "\n", "\r\n")
}

// requireTaggedOK fails unless every command a1 … an got a tagged OK.
func requireTaggedOK(t *testing.T, stdout string, n int) {
	t.Helper()
	lines := serverLines(stdout)
	for i := 1; i <= n; i++ {
		tag := "a" + strconv.Itoa(i) + " "
		found := ""
		for _, l := range lines {
			if strings.HasPrefix(l, tag) {
				found = l
			}
		}
		if !strings.HasPrefix(found, tag+"OK") {
			t.Errorf("command %s: the tagged reply is %q, want OK", strings.TrimSpace(tag), found)
		}
	}
}

// checkFetches compares the literals the recording holds for the three
// FETCH commands with the message stored: its header, its body (part 1 of
// a message that is not multipart) and all of it, byte for byte.
func checkFetches(t *testing.T, tr *transcript.Transcript, stored string) {
	t.Helper()
	header, body, ok := strings.Cut(stored, "\r\n\r\n")
	if !ok {
		t.Fatalf("the stored message has no empty line after its header")
	}
	for tag, want := range map[string]string{fetchHeader: header + "\r\n\r\n", fetchPart: body, fetchWhole: stored} {
		got, err := fetchedLiteral(tr, tag)
		if err != nil {
			t.Errorf("%s: %v", tag, err)
			continue
		}
		if got != want {
			t.Errorf("%s: the literal (%d bytes) is not the Maildir file's (%d bytes):\n got %q\nwant %q", tag, len(got), len(want), got, want)
		}
	}
}

// fetchedLiteral returns the literal of the FETCH response to the command
// tagged tag, from the recorded steps, by its byte count.
func fetchedLiteral(tr *transcript.Transcript, tag string) (string, error) {
	sent := false
	for _, s := range tr.Steps {
		switch {
		case s.Kind == transcript.KindClient:
			sent = strings.HasPrefix(s.Text, tag+" ")
		case sent && s.Kind == transcript.KindServer && strings.HasPrefix(s.Text, "* "):
			lines := s.ReplyLines()
			n, ok := literalCount(lines[0])
			if !ok {
				continue
			}
			text := strings.Join(lines[1:], "\r\n")
			if len(text) < n {
				return "", fmt.Errorf("the literal announces %d bytes, the step holds %d", n, len(text))
			}
			return text[:n], nil
		}
	}
	return "", fmt.Errorf("no FETCH response with a literal recorded")
}

// playBackIMAP checks that replay --no-wait showed every recorded reply
// line, literals included, in order.
func playBackIMAP(t *testing.T, tr *transcript.Transcript, stdout string) {
	t.Helper()
	shown := serverLines(stdout)
	next := 0
	for _, step := range tr.Steps {
		if step.Kind != transcript.KindServer {
			continue
		}
		for _, line := range step.ReplyLines() {
			for next < len(shown) && shown[next] != line {
				next++
			}
			if next == len(shown) {
				t.Fatalf("replay does not show the recorded reply line %q (in order)", line)
			}
			next++
		}
	}
}

// exportsHideThePassword exports the recording as Markdown and HTML.
func exportsHideThePassword(t *testing.T, rec, password string) {
	t.Helper()
	for _, format := range []string{"md", "html"} {
		out := filepath.Join(t.TempDir(), "handout."+format)
		res := runMailtutor(t, "", "transcript", "export", rec, "--format", format, "-o", out)
		if res.code != 0 {
			t.Fatalf("transcript export --format %s: exit status %d", format, res.code)
		}
		requireFileHasNoSecret(t, out, password)
		data, _ := os.ReadFile(out)
		if !strings.Contains(string(data), "hidden: password") || !strings.Contains(string(data), "FETCH (BODY[] {") {
			t.Errorf("the %s export lacks the password's mark or the FETCH", format)
		}
	}
}

// lessonFromIMAP makes a lesson of the recording and loads it.
func lessonFromIMAP(t *testing.T, rec, password string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "lesson.yaml")
	res := runMailtutor(t, "", "lesson", "make", rec, "-o", out)
	if res.code != 0 {
		t.Fatalf("lesson make: exit status %d", res.code)
	}
	requireFileHasNoSecret(t, out, password)
	l, err := lessons.Load(out)
	if err != nil {
		t.Fatalf("the lesson made of the IMAP recording does not load: %v", err)
	}
	if l.Parts[0].Service != "imap" {
		t.Errorf("the lesson's service is %q, want imap", l.Parts[0].Service)
	}
}
