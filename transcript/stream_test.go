package transcript

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// crossChecked counts the files compared by crossCheck.
var crossChecked atomic.Int64

// Every test of this package that loads a file holds the streaming loader
// to the whole-file loader on it: truncations at every offset, random
// spools, the broken files, the fuzz corpus, every recording.
// Benchmarks measure the loader alone.
func TestMain(m *testing.M) {
	flag.Parse()
	if flag.Lookup("test.bench").Value.String() == "" {
		loaded = crossCheck
	}
	os.Exit(m.Run())
}

// crossCheck panics when what Parse or Load gave differs from the
// whole-file loader's result on the same bytes, or when the stream alone
// (never falling back to the whole file after an error) loads a file
// differently from the whole-file loader or loads one it refuses.
func crossCheck(src io.ReadSeeker, name string, t *Transcript, warnings []string, err error) {
	crossChecked.Add(1)
	if _, serr := src.Seek(0, io.SeekStart); serr != nil {
		panic(serr)
	}
	data, rerr := io.ReadAll(src)
	if rerr != nil {
		panic(rerr)
	}
	if diff := compareLoads(data, name, t, warnings, err); diff != "" {
		panic(fmt.Sprintf("%s: Parse/Load differ from the whole-file loader: %s\n--- file:\n%s", name, diff, data))
	}
	st, sw, serr := load(bytes.NewReader(data), int64(len(data)), name, -1)
	if diff := compareStreamOnly(data, name, st, sw, serr); diff != "" {
		panic(fmt.Sprintf("%s: the stream alone differs from the whole-file loader: %s\n--- file:\n%s", name, diff, data))
	}
}

// compareLoads says how a load result differs from parseComplete's.
func compareLoads(data []byte, name string, t *Transcript, warnings []string, err error) string {
	wt, ww, werr := parseComplete(data, name)
	switch {
	case (err == nil) != (werr == nil):
		return fmt.Sprintf("error %v, whole-file error %v", err, werr)
	case err != nil && err.Error() != werr.Error():
		return fmt.Sprintf("error %q, whole-file error %q", err, werr)
	case err != nil && reflect.TypeOf(err) != reflect.TypeOf(werr):
		return fmt.Sprintf("error %T, whole-file error %T", err, werr)
	case !reflect.DeepEqual(warnings, ww):
		return fmt.Sprintf("warnings %q, whole-file warnings %q", warnings, ww)
	case !reflect.DeepEqual(t, wt):
		return fmt.Sprintf("transcript\n %#v\nwhole-file transcript\n %#v", t, wt)
	}
	return ""
}

// compareStreamOnly holds the stream alone to the whole-file loader: the
// same transcript and warnings for every file it loads, an error for every
// file it refuses. Only which error comes first may differ.
func compareStreamOnly(data []byte, name string, t *Transcript, warnings []string, err error) string {
	_, _, werr := parseComplete(data, name)
	if werr != nil {
		if err == nil {
			return fmt.Sprintf("loaded a file the whole-file loader refuses with %v", werr)
		}
		return ""
	}
	return compareLoads(data, name, t, warnings, err)
}

// The streaming loader gives exactly the whole-file loader's result on
// every file in testdata, the fuzz corpus included, and on random
// recordings of every kind of step, whole, cut short and damaged.
func TestStreamMatchesWhole(t *testing.T) {
	files := testdataFiles(t)
	rng := rand.New(rand.NewPCG(15, 7))
	n := 600
	if testing.Short() {
		n = 100
	}
	for i := range n {
		data := encode(t, randomTranscript(rng, 1+rng.IntN(12)))
		files = append(files, namedFile{fmt.Sprintf("random-%d.yaml", i), data})
		// schema 1: the same file loads unless it has a wire step
		v1 := bytes.Replace(data, []byte("mailtutor: 2\n"), []byte("mailtutor: 1\n"), 1)
		files = append(files, namedFile{fmt.Sprintf("random-%d-schema-1.yaml", i), v1})
		for j := range 3 {
			files = append(files, namedFile{fmt.Sprintf("random-%d-damaged-%d.yaml", i, j), damage(rng, data)})
		}
	}
	sameError, refused := 0, 0
	for _, f := range files {
		wt, ww, werr := parseComplete(f.data, f.name)
		got, gw, gerr := Parse(f.data, f.name) // crossCheck compares it too
		if diff := compareLoads(f.data, f.name, got, gw, gerr); diff != "" {
			t.Fatalf("%s: %s\n%s", f.name, diff, f.data)
		}
		st, sw, serr := load(bytes.NewReader(f.data), int64(len(f.data)), f.name, -1)
		if diff := compareStreamOnly(f.data, f.name, st, sw, serr); diff != "" {
			t.Fatalf("%s, stream alone: %s\n%s", f.name, diff, f.data)
		}
		if werr != nil {
			refused++
		}
		if werr != nil && serr != nil && serr.Error() == werr.Error() {
			sameError++
		}
		_, _ = wt, ww
	}
	t.Logf("%d files compared, the whole-file loader refuses %d; of those, the stream alone names the same first problem in %d", len(files), refused, sameError)
}

