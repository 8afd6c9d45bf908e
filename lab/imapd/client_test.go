package imapd

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

func TestClientListShowsSpecialUseAndChineseFolders(t *testing.T) {
	srv := startServer(t, nil)
	c := srv.login(t, nil)
	if err := c.Create("草稿/练习", nil).Wait(); err != nil {
		t.Fatalf("CREATE: %v", err)
	}
	boxes, err := c.List("", "*", nil).Collect()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]imap.MailboxAttr{}
	for _, b := range boxes {
		got[b.Mailbox] = b.Attrs
		if b.Delim != '/' {
			t.Errorf("%s: delimiter %q, want /", b.Mailbox, b.Delim)
		}
	}
	for name, want := range map[string]imap.MailboxAttr{"Sent": imap.MailboxAttrSent,
		"Drafts": imap.MailboxAttrDrafts, "Trash": imap.MailboxAttrTrash, "INBOX": imap.MailboxAttrHasNoChildren,
		"草稿": imap.MailboxAttrHasChildren, "草稿/练习": imap.MailboxAttrHasNoChildren} {
		if !slices.Contains(got[name], want) {
			t.Errorf("LIST %s: attributes %v, want %s among them", name, got[name], want)
		}
	}
	st, err := c.Status("草稿/练习", &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil || st.Mailbox != "草稿/练习" {
		t.Fatalf("STATUS of the Chinese folder: %+v, %v", st, err)
	}
}

func TestClientSelectFetchParts(t *testing.T) {
	srv := startServer(t, nil)
	srv.deliver(t, sample)
	c := srv.login(t, nil)
	sel, err := c.Select("INBOX", nil).Wait()
	if err != nil || sel.NumMessages != 1 || sel.UIDValidity == 0 {
		t.Fatalf("SELECT: %+v, %v", sel, err)
	}
	body := &imap.FetchItemBodySection{Peek: true}
	partial := &imap.FetchItemBodySection{Peek: true, Partial: &imap.SectionPartial{Offset: 6, Size: 7}}
	part1 := &imap.FetchItemBodySection{Peek: true, Part: []int{1}}
	msgs, err := c.Fetch(imap.SeqSetNum(1), &imap.FetchOptions{
		UID: true, Flags: true, Envelope: true, RFC822Size: true, InternalDate: true,
		BodyStructure: &imap.FetchItemBodyStructure{Extended: true},
		BodySection:   []*imap.FetchItemBodySection{body, partial, part1},
	}).Collect()
	if err != nil || len(msgs) != 1 {
		t.Fatalf("FETCH: %d messages, %v", len(msgs), err)
	}
	m := msgs[0]
	if m.Envelope == nil || m.Envelope.Subject != "Lesson one" || m.Envelope.From[0].Host != "example.test" {
		t.Errorf("ENVELOPE: %+v", m.Envelope)
	}
	mp, ok := m.BodyStructure.(*imap.BodyStructureMultiPart)
	if !ok || mp.Subtype != "mixed" || len(mp.Children) != 2 {
		t.Fatalf("BODYSTRUCTURE: %#v", m.BodyStructure)
	}
	if text := mp.Children[0].(*imap.BodyStructureSinglePart); text.Type != "text" || text.Size != 32 || text.Text == nil {
		t.Errorf("part 1: %+v", text)
	}
	if string(m.FindBodySection(body)) != sample || m.RFC822Size != int64(len(sample)) {
		t.Errorf("BODY[]: %q (size %d)", m.FindBodySection(body), m.RFC822Size)
	}
	if got := string(m.FindBodySection(partial)); got != sample[6:13] {
		t.Errorf("BODY[]<6.7>: %q, want %q", got, sample[6:13])
	}
	if got := string(m.FindBodySection(part1)); got != "Hello student, this is the body." {
		t.Errorf("BODY[1]: %q", got)
	}
	if slices.Contains(m.Flags, imap.FlagSeen) {
		t.Error("BODY.PEEK set \\Seen")
	}
	msgs, err = c.Fetch(imap.SeqSetNum(1), &imap.FetchOptions{
		BodySection: []*imap.FetchItemBodySection{{Specifier: imap.PartSpecifierHeader}}}).Collect()
	if err != nil || !slices.Contains(msgs[0].Flags, imap.FlagSeen) {
		t.Errorf("BODY[HEADER] without PEEK: flags %v, %v; want \\Seen set and told", msgs[0].Flags, err)
	}
}

