// Package report reads the recordings of a lab run for a class
// (mailtutor lab --record-dir DIR) and says, per student, what they
// achieved: logged in, used TLS, sent a message (with a Subject), fetched
// one by POP3 or IMAP, how many sessions and when. It reads each
// transcript with the streaming decoder, one step at a time.
package report

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mailtutor/mailtutor/transcript"
)

// Student is what one student (one directory of the recordings) did.
type Student struct {
	Name        string
	Sessions    int
	LoginSMTP   bool // AUTH accepted (235)
	LoginPOP3   bool // PASS, APOP or AUTH accepted (+OK)
	LoginIMAP   bool // LOGIN or AUTHENTICATE accepted (tagged OK)
	StartTLS    bool // STARTTLS/STLS, then a TLS handshake
	ImplicitTLS bool // a session over implicit TLS (smtps, pop3s, imaps)
	Sent        int  // messages accepted: DATA or BDAT LAST answered 250
	WithSubject int  // of those, with a Subject header
	POP3Fetched int  // RETR or TOP answered +OK
	IMAPFetched int  // FETCH of a body (BODY[...], BODY.PEEK[...], RFC822, RFC822.TEXT) answered OK
	First, Last time.Time
}

// Problem is a recording that could not be read; the report goes on.
type Problem struct {
	Path string
	Err  error
}

// Read reads every student's recordings under dir: one directory per
// user, the sessions without a login under "_anonymous" (a row of its
// own, last). Students come sorted by name.
func Read(dir string) ([]Student, []Problem, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("report: %w", err)
	}
	var out []Student
	var problems []Problem
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		s, p := readStudent(filepath.Join(dir, e.Name()), e.Name())
		problems = append(problems, p...)
		if s.Sessions > 0 {
			out = append(out, s)
		}
	}
	sortStudents(out)
	return out, problems, nil
}

// sortStudents sorts by name, the anonymous sessions last.
func sortStudents(s []Student) {
	slices.SortStableFunc(s, func(a, b Student) int {
		if anonA, anonB := strings.HasPrefix(a.Name, "_"), strings.HasPrefix(b.Name, "_"); anonA != anonB {
			if anonA {
				return 1
			}
			return -1
		}
		return strings.Compare(a.Name, b.Name)
	})
}

// WithAccounts adds an empty row for every name in accounts that has no
// recording (a student who did nothing still has a line in the grade
// book), and keeps the order of Read.
func WithAccounts(students []Student, accounts []string) []Student {
	seen := make(map[string]bool, len(students))
	for _, s := range students {
		seen[s.Name] = true
	}
	out := slices.Clone(students)
	for _, name := range accounts {
		if !seen[name] {
			out = append(out, Student{Name: name})
			seen[name] = true
		}
	}
	sortStudents(out)
	return out
}

// readStudent reads the recordings in one directory.
func readStudent(dir, name string) (Student, []Problem) {
	s := Student{Name: name}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	slices.Sort(paths)
	var problems []Problem
	for _, path := range paths {
		if err := s.addSession(path); err != nil {
			problems = append(problems, Problem{Path: path, Err: err})
		}
	}
	return s, problems
}

// addSession reads one transcript into s.
func (s *Student) addSession(path string) error {
	f, _, err := transcript.Open(path)
	if err != nil {
		return err
	}
	head := f.Header()
	sc := newScanner(head)
	var last time.Duration
	for step, err := range f.Steps() {
		if err != nil {
			return err
		}
		sc.step(step)
		last = step.At
	}
	if sc.err != nil {
		return sc.err
	}
	s.Sessions++
	sc.addTo(s)
	if start := head.Recorded; !start.IsZero() {
		if s.First.IsZero() || start.Before(s.First) {
			s.First = start
		}
		if end := start.Add(last); end.After(s.Last) {
			s.Last = end
		}
	}
	return nil
}

// errProtocol is a transcript of a protocol the report does not know.
var errProtocol = errors.New("not a recording of SMTP, POP3 or IMAP")