// Every broken file in testdata gives the whole-file loader's error even
// without falling back on it.
func TestStreamAloneBrokenFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/broken/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		data := mustRead(t, path)
		_, _, want := parseComplete(data, path)
		_, _, got := load(bytes.NewReader(data), int64(len(data)), path, -1)
		if got == nil || got.Error() != want.Error() {
			t.Errorf("%s: stream alone %v, whole file %v", path, got, want)
		}
	}
}

type namedFile struct {
	name string
	data []byte
}

// testdataFiles are the broken files and the fuzz corpus of FuzzParse.
func testdataFiles(t *testing.T) []namedFile {
	t.Helper()
	var out []namedFile
	broken, _ := filepath.Glob("testdata/broken/*.yaml")
	for _, path := range broken {
		out = append(out, namedFile{filepath.Base(path), mustRead(t, path)})
	}
	corpus, _ := filepath.Glob("testdata/fuzz/FuzzParse/*")
	for _, path := range corpus {
		out = append(out, namedFile{filepath.Base(path), corpusBytes(t, path)})
	}
	if len(broken) == 0 || len(corpus) == 0 {
		t.Fatalf("%d broken files and %d corpus entries: run from the package directory", len(broken), len(corpus))
	}
	return out
}

// corpusBytes reads the []byte value of a "go test fuzz v1" file.
func corpusBytes(t *testing.T, path string) []byte {
	t.Helper()
	_, value, ok := strings.Cut(string(mustRead(t, path)), "\n[]byte(")
	if !ok {
		t.Fatalf("%s: not a corpus file of one []byte", path)
	}
	s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimSpace(value), ")"))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return []byte(s)
}

