package lessons

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProgressAndResume: a lesson stopped half-way is saved, listed as in
// progress, and resumed where it stopped (the earlier steps of the part
// replayed to bring the server to the same state); finishing marks it done.
func TestProgressAndResume(t *testing.T) {
	l := mustBuiltin(t, "first-message")
	_, servers := startLab(t)
	progress := filepath.Join(t.TempDir(), "mailtutor", "progress.yaml")
	lines := strings.SplitAfter(studentScript(l), "\n")
	firstHalf := "HELO\n" + strings.Join(lines[:4], "") // a wrong try; EHLO, AUTH LOGIN, user, password

	_, res, err := runWith(t, l, Options{Servers: servers, ProgressPath: progress}, firstHalf)
	if !errors.Is(err, ErrInputEnded) {
		t.Fatalf("err = %v, want ErrInputEnded", err)
	}
	p, err := LoadProgress(progress)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Of(l.Name); got.Done != res.Done || got.Total != l.StepCount() || got.Finished {
		t.Fatalf("saved %+v after %d steps", got, res.Done)
	}
	list, err := List(p, English)
	if err != nil {
		t.Fatal(err)
	}
	if want := "at step 10/20"; !strings.Contains(list, want) { // the step the student stopped at, as the prompt showed it

		t.Errorf("list does not show %q:\n%s", want, list)
	}

	out, res, err := runWith(t, l, Options{Servers: servers, ProgressPath: progress, Strict: true}, strings.Join(lines[4:], ""))
	if err != nil || !res.Completed {
		t.Fatalf("resume: %v %+v\n%s", err, res, out)
	}
	if !strings.Contains(out, "replaying the 9 step(s)") {
		t.Errorf("the resume did not say it replays:\n%s", out)
	}
	if res.Right != typedSteps(l) || res.Misses != 1 {
		t.Errorf("typed right %d, wrong tries %d; want %d and 1: the summary counts the earlier run too", res.Right, res.Misses, typedSteps(l))
	}
	if want := fmt.Sprintf("%d typed right, 0 skipped; wrong tries: 1", typedSteps(l)); !strings.Contains(out, want) {
		t.Errorf("the summary does not say %q:\n%s", want, out)
	}
	p, _ = LoadProgress(progress)
	if got := p.Of(l.Name); !got.Finished || got.Done != l.StepCount() || got.Right != typedSteps(l) {
		t.Errorf("after the end: %+v, want finished with every step done", got)
	}
	if data, _ := os.ReadFile(progress); !strings.Contains(string(data), fmt.Sprintf("done: %d", l.StepCount())) {
		t.Errorf("progress.yaml:\n%s", data)
	}
	list, _ = List(p, Chinese)
	if !strings.Contains(list, "✓ 已完成") || !strings.Contains(list, "用 SMTP 发出你的第一封邮件") {
		t.Errorf("Chinese list:\n%s", list)
	}

	// run again from the start, stop at step 12: the list says so, and
	// that the lesson was finished before
	out, _, err = runWith(t, l, Options{Servers: servers, ProgressPath: progress}, strings.Join(lines[:5], ""))
	if !errors.Is(err, ErrInputEnded) || !strings.Contains(out, "Stopped at step 12 of 20") || strings.Contains(out, "replaying") {
		t.Fatalf("second run: %v\n%s", err, out)
	}
	p, _ = LoadProgress(progress)
	if list, _ = List(p, English); !strings.Contains(list, "✓ done; again, at step 12/20") {
		t.Errorf("list after a second run stopped at step 12:\n%s", list)
	}
}

// TestRestartIgnoresProgress starts from the first step with Restart.
func TestRestartIgnoresProgress(t *testing.T) {
	l := mustBuiltin(t, "first-message")
	progress := filepath.Join(t.TempDir(), "progress.yaml")
	p := &Progress{Lessons: map[string]*LessonProgress{l.Name: {Done: 9, Total: l.StepCount()}}}
	if err := p.Save(progress); err != nil {
		t.Fatal(err)
	}
	out, res, err := runWith(t, l, Options{Offline: true, ProgressPath: progress, Restart: true}, studentScript(l))
	if err != nil || res.Right != typedSteps(l) || strings.Contains(out, "replaying") {
		t.Fatalf("restart: %v %+v\n%s", err, res, out)
	}
}

func TestLoadProgressRejectsGarbage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.yaml")
	p := &Progress{Lessons: map[string]*LessonProgress{}}
	if err := p.Save(path); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadProgress(filepath.Join(t.TempDir(), "none.yaml")); err != nil {
		t.Errorf("a missing file is no progress, got %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	writeFile(t, bad, "lessons: {x: {done: many}}\n")
	if _, err := LoadProgress(bad); err == nil {
		t.Error("a broken progress file was accepted")
	}
}
