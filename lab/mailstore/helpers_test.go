package mailstore

import (
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

// open opens a store in dir ("" for a temporary one) closed at the end of
// the test.
func open(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// deliver delivers text and returns the queue ID.
func deliver(t *testing.T, s *Store, text string, users ...string) string {
	t.Helper()
	id, err := s.Deliver(users, strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// list returns a folder's messages.
func list(t *testing.T, s *Store, user, name string) []MessageInfo {
	t.Helper()
	msgs, err := s.List(user, name)
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

// uids lists the UIDs of msgs.
func uids(msgs []MessageInfo) []uint32 {
	out := make([]uint32, len(msgs))
	for i, m := range msgs {
		out[i] = m.UID
	}
	return out
}

// body reads a message whole.
func body(t *testing.T, s *Store, user, name string, uid uint32) string {
	t.Helper()
	c, err := s.OpenMessage(user, name, uid)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	data, err := io.ReadAll(c)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(data)) != c.Size() {
		t.Errorf("Size() = %d, read %d octets", c.Size(), len(data))
	}
	return string(data)
}

// names lists the folder names of a user.
func names(t *testing.T, s *Store, user string) []string {
	t.Helper()
	boxes, err := s.Mailboxes(user)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range boxes {
		out = append(out, b.Name)
	}
	return out
}

// status returns a folder's status.
func status(t *testing.T, s *Store, user, name string) Status {
	t.Helper()
	st, err := s.Status(user, name)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// strictlyIncreasing reports whether the UIDs go up.
func strictlyIncreasing(u []uint32) bool {
	return slices.IsSortedFunc(u, func(a, b uint32) int { return int(a) - int(b) }) && len(slices.Compact(slices.Clone(u))) == len(u)
}

// timeZero asks Append for the current time as INTERNALDATE.
var timeZero time.Time

// stringReader is a message given as a string.
func stringReader(text string) io.Reader { return strings.NewReader(text) }
