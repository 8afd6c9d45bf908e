package transcript

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// inPlaceCases are texts of every form a spooled step can take.
var inPlaceCases = []struct {
	name  string
	kind  Kind
	lines []string
}{
	{"reply as a block", KindServer, []string{"+OK 3 octets", "Subject: x", "", "..dot", "."}},
	{"body as a block", KindData, []string{"Subject: x", "", "body"}},
	{"leading space", KindServer, []string{" +OK", "x", "."}},
	{"body ending in empty lines", KindData, []string{"x", "", ""}},
	{"control character", KindServer, []string{"+OK", "a\x1b[31m", "."}},
	{"invalid UTF-8", KindData, []string{"caf\xe9"}},
	{"short reply", KindServer, []string{"+OK", "."}},
	{"empty body", KindData, nil},
	{"only empty lines", KindData, []string{"", ""}},
	{"IMAP literal with a bare LF", KindServer, []string{"* 1 FETCH (BODY[] {9}", "ab\ncd", "x)", "a1 OK done"}},
	{"bare LF after a block", KindServer, []string{"* 1 FETCH (BODY[] {20}", "Subject: x", "", "body", "a\nb)", "a1 OK"}},
	{"bare LF in the last line", KindServer, []string{"* 1 FETCH (BODY[] {3}", "x", "ab\n"}},
}

// writeLines spools lines, the plain ones through WritePlainLines.
func writeLines(t *testing.T, sp *Spool, lines []string) {
	t.Helper()
	for _, l := range lines {
		var err error
		if isPlain(l) {
			err = sp.WritePlainLines([]string{l})
		} else {
			err = sp.WriteLine(l)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			return false
		}
	}
	return true
}

// A text spooled in place, whatever its form, makes the bytes Add makes,
// in memory, in a temporary recording and in a named one; a step added
// while the text is spooled comes before it, as with a spool of its own.
func TestStreamSpoolSameAsAdd(t *testing.T) {
	before := Step{At: ms(3), Kind: KindClient, Text: "RETR 1"}
	other := Step{At: ms(4), Kind: KindClient, Text: "NOOP"}
	for _, tc := range inPlaceCases {
		for _, interleave := range []bool{false, true} {
			want := smtpHeader()
			want.Steps = []Step{before}
			if interleave {
				want.Steps = append(want.Steps, other)
			}
			step := Step{At: ms(9), Kind: tc.kind, Text: spoolText(tc.kind, tc.lines), Note: "n"}
			if tc.kind == KindServer {
				step.Text, step.Wire = ReplyText(tc.lines)
			}
			want.Steps = append(want.Steps, step)
			wantBytes := encode(t, &want)
			for _, where := range []string{"memory", "temporary", "named"} {
				r, read := recorderIn(t, where)
				if err := r.Add(before); err != nil {
					t.Fatal(err)
				}
				sp, err := r.StreamSpool(tc.kind)
				if err != nil {
					t.Fatal(err)
				}
				half := len(tc.lines) / 2
				writeLines(t, sp, tc.lines[:half])
				if interleave {
					if err := r.Add(other); err != nil {
						t.Fatal(err)
					}
				}
				writeLines(t, sp, tc.lines[half:])
				if err := r.AddSpooled(Step{At: ms(9), Kind: tc.kind, Note: "n"}, sp); err != nil {
					t.Fatalf("%s, %s: AddSpooled: %v", tc.name, where, err)
				}
				sp.Close()
				if got := read(); !bytes.Equal(got, wantBytes) {
					t.Fatalf("%s (interleaved %v), %s:\n%s\nwant\n%s", tc.name, interleave, where, got, wantBytes)
				}
				r.Close()
			}
		}
	}
}

