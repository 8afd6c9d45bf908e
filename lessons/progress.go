package lessons

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"go.yaml.in/yaml/v3"
)

// Progress is what a student has done, kept between runs.
type Progress struct {
	Lessons map[string]*LessonProgress `yaml:"lessons"`
}

// LessonProgress is the state of one lesson.
type LessonProgress struct {
	Done     int       `yaml:"done"`     // steps done, in order: the lesson resumes after them (all: it was finished)
	Total    int       `yaml:"total"`    // steps in the lesson when last run
	Finished bool      `yaml:"finished"` // the lesson was run to its end at least once
	Right    int       `yaml:"right"`    // steps typed right since the lesson was last started from its first step
	Skipped  int       `yaml:"skipped"`  // steps skipped with :skip, likewise
	Misses   int       `yaml:"misses"`   // wrong tries, likewise
	Updated  time.Time `yaml:"updated"`
}

// DefaultProgressPath is os.UserConfigDir()/mailtutor/progress.yaml.
func DefaultProgressPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the progress file: %w", err)
	}
	return filepath.Join(dir, "mailtutor", "progress.yaml"), nil
}

// LoadProgress reads the progress file; a missing file is no progress.
func LoadProgress(path string) (*Progress, error) {
	p := &Progress{Lessons: map[string]*LessonProgress{}}
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return p, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load progress: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(p); err != nil && len(bytes.TrimSpace(data)) > 0 {
		return nil, fmt.Errorf("load progress %s: %w", path, err)
	}
	if p.Lessons == nil {
		p.Lessons = map[string]*LessonProgress{}
	}
	return p, nil
}

// InProgress reports whether the lesson was stopped before its end (its
// next run resumes) and is still the lesson of total steps.
func (lp LessonProgress) InProgress(total int) bool {
	return lp.Done > 0 && lp.Done < total && lp.Total == total
}

// Of returns the progress of a lesson (zero when never run).
func (p *Progress) Of(name string) LessonProgress {
	if lp := p.Lessons[name]; lp != nil {
		return *lp
	}
	return LessonProgress{}
}

// Save writes the progress file atomically (a temporary file renamed).
func (p *Progress) Save(path string) error {
	data, err := yaml.Marshal(p)
	if err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".progress-*.yaml")
	if err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("save progress: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	return nil
}
