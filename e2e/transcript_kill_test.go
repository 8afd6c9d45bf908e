package e2e

import (
	"fmt"
	"io"
	"net/smtp"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/transcript"
)

// recordingPollTimeout bounds how long a step may take to reach the file.
const recordingPollTimeout = 20 * time.Second

// bigMessageLines is the number of body lines of the message RETR fetches:
// enough that the reply is still on its way when the binary is killed.
const bigMessageLines = 20000

// liveRecording is a "mailtutor connect --record" process whose standard
// input the test writes line by line.
type liveRecording struct {
	t     *testing.T
	cmd   *exec.Cmd
	stdin io.WriteCloser
	file  string // the transcript being recorded
	log   string // the process's output
}

// startRecording starts the binary recording a session with url.
func startRecording(t *testing.T, url string) *liveRecording {
	t.Helper()
	if mailtutorBin == "" {
		t.Fatal("the mailtutor binary was not built (TestMain runs only with MAILTUTOR_E2E=1)")
	}
	dir := t.TempDir()
	r := &liveRecording{t: t, file: filepath.Join(dir, "session.yaml"), log: filepath.Join(dir, "output.log")}
	out, err := os.Create(r.log)
	if err != nil {
		t.Fatalf("create the output log: %v", err)
	}
	t.Cleanup(func() { out.Close() })
	r.cmd = exec.Command(mailtutorBin, "connect", "--no-color", "--history", "", "--timeout", "10s", "--record", r.file, url)
	r.cmd.Stdout, r.cmd.Stderr = out, out
	r.cmd.Env = append(os.Environ(), "NO_COLOR=1", "HOME="+t.TempDir())
	if r.stdin, err = r.cmd.StdinPipe(); err != nil {
		t.Fatalf("standard input pipe: %v", err)
	}
	if err := r.cmd.Start(); err != nil {
		t.Fatalf("start mailtutor connect: %v", err)
	}
	t.Cleanup(func() {
		if r.cmd.ProcessState == nil { // the test stopped before kill9
			_ = r.cmd.Process.Kill()
			_ = r.cmd.Wait()
		}
		if t.Failed() {
			logged, _ := os.ReadFile(r.log)
			recorded, _ := os.ReadFile(r.file)
			t.Logf("mailtutor connect --record %s\n--- output:\n%s--- recording:\n%s", url, logged, recorded)
		}
	})
	return r
}

// send writes lines to the binary's standard input.
func (r *liveRecording) send(lines ...string) {
	r.t.Helper()
	if _, err := io.WriteString(r.stdin, scriptOf(lines...)); err != nil {
		r.t.Fatalf("write %q to mailtutor: %v", lines, err)
	}
}

