package transcript

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const docsPath = "../docs/transcript.md"

var yamlBlock = regexp.MustCompile("(?s)```yaml\n(.*?)```")

// The examples in the format documentation load, and are exactly what the
// recorder and Encode write.
func TestDocsExamples(t *testing.T) {
	doc, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	// The IMAP example needs the dialect, which the package does not know.
	SetProtocolCheck(func(name string) bool { return name == ProtocolSMTP || name == ProtocolPOP3 || name == "imap" },
		func() []string { return []string{ProtocolSMTP, ProtocolPOP3, "imap"} })
	t.Cleanup(func() {
		SetProtocolCheck(func(name string) bool { return name == ProtocolSMTP || name == ProtocolPOP3 },
			func() []string { return []string{ProtocolSMTP, ProtocolPOP3} })
	})
	examples := 0
	for _, m := range yamlBlock.FindAllSubmatch(doc, -1) {
		if !bytes.HasPrefix(m[1], []byte("mailtutor:")) {
			continue
		}
		examples++
		tr, warnings, err := Parse(m[1], "docs example")
		if err != nil || len(warnings) > 0 {
			t.Fatalf("example %d: %v %q", examples, err, warnings)
		}
		if enc := encode(t, tr); !bytes.Equal(enc, m[1]) {
			t.Errorf("example %d is not what Encode writes:\n%s", examples, enc)
		}
	}
	if examples != 3 {
		t.Fatalf("found %d complete examples, want 3 (SMTP, POP3 and IMAP)", examples)
	}
}

// Every "broken.yaml:N: message" the documentation shows is a message some
// file in testdata/broken really produces.
func TestDocsErrorMessages(t *testing.T) {
	doc, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	real := map[string]bool{}
	files, _ := filepath.Glob("testdata/broken/*.yaml")
	for _, f := range files {
		data, _ := os.ReadFile(f)
		if _, _, err := Parse(data, "broken.yaml"); err != nil {
			real[err.Error()] = true
		}
	}
	shown := 0
	for _, line := range strings.Split(string(doc), "\n") {
		if strings.HasPrefix(line, "broken.yaml:") {
			shown++
			if !real[line] {
				t.Errorf("documented error %q is not produced by any broken file", line)
			}
		}
	}
	if shown == 0 {
		t.Fatal("no documented errors found")
	}
}
