package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The first hour of a new user (issue 14), through the binary.

// TestSaveDuringRecordKeepsBoth: ":save b.yaml" during "--record a.yaml"
// leaves both files holding the whole session, and says so in order.
func TestSaveDuringRecordKeepsBoth(t *testing.T) {
	s := needServers(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	res := runMailtutor(t, scriptOf("EHLO x", ":save "+b, "NOOP", "QUIT"), "connect", "--record", a, s.smtp)
	if res.code != 0 {
		t.Fatalf("exit %d", res.code)
	}
	if say, reply := strings.Index(res.stdout, "recording to "+b+" as well"), strings.Index(res.stdout, "S: 250 "); say < reply {
		t.Errorf("the :save note is not after the EHLO reply:\n%s", res.stdout)
	}
	for _, f := range []string{a, b} {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`client: "EHLO x"`, `client: "NOOP"`, `client: "QUIT"`, "closed:"} {
			if !strings.Contains(string(raw), want) {
				t.Errorf("%s lacks %s:\n%s", filepath.Base(f), want, raw)
			}
		}
	}
}

// TestScriptStopsAtABadLineWithQUIT: ":save" of a file that exists stops
// the script in order, QUIT sent, exit 1.
func TestScriptStopsAtABadLineWithQUIT(t *testing.T) {
	s := needServers(t)
	existing := filepath.Join(t.TempDir(), "x.yaml")
	if err := os.WriteFile(existing, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	res := runMailtutor(t, scriptOf("EHLO x", ":save "+existing, "NOOP", "QUIT"), "connect", s.smtp)
	bad, quit := strings.Index(res.stdout, "line 2 of the script"), strings.Index(res.stdout, "C: QUIT")
	if res.code != 1 || bad < strings.Index(res.stdout, "S: 250 ") || quit < bad || strings.Contains(res.stdout, "C: NOOP") {
		t.Errorf("exit %d; want the EHLO reply, the error naming line 2, QUIT, no NOOP:\n%s", res.code, res.stdout)
	}
}

// TestWrongPortSaysWhichScheme: smtp:// (or a bare host:port) on
// Dovecot's POP3 and IMAP ports, smtps:// on Postfix's plain port and
// smtp:// on its SMTPS port each end non-zero with the URL to use.
func TestWrongPortSaysWhichScheme(t *testing.T) {
	s := needServers(t)
	tests := []struct {
		url, want string
	}{
		{"smtp://" + hostPort(t, s.pop3), "use pop3://" + hostPort(t, s.pop3)},
		{hostPort(t, s.imap), "use imap://" + hostPort(t, s.imap)},
		{"pop3://" + hostPort(t, s.smtp), "use smtp://" + hostPort(t, s.smtp)},
		{"smtps://" + hostPort(t, s.smtp), "use smtp://" + hostPort(t, s.smtp)},
	}
	if smtps := os.Getenv("MAILTUTOR_E2E_SMTPS"); smtps != "" { // Postfix's port 465
		tests = append(tests, struct{ url, want string }{"smtp://" + hostPort(t, smtps), "try smtps://" + hostPort(t, smtps)})
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			// 5 s, not 1: on a busy CI machine Postfix's greeting, which
			// tells a plain-text port from a TLS one, took over a second.
			res := runMailtutor(t, scriptOf("NOOP", "QUIT"), "connect", "--timeout", "5s", tt.url)
			if res.code == 0 || !strings.Contains(res.stdout+res.stderr, tt.want) {
				t.Errorf("exit %d, want non-zero and %q", res.code, tt.want)
			}
			if n := strings.Count(res.stdout, "malformed"); n > 1 {
				t.Errorf("%d malformed replies: the session went on", n)
			}
		})
	}
}

// TestConnectSwitchesWithinTheLab: "mailtutor connect --lab" sends a
// message on submission, ":connect pop3" fetches it from the same lab.
func TestConnectSwitchesWithinTheLab(t *testing.T) {
	needServers(t)
	token := newToken(t)
	res := runMailtutor(t, scriptOf("EHLO me", "AUTH PLAIN {plain:student secret123}",
		"MAIL FROM:<student@example.test>", "RCPT TO:<student@example.test>", "DATA",
		"Subject: "+token, "", "hello", ".", ":connect pop3", "USER student", "PASS secret123",
		"TOP 1 0", "QUIT"), "connect", "--lab")
	if res.code != 0 || !strings.Contains(res.stdout, "Subject: "+token) {
		t.Errorf("exit %d; the message sent on submission was not fetched over POP3 of the same lab", res.code)
	}
}

// tmuxPrompt runs the binary's interactive prompt in a detached tmux
// session of 160 columns; keys types a line, screen reads the pane.
type tmuxPrompt struct {
	t      *testing.T
	socket string
}

func startTmux(t *testing.T, args ...string) *tmuxPrompt {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (scripts/mailservers.sh installs it)")
	}
	p := &tmuxPrompt{t: t, socket: filepath.Join(t.TempDir(), "tmux")}
	cmd := "NO_COLOR=1 HOME=" + t.TempDir() + " " + mailtutorBin + " " + strings.Join(args, " ") + "; echo EXIT=$?; sleep 60"
	p.tmux("new-session", "-d", "-x", "160", "-y", "50", cmd)
	t.Cleanup(func() { exec.Command("tmux", "-S", p.socket, "kill-server").Run() })
	return p
}

func (p *tmuxPrompt) tmux(args ...string) string {
	p.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", p.socket}, args...)...).CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (p *tmuxPrompt) keys(line string) { p.tmux("send-keys", "-l", line); p.tmux("send-keys", "Enter") }

func (p *tmuxPrompt) screen() string { return p.tmux("capture-pane", "-p", "-S", "-200") }

func (p *tmuxPrompt) wait(want string) string {
	p.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := p.screen()
		if strings.Contains(s, want) {
			return s
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("%q never shown; the screen:\n%s", want, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestPromptDrawnInATerminal: in a real terminal (tmux), on the lab
// started by "mailtutor": the banner names the POP3 service of this lab;
// no prompt stands in front of a reply ("smtp> S: 250"); :connect pop3
// switches; :quit leaves without "(press Enter to leave)" and exits 0.
func TestPromptDrawnInATerminal(t *testing.T) {
	needServers(t)
	p := startTmux(t)
	p.wait("\nsmtp>")
	s := p.screen()
	if !strings.Contains(s, "pop3://") || strings.Contains(s, "--lab pop3") {
		t.Errorf("the banner does not name this lab's POP3:\n%s", s)
	}
	p.keys("EHLO me.example")
	p.wait("S: 250 SMTPUTF8")
	p.keys("NOOP")
	p.wait("S: 250 2.0.0")
	p.keys(":connect pop3")
	p.wait("\npop3>")
	p.keys("USER student")
	p.wait("S: +OK\n")
	p.keys(":quit")
	s = p.wait("EXIT=")
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "> S:") || strings.Contains(l, "> C:") {
			t.Errorf("a prompt in front of a reply: %q\n%s", l, s)
		}
	}
	if strings.Contains(s, "press Enter") || !strings.Contains(s, "EXIT=0") {
		t.Errorf(":quit asked for Enter, or the exit was not 0:\n%s", s)
	}
}
