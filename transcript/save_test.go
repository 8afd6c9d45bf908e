package transcript

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// emptyDir fails unless dir holds nothing.
func emptyDir(t *testing.T, dir, when string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) > 0 {
		t.Fatalf("%s: %s holds %s", when, dir, entries[0].Name())
	}
}

func TestTemporaryFilesLeaveNothingBehind(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	r, err := CreateTemp(smtpHeader(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	sp, err := NewSpool()
	if err != nil {
		t.Fatal(err)
	}
	emptyDir(t, tmp, "after CreateTemp and NewSpool")
	for _, l := range []string{"+OK", "body", "."} {
		sp.WriteLine(l)
	}
	if err := r.Add(sessionSteps()[0]); err != nil {
		t.Fatal(err)
	}
	if err := r.AddSpooled(Step{At: ms(20), Kind: KindServer}, sp); err != nil {
		t.Fatal(err)
	}
	emptyDir(t, tmp, "while recording")
	sp.Close()
	r.Close()
	emptyDir(t, tmp, "after Close")
}

// recordSome starts a recording with Create or CreateTemp and adds steps,
// one of them spooled.
func recordSome(t *testing.T, temp bool, opts Options, steps []Step) (*Recorder, string) {
	t.Helper()
	var r *Recorder
	var err error
	path := ""
	if temp {
		r, err = CreateTemp(smtpHeader(), opts)
	} else {
		path = filepath.Join(t.TempDir(), "live.yaml")
		r, err = Create(path, smtpHeader(), opts)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	for i, s := range steps {
		if s.Kind == KindData { // the body goes through a spool
			sp := newSpool(t, splitBody(s.Text))
			s.Text = ""
			err = r.AddSpooled(s, sp)
		} else {
			err = r.Add(s)
		}
		if err != nil {
			t.Fatalf("step %d: %v", i+1, err)
		}
	}
	return r, path
}

// splitBody is the lines of a DATA body.
func splitBody(text string) []string {
	var lines []string
	for text != "" {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		lines = append(lines, line)
	}
	return lines
}

func TestSaveAs(t *testing.T) {
	steps := sessionSteps()
	later := []Step{
		{At: ms(1), Kind: KindClient, Text: "NOOP"}, // before the last step: raised to its at
		{At: ms(9000), Kind: KindClient, Text: "PASS x", Redacted: "PASS <redacted>", Secret: SecretPassword},
	}
	for _, temp := range []bool{false, true} {
		for _, keep := range []bool{false, true} {
			name := map[bool]string{false: "Create", true: "CreateTemp"}[temp]
			t.Run(name+map[bool]string{false: "", true: "/keep"}[keep], func(t *testing.T) {
				r, livePath := recordSome(t, temp, Options{KeepSecrets: keep}, steps[:15])
				var liveBefore []byte
				if !temp {
					liveBefore = mustRead(t, livePath)
				}
				path := filepath.Join(t.TempDir(), "saved.yaml")
				saved, err := r.SaveAs(path, false)
				if err != nil {
					t.Fatal(err)
				}
				defer saved.Close()
				if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
					t.Fatalf("saved file: %v, mode %v, want 0600", err, info.Mode().Perm())
				}
				want := smtpHeader()
				want.Version = Version
				want.Steps = asWritten(steps[:15], keep)
				if got := mustLoad(t, path); !reflect.DeepEqual(got, &want) {
					t.Fatalf("saved file loads as\n%#v\nwant\n%#v", got, &want)
				}
				if !temp && !bytes.Equal(mustRead(t, path), liveBefore) {
					t.Fatal("the saved file is not a copy of the live one")
				}
				now := time.Now()
				if saved.Offset(now) != r.Offset(now) {
					t.Fatal("the saved recorder has another start time")
				}
				for _, s := range later {
					if err := saved.Add(s); err != nil {
						t.Fatal(err)
					}
				}
				if err := saved.Close(); err != nil {
					t.Fatal(err)
				}
				w := asWritten(later, keep)
				w[0].At = steps[14].At
				want.Steps = append(want.Steps, w...)
				if got := mustLoad(t, path); !reflect.DeepEqual(got, &want) {
					t.Fatalf("after more steps the saved file loads as\n%#v\nwant\n%#v", got, &want)
				}
				if !temp && !bytes.Equal(mustRead(t, livePath), liveBefore) {
					t.Fatal("steps added after SaveAs went to the old file too")
				}
				// The receiver is still usable, and its steps go to its own file only.
				if err := r.Add(Step{At: ms(9500), Kind: KindClient, Text: "RSET"}); err != nil {
					t.Fatal(err)
				}
				if got := mustLoad(t, path); len(got.Steps) != 17 {
					t.Fatalf("a step added to the old recorder reached the saved file")
				}
				if !temp {
					if got := mustLoad(t, livePath); len(got.Steps) != 16 || got.Steps[15].Text != "RSET" {
						t.Fatalf("the old recorder's file has %d steps, want 16 ending with RSET", len(got.Steps))
					}
				}
			})
		}
	}
}

func TestSaveAsRefuses(t *testing.T) {
	r, livePath := recordSome(t, false, Options{}, sessionSteps()[:3])
	dir := t.TempDir()
	taken := filepath.Join(dir, "taken.yaml")
	if err := os.WriteFile(taken, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := r.SaveAs(taken, false); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("SaveAs over an existing file: got %v, want fs.ErrExist", err)
	}
	if got := string(mustRead(t, taken)); got != "keep me" {
		t.Fatalf("the existing file changed to %q", got)
	}
	before := mustRead(t, livePath)
	if _, err := r.SaveAs(livePath, true); err == nil {
		t.Fatal("SaveAs over the file being recorded was accepted")
	}
	if !bytes.Equal(mustRead(t, livePath), before) {
		t.Fatal("SaveAs over the file being recorded changed it")
	}
	saved, err := r.SaveAs(taken, true)
	if err != nil {
		t.Fatalf("SaveAs with overwrite: %v", err)
	}
	saved.Close()
	if info, _ := os.Stat(taken); info.Mode().Perm() != 0o600 || !bytes.Equal(mustRead(t, taken), before) {
		t.Fatalf("overwritten file: mode %v, content\n%s", info.Mode().Perm(), mustRead(t, taken))
	}
	r.Close()
	if _, err := r.SaveAs(filepath.Join(dir, "late.yaml"), false); !errors.Is(err, ErrClosed) {
		t.Fatalf("SaveAs after Close: got %v, want ErrClosed", err)
	}
}

// CreateTemp never syncs; what SaveAs returns does (unless NoSync).
func TestCreateTempSyncs(t *testing.T) {
	for _, noSync := range []bool{false, true} {
		r, _ := recordSome(t, true, Options{NoSync: noSync}, nil)
		if r.syncs() || r.noSync != noSync {
			t.Fatalf("CreateTemp: syncs=%v noSync=%v", r.syncs(), r.noSync)
		}
		saved, err := r.SaveAs(filepath.Join(t.TempDir(), "s.yaml"), false)
		if err != nil {
			t.Fatal(err)
		}
		if saved.syncs() == noSync {
			t.Fatalf("NoSync=%v: the saved recorder syncs=%v", noSync, saved.syncs())
		}
		saved.Close()
	}
}
