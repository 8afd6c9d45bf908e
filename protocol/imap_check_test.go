package protocol

import (
	"strings"
	"testing"
)

func TestIMAPCheck(t *testing.T) {
	out := State{}
	in := State{LoggedIn: true, Advertised: true, Extensions: []string{"IMAP4rev1", "LITERAL+"}}
	selected := in
	selected.Mailbox = "INBOX"
	noPlus := State{LoggedIn: true, Advertised: true, Extensions: []string{"IMAP4rev1", "LITERAL-"}}
	tests := []struct {
		name, line string
		st         State
		en, zh     []string // one fragment per warning
	}{
		{"a good command", "a1 LOGIN student secret", out, nil, nil},
		{"no tag", "LOGIN student secret", out, []string{"has no tag", "a1 LOGIN student secret"}, []string{"没有标签"}},
		{"select before login", "a1 SELECT INBOX", out, []string{"after logging in"}, []string{"登录后"}},
		{"fetch without a mailbox", "a2 FETCH 1 BODY[]", in, []string{"selected mailbox"}, []string{"选中"}},
		{"fetch in a mailbox", "a2 FETCH 1 BODY[]", selected, nil, nil},
		{"uid fetch without login", "a2 UID FETCH 1 FLAGS", out, []string{"after logging in"}, []string{"登录后"}},
		{"login twice", "a3 LOGIN a b", in, []string{"already logged in"}, []string{"已经登录"}},
		{"starttls in tls", "a1 STARTTLS", State{TLS: true}, []string{"already encrypted"}, []string{"已经加密"}},
		{"login disabled", "a1 LOGIN a b", State{Advertised: true, Extensions: []string{"LOGINDISABLED"}}, []string{"LOGINDISABLED"}, []string{"LOGINDISABLED"}},
		{"missing arguments", "a1 LOGIN student", out, []string{"LOGIN needs more arguments", "<password>"}, []string{"缺少参数"}},
		{"the rest after a literal", "a1 LOGIN {7}", out, nil, nil},
		{"a fetch without items", "a1 FETCH 1", selected, []string{"FETCH needs more"}, []string{"FETCH 缺少"}},
		{"literal+ offered", "a1 APPEND INBOX {5000+}", in, nil, nil},
		{"literal- up to 4096", "a1 APPEND INBOX {4096+}", noPlus, nil, nil},
		{"literal- over 4096", "a1 APPEND INBOX {4097+}", noPlus, []string{"{4097+}", "LITERAL+"}, []string{"{4097+}", "非同步"}},
		{"too long", "a1 SEARCH TEXT " + strings.Repeat("x", 8000), selected, []string{"8017 octets", "RFC 2683"}, []string{"8017 字节"}},
		{"not DONE while idling", "a2 NOOP", State{Input: InputIdle, LoggedIn: true}, []string{"only DONE"}, []string{"只有 DONE"}},
		{"DONE while idling", "done", State{Input: InputIdle}, nil, nil},
		{"a SASL answer", "LOGIN x", State{Input: InputSASL}, nil, nil},
		{"literal text within the count", "Hello", State{Input: InputLiteral, Literal: 7, Continuing: "a1 APPEND INBOX {7}"}, nil, nil},
		{"literal text past the count", "student secret", State{Input: InputLiteral, Literal: 7, Continuing: "a1 LOGIN {7}"},
			[]string{"16 bytes", "only 7", `" secret"`}, []string{"16 字节", "只剩 7"}},
		{"the rest of a command line", "LOGIN", State{Continuing: "a1 LOGIN {7}"}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, lang := range []struct {
				lang  Lang
				frags []string
			}{{English, tt.en}, {Chinese, tt.zh}} {
				got := imapDialect{}.Check(tt.line, tt.st, lang.lang)
				if (len(got) == 0) != (len(lang.frags) == 0) {
					t.Fatalf("%s: warnings %q, want %q", lang.lang, got, lang.frags)
				}
				all := strings.Join(got, "\n")
				for _, f := range lang.frags {
					if !strings.Contains(all, f) {
						t.Errorf("%s: %q does not say %q", lang.lang, all, f)
					}
				}
			}
		})
	}
	if w := checkIMAP("a1 NOOP", State{}, "fr"); w != nil {
		t.Errorf("an unknown language gave %q", w)
	}
}

// TestIMAPTextsInBothLanguages: every IMAP problem and warning has its
// Chinese text (the parity test checks the rest of the tables).
func TestIMAPTextsInBothLanguages(t *testing.T) {
	for k := range enIMAPProblems {
		if english.problems[k] == "" || chinese.problems[k] == "" {
			t.Errorf("problem %d is missing a language", k)
		}
	}
	for k := range enIMAPChecks {
		if chinese.checks[k] == "" {
			t.Errorf("check %q has no Chinese", k)
		}
	}
	f := newIMAPFramer()
	r := f.Feed("a9 OK what", CRLF)
	zh, err := ProblemsIn(r, Chinese)
	if err != nil || len(zh) != 2 || !strings.Contains(zh[1], "从没发送过这个标签") {
		t.Errorf("Chinese problems %q, %v", zh, err)
	}
}

func TestIMAPDialect(t *testing.T) {
	d, ok := Lookup(IMAP)
	if !ok {
		t.Fatal("no IMAP dialect")
	}
	for name, want := range map[string]Scheme{
		"imap":  {Name: "imap", Protocol: IMAP, Port: 143, LabPort: 1143, Role: RoleMailbox},
		"IMAPS": {Name: "imaps", Protocol: IMAP, Port: 993, ImplicitTLS: true, LabPort: 1993, Role: RoleMailbox},
	} {
		if s, ok := SchemeNamed(name); !ok || s != want {
			t.Errorf("SchemeNamed(%q) = %+v, want %+v (the lab serves IMAP on 1143 and 1993)", name, s, want)
		}
	}
	if d.Auth() != (AuthSyntax{SASLVerb: "AUTHENTICATE"}) || d.Body() != nil {
		t.Errorf("Auth %+v, Body %v", d.Auth(), d.Body())
	}
	f := d.NewFramer()
	if _, ok := f.(LiteralFramer); !ok {
		t.Error("the IMAP framer reads no literals")
	}
	if _, ok := f.(Tagger); !ok {
		t.Error("the IMAP framer tags nothing")
	}
	if f := NewFramer(IMAP); f.State().Input != InputCommand {
		t.Error("NewFramer(IMAP)")
	}
	r := f.Feed("* OK hi", CRLF)
	for _, lang := range Langs() {
		if ex, err := d.Explain(r, lang); err != nil || ex.Class == "" {
			t.Errorf("%s: %+v, %v", lang, ex, err)
		}
	}
}
