package protocol

import (
	"strings"
	"testing"
)

// TestIMAPPrompt follows a conversation through the states the prompt
// names, in both languages.
func TestIMAPPrompt(t *testing.T) {
	d, ok := Lookup(IMAP)
	if !ok {
		t.Fatal("no IMAP dialect")
	}
	p, ok := d.(Prompter)
	if !ok {
		t.Fatal("the IMAP dialect is not a Prompter")
	}
	k := newIMAPTalk(t, "* OK [CAPABILITY IMAP4rev1 SASL-IR LITERAL+ AUTH=PLAIN] ready\r\n")
	steps := []struct {
		send, recv string // a client line, then the server's bytes ("" for none)
		en, zh     string
	}{
		{"", "", "imap", "imap"},
		{"a1 AUTHENTICATE PLAIN", "+ \r\n", "imap sasl", "imap sasl"},
		{"AHN0dWRlbnQAc2VjcmV0MTIz", "a1 OK done\r\n", "imap auth", "imap auth"},
		{"a2 SELECT &ZTZO9nux-", "a2 OK [READ-WRITE] selected\r\n", "imap 收件箱", "imap 收件箱"},
		{"a3 EXAMINE inbox", "a3 OK [READ-ONLY] examined\r\n", "imap INBOX [ro]", "imap INBOX [ro]"},
		{"a4 APPEND INBOX {12}", "", "literal (12 bytes, waiting for the server's +)", "literal（12 字节，等服务器回 +）"},
		{"", "+ go ahead\r\n", "literal (12 bytes left)", "literal（还差 12 字节）"},
		{"Subject: x", "", "imap INBOX [ro]", "imap INBOX [ro]"},
		{"", "a4 OK appended\r\n", "imap INBOX [ro]", "imap INBOX [ro]"},
		{"a5 IDLE", "+ idling\r\n", "idle", "idle"},
		{"DONE", "a5 OK idle done\r\n", "imap INBOX [ro]", "imap INBOX [ro]"},
		{"a6 CLOSE", "a6 OK closed\r\n", "imap auth", "imap auth"},
	}
	for _, s := range steps {
		if s.send != "" {
			k.f.Expect(s.send)
		}
		if s.recv != "" {
			k.recv(s.recv)
		}
		st := k.f.State()
		if got := p.Prompt(st, English); got != s.en {
			t.Errorf("after %q %q: prompt %q, want %q", s.send, s.recv, got, s.en)
		}
		if got := p.Prompt(st, Chinese); got != s.zh {
			t.Errorf("after %q %q: Chinese prompt %q, want %q", s.send, s.recv, got, s.zh)
		}
	}
	k.f.TLSStarted()
	if got := p.Prompt(k.f.State(), English); got != "imap+tls" {
		t.Errorf("after STARTTLS: %q", got)
	}
	if got := p.Prompt(State{TLS: true, LoggedIn: true, Mailbox: "INBOX"}, English); got != "imap+tls INBOX" {
		t.Errorf("selected in TLS: %q", got)
	}
	if got := p.Prompt(State{Input: InputLiteral, Literal: 3}, "fr"); got != "literal (3 bytes left)" {
		t.Errorf("a language without texts: %q", got)
	}
}

func TestIMAPPromptTextsInEveryLanguage(t *testing.T) {
	for _, lang := range []Lang{English, Chinese} {
		tx, ok := imapPromptTexts[lang]
		if !ok || !strings.Contains(tx.literalLeft, "%d") || !strings.Contains(tx.literalWait, "%d") {
			t.Errorf("%s: prompt texts %+v", lang, tx)
		}
	}
}

func TestIMAPAppendLine(t *testing.T) {
	d, _ := Lookup(IMAP)
	a, ok := d.(Appender)
	if !ok {
		t.Fatal("the IMAP dialect is not an Appender")
	}
	tests := []struct {
		ext     []string
		size    int64
		want    string
		nonSync bool
	}{
		{nil, 310, "APPEND INBOX {310}", false},
		{[]string{"IMAP4rev1", "LITERAL+"}, 310, "APPEND INBOX {310+}", true},
		{[]string{"literal+"}, 1 << 20, "APPEND INBOX {1048576+}", true},
		{[]string{"LITERAL-"}, 4096, "APPEND INBOX {4096+}", true},
		{[]string{"LITERAL-"}, 4097, "APPEND INBOX {4097}", false},
	}
	for _, tt := range tests {
		line, nonSync := a.AppendLine("INBOX", tt.size, State{Extensions: tt.ext, Advertised: tt.ext != nil})
		if line != tt.want || nonSync != tt.nonSync {
			t.Errorf("AppendLine(%v, %d) = %q, %v; want %q, %v", tt.ext, tt.size, line, nonSync, tt.want, tt.nonSync)
		}
	}
}