// nasty are the characters every encoding branch turns on.
var nasty = []string{"a", "b ", " ", "\t", "\r", "\x00", "é", "中", "😀", "\u0085", "\u2028",
	"\ufeff", "\xff", "\xe4\xb8", `"`, `\`, ".", "-", "#", ": ", "|", "'", "{", "&x", "*x", "!!", "xxxxxxxx"}

func randomText(rng *rand.Rand, lines int) string {
	out := make([]string, lines)
	for j := range out {
		if rng.IntN(4) == 0 {
			continue
		}
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			if rng.IntN(4) > 0 {
				b.WriteString(nasty[rng.IntN(3)])
			} else {
				b.WriteString(nasty[rng.IntN(len(nasty))])
			}
		}
		out[j] = b.String()
	}
	return strings.Join(out, "\n")
}

// randomTranscript has n steps of every kind, with random text.
func randomTranscript(rng *rand.Rand, n int) *Transcript {
	tr := smtpHeader()
	at := 0
	for range n {
		at += rng.IntN(3) * 7
		s := Step{At: ms(at)}
		switch rng.IntN(9) {
		case 0, 1:
			s.Kind, s.Text = KindClient, randomText(rng, 1)
			if rng.IntN(3) == 0 {
				s.Secret, s.Kept = secretKinds[rng.IntN(len(secretKinds))], rng.IntN(2) == 0
			}
		case 2, 3:
			s.Kind, s.Text = KindServer, randomText(rng, 1+rng.IntN(5))
		case 4:
			s.Kind, s.Text = KindData, randomText(rng, rng.IntN(5))
			if s.Text != "" || rng.IntN(2) == 0 {
				s.Text += "\n"
			}
		case 5:
			s.Kind, s.Text = KindClosed, randomText(rng, 1)
		case 6:
			s.Kind, s.TLS = KindTLS, &TLSInfo{Version: "TLS 1.3", Cipher: randomText(rng, 1), Verified: rng.IntN(2) == 0,
				DNSNames: []string{"a", randomText(rng, 1)}, NotAfter: testStart.Add(time.Hour)}
		case 7: // an IMAP reply whose literal holds a bare LF: the wire form
			lines := strings.Split(randomText(rng, 1+rng.IntN(4)), "\n")
			k := rng.IntN(len(lines))
			lines[k] += "\n" + randomText(rng, 1)
			s.Kind = KindServer
			s.Text, s.Wire = ReplyText(lines)
		default:
			s.Kind, s.Text = KindServer, "250 ok"
		}
		if rng.IntN(4) == 0 && s.Kind != KindTLS {
			s.Note = strings.ToValidUTF8(randomText(rng, 1+rng.IntN(3)), "?")
		}
		if rng.IntN(8) == 0 {
			s.Lesson = &LessonNotes{Explain: strings.ToValidUTF8(randomText(rng, 2), "?"), Hint: "h"}
		}
		tr.Steps = append(tr.Steps, s)
	}
	return &tr
}

// damage returns data cut short, with a line lost or repeated, or a byte
// changed.
func damage(rng *rand.Rand, data []byte) []byte {
	lines := strings.SplitAfter(string(data), "\n")
	i := rng.IntN(len(lines))
	switch rng.IntN(5) {
	case 0:
		return data[:rng.IntN(len(data)+1)]
	case 1:
		lines = slices.Delete(lines, i, i+1)
	case 2:
		lines = slices.Insert(lines, i, lines[i])
	case 3:
		j := rng.IntN(len(lines))
		lines[i], lines[j] = lines[j], lines[i]
	default:
		const marks = " -:\"\n#|\tax\r{["
		out := bytes.Clone(data)
		out[rng.IntN(len(out))] = marks[rng.IntN(len(marks))]
		return out
	}
	return []byte(strings.Join(lines, ""))
}

// Every step the recorder writes but tls steps and steps with lesson
// notes is read by fastStep, as the YAML decoder reads it.
func TestFastStepReadsTheRecorder(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 8))
	fast, total := 0, 0
	for range 300 {
		tr := randomTranscript(rng, 10)
		for _, s := range tr.Steps {
			s.Secret, s.Kept = "", false
			if s.Kind == KindClient && rng.IntN(2) == 0 {
				s.Secret, s.Kept = SecretPassword, true
			}
			text := appendStep(nil, &s)
			y, _, err := yamlStep(item{text: text, line: 1}, Version)
			if err != nil {
				t.Fatalf("the YAML decoder refuses a recorded step: %v\n%s", err, text)
			}
			got, ok := fastStep(text, Version)
			total++
			switch {
			case ok:
				fast++
				if !reflect.DeepEqual(got, y) {
					t.Fatalf("fastStep read\n %#v\nthe YAML decoder\n %#v\nfrom\n%s", got, y, text)
				}
			case s.Kind != KindTLS && s.Lesson == nil:
				t.Fatalf("fastStep left a recorded step to YAML:\n%s", text)
			}
		}
	}
	t.Logf("fastStep read %d of %d recorded steps", fast, total)
}

// FuzzFastStep: whatever fastStep accepts, the YAML decoder reads as the
// same step.
func FuzzFastStep(f *testing.F) {
	for _, s := range sessionSteps() {
		f.Add(appendStep(nil, &s))
	}
	f.Add([]byte("- server: |2+\n    \tx\n\n  at: \"1\"\n"))
	f.Add([]byte("- data: \"a\\x85\\u2028\\U0001F600\\0\\\"\\\\\"\n  kept: true\n  at: 1.5\n"))
	f.Add([]byte("- client_b64: SEVMTyD//g==\n  secret: password\n  note: |-\n    x\n\n    y\n  at: \"0\"\n"))
	f.Add([]byte("- server: \"* 1 FETCH (BODY[] {5}\\r\\nab\\ncd)\\r\\na1 OK done\\r\\n\"\n  wire: true\n  at: \"0.25\"\n"))
	f.Add([]byte("- server_b64: KiAxIEZFVENIIHs0fQ0K/wo0KQ0K\n  wire: false\n  note: positive\n  at: \"1\"\n"))
	f.Fuzz(func(t *testing.T, text []byte) {
		for version := 1; version <= Version; version++ {
			got, ok := fastStep(text, version)
			if !ok {
				continue
			}
			want, _, err := yamlStep(item{text: text, line: 1}, version)
			if err != nil {
				t.Fatalf("schema %d: fastStep read %#v, the YAML decoder refuses it: %v\n%s", version, got, err, text)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("schema %d: fastStep read\n %#v\nthe YAML decoder\n %#v\nfrom\n%s", version, got, want, text)
			}
		}
	})
}

// The cross-check ran: a test that loads nothing would prove nothing.
func TestCrossCheckRan(t *testing.T) {
	before := crossChecked.Load()
	if _, _, err := Parse(encode(t, randomTranscript(rand.New(rand.NewPCG(1, 2)), 5)), "x.yaml"); err != nil {
		t.Fatal(err)
	}
	if crossChecked.Load() == before {
		t.Fatal("Parse did not call the cross-check")
	}
}
