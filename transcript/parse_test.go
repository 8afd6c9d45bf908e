package transcript

import (
	"strings"
	"testing"
	"time"
)

// Hand-written files need not look like the recorder's output.
func TestParseHandWritten(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []Step
	}{
		{"indented list, numbers, flow steps", `
mailtutor: 1
protocol: pop3
server:
  host: "::1"
  port: 110
  tls: none
steps:
  - {at: 0, server: +OK ready}
  - at: 1.5
    client: USER student
  - at: 2
    server: "+OK\n"
`, []Step{
			{At: 0, Kind: KindServer, Text: "+OK ready"},
			{At: 1500 * time.Millisecond, Kind: KindClient, Text: "USER student"},
			{At: 2 * time.Second, Kind: KindServer, Text: "+OK\n"}, // quoted text is exact
		}},
		{"block reply with strip chomping, comments, CRLF file", strings.ReplaceAll(`# a lesson
mailtutor: 1 # schema
protocol: smtp
server: {host: h, port: 25, tls: none}
steps: # the session
- server: |-
    250-a
    250 b
  at: "0.1"
- client: 250
  at: "0.2"
`, "\n", "\r\n"), []Step{
			{At: 100 * time.Millisecond, Kind: KindServer, Text: "250-a\n250 b"},
			{At: 200 * time.Millisecond, Kind: KindClient, Text: "250"},
		}},
		{"no steps", "mailtutor: 1\nprotocol: smtp\nserver: {host: h, port: 25, tls: none}\nsteps: []\n", nil},
		{"no trailing newline, valid last step", "mailtutor: 1\nprotocol: smtp\nserver: {host: h, port: 25, tls: none}\nsteps:\n- at: 1\n  client: QUIT",
			[]Step{{At: time.Second, Kind: KindClient, Text: "QUIT"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, warnings, err := Parse([]byte(tt.yaml), "hand.yaml")
			if err != nil || len(warnings) != 0 {
				t.Fatalf("err %v, warnings %q", err, warnings)
			}
			wantSteps(t, tr.Steps, tt.want)
		})
	}
}

// Only a last step that looks cut mid-write is forgiven.
func TestLastStepRules(t *testing.T) {
	const head = "mailtutor: 1\nprotocol: smtp\nserver: {host: h, port: 25, tls: none}\nsteps:\n- at: 1\n  client: EHLO x\n"
	tests := []struct {
		name, tail  string
		wantErr     string
		wantWarning bool
	}{
		{"typo in a complete last step", "- at: 2\n  clinet: QUIT\n", `x.yaml:8: unknown field "clinet" in step`, false},
		{"last step without at", "- client: QUIT\n", "", true},
		{"last line cut", "- at: 2\n  client: QU", "", false}, // valid as it stands: nothing says it was cut
		{"last line cut in a quote", "- at: 2\n  client: \"QU", "", true},
		{"last step not a mapping, no newline", "- QUIT", "", true},
		{"garbage after the steps", "- at: 2\n  client: QUIT\nbogus: {\n", "x.yaml:9: invalid YAML: did not find expected node content", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, warnings, err := Parse([]byte(head+tt.tail), "x.yaml")
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("got %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := len(warnings) == 1; got != tt.wantWarning {
				t.Fatalf("warnings %q, want one: %v", warnings, tt.wantWarning)
			}
			if wantLen := map[bool]int{true: 1, false: 2}[tt.wantWarning]; len(tr.Steps) != wantLen {
				t.Fatalf("%d steps, want %d", len(tr.Steps), wantLen)
			}
		})
	}
}
