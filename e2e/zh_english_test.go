package e2e

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/testkit"
	"github.com/mailtutor/mailtutor/lessons"
)

// zhRun is one run of the binary whose screen must be all Chinese.
type zhRun struct {
	name   string
	script string
	args   []string
	env    string // LANG=zh_CN.UTF-8 instead of --lang zh
	want   string // Chinese the run must show: it reached what it tries
}

// subcommandHelps are the -h runs of every subcommand.
var subcommandHelps = [][]string{
	{"connect", "-h"}, {"lab", "-h"}, {"replay", "-h"}, {"proxy", "-h"},
	{"transcript", "export", "-h"}, {"transcript", "check", "-h"},
	{"lesson", "-h"}, {"lesson", "list", "-h"}, {"lesson", "make", "-h"},
	{"lesson", "check", "-h"}, {"explain", "-h"}, {"connect", "--bogus"},
}

// zhRuns are the prompt, lesson, replay and export runs of the test: the
// helpers and their mistakes, AUTH, POP3, TLS, errors of connect.
func zhRuns(t *testing.T, s servers) []zhRun {
	t.Helper()
	refused := "smtp://" + closedPort(t)
	runs := []zhRun{
		{name: "smtp helpers", want: "的 base64 编码", script: scriptOf("EHLO x", ":plain student secret123", ":helpers", ":help", ":status", ":b64 student", "AUTH LOGIN", ":b64 student", ":b64 secret123", "QUIT")},
		{name: "cram", want: "HMAC-MD5）", script: scriptOf("EHLO x", "AUTH CRAM-MD5", ":cram student secret123", "QUIT")},
		{name: "bad helper", want: "这个辅助命令", script: scriptOf("EHLO x", ":foo")},
		{name: "b64 without text", want: "用法：:b64 TEXT", script: scriptOf("EHLO x", ":b64")},
		{name: "unterminated", want: "没有结束", script: scriptOf("EHLO x", "AUTH PLAIN {b64:abc")},
		{name: "starttls cert", want: "SHA-256 指纹", script: scriptOf("EHLO x", "STARTTLS", ":cert", ":status", "QUIT")},
		{name: "smtps cert", want: "SHA-256 指纹", args: []string{"connect", "--lab", "smtps"}, script: scriptOf(":cert", "QUIT")},
		{name: "pop3", want: "C: PASS ••••••••（已隐藏）", args: []string{"connect", "--lab", "pop3"}, script: scriptOf("USER student", "PASS secret123", "STAT", "QUIT")},
		{name: "apop", want: "MD5 摘要", args: []string{"connect", "--lab", "pop3"}, script: scriptOf(":apop student secret123", "QUIT")},
		{name: "imap", want: "（用户名“student”，密码 ******）", args: []string{"connect", "--lab", "imap"}, script: scriptOf(":login student secret123", "SELECT INBOX", "FETCH 1:* (FLAGS)", "LOGOUT")},
		{name: "after close", want: "关闭了连接", script: scriptOf("QUIT", "NOOP")},
		{name: "refused", want: "连接被拒绝", args: []string{"connect", refused}},
		{name: "no url", want: "请给出一个服务器的 URL", args: []string{"connect"}},
		{name: "unknown lesson", want: "这一课", args: []string{"lesson", "no-such-lesson"}},
		{name: "runner refused", want: "第 1 部分：连接", args: []string{"lesson", "6", "--server", "smtp://" + closedPort(t)}},
		{name: "runner needs a service", want: "但没有为它指定服务器", args: []string{"lesson", "6", "--server", "pop3s://" + closedPort(t)}},
		{name: "unknown CA", want: "TLS 握手失败", args: []string{"connect", s.pop3s}},
		{name: "reply timeout", want: "内没有收到响应", args: []string{"connect", "smtp://" + silentServer(t), "--timeout", "1s"}, script: scriptOf("NOOP")},
		{name: "insecure", want: "警告：--insecure", args: []string{"connect", "--lab", "--insecure", "--keep-secrets"}, script: scriptOf("QUIT")},
		{name: "bad scheme", want: "URL 方案", args: []string{"connect", "nosuch://127.0.0.1"}},
		{name: "bad port", want: "端口", args: []string{"connect", "smtp://127.0.0.1:99999"}},
		{name: "lesson server flag", want: "这项服务", args: []string{"lesson", "1", "--server", "nosuch=smtp://127.0.0.1:1"}},
		{name: "explain bad protocol", want: "这个协议", args: []string{"explain", "--protocol", "gopher", "550"}},
		{name: "replay without arguments", want: "请给出一个会话记录文件", args: []string{"replay"}},
		{name: "unknown command", want: "这个命令", args: []string{"nosuch"}},
		{name: "replay without file", want: "文件不存在", args: []string{"replay", filepath.Join(t.TempDir(), "none.yaml")}},
		{name: "lab on a busy port", want: "端口已被另一个程序占用", args: []string{"lab", "--smtp-port", busyPort(t)}},
		{name: "LANG", want: "辅助命令", env: "LANG=zh_CN.UTF-8", script: scriptOf("EHLO x", ":helpers", "QUIT")},
	}
	for _, h := range subcommandHelps {
		want := "用法："
		if h[len(h)-1] == "--bogus" {
			want = "没有 -bogus 这个选项"
		}
		runs = append(runs, zhRun{name: strings.Join(h, " "), args: h, want: want})
	}
	return runs
}

