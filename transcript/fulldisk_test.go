package transcript

import (
	"errors"
	"strings"
	"syscall"
	"testing"
)

// fullDisk is an append-only file whose writes can fail half way, like a
// disk filling up.
type fullDisk struct {
	data          []byte
	failWrites    bool // write half the bytes, then ENOSPC
	failTruncates bool
}

func (d *fullDisk) Write(p []byte) (int, error) {
	if d.failWrites {
		half := len(p) / 2
		d.data = append(d.data, p[:half]...)
		return half, syscall.ENOSPC
	}
	d.data = append(d.data, p...)
	return len(p), nil
}

func (d *fullDisk) Truncate(size int64) error {
	if d.failTruncates {
		return syscall.EIO
	}
	d.data = d.data[:size]
	return nil
}

func (d *fullDisk) Sync() error  { return nil }
func (d *fullDisk) Close() error { return nil }

func TestRecorderFullDisk(t *testing.T) {
	steps := sessionSteps()
	tests := []struct {
		name          string
		failTruncates bool
		wantWarning   bool // the partial step stays in the file
		wantRecovered bool // later steps still get recorded
	}{
		{"partial step cut back", false, false, true},
		{"partial step left behind", true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			disk := &fullDisk{}
			r, err := newRecorder(disk, smtpHeader(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range steps[:3] {
				if err := r.Add(s); err != nil {
					t.Fatal(err)
				}
			}
			disk.failWrites, disk.failTruncates = true, tt.failTruncates
			if err := r.Add(steps[3]); !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("Add on a full disk: got %v, want ENOSPC", err)
			}
			disk.failWrites, disk.failTruncates = false, false
			err = r.Add(steps[4])
			if recovered := err == nil; recovered != tt.wantRecovered {
				t.Fatalf("Add after the failure: err %v, want recovered=%v", err, tt.wantRecovered)
			}
			tr, warnings, err := Parse(disk.data, "full.yaml")
			if err != nil {
				t.Fatalf("the file does not load: %v\n%s", err, disk.data)
			}
			want := steps[:3]
			if tt.wantRecovered {
				want = append(want[:3:3], steps[4])
			}
			wantSteps(t, tr.Steps, asWritten(want, false))
			if got := len(warnings) == 1 && strings.Contains(warnings[0], "incomplete"); got != tt.wantWarning {
				t.Fatalf("warnings %q, want a cut-step warning: %v", warnings, tt.wantWarning)
			}
		})
	}
}