func TestClientStoreSearchExpunge(t *testing.T) {
	srv := startServer(t, nil)
	for _, s := range []string{"one", "two", "three"} {
		srv.deliver(t, plain(s))
	}
	c := srv.login(t, nil)
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Store(imap.SeqSetNum(2), &imap.StoreFlags{Op: imap.StoreFlagsAdd,
		Flags: []imap.Flag{imap.FlagDeleted, "lesson"}}, nil).Collect(); err != nil {
		t.Fatalf("STORE: %v", err)
	}
	cases := []struct {
		name     string
		criteria imap.SearchCriteria
		want     []uint32
	}{
		{"deleted", imap.SearchCriteria{Flag: []imap.Flag{imap.FlagDeleted}}, []uint32{2}},
		{"keyword", imap.SearchCriteria{Flag: []imap.Flag{"lesson"}}, []uint32{2}},
		{"subject", imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Subject", Value: "THREE"}}}, []uint32{3}},
		{"body", imap.SearchCriteria{Body: []string{"body of one"}}, []uint32{1}},
		{"not", imap.SearchCriteria{Not: []imap.SearchCriteria{{Flag: []imap.Flag{imap.FlagDeleted}}}}, []uint32{1, 3}},
		{"since", imap.SearchCriteria{Since: time.Now().Add(-48 * time.Hour)}, []uint32{1, 2, 3}},
	}
	for _, tc := range cases {
		data, err := c.Search(&tc.criteria, nil).Wait()
		if err != nil || !slices.Equal(data.AllSeqNums(), tc.want) {
			t.Errorf("SEARCH %s: %v, %v; want %v", tc.name, data.AllSeqNums(), err, tc.want)
		}
	}
	uidData, err := c.UIDSearch(&imap.SearchCriteria{Flag: []imap.Flag{imap.FlagDeleted}}, nil).Wait()
	if err != nil || len(uidData.AllUIDs()) != 1 || uidData.AllUIDs()[0] != 2 {
		t.Errorf("UID SEARCH: %v, %v", uidData.AllUIDs(), err)
	}
	expunged, err := c.Expunge().Collect()
	if err != nil || !slices.Equal(expunged, []uint32{2}) {
		t.Fatalf("EXPUNGE: %v, %v", expunged, err)
	}
	if list, _ := srv.store.List("student", "INBOX"); len(list) != 2 {
		t.Errorf("store has %d messages after EXPUNGE, want 2", len(list))
	}
}

func TestClientAppendCopyMove(t *testing.T) {
	srv := startServer(t, nil)
	srv.deliver(t, plain("keep"))
	c := srv.login(t, nil)
	draft := plain("draft")
	app := c.Append("Drafts", int64(len(draft)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagDraft}})
	if _, err := app.Write([]byte(draft)); err != nil {
		t.Fatal(err)
	}
	if err := app.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := app.Wait()
	if err != nil || data.UID != 1 || data.UIDValidity == 0 {
		t.Fatalf("APPEND: %+v, %v", data, err)
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	cp, err := c.Copy(imap.SeqSetNum(1), "Trash").Wait()
	if err != nil || cp.DestUIDs.String() != "1" {
		t.Fatalf("COPY: %+v, %v", cp, err)
	}
	if _, err := c.Copy(imap.SeqSetNum(1), "Nowhere").Wait(); !hasCode(err, imap.ResponseCodeTryCreate) {
		t.Errorf("COPY to a missing folder: %v, want [TRYCREATE]", err)
	}
	mv, err := c.Move(imap.UIDSetNum(1), "Sent").Wait()
	if err != nil || mv.DestUIDs.String() != "1" {
		t.Fatalf("UID MOVE: %+v, %v", mv, err)
	}
	for name, want := range map[string]uint32{"INBOX": 0, "Trash": 1, "Sent": 1, "Drafts": 1} {
		st, err := c.Status(name, &imap.StatusOptions{NumMessages: true}).Wait()
		if err != nil || *st.NumMessages != want {
			t.Errorf("STATUS %s: %v, %v; want %d messages", name, st, err, want)
		}
	}
}

// hasCode reports whether err is an IMAP reply with the given code.
func hasCode(err error, code imap.ResponseCode) bool {
	e, ok := err.(*imap.Error)
	return ok && e.Code == code
}

func TestClientIdleSeesDeliveryAndExpungeFromOthers(t *testing.T) {
	srv := startServer(t, nil)
	srv.deliver(t, plain("first"))
	exists := make(chan uint32, 4)
	expunges := make(chan uint32, 4)
	c := srv.login(t, &imapclient.Options{UnilateralDataHandler: &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				exists <- *d.NumMessages
			}
		},
		Expunge: func(seq uint32) { expunges <- seq },
	}})
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	idle, err := c.Idle()
	if err != nil {
		t.Fatal(err)
	}
	srv.deliver(t, plain("second"))
	expectWithin(t, exists, 2, "EXISTS during IDLE")
	other := srv.login(t, nil)
	if _, err := other.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := other.Store(imap.SeqSetNum(1), &imap.StoreFlags{Op: imap.StoreFlagsAdd,
		Flags: []imap.Flag{imap.FlagDeleted}, Silent: true}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Expunge().Collect(); err != nil {
		t.Fatal(err)
	}
	expectWithin(t, expunges, 1, "EXPUNGE during IDLE")
	if err := idle.Close(); err != nil {
		t.Fatal(err)
	}
	if err := idle.Wait(); err != nil {
		t.Fatalf("IDLE: %v", err)
	}
	if err := c.Noop().Wait(); err != nil {
		t.Fatal(err)
	}
}

