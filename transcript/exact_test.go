package transcript

import (
	"strings"
	"testing"
)

// Text YAML cannot hold as it is must still come back byte for byte.
func TestExactTextRoundTrip(t *testing.T) {
	tests := []struct {
		name     string
		step     Step
		wantFile string // a line the file must hold
	}{
		{"client not UTF-8", Step{Kind: KindClient, Text: "HELO \xff\xfe"}, "client_b64: SEVMTyD//g=="},
		{"client bare CR", Step{Kind: KindClient, Text: "NOOP\rRSET"}, `client: "NOOP\rRSET"`},
		{"client NUL and controls", Step{Kind: KindClient, Text: "A\x00B\x01\x7f\u0085\u2028\ufeff\"\\"}, `client: "A\0B\x01\x7F\x85\u2028\uFEFF\"\\"`},
		{"client empty line", Step{Kind: KindClient, Text: ""}, `client: ""`},
		{"client leading and trailing space", Step{Kind: KindClient, Text: "  NOOP  "}, `client: "  NOOP  "`},
		{"server bare CR in a line", Step{Kind: KindServer, Text: "250-a\r\n250 b"}, `server: "250-a\r\n250 b"`},
		{"server not UTF-8", Step{Kind: KindServer, Text: "220 caf\xe9\n220 ok"}, "server_b64: MjIwIGNhZukKMjIwIG9r"},
		{"server multi-line", Step{Kind: KindServer, Text: "+OK 2 octets\n..stuffed\n."}, "    ..stuffed"},
		{"server ends with empty line", Step{Kind: KindServer, Text: "250 x\n"}, "server: |+"},
		{"server only newlines", Step{Kind: KindServer, Text: "\n"}, `server: "\n"`},
		{"server tab", Step{Kind: KindServer, Text: "250-a\tb\n250 c"}, "    250-a\tb"},
		{"data CRLF inside a line", Step{Kind: KindData, Text: "a\r\nb\n"}, `data: "a\r\nb\n"`},
		{"data not UTF-8", Step{Kind: KindData, Text: "Subject: \xa9\n"}, "data_b64: U3ViamVjdDogqQo="},
		{"data leading space", Step{Kind: KindData, Text: " folded\nline\n"}, "data: |2"},
		{"data leading blank lines", Step{Kind: KindData, Text: "\n\n  x\n"}, "data: |2"},
		{"data leading tab", Step{Kind: KindData, Text: "\tindented\nline\n"}, "data: |2"},
		{"server blank line then a tab", Step{Kind: KindServer, Text: "\n\t+OK\n."}, "server: |2"},
		{"note leading tab", Step{Kind: KindServer, Text: "250 ok", Note: "\tone\ntwo"}, "  note: |2-"},
		{"data trailing blank lines", Step{Kind: KindData, Text: "x\n\n\n"}, "data: |+"},
		{"data whitespace-only lines", Step{Kind: KindData, Text: "   \nx \n\t\n"}, "data: |2"},
		{"data dots and dashes", Step{Kind: KindData, Text: "---\n...\n.\n- x\n# y\n"}, "    ---"},
		{"data empty", Step{Kind: KindData, Text: ""}, `data: ""`},
		{"closed with quotes", Step{Kind: KindClosed, Text: `read: "reset" by peer`}, `closed: "read: \"reset\" by peer"`},
		{"note multi-line", Step{Kind: KindServer, Text: "250 ok", Note: "line one\nline two"}, "  note: |-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := record(t, smtpHeader(), []Step{tt.step}, Options{})
			raw := string(mustRead(t, path))
			if !strings.Contains(raw, tt.wantFile+"\n") {
				t.Errorf("file lacks line %q:\n%s", tt.wantFile, raw)
			}
			got := mustLoad(t, path)
			wantSteps(t, got.Steps, []Step{tt.step})
		})
	}
}

func TestDescriptiveTextMadeValid(t *testing.T) {
	h := smtpHeader()
	h.Title = "caf\xe9"
	h.Steps = []Step{{Kind: KindClosed, Text: "bad \xff byte", Note: "n\xff"}}
	got, _, err := Parse(encode(t, &h), "x.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "caf\uFFFD" || got.Steps[0].Text != "bad \uFFFD byte" || got.Steps[0].Note != "n\uFFFD" {
		t.Fatalf("got title %q, step %+v", got.Title, got.Steps[0])
	}
}
