package export

import (
	"strings"
	"testing"
)

// An IMAP handout hides every credential: redacted ones, kept ones, and
// those a hand-written file never marked — a LOGIN password as an atom,
// a quoted string or literal text, AUTHENTICATE responses.
func TestIMAPSecretsNeverShown(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		secrets []string
		marks   []string
	}{
		{"recorded", imapRecorded, []string{"<redacted>", "&lt;redacted&gt;"},
			[]string{"hidden: password", "hidden: SASL initial response", "LOGIN student"}},
		{"kept and unmarked", imapKept,
			[]string{"secret123", "hunter2", "pass word", "AHN0dWRlbnQAc2VjcmV0MTIz", "AHN0dWRlbnQAaHVudGVyMg=="},
			[]string{"hidden: password", "hidden: SASL initial response", "hidden: SASL response", "a3 LOGIN student"}},
	}
	for _, tt := range tests {
		for _, f := range []Format{FormatHTML, FormatMarkdown} {
			page := exportString(t, tt.yaml, f)
			for _, s := range tt.secrets {
				if strings.Contains(page, s) {
					t.Errorf("%s, %s: the page shows %q", tt.name, f, s)
				}
			}
			for _, m := range tt.marks {
				if !strings.Contains(page, m) {
					t.Errorf("%s, %s: the page lacks %q", tt.name, f, m)
				}
			}
		}
	}
}

// The literal of a FETCH is shown line by line as it came, its bare LF and
// CR as escapes, and the replies after it are framed as they were.
func TestIMAPLiteralShown(t *testing.T) {
	for _, f := range []Format{FormatHTML, FormatMarkdown} {
		page := exportString(t, imapRecorded, f)
		for _, want := range []string{"* 1 FETCH (BODY[] {26}", `bare\nLF\rCR no end)`, "a4 OK Fetch completed", "a5 OK Logout completed"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the page lacks %q", f, want)
			}
		}
		if strings.ContainsRune(page, '\r') {
			t.Errorf("%s: the page holds a raw CR", f)
		}
		if strings.Contains(page, `class tone-malformed"`) || strings.Contains(page, "**malformed") {
			t.Errorf("%s: a reply was framed malformed:\n%s", f, page)
		}
	}
}