// expectWithin waits a second for want on ch.
func expectWithin(t *testing.T, ch <-chan uint32, want uint32, what string) {
	t.Helper()
	select {
	case got := <-ch:
		if got != want {
			t.Errorf("%s: %d, want %d", what, got, want)
		}
	case <-time.After(time.Second):
		t.Errorf("%s: nothing within a second", what)
	}
}

func TestClientAuthenticatePlainAndFailure(t *testing.T) {
	srv := startServer(t, nil)
	c, err := imapclient.DialInsecure(srv.addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login("student", "wrong").Wait(); !hasCode(err, imap.ResponseCodeAuthenticationFailed) {
		t.Errorf("bad LOGIN: %v, want [AUTHENTICATIONFAILED]", err)
	}
	caps, err := c.Capability().Wait()
	if err != nil || !caps.Has("ID") || !caps.Has(imap.CapStartTLS) || !caps.Has("AUTH=PLAIN") {
		t.Errorf("CAPABILITY before login: %v, %v", caps, err)
	}
	if err := c.Login("student", "secret123").Wait(); err != nil {
		t.Fatal(err)
	}
	if caps := c.Caps(); caps.Has(imap.CapStartTLS) || !caps.Has(imap.CapMove) || !caps.Has(imap.CapIdle) {
		t.Errorf("capabilities after login: %v", caps)
	}
	if !strings.Contains(strings.Join(capNames(c.Caps()), " "), "APPENDLIMIT=1048576") {
		t.Errorf("no APPENDLIMIT in %v", c.Caps())
	}
}

// capNames lists a capability set.
func capNames(caps imap.CapSet) []string {
	var out []string
	for c := range caps {
		out = append(out, string(c))
	}
	return out
}
