package protocol

import (
	"strings"
	"testing"
)

// serverWire is everything the server sends in a conversation.
func serverWire(steps []imapStep) string {
	var b strings.Builder
	for _, s := range steps {
		b.WriteString(s.s)
	}
	return b.String()
}

func TestIMAPFixtures(t *testing.T) {
	for _, fx := range imapFixtures {
		t.Run(fx.name, func(t *testing.T) {
			_, replies := imapConversation(t, fx.steps)
			for i := 0; i < max(len(replies), len(fx.want)); i++ {
				var got, want string
				if i < len(replies) {
					got = summary(replies[i])
				}
				if i < len(fx.want) {
					want = fx.want[i]
				}
				if got != want {
					t.Errorf("reply %d:\n got %s\nwant %s", i, got, want)
				}
			}
			if got, want := rejoin(replies), serverWire(fx.steps); got != want {
				t.Errorf("the replies' lines are not the wire:\n got %q\nwant %q", got, want)
			}
			for _, r := range replies {
				if r.Protocol != IMAP || r.Problems != nil {
					t.Errorf("%s: protocol %q, problems %q", summary(r), r.Protocol, r.Problems)
				}
			}
		})
	}
}

// TestIMAPChunksAndLines frames every fixture again, literals fed in raw
// chunks of every size from 1 byte, and fed as lines only (Feed, as a
// recorded session is): the replies are the same.
func TestIMAPChunksAndLines(t *testing.T) {
	for _, fx := range imapFixtures {
		_, want := imapConversation(t, fx.steps)
		for _, chunk := range []int{1, 2, 3, 5, 8, 13, 64, -1} {
			f := newIMAPFramer()
			rd := newIMAPReader(f)
			rd.chunk = chunk
			var got []*Reply
			for _, s := range fx.steps {
				switch {
				case s.s == "":
					f.Expect(s.c)
				case chunk < 0: // lines only
					for _, l := range splitWire(s.s) {
						if r := f.Feed(l.line, l.ending); r != nil {
							got = append(got, r)
						}
					}
				default:
					got = append(got, rd.feed(s.s)...)
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%s, chunks of %d: %d replies, want %d", fx.name, chunk, len(got), len(want))
			}
			for i := range got {
				if summary(got[i]) != summary(want[i]) || !equalStrings(got[i].Lines, want[i].Lines) {
					t.Errorf("%s, chunks of %d, reply %d:\n got %s %q\nwant %s %q", fx.name, chunk, i,
						summary(got[i]), got[i].Lines, summary(want[i]), want[i].Lines)
				}
			}
		}
	}
}

// TestIMAPLiterals frames responses with literals in every position the
// grammar allows (RFC 9051 4.3, 7.5.2; RFC 3516 4.2).
func TestIMAPLiterals(t *testing.T) {
	tests := []struct {
		name  string
		wire  string
		lines []string
		text  string
		probs []string // fragments, one per problem
	}{
		{"a literal ending mid-line, the line going on",
			"* 1 FETCH (BODY[] {5}\r\nHello BODY[HEADER] {0}\r\n)\r\n",
			[]string{"* 1 FETCH (BODY[] {5}", "Hello BODY[HEADER] {0}", ")"}, "1 (BODY[] {5}", nil},
		{"an empty literal",
			"* 2 FETCH (BODY[TEXT] {0}\r\n)\r\n",
			[]string{"* 2 FETCH (BODY[TEXT] {0}", ")"}, "2 (BODY[TEXT] {0}", nil},
		{"a binary literal with NUL and bare CR, LF",
			"* 7 FETCH (BINARY[1] ~{9}\r\na\x00b\rc\nd\r\n)\r\n",
			[]string{"* 7 FETCH (BINARY[1] ~{9}", "a\x00b\rc\nd", ")"}, "7 (BINARY[1] ~{9}", nil},
		{"a NUL in a text literal",
			"* 7 FETCH (BODY[1] {3}\r\na\x00b)\r\n",
			[]string{"* 7 FETCH (BODY[1] {3}", "a\x00b)"}, "7 (BODY[1] {3}", []string{"NUL"}},
		{"a literal ending in CR, the line going on",
			"* 1 FETCH (BODY[] {2}\r\na\r)\r\n",
			[]string{"* 1 FETCH (BODY[] {2}", "a\r)"}, "1 (BODY[] {2}", nil},
		{"a CR before a CRLF inside a literal",
			"* 1 FETCH (BODY[] {7}\r\n\na\r\r\nb)\r\n",
			[]string{"* 1 FETCH (BODY[] {7}", "\na\r", "b)"}, "1 (BODY[] {7}", nil},
		{"a literal whose text ends like an announcement",
			"* 1 FETCH (BODY[] {9}\r\nlook{3}\r\n)\r\n",
			[]string{"* 1 FETCH (BODY[] {9}", "look{3}", ")"}, "1 (BODY[] {9}", nil},
		{"a mailbox name as a literal",
			"* LIST () \"/\" {9}\r\n&ZTZO9nux-\r\n",
			nil, "", nil}, // 9 bytes of a 10-byte name: the rest is the line's end
		{"an announcement inside a quoted string is text",
			"* LIST () \"/\" \"odd{3}\"\r\n",
			[]string{"* LIST () \"/\" \"odd{3}\""}, "() \"/\" \"odd{3}\"", nil},
		{"an escaped quote does not close the string",
			"* LIST () \"/\" \"a\\\" {3}\"\r\n",
			[]string{"* LIST () \"/\" \"a\\\" {3}\""}, "() \"/\" \"a\\\" {3}\"", nil},
		{"a quoted string left open",
			"* LIST () \"/\" \"open {3}\r\n",
			[]string{"* LIST () \"/\" \"open {3}"}, "() \"/\" \"open {3}", []string{"quoted string"}},
		{"a status response has no literal",
			"* OK [ALERT] look {3}\r\n",
			[]string{"* OK [ALERT] look {3}"}, "look {3}", nil},
		{"a server's non-synchronizing literal",
			"* 1 FETCH (BODY[] {2+}\r\nab)\r\n",
			[]string{"* 1 FETCH (BODY[] {2+}", "ab)"}, "1 (BODY[] {2+}", []string{"{n+}"}},
		{"a size beyond counting",
			"* 1 FETCH (BODY[] {99999999999999999999}\r\n",
			[]string{"* 1 FETCH (BODY[] {99999999999999999999}"}, "1 (BODY[] {99999999999999999999}", []string{"too large"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newIMAPFramer()
			f.greeted = true
			replies := newIMAPReader(f).feed(tt.wire)
			if tt.lines == nil { // this one checks the count only
				if len(replies) != 1 || len(replies[0].Lines) != 2 || replies[0].Lines[1] != "&ZTZO9nux-" {
					t.Fatalf("replies %d: %q", len(replies), replies[0].Lines)
				}
				return
			}
			if len(replies) != 1 || f.Partial() != nil {
				t.Fatalf("%d replies, partial %q", len(replies), f.Partial())
			}
			r := replies[0]
			if !equalStrings(r.Lines, tt.lines) || r.Text != tt.text {
				t.Errorf("lines %q text %q, want %q %q", r.Lines, r.Text, tt.lines, tt.text)
			}
			if len(r.Problems) != len(tt.probs) {
				t.Fatalf("problems %q, want %d", r.Problems, len(tt.probs))
			}
			for _, p := range tt.probs {
				if !hasProblem(r, p) {
					t.Errorf("no problem saying %q in %q", p, r.Problems)
				}
			}
		})
	}
}

// TestIMAPResponseLines takes apart single response lines.
func TestIMAPResponseLines(t *testing.T) {
	tests := []struct {
		line, want string
		problem    string
	}{
		{"* OK [UIDVALIDITY 3857529045] UIDs valid", "* OK [UIDVALIDITY 3857529045] UIDs valid |  | pending | positive", ""},
		{"* NO [ALERT] disk full", "* NO [ALERT] disk full |  | pending | permanent", ""},
		{"* NO [OVERQUOTA] Sorry", "* NO [OVERQUOTA] Sorry |  | pending | transient", ""},
		{"* BAD what?", "* BAD what? |  | pending | permanent", ""},
		{"* BYE Autologout; idle for too long", "* BYE Autologout; idle for too long |  | pending | permanent", ""},
		{"* ok lower case", "* OK lower case |  | pending | positive", ""},
		{"* OK", "* OK |  | pending | positive", ""},
		{"* OK [ALERT]", "* OK [ALERT] |  | pending | positive", ""},
		{"* OK [ALERT no end", "* OK [ALERT no end] |  | pending | positive | 1 problems", "closing"},
		{"* 23 EXPUNGE", "* EXPUNGE 23 |  | pending | positive", ""},
		{"* 5 exists", "* EXISTS 5 |  | pending | positive", ""},
		{"* ENABLED CONDSTORE", "* ENABLED CONDSTORE |  | pending | positive", ""},
		{"* VANISHED (EARLIER) 41,43:116", "* VANISHED (EARLIER) 41,43:116 |  | pending | positive", ""},
		{"+", "+ + |  | pending | intermediate | 2 problems", "followed by a space"},
		{"+ go ahead", "+ + go ahead |  | pending | intermediate | 1 problems", "no command waits"},
		{"a1 OK done", "a1 OK done |  | pending | positive | 1 problems", "tag never sent: a1"},
		{"a1 NO [UNAVAILABLE] try later", "a1 NO [UNAVAILABLE] try later |  | pending | transient | 1 problems", "tag never sent"},
		{"a1 PREAUTH no", "  a1 PREAUTH no |  | pending | malformed | 1 problems", "a tag"},
		{"", "  |  | pending | malformed | 1 problems", "a tag"},
		{"*", "  * |  | pending | malformed | 1 problems", "a tag"},
		{"* 3", "  * 3 |  | pending | malformed | 1 problems", "a tag"},
		{"* (x)", "  * (x) |  | pending | malformed | 1 problems", "a tag"},
		{"a*1 OK x", "  a*1 OK x |  | pending | malformed | 1 problems", "a tag"},
	}
	for _, tt := range tests {
		f := newIMAPFramer()
		f.greeted = true
		r := f.Feed(tt.line, CRLF)
		if r == nil {
			t.Fatalf("%q: no reply", tt.line)
		}
		if got := summary(r); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.line, got, tt.want)
		}
		if tt.problem != "" && !hasProblem(r, tt.problem) {
			t.Errorf("%q: no problem saying %q in %q", tt.line, tt.problem, r.Problems)
		}
	}
}

