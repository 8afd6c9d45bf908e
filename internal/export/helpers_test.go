package export

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/transcript"
)

// parse loads a transcript from YAML, failing the test on any problem.
func parse(t *testing.T, yaml string) *transcript.Transcript {
	t.Helper()
	tr, warnings, err := transcript.Parse([]byte(yaml), "test.yaml")
	if err != nil || len(warnings) > 0 {
		t.Fatalf("parse: %v %v", err, warnings)
	}
	return tr
}

// exportString exports the transcript in f.
func exportString(t *testing.T, yaml string, f Format) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, parse(t, yaml), f); err != nil {
		t.Fatalf("export %s: %v", f, err)
	}
	return b.String()
}

// kinds lists the kinds of the steps of a transcript, in order.
func kinds(t *testing.T, yaml string) []string {
	t.Helper()
	var out []string
	for _, s := range parse(t, yaml).Steps {
		out = append(out, string(s.Kind))
	}
	return out
}

var htmlStepRE = regexp.MustCompile(`<li class="step (\w+) (\w+)" id="step-(\d+)">`)

// htmlSteps reads the steps of an HTML export back: their kinds, in the
// order they appear, checking that they are numbered 1, 2, 3...
func htmlSteps(t *testing.T, page string) []string {
	t.Helper()
	var out []string
	for i, m := range htmlStepRE.FindAllStringSubmatch(page, -1) {
		if m[3] != strconv.Itoa(i+1) {
			t.Fatalf("step %d is numbered %s", i+1, m[3])
		}
		out = append(out, m[2])
	}
	return out
}

var mdStepRE = regexp.MustCompile(`(?m)^(?:> )?\*\*(\d+) · (C: message body \(DATA\)|C:|S:|TLS handshake:|connection closed:)\*\*`)

// mdSteps reads the steps of a Markdown export back, like htmlSteps.
func mdSteps(t *testing.T, page string) []string {
	t.Helper()
	names := map[string]string{"C:": "client", "S:": "server", "C: message body (DATA)": "data",
		"TLS handshake:": "tls", "connection closed:": "closed"}
	var out []string
	for i, m := range mdStepRE.FindAllStringSubmatch(page, -1) {
		if m[1] != strconv.Itoa(i+1) {
			t.Fatalf("step %d is numbered %s", i+1, m[1])
		}
		out = append(out, names[m[2]])
	}
	return out
}

// section is the part of an HTML page holding step n.
func section(t *testing.T, page string, n int) string {
	t.Helper()
	start := strings.Index(page, `id="step-`+strconv.Itoa(n)+`"`)
	if start < 0 {
		t.Fatalf("no step %d in the page", n)
	}
	start = strings.LastIndex(page[:start], "<li ")
	end := strings.Index(page[start:], "</li>")
	return page[start : start+end]
}
