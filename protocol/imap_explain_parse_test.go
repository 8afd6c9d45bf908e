package protocol

import (
	"strings"
	"testing"
)

func TestIMAPTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string // token texts; quoted ones in «», literals as they are
	}{
		{`(\HasNoChildren) "." INBOX`, []string{`(\HasNoChildren)`, "«.»", "INBOX"}},
		{`() NIL "Sent Mail"`, []string{"()", "NIL", "«Sent Mail»"}},
		{`"a \"quoted\" \\ name"`, []string{`«a "quoted" \ name»`}},
		{`(FLAGS (\Seen) BODY[HEADER.FIELDS (SUBJECT FROM)] {5}` + "\r\nab)c\r\n UID 1)", []string{`(FLAGS (\Seen) BODY[HEADER.FIELDS (SUBJECT FROM)] {5}` + "\r\nab)c\r\n UID 1)"}},
		{"BODY[] {3}\r\nxyz UID 2", []string{"BODY[]", "{3}", "UID", "2"}},
		{"BINARY[1] ~{2}\r\n\x00\x01 X", []string{"BINARY[1]", "~{2}", "X"}},
		{"LOGIN {7}", []string{"LOGIN", "{7}"}},
		{"APPEND x {310+}", []string{"APPEND", "x", "{310+}"}},
		{"{12} {x} ~{", []string{"{12}", "{x}", "~{"}},
		{"BODY[]<0> {99999999999}\r\nshort", []string{"BODY[]<0>", "{99999999999}"}},
		{`(unclosed "str`, []string{`(unclosed "str`}},
		{`"unclosed`, []string{"«unclosed»"}},
		{"a)b", []string{"a", ")", "b"}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range exTokens(tt.in) {
			if tok.quoted {
				got = append(got, "«"+tok.text+"»")
			} else {
				got = append(got, tok.text)
			}
		}
		if !equalStrings(got, tt.want) {
			t.Errorf("exTokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if items := exTokens(`("" "/")`)[0].items(); len(items) != 2 || items[1].text != "/" {
		t.Errorf("items of a list: %+v", items)
	}
	if exTokens(`"(x)"`)[0].items() != nil {
		t.Error("a quoted string has items")
	}
}

func TestAskedOf(t *testing.T) {
	tests := []struct {
		line, tag, verb, key, mailbox string
		uid                           bool
	}{
		{"a1 select INBOX", "a1", "SELECT", "SELECT", "INBOX", false},
		{`a2 SELECT "Sent Mail"`, "a2", "SELECT", "SELECT", "Sent Mail", false},
		{"a3 UID COPY 1:3 Archive", "a3", "COPY", "UID COPY", "Archive", true},
		{"a4 RENAME old new", "a4", "RENAME", "RENAME", "new", false},
		{"a5 SELECT {5}", "a5", "SELECT", "SELECT", "", false},
		{"a6 FETCH 1 FLAGS", "a6", "FETCH", "FETCH", "", false},
		{"a7 UID", "a7", "UID", "UID", "", false},
		{"a8", "", "", "", "", false},
		{"", "", "", "", "", false},
	}
	for _, tt := range tests {
		a := askedOf(tt.line)
		if a.tag != tt.tag || a.verb != tt.verb || a.key() != tt.key || a.mailbox() != tt.mailbox || a.uid != tt.uid {
			t.Errorf("askedOf(%q) = %+v (key %q, mailbox %q)", tt.line, a, a.key(), a.mailbox())
		}
	}
}

func TestIMAPSmallHelpers(t *testing.T) {
	for _, tt := range []struct {
		line string
		n    int64
	}{{"a APPEND x {310}", 310}, {"a LOGIN {7} ", 7}, {"a LOGIN x", -1}, {"a X {abc}", -1}, {"a X {-1}", -1}, {"a X {310+}", -1}} {
		if got := exLiteralAtEnd(tt.line); got != tt.n {
			t.Errorf("exLiteralAtEnd(%q) = %d, want %d", tt.line, got, tt.n)
		}
	}
	if got := fill("a %s b %s", "1"); got != "a 1 b ?" {
		t.Errorf("fill with a missing argument: %q", got)
	}
	if got := fill("no verbs", "1"); got != "no verbs" {
		t.Errorf("fill without verbs: %q", got)
	}
	if got := fill("%s", "50%", "x"); got != "50%" {
		t.Errorf("fill with an extra argument: %q", got)
	}
	if got := shown("a\x1b[31mb\x00c\u200bd"); got != "a?[31mb?c\u200bd" {
		t.Errorf("shown: %q", got)
	}
	if got := shown(strings.Repeat("x", 500)); len([]rune(got)) != maxShown+1 || !strings.HasSuffix(got, "…") {
		t.Errorf("shown of a long text: %d runes", len([]rune(got)))
	}
	for _, tt := range []struct{ in, want string }{{"INBOX", "INBOX"}, {"Sent Mail", `"Sent Mail"`}, {`a"b`, `"a\"b"`}, {"", `""`}, {"&ZTZO9nux-", "&ZTZO9nux-"}} {
		if got := exQuote(tt.in); got != tt.want {
			t.Errorf("exQuote(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ text, num, rest string }{{"3", "3", ""}, {"12 (FLAGS ())", "12", "(FLAGS ())"}, {"23 EXISTS", "23", ""}, {"x", "?", "x"}, {"", "?", ""}} {
		if num, rest := exLeadingNumber(tt.text, "EXISTS"); num != tt.num || rest != tt.rest {
			t.Errorf("exLeadingNumber(%q) = %q, %q", tt.text, num, rest)
		}
	}
}

func TestSplitRespCode(t *testing.T) {
	tests := []struct {
		rc, code string
		args     []string
	}{
		{"UIDVALIDITY 3857529045", "UIDVALIDITY", []string{"3857529045"}},
		{`permanentflags (\Deleted \Seen \*)`, "PERMANENTFLAGS", []string{`(\Deleted \Seen \*)`}},
		{"COPYUID 38505 304,319:320 3956:3958", "COPYUID", []string{"38505", "304,319:320", "3956:3958"}},
		{"APPENDUID 38505 3955", "APPENDUID", []string{"38505", "3955"}},
		{"READ-ONLY", "READ-ONLY", nil},
		{" ALERT ", "ALERT", nil},
		{"", "", nil},
	}
	for _, tt := range tests {
		code, args := exRespCode(tt.rc)
		if code != tt.code || !equalStrings(args, tt.args) {
			t.Errorf("exRespCode(%q) = %q, %q", tt.rc, code, args)
		}
	}
}

func TestAddRef(t *testing.T) {
	tests := []struct{ refs, more, want string }{
		{"RFC 9051 6.3.2", "RFC 9051 7.1", "RFC 9051 6.3.2, 7.1"},
		{"RFC 9051 7.1.1", "RFC 9051 7.1", "RFC 9051 7.1.1, 7.1"},
		{"RFC 9051 6.3.2, 7.1", "RFC 9051 7.1", "RFC 9051 6.3.2, 7.1"},
		{"RFC 9051 6.2.3", "RFC 5530 3", "RFC 9051 6.2.3, RFC 5530 3"},
		{"RFC 9051 6.4.8, RFC 6851 3", "RFC 9051 6.4.9", "RFC 9051 6.4.8, RFC 6851 3, RFC 9051 6.4.9"},
		{"RFC 9051 6.4.8, RFC 6851 3", "RFC 9051 6.4.8", "RFC 9051 6.4.8, RFC 6851 3"},
		{"RFC 9051 3", "", "RFC 9051 3"},
		{"", "RFC 4469", "RFC 4469"},
		{"RFC 9051 7.1.2", "RFC 4469", "RFC 9051 7.1.2, RFC 4469"},
	}
	for _, tt := range tests {
		if got := addRef(tt.refs, tt.more); got != tt.want {
			t.Errorf("addRef(%q, %q) = %q, want %q", tt.refs, tt.more, got, tt.want)
		}
	}
}

func TestSectionKey(t *testing.T) {
	tests := []struct {
		item, key string
		args      []string
	}{
		{"BODY[]", "FETCH BODY[]", nil},
		{"BODY[]<0>", "FETCH BODY[]", nil},
		{"BODY.PEEK[HEADER]", "FETCH BODY[HEADER]", nil},
		{"BODY[TEXT]", "FETCH BODY[TEXT]", nil},
		{"BODY[HEADER.FIELDS.NOT (TO)]", "FETCH BODY[HEADER.FIELDS]", nil},
		{"BODY[1.2]", "FETCH BODY[part]", []string{"1.2"}},
		{"BODY[3.HEADER]", "FETCH BODY[part]", []string{"3"}},
		{"BODY[2.MIME]", "FETCH BODY[MIME]", []string{"2"}},
		{"BODY[X]", "FETCH other", nil},
		{"BINARY[1]", "FETCH BINARY[]", nil},
		{"BINARY.SIZE[1]", "FETCH BINARY.SIZE", nil},
		{"XFOO[1]", "", nil},
		{"FLAGS", "", nil},
		{"BODY]x[", "", nil},
	}
	for _, tt := range tests {
		key, args := sectionKey(tt.item)
		if key != tt.key || !equalStrings(args, tt.args) {
			t.Errorf("sectionKey(%q) = %q, %q", tt.item, key, args)
		}
	}
}

// FuzzExplainIMAP explains arbitrary replies: it must never panic, and
// always say something in both languages.
func FuzzExplainIMAP(f *testing.F) {
	for _, c := range append(append([]explainCase(nil), imapStatusCases...), imapDataCases...) {
		f.Add(c.r.Tag, c.r.Status, c.r.RespCode, c.r.Text, c.r.Command, c.r.Pending, int(c.r.Tone))
	}
	f.Add("*", "FETCH", "", "1 (BODY[] {99999999999}\r\n", "a FETCH 1 BODY[]", true, 1)
	f.Add("*", "LIST", "", `((((`, `a LIST "" *`, true, 1)
	f.Add("+", "+", "", "%s%d%!", "a AUTHENTICATE", true, 2)
	f.Fuzz(func(t *testing.T, tag, status, code, text, command string, pending bool, tone int) {
		r := Reply{Protocol: IMAP, Tag: tag, Status: status, RespCode: code, Text: text, Command: command,
			Pending: pending, Tone: Tone(tone % 5), Before: exSelected}
		for _, lang := range Langs() {
			ex, err := explainIMAP(&r, lang)
			if err != nil || ex.Class == "" || ex.RFC == "" {
				t.Fatalf("%+v in %s: %+v, %v", r, lang, ex, err)
			}
		}
	})
}
