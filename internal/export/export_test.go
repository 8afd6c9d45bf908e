package export

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var fixtures = map[string]string{
	"lab smtp": labSMTP, "lab pop3": labPOP3, "hostile": hostileSMTP, "kept secrets": keptSecrets,
	"kept pop3": keptPOP3, "pipelined": pipelined, "empty": empty, "imap": imapRecorded, "imap kept": imapKept,
}

func TestEveryStepInOrder(t *testing.T) {
	readers := map[Format]func(*testing.T, string) []string{FormatHTML: htmlSteps, FormatMarkdown: mdSteps}
	for name, yaml := range fixtures {
		for format, read := range readers {
			t.Run(name+"/"+string(format), func(t *testing.T) {
				page := exportString(t, yaml, format)
				if got, want := read(t, page), kinds(t, yaml); !slices.Equal(got, want) {
					t.Fatalf("steps in the %s page\n got %v\nwant %v", format, got, want)
				}
				if !utf8.ValidString(page) {
					t.Fatal("the page is not valid UTF-8")
				}
			})
		}
	}
}

func TestChineseTextIsKept(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{labSMTP, "Subject: 你好，老师：我的第一封邮件"},
		{labSMTP, "这是我手工输入的第一封邮件。"},
		{labPOP3, "Subject: 欢迎来到邮件实验室"},
	}
	for _, tt := range tests {
		for _, f := range []Format{FormatHTML, FormatMarkdown} {
			if page := exportString(t, tt.yaml, f); !strings.Contains(page, tt.want) {
				t.Errorf("%s export lacks %q", f, tt.want)
			}
		}
	}
}

func TestSecretsNeverShown(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		secrets []string // must not appear
		marks   []string // must appear
	}{
		{"kept smtp", keptSecrets,
			[]string{"AHN0dWRlbnQAc2VjcmV0MTIz", "c3R1ZGVudA==", "c2VjcmV0MTIz", "secret123", "my own marked secret"},
			[]string{"hidden: SASL initial response", "hidden: user name", "hidden: password", "hidden: credential"}},
		{"kept pop3", keptPOP3,
			[]string{"c4c9334bac560ecc979e58001b3e22fb", "secret123", "hunter2"},
			[]string{"hidden: APOP digest", "hidden: password", "APOP student", "PASS"}},
		{"lab recording", labSMTP, []string{"<redacted>", "&lt;redacted&gt;"},
			[]string{"hidden: user name", "hidden: password"}},
		{"lab pop3 recording", labPOP3, []string{"<redacted>", "&lt;redacted&gt;"}, []string{"hidden: password"}},
	}
	for _, tt := range tests {
		for _, f := range []Format{FormatHTML, FormatMarkdown} {
			page := exportString(t, tt.yaml, f)
			for _, s := range tt.secrets {
				if strings.Contains(page, s) {
					t.Errorf("%s, %s: the page shows %q", tt.name, f, s)
				}
			}
			for _, m := range tt.marks {
				if !strings.Contains(page, m) {
					t.Errorf("%s, %s: the page lacks the mark %q", tt.name, f, m)
				}
			}
		}
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		ok   bool
	}{
		{"md", FormatMarkdown, true}, {"Markdown", FormatMarkdown, true}, {" html ", FormatHTML, true},
		{"HTM", FormatHTML, true}, {"pdf", "", false}, {"", "", false},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
	if err := Write(&strings.Builder{}, parse(t, empty), "pdf"); err == nil {
		t.Error("Write accepted the format pdf")
	}
}

type failingWriter struct{}

var errDiskFull = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriteErrorsAreWrapped(t *testing.T) {
	for _, f := range []Format{FormatHTML, FormatMarkdown} {
		err := Write(failingWriter{}, parse(t, labPOP3), f)
		if !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), string(f)) {
			t.Errorf("%s: error %v, want it to wrap %v and name the format", f, err, errDiskFull)
		}
	}
}
