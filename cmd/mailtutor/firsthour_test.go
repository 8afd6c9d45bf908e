package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/lab/labtest"
)

// TestLabBannerNamesEveryServiceOfThisLab: the banner of the prompt on the
// lab names every service of this lab (on whatever ports it got) with a
// URL that reaches it, and :connect for the prompt itself; it never sends
// the learner to a second, empty lab with "connect --lab pop3" (issue 14
// bug 1).
func TestLabBannerNamesEveryServiceOfThisLab(t *testing.T) {
	l := labtest.Start(t) // free ports, as when 1025, 1587 and 1110 are taken
	svc, _ := l.Service("submission")
	for _, lang := range []i18n.Lang{i18n.English, i18n.Chinese} {
		text := labBanner(l, svc, lang)
		if strings.Contains(text, "--lab") {
			t.Errorf("%s: the banner sends the learner to another lab:\n%s", lang, text)
		}
		if !strings.Contains(text, ":connect pop3") {
			t.Errorf("%s: the banner does not say :connect pop3:\n%s", lang, text)
		}
		for _, s := range l.Services() {
			if !strings.Contains(text, s.URL) {
				t.Errorf("%s: the banner does not name %s at %s:\n%s", lang, s.Name, s.URL, text)
			}
		}
	}
}

// captureStderr runs f with standard error going to a file, and returns
// what f wrote there.
func captureStderr(t *testing.T, f func()) string {
	t.Helper()
	file, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = file
	defer func() { os.Stderr = saved }()
	f()
	b, err := os.ReadFile(file.Name())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEverySubcommandTakesTheCommonFlags: every subcommand takes
// --no-color, --lang and -h alike, and neither -h nor a bad flag prints
// Go's raw "Usage of ..." (issue 14 bug 10: "lesson list --no-color" was
// an error, "lab --help" printed "Usage of lab").
func TestEverySubcommandTakesTheCommonFlags(t *testing.T) {
	for _, cmd := range [][]string{
		{"connect"}, {"lab"}, {"replay"}, {"transcript", "export"}, {"transcript", "check"},
		{"lesson"}, {"lesson", "list"}, {"lesson", "make"}, {"lesson", "check"}, {"lab", "report"},
	} {
		name := strings.Join(cmd, " ")
		for _, help := range []string{"-h", "--help"} {
			var code int
			args := append(append([]string(nil), cmd...), "--no-color", "--lang", "zh", help)
			out := captureStderr(t, func() { code = run(args) })
			if code != 0 || strings.Contains(out, "Usage of") || !strings.Contains(out, "用法：mailtutor") && !strings.Contains(out, "用法：\n") {
				t.Errorf("%s --no-color --lang zh %s: exit %d, usage:\n%s", name, help, code, out)
			}
		}
		var code int
		out := captureStderr(t, func() { code = run(append(append([]string(nil), cmd...), "--no-such-flag")) })
		if code != 2 || strings.Contains(out, "Usage of") || !strings.Contains(out, "no-such-flag") {
			t.Errorf("%s --no-such-flag: exit %d, said:\n%s", name, code, out)
		}
	}
}

// smallTranscript is a recorded SMTP exchange.
const smallTranscript = `mailtutor: 2
protocol: smtp
server: {host: "127.0.0.1", port: 1587, tls: none}
recorded: 2026-12-06T12:19:49Z
tool: "mailtutor test"
steps:
- server: "220 mail.example.test ESMTP mailtutor lab"
  at: "0.000"
- client: "NOOP"
  at: "0.001"
- server: "250 2.0.0 Ok"
  at: "0.002"
`

// TestTranscriptExportInChinese: "transcript export" speaks Chinese with
// --lang zh and with LANG=zh_CN.UTF-8, labels and explanations alike
// (issue 14 bug 10: it had no --lang and ignored LANG).
func TestTranscriptExportInChinese(t *testing.T) {
	file := filepath.Join(t.TempDir(), "s.yaml")
	if err := os.WriteFile(file, []byte(smallTranscript), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, lang string
		args       []string
	}{
		{"--lang zh", "C", []string{"--lang", "zh"}},
		{"LANG=zh_CN", "zh_CN.UTF-8", nil},
		{"--lang zh, html", "C", []string{"--lang", "zh", "--format", "html"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("LC_ALL", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANG", tt.lang)
			var out, errs strings.Builder
			if err := transcriptCommand(append([]string{"export", file}, tt.args...), &out, &errs); err != nil {
				t.Fatalf("export: %v\n%s", err, errs.String())
			}
			for _, want := range []string{"服务器", "2xx", "下一步"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("the handout lacks %q:\n%s", want, out.String())
				}
			}
			if strings.Contains(out.String(), "Protocol") || strings.Contains(out.String(), "the server did what you asked") {
				t.Errorf("English in the Chinese handout:\n%s", out.String())
			}
		})
	}
}
