package transcript

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// spoolText is the text a spool of lines stands for as a step of kind.
func spoolText(kind Kind, lines []string) string {
	if kind == KindServer {
		return strings.Join(lines, "\n")
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	return b.String()
}

func newSpool(t testing.TB, lines []string) *Spool {
	t.Helper()
	sp, err := NewSpool()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sp.Close() })
	for _, l := range lines {
		if err := sp.WriteLine(l); err != nil {
			t.Fatal(err)
		}
	}
	return sp
}

// withPieces runs f with AddSpooled reading chunk bytes at a time and
// writing pieces of at most piece bytes (0: the real sizes).
func withPieces(chunk, piece int, f func()) {
	oldChunk, oldPiece := spoolChunk, stepPiece
	if chunk > 0 {
		spoolChunk, stepPiece = chunk, piece
	}
	defer func() { spoolChunk, stepPiece = oldChunk, oldPiece }()
	f()
}

var pieceSizes = []struct{ chunk, piece int }{{0, 0}, {4, 20}, {5, 64}, {7, 100}}

// bothWays records step with its text given to Add and, from a spool of
// lines, to AddSpooled, and returns the two files.
func bothWays(t testing.TB, step Step, lines []string) (added, spooled []byte) {
	t.Helper()
	ra, fa := newMemRecorder(t, Options{NoSync: true})
	rs, fs := newMemRecorder(t, Options{NoSync: true})
	for _, r := range []*Recorder{ra, rs} { // a step before, so lastAt and size matter
		if err := r.Add(Step{At: ms(3), Kind: KindClient, Text: "RETR 1"}); err != nil {
			t.Fatal(err)
		}
	}
	withText := step
	withText.Text = spoolText(step.Kind, lines)
	if err := ra.Add(withText); err != nil {
		t.Fatalf("Add: %v", err)
	}
	sp := newSpool(t, lines)
	defer sp.Close()
	if err := rs.AddSpooled(step, sp); err != nil {
		t.Fatalf("AddSpooled: %v", err)
	}
	return fa.bytes(), fs.bytes()
}

func checkSameAsAdd(t *testing.T, kind Kind, lines []string, note string) []byte {
	t.Helper()
	step := Step{At: ms(1500), Kind: kind, Note: note}
	var first []byte
	for _, ps := range pieceSizes {
		withPieces(ps.chunk, ps.piece, func() {
			added, spooled := bothWays(t, step, lines)
			if !bytes.Equal(added, spooled) {
				t.Fatalf("%s %q (chunk %d): AddSpooled wrote\n%s\nAdd wrote\n%s", kind, lines, ps.chunk, spooled, added)
			}
			first = added
		})
	}
	tr, warnings, err := Parse(first, "spooled.yaml")
	if err != nil || len(warnings) > 0 {
		t.Fatalf("%s %q: %v %q\n%s", kind, lines, err, warnings, first)
	}
	if got, want := tr.Steps[1].Text, spoolText(kind, lines); got != want {
		t.Fatalf("%s %q: loaded %q, want %q", kind, lines, got, want)
	}
	return first
}

