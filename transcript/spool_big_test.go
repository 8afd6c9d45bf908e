package transcript

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// bodyLines are the lines a big text is made of, over and over: a mail
// body of 76-character lines, some of them not ASCII. extra, when not
// empty, is one more line that changes the encoding (a control character:
// quoted; invalid UTF-8: base64).
func bodyLines(extra string) []string {
	var lines []string
	for i := range 97 {
		l := fmt.Sprintf("%04d Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod", i)
		if i%10 == 3 {
			l = fmt.Sprintf("%04d 主题：你好，这是一封很长的测试邮件。 ünïcødé — text", i)
		}
		lines = append(lines, l)
	}
	if extra != "" {
		lines[50] = extra
	}
	return lines
}

var newline = []byte{'\n'}

// spoolBig writes about size bytes of lines to a new spool and returns it
// with the SHA-256 of the text it stands for as a step of kind.
func spoolBig(t testing.TB, kind Kind, size int, lines []string) (*Spool, [32]byte) {
	raw := make([][]byte, len(lines))
	for i, l := range lines {
		raw[i] = []byte(l)
	}
	sp, err := NewSpool()
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	for i, n := 0, 0; n < size; i++ {
		line := lines[i%len(lines)]
		if kind == KindServer && i > 0 {
			h.Write(newline)
		}
		h.Write(raw[i%len(lines)])
		if kind == KindData {
			h.Write(newline)
		}
		if err := sp.WriteLine(line); err != nil {
			t.Fatal(err)
		}
		n += len(line) + 1
	}
	return sp, [32]byte(h.Sum(nil))
}

// heapGrowth runs f and returns how many bytes it allocated.
func heapGrowth(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A 50 MB body goes through a spool into the transcript while allocating a
// few hundred KiB, and loads back equal.
func TestAddSpooledBigStepBoundedMemory(t *testing.T) {
	size := 50 << 20
	if testing.Short() {
		size = 8 << 20
	}
	path := filepath.Join(t.TempDir(), "big.yaml")
	r, err := Create(path, smtpHeader(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	lines := bodyLines("")
	var sp *Spool
	var sum [32]byte
	const limit = 8 << 20
	if grew := heapGrowth(func() { sp, sum = spoolBig(t, KindData, size, lines) }); grew > limit {
		t.Fatalf("spooling %d MB allocated %d bytes, want less than %d", size>>20, grew, limit)
	}
	defer sp.Close()
	grew := heapGrowth(func() {
		if err := r.AddSpooled(Step{At: ms(1500), Kind: KindData, Note: "a big body"}, sp); err != nil {
			t.Fatal(err)
		}
	})
	if grew > limit {
		t.Fatalf("recording %d MB allocated %d bytes, want less than %d", size>>20, grew, limit)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d MB: AddSpooled allocated %d KiB", size>>20, grew>>10)
	got := mustLoad(t, path)
	if len(got.Steps) != 1 || got.Steps[0].Note != "a big body" || got.Steps[0].At != ms(1500) {
		t.Fatalf("loaded %d steps", len(got.Steps))
	}
	if sha256.Sum256([]byte(got.Steps[0].Text)) != sum {
		t.Fatalf("the loaded body (%d bytes) is not the one spooled", len(got.Steps[0].Text))
	}
}

// Whatever the encoding, a big spooled step is written in pieces of at
// most 256 KiB, with bounded memory, and is what Add writes.
func TestAddSpooledPiecesBounded(t *testing.T) {
	size := 3 << 20
	if testing.Short() {
		size = 1 << 20
	}
	tests := []struct {
		name  string
		kind  Kind
		extra string
		want  string
	}{
		{"block", KindServer, "", "- server: |\n"},
		{"quoted", KindServer, "a bare \r in a line", `- server: "0000 Lorem`},
		{"base64", KindData, "invalid \xff byte", "- data_b64: MDAwMCBMb3Jl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, f := newMemRecorder(t, Options{NoSync: true})
			header := f.bytes()
			sp, sum := spoolBig(t, tt.kind, size, bodyLines(tt.extra))
			defer sp.Close()
			f.data = append(make([]byte, 0, 2*size), header...) // the fake file's growth is not AddSpooled's
			_, before := f.counts()
			grew := heapGrowth(func() {
				if err := r.AddSpooled(Step{At: ms(2), Kind: tt.kind}, sp); err != nil {
					t.Fatal(err)
				}
			})
			if grew > 2<<20 {
				t.Fatalf("AddSpooled allocated %d bytes for %d MB", grew, size>>20)
			}
			_, after := f.counts()
			if f.maxWrite > stepPiece || after-before < size/stepPiece {
				t.Fatalf("%d writes of at most %d bytes, want at least %d of at most %d", after-before, f.maxWrite, size/stepPiece, stepPiece)
			}
			data := f.bytes()
			if !bytes.Contains(data, []byte(tt.want)) {
				t.Fatalf("the step does not start %q", tt.want)
			}
			tr, _, err := Parse(data, "big.yaml")
			if err != nil {
				t.Fatal(err)
			}
			if sha256.Sum256([]byte(tr.Steps[0].Text)) != sum {
				t.Fatal("the loaded text is not the one spooled")
			}
			// And it is what Add writes for the same text.
			ra, fa := newMemRecorder(t, Options{NoSync: true})
			if err := ra.Add(Step{At: ms(2), Kind: tt.kind, Text: tr.Steps[0].Text}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(fa.bytes(), data) {
				t.Fatal("AddSpooled wrote other bytes than Add")
			}
		})
	}
}

// BenchmarkAddSpooled records a 50 MB DATA body from a spool to a file.
func BenchmarkAddSpooled(b *testing.B) {
	const size = 50 << 20
	sp, _ := spoolBig(b, KindData, size, bodyLines(""))
	defer sp.Close()
	dir := b.TempDir()
	b.SetBytes(size)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		path := filepath.Join(dir, fmt.Sprintf("big%d.yaml", i))
		r, err := Create(path, smtpHeader(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := r.AddSpooled(Step{At: ms(1), Kind: KindData}, sp); err != nil {
			b.Fatal(err)
		}
		if err := r.Close(); err != nil {
			b.Fatal(err)
		}
		os.Remove(path)
	}
}

// BenchmarkSpoolWriteLine writes a 50 MB body to a spool line by line.
func BenchmarkSpoolWriteLine(b *testing.B) {
	const size = 50 << 20
	strs := bodyLines("")
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		sp, err := NewSpool()
		if err != nil {
			b.Fatal(err)
		}
		for i, n := 0, 0; n < size; i++ {
			line := strs[i%len(strs)]
			if err := sp.WriteLine(line); err != nil {
				b.Fatal(err)
			}
			n += len(line) + 1
		}
		sp.Close()
	}
}
