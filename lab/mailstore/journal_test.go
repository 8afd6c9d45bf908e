package mailstore

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// ids are the queue IDs of a folder's messages, in UID order.
func ids(t *testing.T, s *Store, user string) []string {
	t.Helper()
	var out []string
	for _, m := range list(t, s, user, Inbox) {
		out = append(out, m.ID)
	}
	return out
}

// TestJournalKeepsDeliveriesAcrossAKill: deliveries recorded only in the
// journal come back with their queue IDs (the POP3 UIDL) when the store is
// opened again without having been closed, as after kill -9.
func TestJournalKeepsDeliveriesAcrossAKill(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	var want []string
	for range 10 {
		want = append(want, deliver(t, s, "Subject: x\r\n\r\nbody\r\n", "student"))
	}
	journal := filepath.Join(dir, "student", "INBOX", journalFile)
	if raw, err := os.ReadFile(journal); err != nil || strings.Count(string(raw), "\n") != 10 {
		t.Fatalf("journal after 10 deliveries: %q, %v", raw, err)
	}
	again := open(t, dir) // no Close: the first store was killed
	if got := ids(t, again, "student"); !slices.Equal(got, want) {
		t.Errorf("after a kill: queue IDs %v, want %v", got, want)
	}
	if _, err := os.Stat(journal); !os.IsNotExist(err) {
		t.Errorf("the journal was not folded into the index at open: %v", err)
	}
}

// TestJournalCutMidLine: a last line cut by a kill is ignored; its message
// is still adopted from its file.
func TestJournalCutMidLine(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	first := deliver(t, s, "Subject: 1\r\n\r\none\r\n", "student")
	deliver(t, s, "Subject: 2\r\n\r\ntwo\r\n", "student")
	journal := filepath.Join(dir, "student", "INBOX", journalFile)
	raw, err := os.ReadFile(journal)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(journal, raw[:len(raw)-10], 0o600); err != nil {
		t.Fatal(err)
	}
	got := list(t, open(t, dir), "student", Inbox)
	if len(got) != 2 || got[0].ID != first || got[1].ID != "" || got[1].Size != int64(len("Subject: 2\r\n\r\ntwo\r\n")) {
		t.Errorf("after a cut journal: %+v", got)
	}
}

// TestJournalNeverResurrects: a journal left behind by a kill between the
// index's rename and the journal's removal holds entries the index has
// already dealt with; an expunged message stays expunged.
func TestJournalNeverResurrects(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	deliver(t, s, "Subject: gone\r\n\r\nx\r\n", "student")
	keep := deliver(t, s, "Subject: kept\r\n\r\ny\r\n", "student")
	journal := filepath.Join(dir, "student", "INBOX", journalFile)
	stale, err := os.ReadFile(journal)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Expunge("student", Inbox, []uint32{list(t, s, "student", Inbox)[0].UID}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(journal); !os.IsNotExist(err) {
		t.Fatalf("the index was written but the journal stays: %v", err)
	}
	if err := os.WriteFile(journal, stale, 0o600); err != nil {
		t.Fatal(err)
	}
	if got := ids(t, open(t, dir), "student"); !slices.Equal(got, []string{keep}) {
		t.Errorf("after a stale journal: %v, want only %s", got, keep)
	}
}

// TestJournalFoldedWhenLong: the index is written again once the journal
// is long, so opening never replays more than a bounded journal.
func TestJournalFoldedWhenLong(t *testing.T) {
	dir := t.TempDir()
	s := open(t, dir)
	for range minCompaction + 5 {
		deliver(t, s, "Subject: x\r\n\r\nbody\r\n", "student")
	}
	raw, err := os.ReadFile(filepath.Join(dir, "student", "INBOX", journalFile))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(raw), "\n"); n >= minCompaction {
		t.Errorf("journal of %d lines after %d deliveries", n, minCompaction+5)
	}
	if got := len(list(t, open(t, dir), "student", Inbox)); got != minCompaction+5 {
		t.Errorf("%d messages after reopening, want %d", got, minCompaction+5)
	}
}