// recorderIn makes a recorder in memory, in a temporary file or in a named
// one, with a function that reads what it wrote.
func recorderIn(t *testing.T, where string) (*Recorder, func() []byte) {
	t.Helper()
	switch where {
	case "memory":
		r, f := newMemRecorder(t, Options{NoSync: true})
		return r, f.bytes
	case "temporary":
		r, err := CreateTemp(smtpHeader(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		return r, func() []byte {
			path := filepath.Join(t.TempDir(), "saved.yaml")
			saved, err := r.SaveAs(path, false)
			if err != nil {
				t.Fatal(err)
			}
			saved.Close()
			return mustRead(t, path)
		}
	}
	path := filepath.Join(t.TempDir(), "named.yaml")
	r, err := Create(path, smtpHeader(), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r, func() []byte { return mustRead(t, path) }
}

// A text spooled in place that is dropped, cut short by a crash or left
// when the recorder closes is not a step: the file loads with the steps
// before it (the crash with a warning), and the recorder goes on.
func TestStreamSpoolNotAStep(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.yaml")
	r, err := Create(path, smtpHeader(), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	first := Step{At: ms(1), Kind: KindClient, Text: "RETR 1"}
	if err := r.Add(first); err != nil {
		t.Fatal(err)
	}
	clean := mustRead(t, path)
	sp, err := r.StreamSpool(KindServer)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 100<<10)
	writeLines(t, sp, []string{"+OK", long, "中文", long, long, "more"})
	crashed := mustRead(t, path) // what a kill -9 now would leave
	if len(crashed) < len(clean)+200<<10 || !bytes.HasSuffix(crashed, []byte("\n")) {
		t.Fatalf("%d bytes on disk after spooling 300 KB: the lines should go out whole as the buffer fills", len(crashed)-len(clean))
	}
	for _, cut := range []int{0, 1, 3, 4, 5, 6, 100, 5000} {
		tr, warnings, err := Parse(crashed[:len(crashed)-cut], "crashed.yaml")
		if err != nil || len(warnings) != 1 || len(tr.Steps) != 1 {
			t.Fatalf("after a crash mid-stream, %d bytes short: %v %q, %+v", cut, err, warnings, tr)
		}
	}
	if err := sp.Close(); err != nil {
		t.Fatal(err)
	}
	if got := mustRead(t, path); !bytes.Equal(got, clean) {
		t.Fatalf("a dropped spool left\n%s", got)
	}
	if err := r.Add(Step{At: ms(2), Kind: KindClient, Text: "QUIT"}); err != nil {
		t.Fatal(err)
	}
	sp, err = r.StreamSpool(KindServer)
	if err != nil {
		t.Fatal(err)
	}
	writeLines(t, sp, []string{"+OK", "never ended"})
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	sp.Close()
	got := mustLoad(t, path)
	if len(got.Steps) != 2 || got.Steps[1].Text != "QUIT" {
		t.Fatalf("after Close with a spool in place: %d steps", len(got.Steps))
	}
}

// A temporary recording saved while a text is spooled in place keeps the
// text, which becomes a step of the saved file.
func TestStreamSpoolSaveAsMidway(t *testing.T) {
	r, err := CreateTemp(smtpHeader(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	sp, err := r.StreamSpool(KindServer)
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	writeLines(t, sp, []string{"+OK", "one"})
	path := filepath.Join(t.TempDir(), "saved.yaml")
	saved, err := r.SaveAs(path, false)
	if err != nil {
		t.Fatal(err)
	}
	writeLines(t, sp, []string{"two", "."})
	if err := saved.AddSpooled(Step{At: ms(5), Kind: KindServer}, sp); err != nil {
		t.Fatal(err)
	}
	if err := saved.Close(); err != nil {
		t.Fatal(err)
	}
	got := mustLoad(t, path)
	if len(got.Steps) != 1 || got.Steps[0].Text != "+OK\none\ntwo\n." {
		t.Fatalf("saved steps %+v", got.Steps)
	}
	if info, err := os.Stat(path); err != nil || info.Size() == 0 {
		t.Fatal(err)
	}
}

// The text a recording killed while spooling in place leaves at the end
// of its file is dropped without being parsed: loading allocates a few
// times its size (the item read in a growing buffer), not the 20 times
// and more a YAML parser takes.
func TestStreamedTailLoadsCheaply(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.yaml")
	r, err := Create(path, smtpHeader(), Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	sp, err := r.StreamSpool(KindServer)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Repeat("0123456789 abcdefghij ", 3)
	for range 150_000 { // about 10 MB
		if err := sp.WritePlainLines([]string{line}); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	tr, warnings, err := load(f, info.Size(), path, -1)
	runtime.ReadMemStats(&after)
	if err != nil || len(warnings) != 1 || len(tr.Steps) != 0 {
		t.Fatalf("%v %q %d steps", err, warnings, len(tr.Steps))
	}
	if used := after.TotalAlloc - before.TotalAlloc; used > 8*uint64(info.Size()) {
		t.Fatalf("loading %d bytes allocated %d", info.Size(), used)
	}
}
