package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/transcript"
)

// replayRow is one row of the "replay --against" table: "STEP SENT ... VERDICT".
var replayRow = regexp.MustCompile(`^(\d+)\s.*\s(match|text differs|MISMATCH)$`)

// sendScript returns the lines typed to send one message through
// submission with AUTH LOGIN; token marks the message.
func sendScript(token string) string {
	return scriptOf("EHLO client.example.test", "AUTH LOGIN", ":b64 student", ":b64 "+labPassword,
		"MAIL FROM:<student@example.test>", "RCPT TO:<student@example.test>", "DATA",
		"Subject: mailtutor e2e round trip "+token, "", "Recorded, checked and replayed.", ".", "QUIT")
}

// fetchScript returns the lines typed to log in over POP3 and count the
// messages, without fetching or deleting any.
func fetchScript() string {
	return scriptOf("USER student", "PASS "+labPassword, "STAT", "QUIT")
}

// roundTripTarget is a server a session is recorded from and replayed against.
type roundTripTarget struct {
	name, url string
	ca        string // --ca FILE, or "" for none
}

// TestTranscriptRoundTrip records an SMTP and a POP3 session with the
// binary against Postfix, Dovecot and the "mailtutor lab" binary, then
// checks the file loads ("transcript check"), plays back ("replay
// --no-wait") and still matches the server ("replay --against").
func TestTranscriptRoundTrip(t *testing.T) {
	s := needServers(t)
	lab := startLabBinary(t)
	smtpToken, labToken := newToken(t), newToken(t)
	t.Cleanup(func() { removeMessagesHolding(t, s.maildir, smtpToken) })
	cases := []struct {
		target roundTripTarget
		script string
	}{
		{roundTripTarget{"postfix submission", s.submission, s.ca}, sendScript(smtpToken)},
		{roundTripTarget{"dovecot pop3", s.pop3, s.ca}, fetchScript()},
		{roundTripTarget{"lab submission", lab.submission, ""}, sendScript(labToken)},
		{roundTripTarget{"lab pop3", lab.pop3, ""}, fetchScript()},
	}
	for _, tc := range cases {
		t.Run(tc.target.name, func(t *testing.T) {
			file := recordSession(t, tc.target, tc.script)
			checkTranscriptFile(t, file)
			playBack(t, file)
			replayAgainstSame(t, tc.target, file)
		})
	}
	// The Postfix replay sent the message a second time: wait for both
	// copies, so that the cleanup finds them.
	if !t.Failed() {
		waitForCopies(t, s.maildir, smtpToken, 2)
	}
}

// TestReplayNamesTheChangedStep replays against Postfix a recorded session
// whose RCPT was edited to an unknown user: replay must fail and name the step.
func TestReplayNamesTheChangedStep(t *testing.T) {
	s := needServers(t)
	token := newToken(t)
	t.Cleanup(func() { removeMessagesHolding(t, s.maildir, token) })
	target := roundTripTarget{"postfix submission", s.submission, s.ca}
	file := recordSession(t, target, sendScript(token))
	waitForCopies(t, s.maildir, token, 1)

	const recorded, edited = "RCPT TO:<student@example.test>", "RCPT TO:<nobody@example.test>"
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read the recording: %v", err)
	}
	if n := strings.Count(string(data), recorded); n != 1 {
		t.Fatalf("the recording holds %q %d times, want once", recorded, n)
	}
	changed := filepath.Join(t.TempDir(), "changed.yaml")
	if err := os.WriteFile(changed, []byte(strings.Replace(string(data), recorded, edited, 1)), 0o600); err != nil {
		t.Fatalf("write the edited copy: %v", err)
	}
	// The table and the messages number a row by the step of the reply.
	step := stepNumberOf(t, loadTranscript(t, changed), edited) + 1

	res := runMailtutor(t, "", replayAgainstArgs(target, changed)...)
	if res.code == 0 {
		t.Fatalf("replay --against a server that rejects %s exited 0, want a failure", edited)
	}
	out := res.stdout + res.stderr
	wantName := "step " + strconv.Itoa(step)
	if !regexp.MustCompile(`\b`+wantName+`\b`).MatchString(out) || !strings.Contains(out, edited) {
		t.Errorf("the output does not name the mismatched %s (the reply to %q)", wantName, edited)
	}
	rows := verdicts(res.stdout)
	if got := rows[step]; got != "MISMATCH" {
		t.Errorf("the table's verdict of step %d is %q, want MISMATCH (rows %v)", step, got, rows)
	}
}

