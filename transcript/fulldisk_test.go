package transcript

import (
	"errors"
	"fmt"
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
	limit         int // when > 0: the disk is full at this size
	writes        int
}

func (d *fullDisk) Write(p []byte) (int, error) {
	d.writes++
	if d.limit > 0 && len(d.data)+len(p) > d.limit {
		room := max(d.limit-len(d.data), 0)
		d.data = append(d.data, p[:room]...)
		return room, syscall.ENOSPC
	}
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
			disk, r := recorderOnFullDisk(t, steps[:3])
			disk.failWrites, disk.failTruncates = true, tt.failTruncates
			if err := r.Add(steps[3]); !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("Add on a full disk: got %v, want ENOSPC", err)
			}
			disk.failWrites, disk.failTruncates = false, false
			err := r.Add(steps[4])
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

// A spooled step is written in pieces; the disk filling up after some of
// them leaves a file that loads without the step (or, when the partial step
// cannot be cut back, with a warning about it).
func TestAddSpooledFullDisk(t *testing.T) {
	steps := sessionSteps()
	lines := []string{"+OK 2000 octets"}
	for i := range 200 {
		lines = append(lines, fmt.Sprintf("line %d of the message, long enough to take some room", i))
	}
	lines = append(lines, ".")
	for _, failTruncates := range []bool{false, true} {
		t.Run(fmt.Sprintf("failTruncates=%v", failTruncates), func(t *testing.T) {
			withPieces(64, 1024, func() {
				disk, r := recorderOnFullDisk(t, steps[:3])
				disk.limit, disk.failTruncates = len(disk.data)+5000, failTruncates
				writes := disk.writes
				sp := newSpool(t, lines)
				if err := r.AddSpooled(Step{At: ms(3000), Kind: KindServer}, sp); !errors.Is(err, syscall.ENOSPC) {
					t.Fatalf("AddSpooled on a full disk: got %v, want ENOSPC", err)
				}
				if disk.writes-writes < 3 {
					t.Fatalf("the step failed at write %d, want a later piece to fail", disk.writes-writes)
				}
				disk.limit, disk.failTruncates = 0, false
				err := r.Add(steps[4])
				if recovered := err == nil; recovered == failTruncates {
					t.Fatalf("Add after the failure: err %v, want recovered=%v", err, !failTruncates)
				}
				tr, warnings, err := Parse(disk.data, "full.yaml")
				if err != nil {
					t.Fatalf("the file does not load: %v\n%s", err, disk.data)
				}
				want := steps[:3]
				if !failTruncates {
					want = append(want[:3:3], steps[4])
				}
				wantSteps(t, tr.Steps, asWritten(want, false))
				if got := len(warnings) == 1 && strings.Contains(warnings[0], "incomplete"); got != failTruncates {
					t.Fatalf("warnings %q, want a cut-step warning: %v", warnings, failTruncates)
				}
			})
		})
	}
}

// recorderOnFullDisk starts a recorder on a fake disk (not full yet) and
// adds the steps.
func recorderOnFullDisk(t *testing.T, steps []Step) (*fullDisk, *Recorder) {
	t.Helper()
	disk := &fullDisk{}
	r, err := newRecorder(disk, smtpHeader(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range steps {
		if err := r.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	return disk, r
}
