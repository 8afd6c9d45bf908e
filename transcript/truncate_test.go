package transcript

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// stepEnds records steps one by one and returns the file and, for each step,
// the offset where it ends.
func stepEnds(t *testing.T, steps []Step) ([]byte, int, []int) {
	t.Helper()
	path := record(t, smtpHeader(), nil, Options{})
	header := len(mustRead(t, path))
	var ends []int
	for i := range steps {
		path = record(t, smtpHeader(), steps[:i+1], Options{})
		ends = append(ends, len(mustRead(t, path)))
	}
	return mustRead(t, path), header, ends
}

// A recorder killed in the middle of a write leaves a prefix of the file.
// Cut at every offset after the header, the file must load with exactly the
// steps written in full, and warn when it drops a partial one.
func TestTruncatedAtEveryOffset(t *testing.T) {
	steps := append(sessionSteps(), Step{At: ms(9000), Kind: KindServer, Text: "250 x",
		Note: "a note\nover lines", Lesson: &LessonNotes{Explain: "e", Expect: "x\ny", Hint: "h", Notice: "n"}})
	data, header, ends := stepEnds(t, steps)
	starts := append([]int{header}, ends[:len(ends)-1]...)
	written := asWritten(steps, false)
	for cut := header; cut <= len(data); cut++ {
		complete, partial := 0, -1
		for i := range ends {
			switch {
			case cut >= ends[i]-1: // all of it, maybe but its final newline
				complete++
			case cut > starts[i]:
				partial = i
			}
		}
		tr, warnings, err := Parse(data[:cut], "cut.yaml")
		if err != nil {
			t.Fatalf("cut at %d of %d: %v\n%s", cut, len(data), err, data[:cut])
		}
		wantSteps(t, tr.Steps, written[:complete])
		if gotWarning := len(warnings) == 1; gotWarning != (partial >= 0) || len(warnings) > 1 {
			t.Fatalf("cut at %d: warnings %q, want a warning: %v\n%s", cut, warnings, partial >= 0, data[:cut])
		}
		if partial >= 0 {
			line := bytes.Count(data[:starts[partial]], []byte("\n")) + 1
			want := fmt.Sprintf("cut.yaml:%d: the last step is incomplete", line)
			if !strings.HasPrefix(warnings[0], want) {
				t.Fatalf("cut at %d: warning %q, want it to start %q", cut, warnings[0], want)
			}
		}
	}
}

func TestBrokenStepInTheMiddleIsAnError(t *testing.T) {
	data, _, ends := stepEnds(t, sessionSteps()[:4])
	tests := []struct {
		name string
		edit func([]byte) []byte
		want string
	}{
		{"second step cut in its at", func(d []byte) []byte {
			return append(append(append([]byte{}, d[:ends[1]-8]...), '\n'), d[ends[1]:]...)
		}, `cut.yaml:12: "at" must be seconds since the start with at most 3 decimals, like 1.204, got nothing`},
		{"second step cut in its text", func(d []byte) []byte {
			return bytes.Replace(d, []byte("student.example\"\n"), []byte("stu\n"), 1)
		}, `cut.yaml:10: invalid YAML: did not find expected key`},
		{"second step without at", func(d []byte) []byte {
			return bytes.Replace(d, []byte("  at: \"1.204\"\n"), nil, 1)
		}, `cut.yaml:11: step has no "at" (seconds since the start)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Parse(tt.edit(data), "cut.yaml")
			if err == nil || err.Error() != tt.want {
				t.Fatalf("got %v, want %s", err, tt.want)
			}
		})
	}
}