func TestIMAPGreeting(t *testing.T) {
	tests := []struct {
		wire     string
		want     string
		loggedIn bool
		ended    bool
		problem  bool
	}{
		{"* OK IMAP4rev2 ready\r\n", "* OK IMAP4rev2 ready |  | positive", false, false, false},
		{"* PREAUTH welcome back\r\n", "* PREAUTH welcome back |  | positive", true, false, false},
		{"* BYE too busy\r\n", "* BYE too busy |  | permanent", false, true, false},
		{"* 3 EXISTS\r\n", "* EXISTS 3 |  | pending | positive | 1 problems", false, false, true},
		{"+ hi\r\n", "+ + hi |  | pending | intermediate | 2 problems", false, false, true},
	}
	for _, tt := range tests {
		f := newIMAPFramer()
		replies := newIMAPReader(f).feed(tt.wire)
		if len(replies) != 1 || summary(replies[0]) != tt.want {
			t.Errorf("%q: got %d replies, %s; want %s", tt.wire, len(replies), summary(replies[0]), tt.want)
			continue
		}
		st := f.State()
		if st.LoggedIn != tt.loggedIn || st.Ended != tt.ended || hasProblem(replies[0], "greeting") != tt.problem {
			t.Errorf("%q: state %+v, problems %q", tt.wire, st, replies[0].Problems)
		}
		if !tt.problem && st.Greeting != replies[0].Text {
			t.Errorf("%q: greeting %q", tt.wire, st.Greeting)
		}
	}
}