// recordSession runs the binary in scripted mode with --record and returns
// the recorded file, after checking it holds no password.
func recordSession(t *testing.T, target roundTripTarget, script string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "session.yaml")
	args := []string{"connect", "--no-color", "--history", "", "--timeout", "10s", "--record", file}
	if target.ca != "" {
		args = append(args, "--ca", target.ca)
	}
	res := runMailtutor(t, script, append(args, target.url)...)
	if res.code != 0 {
		t.Fatalf("recording against %s: exit status %d, want 0", target.url, res.code)
	}
	requireNoSecret(t, res, labPassword, b64(labPassword))
	requireFileHasNoSecret(t, file, labPassword)
	return file
}

// checkTranscriptFile runs "mailtutor transcript check" and compares its
// step count with what transcript.Load reads.
func checkTranscriptFile(t *testing.T, file string) {
	t.Helper()
	tr := loadTranscript(t, file)
	if last := tr.Steps[len(tr.Steps)-1]; last.Kind != transcript.KindServer && last.Kind != transcript.KindClosed {
		t.Errorf("the recording ends with a %s step %q: the end of the session is missing", last.Kind, firstLine(last.Text))
	}
	res := runMailtutor(t, "", "transcript", "check", file)
	if res.code != 0 {
		t.Fatalf("transcript check: exit status %d, want 0", res.code)
	}
	if want := "ok: " + strconv.Itoa(len(tr.Steps)) + " steps"; strings.TrimSpace(res.stdout) != want {
		t.Errorf("transcript check says %q, want %q", strings.TrimSpace(res.stdout), want)
	}
}

// playBack runs "mailtutor replay --no-wait" and checks every recorded
// reply line is shown as a server line.
func playBack(t *testing.T, file string) {
	t.Helper()
	tr := loadTranscript(t, file)
	res := runMailtutor(t, "", "replay", "--no-wait", "--no-color", file)
	if res.code != 0 {
		t.Fatalf("replay --no-wait: exit status %d, want 0", res.code)
	}
	shown := serverLines(res.stdout)
	next := 0
	for _, step := range tr.Steps {
		if step.Kind != transcript.KindServer {
			continue
		}
		for _, line := range strings.Split(step.Text, "\n") {
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

// replayAgainstSame replays the file against the server it was recorded
// from: exit 0, every server step compared and none a mismatch.
func replayAgainstSame(t *testing.T, target roundTripTarget, file string) {
	t.Helper()
	tr := loadTranscript(t, file)
	res := runMailtutor(t, "", replayAgainstArgs(target, file)...)
	if res.code != 0 {
		t.Fatalf("replay --against %s: exit status %d, want 0", target.url, res.code)
	}
	rows := verdicts(res.stdout)
	for i, step := range tr.Steps {
		if step.Kind != transcript.KindServer {
			continue
		}
		switch got, ok := rows[i+1]; {
		case !ok:
			t.Errorf("the table has no row for step %d (%q)", i+1, firstLine(step.Text))
		case got != "match" && got != "text differs":
			t.Errorf("step %d (%q): verdict %q, want match or text differs", i+1, firstLine(step.Text), got)
		}
	}
}

// replayAgainstArgs returns the arguments of "replay --against" with the
// lab/test account's credentials as --secret flags.
func replayAgainstArgs(target roundTripTarget, file string) []string {
	args := []string{"replay", "--no-color", "--timeout", "10s", "--against", target.url,
		"--secret", "username=student", "--secret", "password=" + labPassword}
	if target.ca != "" {
		args = append(args, "--ca", target.ca)
	}
	return append(args, file)
}

// verdicts maps the step numbers of the "replay --against" table to their verdicts.
func verdicts(stdout string) map[int]string {
	rows := map[int]string{}
	for _, line := range strings.Split(stdout, "\n") {
		if strings.Contains(line, " steps compared:") {
			continue // the summary: "11 steps compared: ... 0 MISMATCH"
		}
		if m := replayRow.FindStringSubmatch(strings.TrimRight(line, " ")); m != nil {
			n, _ := strconv.Atoi(m[1])
			rows[n] = m[2]
		}
	}
	return rows
}

// stepNumberOf returns the 1-based number of the client step that sent line.
func stepNumberOf(t *testing.T, tr *transcript.Transcript, line string) int {
	t.Helper()
	for i, s := range tr.Steps {
		if s.Kind == transcript.KindClient && s.Text == line {
			return i + 1
		}
	}
	t.Fatalf("no client step sends %q:\n%s", line, describeSteps(tr))
	return 0
}

// waitForCopies waits until n messages holding token were delivered under root.
func waitForCopies(t *testing.T, root, token string, n int) {
	t.Helper()
	deadline := time.Now().Add(deliveryTimeout)
	for {
		found, err := findMessages(root, token)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d messages holding %s arrived within %v", len(found), n, token, deliveryTimeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
