package export

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/transcript"
)

// openFixture writes a fixture to a file and opens it step by step.
func openFixture(t *testing.T, yaml string) *transcript.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fixture.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	f, warnings, err := transcript.Open(path)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("open: %v %q", err, warnings)
	}
	return f
}

// A transcript exported from its file, one step at a time, gives the page
// it gives loaded whole, byte for byte.
func TestWriteFromFileSameAsLoaded(t *testing.T) {
	for name, yaml := range fixtures {
		for _, f := range []Format{FormatHTML, FormatMarkdown} {
			t.Run(name+"/"+string(f), func(t *testing.T) {
				want := exportString(t, yaml, f)
				var got bytes.Buffer
				if err := WriteFrom(&got, openFixture(t, yaml), f); err != nil {
					t.Fatal(err)
				}
				if got.String() != want {
					t.Fatalf("from the file:\n%s\nloaded whole:\n%s", got.String(), want)
				}
			})
		}
	}
}

// sampler discards the page and samples the live heap now and then.
type sampler struct {
	writes int
	peak   uint64
}

func (s *sampler) Write(p []byte) (int, error) {
	if s.writes++; s.writes%25 == 0 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		s.peak = max(s.peak, m.HeapAlloc)
	}
	return len(p), nil
}

// Exporting from a file keeps one step in memory, in both formats.
func TestWriteFromFileBoundedMemory(t *testing.T) {
	const n = 60_000
	var b strings.Builder
	b.WriteString("mailtutor: 1\nprotocol: smtp\nserver: {host: h, port: 25, tls: none}\nsteps:\n")
	for i := range n / 2 {
		b.WriteString("- client: \"NOOP\"\n  at: \"" + fmtAt(i) + "\"\n- server: \"250 2.0.0 Ok\"\n  at: \"" + fmtAt(i) + "\"\n")
	}
	f := openFixture(t, b.String())
	b.Reset()
	for _, format := range []Format{FormatMarkdown, FormatHTML} {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		s := &sampler{}
		if err := WriteFrom(s, f, format); err != nil {
			t.Fatal(err)
		}
		grew := int64(s.peak) - int64(m.HeapAlloc)
		t.Logf("%s: %d steps in %d writes, the live heap grew by at most %d KB", format, n, s.writes, grew/1024)
		if s.writes < 100 || grew > 8<<20 {
			t.Fatalf("%s: %d writes, the live heap grew by %d KB: the page or the steps are kept", format, s.writes, grew/1024)
		}
	}
}

func fmtAt(i int) string { return strconv.Itoa(i) + ".000" }
