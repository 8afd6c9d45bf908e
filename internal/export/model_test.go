package export

import (
	"slices"
	"strings"
	"testing"

	"github.com/mailtutor/mailtutor/protocol"
)

// mustBuild lays out the transcript in yaml.
func mustBuild(t *testing.T, yaml string) document {
	t.Helper()
	d, err := build(parse(t, yaml))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// explainAlone frames lines as the reply to command with a fresh framer
// and explains it: what the handout must say about that reply.
func explainAlone(p protocol.Protocol, command string, lines ...string) protocol.Explanation {
	f := protocol.NewFramer(p)
	f.Expect(command)
	for _, l := range lines {
		if r := f.Feed(l, protocol.CRLF); r != nil {
			return protocol.Explain(r)
		}
	}
	return protocol.Explanation{}
}

func TestRepliesAreExplainedAfresh(t *testing.T) {
	d := mustBuild(t, pipelined)
	step := d.Steps[3] // one recorded step, two pipelined replies
	if len(step.Replies) != 2 {
		t.Fatalf("step 4 has %d replies, want 2: %+v", len(step.Replies), step.Replies)
	}
	tests := []struct {
		got      reply
		command  string
		line     string
		tone     string
		enhanced string
	}{
		{step.Replies[0], "MAIL FROM:<a@b>", "250 2.1.0 Ok", "positive", "2.1.0"},
		{step.Replies[1], "RCPT TO:<c@d>", "550 5.1.1 No such user", "permanent", "5.1.1"},
	}
	for _, tt := range tests {
		want := explainAlone(protocol.SMTP, tt.command, tt.line)
		if tt.got.Class != want.Class || tt.got.Meaning != want.Meaning || tt.got.Next != want.Next ||
			tt.got.RFC != want.RFC || tt.got.Tone != tt.tone || tt.got.Enhanced != tt.enhanced ||
			!slices.Equal(tt.got.Lines, []string{tt.line}) {
			t.Errorf("reply %q laid out as %+v; protocol explains it as %+v", tt.line, tt.got, want)
		}
	}
	if step.Note != "" {
		t.Errorf("the stored note %q is shown instead of the fresh explanation", step.Note)
	}
	for _, f := range []Format{FormatHTML, FormatMarkdown} {
		if page := exportString(t, pipelined, f); strings.Contains(page, "NOTE FROM THE FILE") {
			t.Errorf("%s export shows the stored note", f)
		}
	}
}

func TestChallengeIsDecoded(t *testing.T) {
	d := mustBuild(t, labSMTP)
	want := map[int]string{10: "Username:", 12: "Password:"}
	for n, decoded := range want {
		r := d.Steps[n-1].Replies
		if len(r) != 1 || r[0].Decoded != decoded || r[0].Tone != "intermediate" {
			t.Errorf("step %d: %+v, want one intermediate reply decoding to %q", n, r, decoded)
		}
	}
}

func TestIncompleteReplyIsMarked(t *testing.T) {
	d := mustBuild(t, pipelined)
	last := d.Steps[len(d.Steps)-1]
	if len(last.Replies) != 1 || last.Replies[0].Tone != "malformed" ||
		len(last.Replies[0].Problems) == 0 || !strings.Contains(last.Replies[0].Problems[0], "incomplete") {
		t.Fatalf("a reply cut off at the end: %+v", last.Replies)
	}
}

func TestPOP3MultiLineReplyKeptAsReceived(t *testing.T) {
	d := mustBuild(t, labPOP3)
	var retr *entry
	for i, e := range d.Steps {
		if len(e.Replies) == 1 && strings.HasPrefix(e.Replies[0].Lines[0], "+OK 177 octets") {
			retr = &d.Steps[i]
		}
	}
	if retr == nil {
		t.Fatal("no RETR reply in the POP3 recording")
	}
	lines := retr.Replies[0].Lines
	if !slices.Contains(lines, "..signature (this line starts with a dot)") || lines[len(lines)-1] != "." ||
		retr.Replies[0].Tone != "positive" {
		t.Fatalf("RETR reply shown as %q", lines)
	}
}

func TestClientLinePieces(t *testing.T) {
	d := mustBuild(t, keptSecrets)
	tests := []struct {
		step int
		want []piece
	}{
		{2, []piece{{Text: "AUTH PLAIN "}, {Hidden: "hidden: SASL initial response"}}},
		{4, []piece{{Text: "AUTH LOGIN"}}},
		{6, []piece{{Hidden: "hidden: user name"}}},
		{8, []piece{{Hidden: "hidden: password"}}}, // no mark in the file, found by context
		{10, []piece{{Text: "PASS "}, {Hidden: "hidden: password"}}},
		{12, []piece{{Hidden: "hidden: credential"}}}, // nothing to locate: the whole line
	}
	for _, tt := range tests {
		if got := d.Steps[tt.step-1].Client; !slices.Equal(got, tt.want) {
			t.Errorf("step %d: %+v, want %+v", tt.step, got, tt.want)
		}
	}
}

func TestHeader(t *testing.T) {
	tests := []struct {
		yaml                              string
		title, server, security, recorded string
	}{
		{labSMTP, "Send a first message (lab, submission port)", "127.0.0.1:1587", "plain text, then TLS from step 6 on (STARTTLS)",
			"2026-11-25 20:45:23 UTC"},
		{labPOP3, "Read and delete a message (lab, POP3)", "127.0.0.1:1110", "plain text (no TLS)", "2026-11-25 20:45:37 UTC"},
		{pipelined, "SMTP session with ::1", "[::1]:25", "plain text (no TLS)", ""},
		{hostileSMTP, "<script>alert(1)</script> & | # *bold* _em_ [x](y) ~s~", `evil"><script>alert(2)</script>:465`,
			"TLS from the first byte (implicit TLS)", ""},
	}
	for _, tt := range tests {
		d := mustBuild(t, tt.yaml)
		if d.Title != tt.title || d.Server != tt.server || d.Security != tt.security || d.Recorded != tt.recorded {
			t.Errorf("header %q %q %q %q; want %q %q %q %q", d.Title, d.Server, d.Security, d.Recorded,
				tt.title, tt.server, tt.security, tt.recorded)
		}
	}
}

// The upgrade to TLS is named by the command whose reply agreed to it, in
// each protocol's own words.
func TestSecurityNamesTheUpgradeCommand(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{`mailtutor: 1
protocol: pop3
server: {host: "127.0.0.1", port: 1110, tls: starttls}
steps:
- server: "+OK ready"
  at: "0"
- client: "STLS"
  at: "1"
- server: "+OK Begin TLS negotiation now."
  at: "2"
- tls: {version: "TLS 1.3", verified: true}
  at: "3"
- client: "CAPA"
  at: "4"
`, "plain text, then TLS from step 4 on (STLS)"},
		{`mailtutor: 1
protocol: smtp
server: {host: "127.0.0.1", port: 25, tls: starttls}
steps:
- server: "220 ready"
  at: "0"
- client: "starttls"
  at: "1"
- server: "454 4.7.0 TLS not available"
  at: "2"
`, "plain text, upgraded to TLS"},
	}
	for _, tt := range tests {
		if got := mustBuild(t, tt.yaml).Security; got != tt.want {
			t.Errorf("security %q, want %q", got, tt.want)
		}
	}
}
