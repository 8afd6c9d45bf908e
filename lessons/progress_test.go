package lessons

import (
	"errors"
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
	firstHalf := strings.Join(lines[:4], "") // EHLO, AUTH LOGIN, user, password

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
	if want := "at 9/20"; !strings.Contains(list, want) {
		t.Errorf("list does not show %q:\n%s", want, list)
	}

	out, res, err := runWith(t, l, Options{Servers: servers, ProgressPath: progress, Strict: true}, strings.Join(lines[4:], ""))
	if err != nil || !res.Completed {
		t.Fatalf("resume: %v %+v\n%s", err, res, out)
	}
	if !strings.Contains(out, "replaying the 9 step(s)") {
		t.Errorf("the resume did not say it replays:\n%s", out)
	}
	if res.Right != typedSteps(l)-4 {
		t.Errorf("typed right %d, want %d (the replayed steps are not the student's)", res.Right, typedSteps(l)-4)
	}
	p, _ = LoadProgress(progress)
	if got := p.Of(l.Name); !got.Finished || got.Done != 0 {
		t.Errorf("after the end: %+v, want finished", got)
	}
	list, _ = List(p, Chinese)
	if !strings.Contains(list, "✓ 已完成") || !strings.Contains(list, "用 SMTP 发出你的第一封邮件") {
		t.Errorf("Chinese list:\n%s", list)
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