var spoolTable = []struct {
	name  string
	lines []string
}{
	{"no lines", nil},
	{"one empty line", []string{""}},
	{"single line", []string{"+OK 187 octets"}},
	{"single line starting with a space", []string{" x"}},
	{"plain multi-line", []string{"250-mail.example.test", "250-PIPELINING", "250 8BITMIME"}},
	{"first line starts with a space", []string{" folded", "line"}},
	{"blank lines then a space", []string{"", "", "  indented", "x"}},
	{"trailing empty line", []string{"x", ""}},
	{"two trailing empty lines", []string{"x", "", ""}},
	{"a space first, an empty line last", []string{" x", "y", ""}},
	{"all empty lines", []string{"", "", ""}},
	{"whitespace-only lines", []string{"   ", "x ", "\t"}},
	{"tab", []string{"a\tb", "c"}},
	{"bare CR", []string{"a\rb", "c"}},
	{"NUL and DEL", []string{"A\x00B", "\x7f"}},
	{"NEL", []string{"a\u0085b", "c"}},
	{"LS and PS", []string{"\u2028", "\u2029x"}},
	{"BOM", []string{"\ufeffSubject: x", "y"}},
	{"noncharacter", []string{"\ufffe", "x"}},
	{"invalid UTF-8", []string{"Subject: caf\xe9", "ok"}},
	{"cut multi-byte sequence", []string{"ok", "\xe4\xb8"}},
	{"control then invalid", []string{"a\rb", "caf\xe9"}},
	{"invalid then control", []string{"caf\xe9", "a\rb"}},
	{"quotes and backslashes", []string{`say "hi" \ bye`, `\`}},
	{"dot-stuffed POP3 reply", []string{"+OK", "..signature", "."}},
	{"YAML-looking lines", []string{"---", "...", "- x", "# y", "at: \"1.000\"", "key: value"}},
	{"Chinese body", []string{"主题: 你好", "", "这是一封测试邮件。", "签名：张三", ""}},
	{"emoji", []string{"😀 smile", "🎉🎉🎉🎉🎉🎉🎉"}},
}

func TestAddSpooledSameAsAdd(t *testing.T) {
	forms := map[string]bool{} // "server |2+", "data quoted", ...
	for _, tt := range spoolTable {
		for _, kind := range []Kind{KindServer, KindData} {
			for _, note := range []string{"", "a note\nover lines"} {
				t.Run(fmt.Sprintf("%s/%s/note=%v", tt.name, kind, note != ""), func(t *testing.T) {
					forms[string(kind)+" "+form(checkSameAsAdd(t, kind, tt.lines, note))] = true
				})
			}
		}
	}
	for _, kind := range []string{"server", "data"} {
		for _, f := range []string{"base64", "quoted", "|", "|2", "|+", "|2+"} {
			if !forms[kind+" "+f] {
				t.Errorf("no case writes a %s step as %s", kind, f)
			}
		}
	}
}

// form is how the last step of a recorded file holds its text.
func form(file []byte) string {
	item := file[bytes.LastIndex(file, []byte("\n- "))+3:]
	key, value, _ := strings.Cut(string(item[:bytes.IndexByte(item, '\n')]), ": ")
	switch {
	case strings.HasSuffix(key, "_b64"):
		return "base64"
	case strings.HasPrefix(value, `"`):
		return "quoted"
	}
	return value
}

// A random mix of the characters every encoding branch turns on.
func TestAddSpooledRandom(t *testing.T) {
	alphabet := []string{"a", "b ", " ", "\t", "\r", "\x00", "é", "中", "😀", "\u0085", "\u2028",
		"\ufeff", "\xff", "\xe4\xb8", `"`, `\`, ".", "-", "#", ": ", "xxxxxxxxxxxx"}
	rng := rand.New(rand.NewPCG(6, 2026))
	n := 1500
	if testing.Short() {
		n = 200
	}
	for i := range n {
		lines := make([]string, rng.IntN(7))
		for j := range lines {
			if rng.IntN(4) == 0 {
				continue // empty line
			}
			var b strings.Builder
			for range 1 + rng.IntN(8) {
				if rng.IntN(5) > 0 { // mostly plain text, so that blocks happen
					b.WriteString(alphabet[rng.IntN(3)])
				} else {
					b.WriteString(alphabet[rng.IntN(len(alphabet))])
				}
			}
			lines[j] = b.String()
		}
		kind := []Kind{KindServer, KindData}[rng.IntN(2)]
		ps := pieceSizes[rng.IntN(len(pieceSizes))]
		withPieces(ps.chunk, ps.piece, func() {
			added, spooled := bothWays(t, Step{At: ms(i), Kind: kind}, lines)
			if !bytes.Equal(added, spooled) {
				t.Fatalf("case %d, %s %q (chunk %d): AddSpooled wrote\n%s\nAdd wrote\n%s", i, kind, lines, ps.chunk, spooled, added)
			}
			tr, _, err := Parse(spooled, "random.yaml")
			if err != nil || tr.Steps[1].Text != spoolText(kind, lines) {
				t.Fatalf("case %d, %s %q: does not load back: %v\n%s", i, kind, lines, err, spooled)
			}
		})
	}
}

// FuzzAddSpooled: for any text, AddSpooled writes what Add writes.
func FuzzAddSpooled(f *testing.F) {
	for _, tt := range spoolTable {
		f.Add(strings.Join(tt.lines, "\n"), len(tt.lines) == 0, uint8(5))
	}
	f.Fuzz(func(t *testing.T, text string, server bool, chunk uint8) {
		var lines []string
		if text != "" || server {
			lines = strings.Split(text, "\n")
		}
		kind := KindData
		if server {
			kind = KindServer
		}
		c := max(int(chunk%64), 4)
		withPieces(c, 4*c+1+int(chunk), func() {
			added, spooled := bothWays(t, Step{At: ms(1), Kind: kind}, lines)
			if !bytes.Equal(added, spooled) {
				t.Fatalf("%s %q: AddSpooled wrote\n%s\nAdd wrote\n%s", kind, lines, spooled, added)
			}
		})
	})
}

func TestSpoolCounts(t *testing.T) {
	sp := newSpool(t, []string{"abc", "", "中"})
	if sp.Lines() != 3 || sp.Bytes() != 6 {
		t.Fatalf("Lines %d Bytes %d, want 3 and 6", sp.Lines(), sp.Bytes())
	}
	if err := sp.WriteLine("two\r\nlines"); err == nil {
		t.Fatal("WriteLine took a line holding a CRLF")
	}
	if sp.Lines() != 3 || sp.Bytes() != 6 {
		t.Fatalf("a refused line was counted: Lines %d Bytes %d", sp.Lines(), sp.Bytes())
	}
	for range 2 {
		if err := sp.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := sp.WriteLine("x"); err == nil {
		t.Fatal("WriteLine after Close")
	}
}

func TestAddSpooledRefuses(t *testing.T) {
	r, f := newMemRecorder(t, Options{})
	closedSpool := newSpool(t, []string{"x"})
	closedSpool.Close()
	tests := []struct {
		name  string
		step  Step
		spool *Spool
		want  string
	}{
		{"client step", Step{Kind: KindClient}, newSpool(t, []string{"x"}), "cannot be spooled"},
		{"closed step", Step{Kind: KindClosed}, newSpool(t, []string{"x"}), "cannot be spooled"},
		{"text in the step", Step{Kind: KindServer, Text: "250 ok"}, newSpool(t, []string{"x"}), "not in Text"},
		{"no spool", Step{Kind: KindData}, nil, "no spool"},
		{"closed spool", Step{Kind: KindData}, closedSpool, "spool is closed"},
		{"secret", Step{Kind: KindServer, Secret: SecretPassword}, newSpool(t, []string{"x"}), "only client lines"},
	}
	before := f.bytes()
	for _, tt := range tests {
		err := r.AddSpooled(tt.step, tt.spool)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
	if after := f.bytes(); !bytes.Equal(before, after) {
		t.Fatalf("refused steps were written:\n%s", after)
	}
	r.Close()
	if err := r.AddSpooled(Step{Kind: KindData}, newSpool(t, nil)); !errors.Is(err, ErrClosed) {
		t.Fatalf("AddSpooled after Close: got %v, want ErrClosed", err)
	}
}

// A spool can be recorded, take more lines and be recorded again.
func TestSpoolReused(t *testing.T) {
	r, f := newMemRecorder(t, Options{NoSync: true})
	sp := newSpool(t, []string{"+OK", "a"})
	r.AddSpooled(Step{At: ms(1), Kind: KindServer}, sp)
	sp.WriteLine(".")
	r.AddSpooled(Step{At: ms(2), Kind: KindServer}, sp)
	tr, _, err := Parse(f.bytes(), "x.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Steps) != 2 || tr.Steps[0].Text != "+OK\na" || tr.Steps[1].Text != "+OK\na\n." {
		t.Fatalf("steps %+v", tr.Steps)
	}
}

// A crash between two pieces of a spooled step leaves a cut step: the file
// loads without it, with a warning.
func TestAddSpooledCutBetweenPieces(t *testing.T) {
	lines := []string{"+OK", "at: \"1.000\"", "", "- server: x", "  at: \"2.000\"", "中文", "."}
	for _, extra := range []string{"", "\r", "\xff"} {
		withPieces(4, 20, func() {
			r, f := newMemRecorder(t, Options{NoSync: true})
			if err := r.Add(sessionSteps()[0]); err != nil {
				t.Fatal(err)
			}
			first := len(f.ends)
			sp := newSpool(t, append(lines, "end"+extra))
			if err := r.AddSpooled(Step{At: ms(10), Kind: KindServer}, sp); err != nil {
				t.Fatal(err)
			}
			data := f.bytes()
			ends := f.ends[first : len(f.ends)-1]
			if len(ends) < 3 {
				t.Fatalf("extra %q: the step took %d writes", extra, len(ends)+1)
			}
			for _, end := range ends {
				tr, warnings, err := Parse(data[:end], "cut.yaml")
				if err != nil || len(warnings) != 1 || len(tr.Steps) != 1 {
					t.Fatalf("extra %q, cut at %d: %v %q\n%s", extra, end, err, warnings, data[:end])
				}
			}
		})
	}
}

// Lines known to be printable ASCII, spooled without being looked at, make
// the same step as lines spooled one by one.
func TestWritePlainLinesSameAsWriteLine(t *testing.T) {
	tests := [][]string{
		{"+OK 120 octets", "Subject: plain", "", "  indented", " ", "..stuffed", "."},
		{"", "", "x"},
		{"+OK", ""},
		{" lead"},
		{},
	}
	for _, lines := range tests {
		for _, kind := range []Kind{KindServer, KindData} {
			one := newSpool(t, lines)
			plain, err := NewSpool()
			if err != nil {
				t.Fatal(err)
			}
			defer plain.Close()
			if len(lines) > 1 {
				err = errors.Join(plain.WritePlainLines(lines[:1]), plain.WritePlainLines(lines[1:]))
			} else {
				err = plain.WritePlainLines(lines)
			}
			if err != nil {
				t.Fatal(err)
			}
			var files [2][]byte
			for i, sp := range []*Spool{one, plain} {
				r, f := newMemRecorder(t, Options{NoSync: true})
				if err := r.AddSpooled(Step{At: ms(5), Kind: kind}, sp); err != nil {
					t.Fatal(err)
				}
				files[i] = f.bytes()
			}
			if !bytes.Equal(files[0], files[1]) || one.Lines() != plain.Lines() || one.Bytes() != plain.Bytes() {
				t.Fatalf("%s %q: WritePlainLines recorded\n%s\nWriteLine\n%s", kind, lines, files[1], files[0])
			}
		}
	}
}
