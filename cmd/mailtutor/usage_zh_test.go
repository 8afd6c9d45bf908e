package main

import (
	"os"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/testkit"
)

// subcommands are the command lines whose -h pages are checked.
var subcommands = [][]string{
	{"connect"}, {"lab"}, {"replay"}, {"proxy"}, {"transcript", "export"}, {"transcript", "check"},
	{"lesson"}, {"lesson", "list"}, {"lesson", "make"}, {"lesson", "check"}, {"explain"}, {"help"},
}

// TestUsagePagesInChinese: with --lang zh (and with LANG=zh_CN.UTF-8)
// every subcommand's -h page, every flag's help included, and a bad
// flag's error hold no English sentence (issue 17); in English the page
// says "Usage:" as before.
func TestUsagePagesInChinese(t *testing.T) {
	for _, cmd := range subcommands {
		name := strings.Join(cmd, " ")
		for _, extra := range [][]string{{"--lang", "zh", "-h"}, {"-h"}, {"--no-such-flag", "--lang", "zh"}} {
			args := append(append([]string(nil), cmd...), extra...)
			if cmd[0] == "help" || cmd[0] == "explain" {
				args = append([]string{cmd[0]}, "-h", "--lang", "zh")
			}
			t.Setenv("LC_ALL", "")
			t.Setenv("LANG", "zh_CN.UTF-8")
			out := captureBoth(t, func() { run(args) })
			for _, line := range testkit.EnglishOnChineseScreen(out) {
				t.Errorf("mailtutor %s: English on a Chinese screen: %s", strings.Join(args, " "), line)
			}
			if !strings.Contains(out, "用法：") {
				t.Errorf("mailtutor %s: no 用法：in\n%s", strings.Join(args, " "), out)
			}
		}
		t.Setenv("LANG", "en_US.UTF-8")
		out := captureBoth(t, func() { run(append(append([]string(nil), cmd...), "-h")) })
		if !strings.Contains(out, "Usage") && !strings.Contains(out, "mailtutor - type") {
			t.Errorf("mailtutor %s -h in English:\n%s", name, out)
		}
	}
}

// TestDefaultJobTakesFlags: "mailtutor --lang zh" and "mailtutor
// --no-color" run the default job, the lab's prompt, instead of being
// refused as unknown commands (issue 14 bug 11).
func TestDefaultJobTakesFlags(t *testing.T) {
	for _, args := range [][]string{{"--lang", "zh", "-h"}, {"--no-color", "-h"}} {
		var code int
		out := captureStderr(t, func() { code = run(args) })
		if code != 0 || strings.Contains(out, "unknown command") || strings.Contains(out, "这个命令") ||
			!strings.Contains(out, "connect --lab") {
			t.Errorf("mailtutor %s: exit %d, said:\n%s", strings.Join(args, " "), code, out)
		}
	}
}

// captureBoth returns what f wrote to standard output and standard error.
func captureBoth(t *testing.T, f func()) string {
	t.Helper()
	var out string
	errs := captureStderr(t, func() {
		file, err := os.CreateTemp(t.TempDir(), "stdout")
		if err != nil {
			t.Fatal(err)
		}
		saved := os.Stdout
		os.Stdout = file
		defer func() { os.Stdout = saved }()
		f()
		b, err := os.ReadFile(file.Name())
		if err != nil {
			t.Fatal(err)
		}
		out = string(b)
	})
	return out + errs
}
