package transcript

import (
	"bytes"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Reply lines an IMAP literal can leave: a bare LF or CR inside a line, a
// CR at the end of one, a literal ending without a line end (its text runs
// on into the response line).
var wireTable = []struct {
	name  string
	lines []string
	wire  bool
}{
	{"plain reply", []string{"* 1 FETCH (BODY[] {5}", "hello)", "a1 OK done"}, false},
	{"bare CR inside a line", []string{"* 1 FETCH (BODY[] {4}", "abc\r)"}, false},
	{"CR at the end of a line", []string{"* 1 FETCH (BODY[] {4}", "abc\r"}, false},
	{"bare LF inside a line", []string{"* 1 FETCH (BODY[] {5}", "ab\ncd)"}, true},
	{"LF at the start of a line", []string{"* 1 FETCH (BODY[] {3}", "\nab)"}, true},
	{"LF at the end of a line", []string{"* 1 FETCH (BODY[] {3}", "ab\n"}, true},
	{"CR then LF in two lines", []string{"x\r", "\ny"}, true},
	{"only line ends", []string{"\n", "\r", "", "\n\n"}, true},
	{"LF and invalid UTF-8", []string{"* 1 FETCH (BODY[] {3}", "\xff\n)"}, true},
	{"LF and Chinese", []string{"* 1 FETCH (BODY[] {7}", "收\n件)"}, true},
}

func TestReplyText(t *testing.T) {
	for _, tt := range wireTable {
		t.Run(tt.name, func(t *testing.T) {
			text, wire := ReplyText(tt.lines)
			if wire != tt.wire {
				t.Fatalf("ReplyText wire %v, want %v (%q)", wire, tt.wire, text)
			}
			if wire && text != strings.Join(tt.lines, "\r\n")+"\r\n" {
				t.Fatalf("wire text %q is not the reply as it came", text)
			}
			s := Step{Kind: KindServer, Text: text, Wire: wire}
			if got := s.ReplyLines(); !slices.Equal(got, tt.lines) {
				t.Fatalf("ReplyLines %q, want %q", got, tt.lines)
			}
		})
	}
}

// A reply recorded by Add, or spooled line by line, loads back line for
// line, in the wire form exactly when a line holds a LF.
func TestWireRoundTrip(t *testing.T) {
	for _, tt := range wireTable {
		t.Run(tt.name, func(t *testing.T) {
			text, wire := ReplyText(tt.lines)
			step := Step{At: ms(1500), Kind: KindServer, Text: text, Wire: wire, Note: "positive"}
			path := record(t, smtpHeader(), []Step{step}, Options{})
			raw := mustRead(t, path)
			if got := bytes.Contains(raw, []byte("\n  wire: true\n")); got != wire {
				t.Fatalf("file has wire: true %v, want %v:\n%s", got, wire, raw)
			}
			got := mustLoad(t, path)
			wantSteps(t, got.Steps, []Step{step})
			if lines := got.Steps[0].ReplyLines(); !slices.Equal(lines, tt.lines) {
				t.Fatalf("loaded lines %q, want %q", lines, tt.lines)
			}
			for _, ps := range pieceSizes {
				withPieces(ps.chunk, ps.piece, func() {
					added, spooled := bothWaysWire(t, tt.lines)
					if !bytes.Equal(added, spooled) {
						t.Fatalf("chunk %d: AddSpooled wrote\n%s\nAdd wrote\n%s", ps.chunk, spooled, added)
					}
				})
			}
		})
	}
}

// bothWaysWire records a reply of lines with Add (ReplyText) and from a
// spool, and returns the two files.
func bothWaysWire(t *testing.T, lines []string) (added, spooled []byte) {
	t.Helper()
	ra, fa := newMemRecorder(t, Options{NoSync: true})
	rs, fs := newMemRecorder(t, Options{NoSync: true})
	text, wire := ReplyText(lines)
	if err := ra.Add(Step{At: ms(2), Kind: KindServer, Text: text, Wire: wire}); err != nil {
		t.Fatalf("Add: %v", err)
	}
	sp := newSpool(t, lines)
	if err := rs.AddSpooled(Step{At: ms(2), Kind: KindServer}, sp); err != nil {
		t.Fatalf("AddSpooled: %v", err)
	}
	return fa.bytes(), fs.bytes()
}

// A spool turns to the wire form at its first line holding a LF, however
// many lines came before, and keeps counting lines and bytes as taken.
func TestSpoolTurnsWire(t *testing.T) {
	var lines []string
	for i := range 5000 {
		lines = append(lines, strings.Repeat("x", i%97))
	}
	lines = append(lines, "bare\nLF", "after", "")
	sp := newSpool(t, lines)
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	if sp.Lines() != len(lines) || sp.Bytes() != int64(n) {
		t.Fatalf("Lines %d Bytes %d, want %d and %d", sp.Lines(), sp.Bytes(), len(lines), n)
	}
	r, f := newMemRecorder(t, Options{NoSync: true})
	if err := r.AddSpooled(Step{At: ms(1), Kind: KindData}, sp); err == nil || !strings.Contains(err.Error(), "only a server reply has a wire form") {
		t.Fatalf("a data step from a wire spool: got %v", err)
	}
	if err := r.AddSpooled(Step{At: ms(1), Kind: KindServer, Wire: true}, sp); err == nil {
		t.Fatal("a spooled step with Wire set was taken")
	}
	if err := r.AddSpooled(Step{At: ms(1), Kind: KindServer}, sp); err != nil {
		t.Fatal(err)
	}
	tr, _, err := Parse(f.bytes(), "wire.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if s := tr.Steps[0]; !s.Wire || !slices.Equal(s.ReplyLines(), lines) {
		t.Fatalf("loaded wire %v, %d lines, want the %d lines spooled", s.Wire, len(s.ReplyLines()), len(lines))
	}
}

// A file with the wire form survives Encode and Parse, and Encode writes
// the newest schema whatever the version it read.
func TestWireEncode(t *testing.T) {
	h := smtpHeader()
	h.Version = 1
	text, _ := ReplyText([]string{"* 1 FETCH (BODY[] {3}", "a\nb)"})
	h.Steps = []Step{{At: ms(5), Kind: KindServer, Text: text, Wire: true}}
	enc := encode(t, &h)
	if !bytes.HasPrefix(enc, []byte("mailtutor: 2\n")) {
		t.Fatalf("Encode wrote:\n%s", enc)
	}
	got, _, err := Parse(enc, "x.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 2 || !slices.Equal(got.Steps[0].ReplyLines(), []string{"* 1 FETCH (BODY[] {3}", "a\nb)"}) {
		t.Fatalf("got %+v", got)
	}
}

// A recording of schema 2 with every form of a wire reply the recorder
// writes (added whole, spooled in place then turned wire, quoted or in
// base64), and a schema 1 file without one, are read step by step, never
// loaded whole: the stream handles every layout the recorder writes.
func TestWireRecordingStreams(t *testing.T) {
	path := filepath.Join(t.TempDir(), "imap.yaml")
	r, err := Create(path, smtpHeader(), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	add := func(s Step) {
		t.Helper()
		if err := r.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	add(Step{At: ms(1), Kind: KindClient, Text: "a1 LOGIN student {9}"})
	add(Step{At: ms(2), Kind: KindServer, Text: "+ go ahead"})
	add(Step{At: ms(3), Kind: KindClient, Text: RedactedPlaceholder, Secret: SecretPassword})
	for i, lines := range [][]string{
		{"* 1 FETCH (BODY[] {7}", "ab\ncd\r)", "a2 OK done"},
		{"* 1 FETCH (BODY[] {3}", "\xff\n)", "a3 OK done"},
	} {
		text, wire := ReplyText(lines)
		add(Step{At: ms(10 + i), Kind: KindServer, Text: text, Wire: wire, Note: "positive"})
	}
	sp, err := r.StreamSpool(KindServer)
	if err != nil {
		t.Fatal(err)
	}
	spooled := []string{"* 2 FETCH (BODY[] {99}", "Subject: x", "", "body", "a bare\nLF)", "a4 OK"}
	for _, l := range spooled {
		if err := sp.WriteLine(l); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.AddSpooled(Step{At: ms(20), Kind: KindServer}, sp); err != nil {
		t.Fatal(err)
	}
	sp.Close()
	add(Step{At: ms(30), Kind: KindClosed, Text: "closed by the server"})
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	data := mustRead(t, path)
	v1 := bytes.Replace(data, []byte("mailtutor: 2\n"), []byte("mailtutor: 1\n"), 1)
	v1 = regexp.MustCompile(`(?m)^  wire: true\n`).ReplaceAll(v1, nil)
	for _, tc := range []struct {
		name string
		data []byte
		wire int
	}{{"schema 2", data, 3}, {"schema 1", v1, 0}} {
		var steps []Step
		tr, whole, warnings, err := read(bytes.NewReader(tc.data), int64(len(tc.data)), tc.name, -1, func(s Step) { steps = append(steps, s) })
		if err != nil || whole || len(warnings) > 0 {
			t.Fatalf("%s: whole %v, %q, %v\n%s", tc.name, whole, warnings, err, tc.data)
		}
		wire := 0
		for _, s := range steps {
			if s.Wire {
				wire++
			}
		}
		if wantVersion := map[int]int{3: 2, 0: 1}[tc.wire]; tr.Version != wantVersion || len(steps) != 7 || wire != tc.wire {
			t.Fatalf("%s: version %d, %d steps, %d wire, want 7 and %d", tc.name, tr.Version, len(steps), wire, tc.wire)
		}
		if tc.wire > 0 && !slices.Equal(steps[5].ReplyLines(), spooled) {
			t.Fatalf("spooled reply read back as %q", steps[5].ReplyLines())
		}
	}
}