// TestNoEnglishOnAChineseScreen runs the prompt, a lesson, replay and
// export in Chinese and fails on any English sentence of the tool's own
// (testkit.EnglishOnChineseScreen says what counts).
func TestNoEnglishOnAChineseScreen(t *testing.T) {
	s := needServers(t)
	for _, r := range zhRuns(t, s) {
		t.Run(r.name, func(t *testing.T) {
			args := r.args
			if r.env == "" {
				args = append(append([]string{}, args...), "--lang", "zh")
			} else {
				name, value, _ := strings.Cut(r.env, "=")
				t.Setenv("LC_ALL", "")
				t.Setenv("LC_MESSAGES", "")
				t.Setenv(name, value)
			}
			res := runMailtutor(t, r.script, args...)
			requireChinese(t, res.stdout+"\n"+res.stderr, r.want)
		})
	}
	all, err := lessons.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range all {
		t.Run("lesson "+l.Name, func(t *testing.T) {
			script := l.StudentScript(&l.Account)
			res := runMailtutor(t, script, "lesson", l.Name, "--restart", "--lang", "zh")
			// the lesson shows the lines of a message before the student types them
			requireChinese(t, res.stdout+"\n"+res.stderr, lessons.Result{Steps: l.StepCount(), Right: typedSteps(l)}.Summary(lessons.Chinese),
				strings.Split(script, "\n")...)
		})
	}
	t.Run("interactive", func(t *testing.T) {
		p := startTmux(t, "connect", "--lab", "--lang", "zh")
		p.wait("student/secret123")
		p.keys(":connect nosuch")
		p.keys("QUIT")
		p.wait("（已关闭）>")
		p.keys("")
		requireChinese(t, p.wait("EXIT=0"), "这项服务")
	})
	t.Run("replay and export", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "s.yaml")
		runMailtutor(t, scriptOf("EHLO x", ":plain student secret123", "QUIT"), "connect", "--lab", "--record", file, "--lang", "zh")
		if _, err := os.Stat(file); err != nil {
			t.Fatal(err)
		}
		res := runMailtutor(t, "", "replay", file, "--lang", "zh")
		requireChinese(t, res.stdout+"\n"+res.stderr, "回放")
		res = runMailtutor(t, "", "transcript", "export", file, "--lang", "zh")
		requireChinese(t, res.stdout+"\n"+res.stderr, "关闭了连接") // by the server, or by mailtutor after 221
	})
}

// requireChinese fails the test for each English line of out that is not
// one of typed (a line the student types, shown before it is typed), and
// unless out shows want.
func requireChinese(t *testing.T, out, want string, typed ...string) {
	t.Helper()
	if !strings.Contains(out, want) {
		t.Errorf("the run never shows %q: it did not reach what it tries", want)
	}
	isTyped := map[string]bool{}
	for _, line := range typed {
		if line = strings.TrimSpace(line); line != "" {
			isTyped[line] = true
		}
	}
	if strings.Contains(out, "<redacted>") {
		t.Errorf("a hidden secret shown as <redacted> on a Chinese screen")
	}
	if strings.Contains(out, "出错了。原文：") {
		t.Errorf("an error shown with the catch-all 出错了 (give its kind words): %s", out)
	}
	for _, line := range testkit.EnglishOnChineseScreen(out) {
		switch {
		case isTyped[line]:
		default:
			t.Errorf("English on a Chinese screen: %s", line)
		}
	}
}

// silentServer accepts connections and never says a word, for a reply
// timeout; it returns its address.
func silentServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	conns := make(chan net.Conn, 16)
	t.Cleanup(func() {
		ln.Close()
		for len(conns) > 0 {
			(<-conns).Close()
		}
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			select {
			case conns <- c:
			default:
				c.Close()
			}
		}
	}()
	return ln.Addr().String()
}

// busyPort returns a port a listener of the test holds.
func busyPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}
