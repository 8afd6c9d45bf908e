package e2e

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/transcript"
)

// streamMessageBytes is the size of the message the streaming test sends
// and fetches, and maxStreamRSS what the binary may hold while it works:
// the Go runtime, the parts of the reply on their way to the screen and the
// transcript, the garbage collector's slack (about 20 MB on a quiet machine,
// up to 40 MB on a loaded one); never the whole message, which alone would
// take it over the limit.
const (
	streamMessageBytes = 64 << 20
	maxStreamRSS       = streamMessageBytes
)

// A 64 MB message goes through DATA and comes back by RETR with --record,
// each time through the real binary (built without -race) and the lab
// binary: the binary's peak
// memory stays below the size of the message (so neither the screen, nor the
// transcript, nor the framing held it whole), the screen shows the whole
// body and the transcript holds the reply byte for byte.
func TestLargeMessagesStream(t *testing.T) {
	needServers(t)
	dir := t.TempDir()
	bin := plainBinary(t, dir)
	lab := startLabWith(t, bin, "--max-message-size", fmt.Sprint(2*streamMessageBytes))

	script := filepath.Join(dir, "send.script")
	writeSendScript(t, script, streamMessageBytes)
	out, rss := runToFile(t, bin, script, filepath.Join(dir, "send.out"), "connect", lab.smtp)
	t.Logf("DATA of %d MB: peak RSS %d MB", streamMessageBytes>>20, rss>>20)
	if rss >= maxStreamRSS {
		t.Errorf("peak RSS %d MB sending a %d MB message: the body is held in memory", rss>>20, streamMessageBytes>>20)
	}
	if !strings.Contains(tailOf(t, out, 4096), "S: 250") {
		t.Fatalf("the message was not accepted; the output ends:\n%s", tailOf(t, out, 2048))
	}

	record := filepath.Join(dir, "retr.yaml")
	fetch := filepath.Join(dir, "fetch.script")
	if err := os.WriteFile(fetch, []byte(scriptOf("USER student", "PASS "+labPassword, "RETR 1", "QUIT")), 0o600); err != nil {
		t.Fatal(err)
	}
	out, rss = runToFile(t, bin, fetch, filepath.Join(dir, "fetch.out"), "connect", "--record", record, lab.pop3)
	t.Logf("RETR of %d MB with --record: peak RSS %d MB", streamMessageBytes>>20, rss>>20)
	if rss >= maxStreamRSS {
		t.Errorf("peak RSS %d MB fetching a %d MB message: the reply is held in memory", rss>>20, streamMessageBytes>>20)
	}
	tail := tailOf(t, out, 8192)
	if !strings.Contains(tail, "S: the last line of the body") || !strings.Contains(tail, "S: .\n") {
		t.Fatalf("the screen does not show the end of the body; it ends:\n%s", tail)
	}

	tr, _, err := transcript.Load(record)
	if err != nil {
		t.Fatal(err)
	}
	var reply *transcript.Step
	for i, s := range tr.Steps {
		if s.Kind == transcript.KindClient && s.Text == "RETR 1" && i+1 < len(tr.Steps) {
			reply = &tr.Steps[i+1]
		}
	}
	if reply == nil || reply.Kind != transcript.KindServer {
		t.Fatalf("no reply to RETR 1 among %d steps", len(tr.Steps))
	}
	lines := strings.Split(reply.Text, "\n")
	if !strings.HasPrefix(lines[0], "+OK") || lines[len(lines)-1] != "." || lines[len(lines)-2] != "the last line of the body" {
		t.Fatalf("the recorded reply runs from %q to %q", lines[0], lines[len(lines)-1])
	}
	if body := len(reply.Text) - len(lines[0]); body < streamMessageBytes*9/10 {
		t.Fatalf("the recorded reply holds %d bytes of body, want about %d", body, streamMessageBytes)
	}
	requireFileHasNoSecret(t, record, labPassword)
}

// writeSendScript writes a scripted SMTP session sending a message of about
// size bytes, with dot-leading lines and Chinese, ending with a known line.
func writeSendScript(t *testing.T, path string, size int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprint(w, scriptOf("EHLO e2e.example.test", "MAIL FROM:<teacher@example.test>", "RCPT TO:<student@example.test>", "DATA",
		"Subject: a large message", "Content-Type: text/plain; charset=utf-8", ""))
	for n, i := 0, 0; n < size; i++ {
		l := fmt.Sprintf("line %08d of a message large enough to show whether the body is streamed", i)
		switch i % 1000 {
		case 3:
			l = "." + l
		case 5:
			l = "中文：这封信很长，但内存不应随之增长。"
		}
		n += len(l) + 2
		fmt.Fprintln(w, l)
	}
	fmt.Fprint(w, scriptOf("the last line of the body", ".", "QUIT"))
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// plainBinary builds mailtutor as it ships, without -race: the race
// detector's shadow memory would hide what the program itself holds.
func plainBinary(t *testing.T, dir string) string {
	t.Helper()
	if !raceEnabled {
		return mailtutorBin
	}
	bin := filepath.Join(dir, "mailtutor-plain")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/mailtutor").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runToFile runs bin with the script file on standard input and
// standard output to outPath; it returns outPath and the peak resident
// memory of the binary in bytes (its VmHWM: see peakRSS).
func runToFile(t *testing.T, bin, scriptPath, outPath string, args ...string) (string, int64) {
	t.Helper()
	in, err := os.Open(scriptPath)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	return outPath, peakRSSIn(t, bin, in, outPath, args...)
}

// tailOf is the last n bytes of a file.
func tailOf(t *testing.T, path string, n int64) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > n {
		f.Seek(st.Size()-n, io.SeekStart)
	}
	b, _ := io.ReadAll(f)
	return string(b)
}
