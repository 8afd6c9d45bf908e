package e2e

import (
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
func zhRuns(t *testing.T) []zhRun {
	t.Helper()
	refused := "smtp://" + closedPort(t)
	runs := []zhRun{
		{name: "smtp helpers", script: scriptOf("EHLO x", ":plain student secret123", ":helpers", ":help", ":status", ":b64 student", "AUTH LOGIN", ":b64 student", ":b64 secret123", "QUIT")},
		{name: "cram", script: scriptOf("EHLO x", "AUTH CRAM-MD5", ":cram student secret123", "QUIT")},
		{name: "bad helper", script: scriptOf("EHLO x", ":foo")},
		{name: "b64 without text", script: scriptOf("EHLO x", ":b64")},
		{name: "unterminated", script: scriptOf("EHLO x", "AUTH PLAIN {b64:abc")},
		{name: "starttls cert", script: scriptOf("EHLO x", "STARTTLS", ":cert", ":status", "QUIT")},
		{name: "smtps cert", args: []string{"connect", "--lab", "smtps"}, script: scriptOf(":cert", "QUIT")},
		{name: "pop3", args: []string{"connect", "--lab", "pop3"}, script: scriptOf("USER student", "PASS secret123", "STAT", "QUIT")},
		{name: "apop", args: []string{"connect", "--lab", "pop3"}, script: scriptOf(":apop student secret123", "QUIT")},
		{name: "after close", script: scriptOf("QUIT", "NOOP")},
		{name: "refused", args: []string{"connect", refused}},
		{name: "no url", args: []string{"connect"}},
		{name: "unknown lesson", args: []string{"lesson", "no-such-lesson"}},
		{name: "runner error", args: []string{"lesson", "6", "--server", "smtp://" + closedPort(t)}},
		{name: "LANG", env: "LANG=zh_CN.UTF-8", script: scriptOf("EHLO x", ":helpers", "QUIT")},
	}
	for _, h := range subcommandHelps {
		runs = append(runs, zhRun{name: strings.Join(h, " "), args: h})
	}
	return runs
}

// TestNoEnglishOnAChineseScreen runs the prompt, a lesson, replay and
// export in Chinese and fails on any English sentence of the tool's own
// (testkit.EnglishOnChineseScreen says what counts).
func TestNoEnglishOnAChineseScreen(t *testing.T) {
	needServers(t)
	for _, r := range zhRuns(t) {
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
			requireChinese(t, res.stdout+"\n"+res.stderr)
		})
	}
	t.Run("lesson", func(t *testing.T) {
		l, err := lessons.Find("1")
		if err != nil {
			t.Fatal(err)
		}
		res := runMailtutor(t, l.StudentScript(&l.Account), "lesson", "1", "--restart", "--lang", "zh")
		requireChinese(t, res.stdout+"\n"+res.stderr)
	})
	t.Run("replay and export", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "s.yaml")
		runMailtutor(t, scriptOf("EHLO x", ":plain student secret123", "QUIT"), "connect", "--lab", "--record", file, "--lang", "zh")
		if _, err := os.Stat(file); err != nil {
			t.Fatal(err)
		}
		res := runMailtutor(t, "", "replay", file, "--lang", "zh")
		requireChinese(t, res.stdout+"\n"+res.stderr)
		res = runMailtutor(t, "", "transcript", "export", file, "--lang", "zh")
		requireChinese(t, res.stdout+"\n"+res.stderr)
	})
}

// requireChinese fails the test for each English line of out.
func requireChinese(t *testing.T, out string) {
	t.Helper()
	for _, line := range testkit.EnglishOnChineseScreen(out) {
		t.Errorf("English on a Chinese screen: %s", line)
	}
}
