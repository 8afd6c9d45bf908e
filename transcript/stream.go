package transcript

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"time"
)

// wholeLimit is the size up to which a file whose streamed reading fails
// is read again whole, so that the error is exactly the whole-file
// loader's: it parses all the YAML before it decodes, so a syntax error
// late in the file comes before a wrong field early in it. Above the
// limit the stream's own error stands: the same message and line for the
// same problem, but maybe not the problem the whole file would name
// first. (The whole-file loader takes about 25 times the file's size.)
const wholeLimit = 4 << 20

// loaded, when set (by the package's tests), is told what Parse and Load
// gave for every file, to compare it with the whole-file loader.
var loaded func(src io.ReadSeeker, name string, t *Transcript, warnings []string, err error)

// Load reads and parses the transcript file at path. See Parse.
func Load(path string) (*Transcript, []string, error) {
	f, size, err := openFile(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	t, warnings, err := load(f, size, path, wholeLimit)
	if loaded != nil {
		loaded(f, path, t, warnings, err)
	}
	return t, warnings, err
}

// Parse reads a transcript strictly: an unknown field, a value of the wrong
// type, a missing required field or an unsupported schema version is a
// *LoadError naming the line. name is used in messages (usually the path).
//
// The one thing forgiven is a last step cut short while it was being written
// (a killed recorder, a full disk): a last step that is broken and either has
// no "at" or is not followed by a newline is dropped, and a warning says so.
// A broken step anywhere else is an error.
//
// Parse, Load and Open read a file in the usual layout (a header, then
// "steps:" and a block list of steps) one step at a time, the recorder's
// own layout without a YAML parser; the result is the same as parsing the
// whole file as one YAML document, which they do for any other layout.
func Parse(data []byte, name string) (*Transcript, []string, error) {
	t, warnings, err := load(bytes.NewReader(data), int64(len(data)), name, wholeLimit)
	if loaded != nil {
		loaded(bytes.NewReader(data), name, t, warnings, err)
	}
	return t, warnings, err
}

// load reads a whole transcript; limit is wholeLimit but in tests.
func load(src io.ReadSeeker, size int64, name string, limit int64) (*Transcript, []string, error) {
	var steps []Step
	t, whole, warnings, err := read(src, size, name, limit, func(s Step) { steps = append(steps, s) })
	if err != nil {
		return nil, nil, err
	}
	if !whole {
		t.Steps = steps
	}
	return t, warnings, nil
}

// read reads the transcript in src once, passing every step to each as it
// is decoded, and returns the header (Steps nil). When the file has to be
// loaded whole (errNotStreamable, or an error in a file of at most limit
// bytes: see wholeLimit), whole is true, the transcript holds its steps,
// and what each was given is to be forgotten.
func read(src io.ReadSeeker, size int64, name string, limit int64, each func(Step)) (t *Transcript, whole bool, warnings []string, err error) {
	d := &streamDecoder{name: name, sc: newScanner(src)}
	err = d.run(each)
	var le *LoadError
	switch {
	case err == nil:
		return d.header, false, d.warnings, nil
	case errors.Is(err, errNotStreamable), errors.As(err, &le) && size <= limit:
		if _, err := src.Seek(0, io.SeekStart); err != nil {
			return nil, false, nil, fmt.Errorf("load transcript: %w", err)
		}
		data, err := io.ReadAll(src)
		if err != nil {
			return nil, false, nil, fmt.Errorf("load transcript: %w", err)
		}
		t, warnings, err := parseComplete(data, name)
		return t, true, warnings, err
	case le != nil:
		return nil, false, nil, err
	}
	return nil, false, nil, fmt.Errorf("load transcript: %w", err)
}

// run decodes the whole file, passing each step on.
func (d *streamDecoder) run(each func(Step)) error {
	if err := d.start(); err != nil {
		return err
	}
	for {
		s, ok, err := d.next()
		if err != nil {
			return err
		}
		if !ok {
			return d.finish()
		}
		each(s)
	}
}

func openFile(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, fmt.Errorf("load transcript: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("load transcript: %w", err)
	}
	return f, info.Size(), nil
}

// Summary is what a reading of a transcript learnt about its steps.
type Summary struct {
	Steps    int           // how many there are
	Last     time.Duration // the "at" of the last one; 0 when there is none
	FirstTLS int           // the number (1-based) of the first tls step; 0 when there is none
}

func (s *Summary) add(step Step) {
	s.Steps++
	s.Last = step.At
	if step.Kind == KindTLS && s.FirstTLS == 0 {
		s.FirstTLS = s.Steps
	}
}

// Source is a transcript whose steps are read in order, as often as a
// reader needs: a File on disk, or a Transcript in memory (its Source).
type Source interface {
	Header() Transcript            // every field but Steps
	Summary() Summary              // what the steps are
	Steps() iter.Seq2[Step, error] // every step in order; an error ends them
}

// File is a transcript file that Open has checked, read again step by
// step by every range over Steps: however large the file, only one step
// at a time is in memory.
type File struct {
	path   string
	header Transcript
	sum    Summary
	mem    *Transcript // the transcript, when its layout had to be loaded whole
}

// Open checks the transcript file at path as Load does, reading it one
// step at a time and keeping none, and returns it ready to be read again
// step by step, with the warnings Load gives. A file that must be loaded
// whole (see Parse) is kept in memory instead.
func Open(path string) (*File, []string, error) {
	f, size, err := openFile(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var sum Summary
	t, whole, warnings, err := read(f, size, path, wholeLimit, sum.add)
	if err != nil {
		return nil, nil, err
	}
	file := &File{path: path, sum: sum}
	if whole {
		file.mem, file.sum = t, summarize(t.Steps)
	}
	file.header = *t
	file.header.Steps = nil
	return file, warnings, nil
}

func summarize(steps []Step) Summary {
	var sum Summary
	for _, s := range steps {
		sum.add(s)
	}
	return sum
}

// Header is every field of the transcript but its steps.
func (f *File) Header() Transcript { return f.header }

// Summary says how many steps the file has and what they span.
func (f *File) Summary() Summary { return f.sum }

// Steps reads the file again and yields its steps in order: the
// Summary().Steps steps Open counted (steps appended since are not read).
// A file that no longer reads as it did gives an error, after the steps
// that still read.
func (f *File) Steps() iter.Seq2[Step, error] {
	return func(yield func(Step, error) bool) {
		if f.mem != nil {
			for _, s := range f.mem.Steps {
				if !yield(s, nil) {
					return
				}
			}
			return
		}
		file, _, err := openFile(f.path)
		if err != nil {
			yield(Step{}, err)
			return
		}
		defer file.Close()
		d := &streamDecoder{name: f.path, sc: newScanner(file)}
		err = d.start()
		for n := 0; err == nil && n < f.sum.Steps; n++ {
			s, ok, derr := d.next()
			switch {
			case derr != nil:
				err = derr
			case !ok:
				err = errors.New("it has fewer steps than when it was opened")
			case !yield(s, nil):
				return
			}
		}
		if err != nil {
			yield(Step{}, fmt.Errorf("read transcript %s again: %w", f.path, err))
		}
	}
}

// Source is the transcript in memory as a Source.
func (t *Transcript) Source() Source { return memSource{t} }

type memSource struct{ t *Transcript }

func (m memSource) Header() Transcript {
	h := *m.t
	h.Steps = nil
	return h
}

func (m memSource) Summary() Summary { return summarize(m.t.Steps) }

func (m memSource) Steps() iter.Seq2[Step, error] {
	return func(yield func(Step, error) bool) {
		for _, s := range m.t.Steps {
			if !yield(s, nil) {
				return
			}
		}
	}
}
