package transcript

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRecorderRoundTrip(t *testing.T) {
	for _, keep := range []bool{false, true} {
		path := record(t, smtpHeader(), sessionSteps(), Options{KeepSecrets: keep})
		got := mustLoad(t, path)
		want := smtpHeader()
		want.Version = Version
		want.Steps = asWritten(sessionSteps(), keep)
		if !reflect.DeepEqual(got, &want) {
			t.Fatalf("keep=%v: loaded transcript differs:\n got %#v\nwant %#v", keep, got, &want)
		}
		// Encode writes the very bytes the recorder wrote.
		if enc := encode(t, got); !bytes.Equal(enc, mustRead(t, path)) {
			t.Fatalf("keep=%v: Encode differs from the recorded file:\n%s\n---\n%s", keep, enc, mustRead(t, path))
		}
	}
}

func TestRecorderFileMode(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "old.yaml")
	if err := os.WriteFile(existing, []byte("old content"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		overwrite  bool
	}{
		{"new file", filepath.Join(dir, "new.yaml"), false},
		{"overwritten 0644 file", existing, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Create(tt.path, smtpHeader(), Options{Overwrite: tt.overwrite})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			info, err := os.Stat(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if perm := info.Mode().Perm(); perm != 0o600 {
				t.Fatalf("mode %o, want 600", perm)
			}
			if strings.Contains(string(mustRead(t, tt.path)), "old content") {
				t.Fatal("overwritten file still holds the old content")
			}
		})
	}
}

func TestCreateRefusesExistingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "taken.yaml")
	if err := os.WriteFile(path, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Create(path, smtpHeader(), Options{})
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("Create on an existing file: got %v, want fs.ErrExist", err)
	}
	if got := string(mustRead(t, path)); got != "keep me" {
		t.Fatalf("existing file changed to %q", got)
	}
}

func TestCreateRefusesBadHeader(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Transcript)
		want   string
	}{
		{"protocol", func(h *Transcript) { h.Protocol = "imap4" }, `protocol "imap4"`},
		{"host", func(h *Transcript) { h.Server.Host = "" }, "host is empty"},
		{"port", func(h *Transcript) { h.Server.Port = 70000 }, "port 70000"},
		{"tls", func(h *Transcript) { h.Server.TLS = "maybe" }, `tls "maybe"`},
		{"header step", func(h *Transcript) { h.Steps = []Step{{Kind: "shout"}} }, `step 1: step kind "shout"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := smtpHeader()
			tt.change(&h)
			path := filepath.Join(t.TempDir(), "x.yaml")
			_, err := Create(path, h, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
			if _, statErr := os.Stat(path); !errors.Is(statErr, fs.ErrNotExist) {
				t.Fatalf("a refused header left a file behind: %v", statErr)
			}
			// Refused before an existing file is touched, even with Overwrite.
			if err := os.WriteFile(path, []byte("precious"), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := Create(path, h, Options{Overwrite: true}); err == nil {
				t.Fatal("Create with Overwrite accepted the bad header")
			}
			if got := string(mustRead(t, path)); got != "precious" {
				t.Fatalf("existing file changed to %q", got)
			}
		})
	}
}

func TestRecorderHeaderStepsAndDefaults(t *testing.T) {
	h := smtpHeader()
	h.Recorded = time.Time{}
	h.Steps = sessionSteps()[:3]
	clock := testStart.Add(1234567 * time.Microsecond)
	path := filepath.Join(t.TempDir(), "saved.yaml")
	r, err := Create(path, h, Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Offset(clock.Add(1500 * time.Millisecond)); got != ms(1500) {
		t.Fatalf("Offset = %v, want 1.5s", got)
	}
	if got := r.Offset(clock.Add(-time.Second)); got != 0 {
		t.Fatalf("Offset before the start = %v, want 0", got)
	}
	// Out of order and sub-millisecond: clamped to the previous step, rounded.
	if err := r.Add(Step{At: ms(5) + 400*time.Microsecond, Kind: KindClient, Text: "NOOP"}); err != nil {
		t.Fatal(err)
	}
	if err := r.Add(Step{At: ms(9000) + 600*time.Microsecond, Kind: KindServer, Text: "250 Ok"}); err != nil {
		t.Fatal(err)
	}
	r.Close()
	got := mustLoad(t, path)
	if want := testStart.Add(1234 * time.Millisecond); !got.Recorded.Equal(want) {
		t.Fatalf("Recorded = %v, want %v", got.Recorded, want)
	}
	if len(got.Steps) != 5 || got.Steps[3].At != ms(1206) || got.Steps[4].At != ms(9001) {
		t.Fatalf("steps %+v: want 5, the 4th at 1.206 (clamped), the 5th at 9.001 (rounded)", got.Steps)
	}
}

func TestRecorderRefusesInvalidStep(t *testing.T) {
	tests := []struct {
		name string
		step Step
		want string
	}{
		{"unknown kind", Step{Kind: "shout", Text: "x"}, `step kind "shout"`},
		{"two contents", Step{Kind: KindServer, Text: "220", TLS: &TLSInfo{}}, "TLS details"},
		{"secret on server", Step{Kind: KindServer, Text: "334 x", Secret: SecretPassword}, "only client lines"},
		{"unknown secret", Step{Kind: KindClient, Text: "x", Secret: "pin"}, `secret "pin"`},
		{"data without newline", Step{Kind: KindData, Text: "body"}, "end with a newline"},
		{"kept without secret", Step{Kind: KindClient, Text: "x", Kept: true}, "kept"},
	}
	path := filepath.Join(t.TempDir(), "x.yaml")
	r, err := Create(path, smtpHeader(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	before := mustRead(t, path)
	for _, tt := range tests {
		err := r.Add(tt.step)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
	if after := mustRead(t, path); !bytes.Equal(before, after) {
		t.Fatalf("refused steps were written:\n%s", after)
	}
}

func TestRecorderClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.yaml")
	r, err := Create(path, smtpHeader(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := mustRead(t, path)
	for i := range 3 {
		if err := r.Close(); err != nil {
			t.Fatalf("Close #%d: %v", i+1, err)
		}
	}
	if err := r.Add(Step{Kind: KindClient, Text: "NOOP"}); !errors.Is(err, ErrClosed) {
		t.Fatalf("Add after Close: got %v, want ErrClosed", err)
	}
	if after := mustRead(t, path); !bytes.Equal(before, after) {
		t.Fatal("Close wrote to the file")
	}
	mustLoad(t, path)
}

func TestRecorderConcurrentAddAndClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.yaml")
	r, err := Create(path, smtpHeader(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				err := r.Add(Step{At: ms(g*100 + i), Kind: KindClient, Text: "NOOP"})
				if err != nil && !errors.Is(err, ErrClosed) {
					t.Errorf("Add: %v", err)
				}
			}
		}()
	}
	wg.Add(1)
	go func() { defer wg.Done(); time.Sleep(time.Millisecond); r.Close() }()
	wg.Wait()
	r.Close()
	got := mustLoad(t, path) // whatever made it in is whole and in time order
	for _, s := range got.Steps {
		if s.Text != "NOOP" {
			t.Fatalf("unexpected step %+v", s)
		}
	}
}