// waitForStep polls the recording until it holds a line with marker.
func (r *liveRecording) waitForStep(marker string) {
	r.t.Helper()
	deadline := time.Now().Add(recordingPollTimeout)
	for {
		data, err := os.ReadFile(r.file)
		if err != nil && !os.IsNotExist(err) {
			r.t.Fatalf("read the recording: %v", err)
		}
		if strings.Contains(string(data), marker) {
			return
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("the recording shows no %s within %v", marker, recordingPollTimeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// kill9 sends SIGKILL and waits for the process to be gone.
func (r *liveRecording) kill9() {
	r.t.Helper()
	if err := r.cmd.Process.Kill(); err != nil {
		r.t.Fatalf("kill -9 mailtutor: %v", err)
	}
	err := r.cmd.Wait()
	if r.cmd.ProcessState == nil || r.cmd.ProcessState.Exited() {
		r.t.Fatalf("mailtutor exited by itself before SIGKILL (%v): the test did not cut it off", err)
	}
}

// TestRecordingSurvivesKillInData kills the recording binary with SIGKILL
// in the middle of a DATA body: the file must load and hold every step up
// to the 354 reply, in order.
func TestRecordingSurvivesKillInData(t *testing.T) {
	needServers(t)
	lab := startLabBinary(t)
	r := startRecording(t, lab.smtp)
	r.send("EHLO client.example.test", "MAIL FROM:<teacher@example.test>",
		"RCPT TO:<student@example.test>", "DATA")
	r.waitForStep(`server: "354 `)
	r.send("Subject: cut off", "", "the first line of a body", "that never ends")
	time.Sleep(200 * time.Millisecond) // let the body lines reach the binary
	r.kill9()

	tr := loadTranscript(t, r.file)
	requireStepsStartWith(t, tr, []wantStep{
		{transcript.KindServer, "220 "}, {transcript.KindClient, "EHLO client.example.test"},
		{transcript.KindServer, "250"}, {transcript.KindClient, "MAIL FROM:<teacher@example.test>"},
		{transcript.KindServer, "250 "}, {transcript.KindClient, "RCPT TO:<student@example.test>"},
		{transcript.KindServer, "250 "}, {transcript.KindClient, "DATA"},
		{transcript.KindServer, "354 "},
	})
	for _, s := range tr.Steps[9:] {
		if s.Kind != transcript.KindData {
			t.Errorf("after the 354 the recording holds a %s step %q; only the cut-off body could follow", s.Kind, firstLine(s.Text))
		}
	}
}

// TestRecordingSurvivesKillInRetr kills the recording binary with SIGKILL
// while a big multi-line RETR reply arrives: the file must load and hold
// every step up to the RETR command, in order, and no password.
func TestRecordingSurvivesKillInRetr(t *testing.T) {
	needServers(t)
	lab := startLabBinary(t)
	deliverBigMessage(t, hostPort(t, lab.smtp), "student@example.test")
	r := startRecording(t, lab.pop3)
	r.send("USER student", "PASS "+labPassword, "STAT", "RETR 1")
	r.waitForStep(`client: "RETR 1"`)
	r.kill9()

	tr := loadTranscript(t, r.file)
	requireStepsStartWith(t, tr, []wantStep{
		{transcript.KindServer, "+OK"}, {transcript.KindClient, "USER "},
		{transcript.KindServer, "+OK"}, {transcript.KindClient, ""},
		{transcript.KindServer, "+OK"}, {transcript.KindClient, "STAT"},
		{transcript.KindServer, "+OK 1 "}, {transcript.KindClient, "RETR 1"},
	})
	if pass := tr.Steps[3]; pass.Secret != transcript.SecretPassword {
		t.Errorf("step 4 (PASS) is marked secret %q, want %q", pass.Secret, transcript.SecretPassword)
	}
	requireFileHasNoSecret(t, r.file, labPassword)
	if len(tr.Steps) > 8 {
		reply := tr.Steps[8]
		lines := strings.Count(reply.Text, "\n") + 1
		t.Logf("the RETR reply made it into the file before the kill: %d lines", lines)
		if reply.Kind != transcript.KindServer || !strings.HasPrefix(reply.Text, "+OK") || !strings.HasSuffix(reply.Text, "\n.") {
			t.Errorf("step 9 is %s %q ... (%d lines), want the whole +OK reply ending in \".\"", reply.Kind, firstLine(reply.Text), lines)
		}
	}
}

// deliverBigMessage sends a message of bigMessageLines body lines to rcpt
// through the SMTP server at addr, without TLS.
func deliverBigMessage(t *testing.T, addr, rcpt string) {
	t.Helper()
	c, err := smtp.Dial(addr)
	if err != nil {
		t.Fatalf("dial the lab's SMTP port: %v", err)
	}
	defer c.Close()
	if err := c.Hello("e2e.example.test"); err != nil {
		t.Fatalf("EHLO: %v", err)
	}
	if err := c.Mail("teacher@example.test"); err != nil {
		t.Fatalf("MAIL FROM: %v", err)
	}
	if err := c.Rcpt(rcpt); err != nil {
		t.Fatalf("RCPT TO: %v", err)
	}
	w, err := c.Data()
	if err != nil {
		t.Fatalf("DATA: %v", err)
	}
	fmt.Fprintf(w, "Subject: a big message\r\n\r\n")
	for i := range bigMessageLines {
		fmt.Fprintf(w, "line %05d of a message long enough to be cut off in the middle\r\n", i+1)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("end of DATA: %v", err)
	}
	if err := c.Quit(); err != nil {
		t.Fatalf("QUIT: %v", err)
	}
}
