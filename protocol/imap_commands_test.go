package protocol

import (
	"errors"
	"strings"
	"testing"
)

// imapRequiredCommands are the IMAP4rev1 and IMAP4rev2 commands with
// IDLE, ID, NAMESPACE, MOVE, UNSELECT and ENABLE (issue 11).
var imapRequiredCommands = []string{"CAPABILITY", "NOOP", "LOGOUT", "STARTTLS", "AUTHENTICATE", "LOGIN",
	"ENABLE", "SELECT", "EXAMINE", "CREATE", "DELETE", "RENAME", "SUBSCRIBE", "UNSUBSCRIBE", "LIST", "LSUB",
	"NAMESPACE", "STATUS", "APPEND", "IDLE", "CHECK", "CLOSE", "UNSELECT", "EXPUNGE", "SEARCH", "FETCH",
	"STORE", "COPY", "MOVE", "UID", "ID"}

func TestIMAPCommandsCatalog(t *testing.T) {
	for _, lang := range Langs() {
		cmds, err := imapCommands(lang)
		if err != nil {
			t.Fatal(err)
		}
		byName := map[string]CommandInfo{}
		ends := 0
		for _, c := range cmds {
			if _, dup := byName[c.Name]; dup {
				t.Errorf("%s: %s listed twice", lang, c.Name)
			}
			byName[c.Name] = c
			if c.Protocol != IMAP || c.Meaning == "" || c.State == "" || !strings.HasPrefix(c.RFC, "RFC ") || c.Obsolete {
				t.Errorf("%s: %s is incomplete: %+v", lang, c.Name, c)
			}
			if !strings.HasPrefix(c.Syntax, c.Name) {
				t.Errorf("%s: syntax %q does not start with the command", c.Name, c.Syntax)
			}
			if c.Completion != "" && !strings.HasPrefix(c.Completion, c.Name+" ") {
				t.Errorf("%s: completion %q does not start with the command and a space", c.Name, c.Completion)
			}
			if c.Ends {
				ends++
				if c.Name != "LOGOUT" {
					t.Errorf("%s ends the session, not LOGOUT", c.Name)
				}
			}
			if _, ok := imapCatalogNeeds[c.Name]; !ok {
				t.Errorf("%s: no state in imapCatalogNeeds", c.Name)
			}
			if lang == Chinese && !hasHan(c.Meaning+c.State) {
				t.Errorf("%s: not in Chinese: %q / %q", c.Name, c.Meaning, c.State)
			}
		}
		if ends != 1 {
			t.Errorf("%s: %d commands end the session, want 1 (LOGOUT)", lang, ends)
		}
		for _, name := range imapRequiredCommands {
			if _, ok := byName[name]; !ok {
				t.Errorf("%s: %s is missing", lang, name)
			}
		}
		if len(cmds) != len(imapRequiredCommands) || len(imapCatalogNeeds) != len(cmds) {
			t.Errorf("%s: %d commands, %d states, want %d", lang, len(cmds), len(imapCatalogNeeds), len(imapRequiredCommands))
		}
	}
	if _, err := imapCommands("fr"); !errors.Is(err, ErrUnsupportedLang) {
		t.Errorf("French: %v, want ErrUnsupportedLang", err)
	}
}

// TestIMAPCommandTextsInBothLanguages keeps the texts and the catalog in
// step: every command has words in English and Chinese, and no words
// belong to no command.
func TestIMAPCommandTextsInBothLanguages(t *testing.T) {
	for lang, tx := range languages {
		if len(tx.commands[IMAP]) != len(imapCommandSpecs) {
			t.Errorf("%s: %d texts for %d commands", lang, len(tx.commands[IMAP]), len(imapCommandSpecs))
		}
		for _, s := range imapCommandSpecs {
			if txt := tx.commands[IMAP][s.name]; txt.Meaning == "" || txt.State == "" {
				t.Errorf("%s: %s has no text", lang, s.name)
			}
		}
	}
}

func TestIMAPCommandsTeachingOrder(t *testing.T) {
	cmds, _ := imapCommands(English)
	pos := map[string]int{}
	for i, c := range cmds {
		pos[c.Name] = i
	}
	order := []string{"CAPABILITY", "STARTTLS", "LOGIN", "LIST", "SELECT", "FETCH", "STORE", "EXPUNGE", "LOGOUT", "CREATE"}
	for i := 1; i < len(order); i++ {
		if pos[order[i-1]] > pos[order[i]] {
			t.Errorf("%s comes after %s", order[i-1], order[i])
		}
	}
}

func TestIMAPCommandsSyntaxAndSections(t *testing.T) {
	tests := []struct{ name, syntax, rfc, completion string }{
		{"SELECT", "SELECT <mailbox>", "RFC 9051 6.3.2", "SELECT INBOX"},
		{"FETCH", "FETCH <sequence-set> <items>", "RFC 9051 6.4.5", "FETCH 1 (FLAGS BODY.PEEK[HEADER])"},
		{"LOGIN", "LOGIN <user> <password>", "RFC 9051 6.2.3", ""},
		{"IDLE", "IDLE", "RFC 9051 6.3.13; RFC 2177 3", ""},
		{"LSUB", "LSUB <reference> <pattern>", "RFC 3501 6.3.9", `LSUB "" *`},
		{"CHECK", "CHECK", "RFC 3501 6.4.1", ""},
		{"ID", "ID (<field> <value> ...)", "RFC 2971 3.1", `ID ("name" "mailtutor")`},
		{"MOVE", "MOVE <sequence-set> <mailbox>", "RFC 9051 6.4.8; RFC 6851 3", ""},
		{"LOGOUT", "LOGOUT", "RFC 9051 6.1.3", ""},
	}
	cmds, _ := imapCommands(English)
	for _, tt := range tests {
		found := false
		for _, c := range cmds {
			if c.Name == tt.name {
				found = true
				if c.Syntax != tt.syntax || c.RFC != tt.rfc || c.Completion != tt.completion {
					t.Errorf("%s: %+v, want syntax %q rfc %q completion %q", tt.name, c, tt.syntax, tt.rfc, tt.completion)
				}
			}
		}
		if !found {
			t.Errorf("%s is not in the catalog", tt.name)
		}
	}
}

// TestIMAPRefusals checks how a NO or BAD is read from the state it
// arrived in and the command line (the refusal key), for the commands of
// each state.
func TestIMAPRefusals(t *testing.T) {
	tests := []struct {
		status, command string
		before          State
		want            string
	}{
		{"BAD", "a1 SELECT INBOX", exNotAuth, imapBeforeLogin},
		{"NO", "a1 LIST \"\" *", State{}, imapBeforeLogin},
		{"BAD", "a1 FETCH 1 FLAGS", exNotAuth, imapBeforeLogin},
		{"BAD", "a1 LOGIN a b", exLoggedIn, imapAfterLogin},
		{"BAD", "a1 AUTHENTICATE PLAIN", exSelected, imapAfterLogin},
		{"BAD", "a1 FETCH 1 FLAGS", exLoggedIn, imapNoMailbox},
		{"BAD", "a1 UID FETCH 1 FLAGS", exLoggedIn, imapNoMailbox},
		{"NO", `a1 STORE 1 +FLAGS (\Seen)`, exExamined, imapReadOnly},
		{"NO", "a1 EXPUNGE", exExamined, imapReadOnly},
		{"BAD", "a1 EXPUNGE", exExamined, ""},
		{"NO", "a1 FETCH 1 FLAGS", exExamined, ""},
		{"BAD", "a1 SELECT", exLoggedIn, imapMissingArg},
		{"BAD", "a1 STORE 1 +FLAGS", exSelected, imapMissingArg},
		{"BAD", "a1 STORE 1 +FLAGS (\\Seen)", exSelected, ""},
		{"BAD", "a1 LIST \"\"", exLoggedIn, imapMissingArg},
		{"BAD", "a1 SEARCH", exSelected, imapMissingArg},
		{"BAD", "a1 APPEND INBOX {310}", exLoggedIn, ""},
		{"BAD", "a1 LOGIN student <redacted>", exNotAuth, ""},
		{"BAD", "a1 ID NIL", exNotAuth, ""},
		{"BAD", "a1 UID", exSelected, imapMissingArg},
		{"BAD", "a1 XYZZY", exSelected, imapUnknownCmd},
		{"NO", "a1 XYZZY", exSelected, ""},
		{"BAD", "a1 CAPABILITY", State{}, ""},
		{"BAD", "", exSelected, ""},
	}
	for _, tt := range tests {
		r := exTagged(tt.status, "", "x", tt.command, tt.before)
		e := &imapExplainer{t: &english, x: &english.imap, r: &r, asked: askedOf(r.Command)}
		if got := e.refusal(tt.status); got != tt.want {
			t.Errorf("%s to %q: %q, want %q", tt.status, tt.command, got, tt.want)
		}
	}
}

// TestIMAPStateAfter checks the state a response leaves the session in
// (RFC 9051 3) and what it says is allowed next.
func TestIMAPStateAfter(t *testing.T) {
	tests := []struct {
		r        Reply
		state    string
		readOnly bool
		next     string
	}{
		{exGreeting("OK", "", "ready"), exStateNotAuth, false, "CAPABILITY shows"},
		{exGreeting("PREAUTH", "", "hi"), exStateAuth, false, "LIST"},
		{exTagged("OK", "", "", "a LOGIN u <redacted>", exNotAuth), exStateAuth, false, "SELECT INBOX opens one"},
		{exTagged("NO", "", "", "a LOGIN u <redacted>", exNotAuth), exStateNotAuth, false, ""},
		{exTagged("OK", "", "", "a SELECT Work", exLoggedIn), exStateSelected, false, `the mailbox "Work", SEARCH UNSEEN`},
		{exTagged("OK", "READ-ONLY", "", "a SELECT Work", exLoggedIn), exStateSelected, true, "SELECT it instead of EXAMINE"},
		{exTagged("OK", "", "", "a EXAMINE Work", exSelected), exStateSelected, true, `FETCH and SEARCH read the mailbox "Work"`},
		{exTagged("NO", "", "", "a SELECT Nope", exSelected), exStateAuth, false, ""},
		{exTagged("OK", "", "", "a CLOSE", exSelected), exStateAuth, false, "SELECT INBOX"},
		{exTagged("OK", "", "", "a UNSELECT", exSelected), exStateAuth, false, "SELECT INBOX"},
		{exTagged("OK", "", "", "a NOOP", exSelectedTLS), exStateSelected, false, "CLOSE or UNSELECT"},
		{exTagged("OK", "", "", "a LOGOUT", exSelected), exStateLogout, false, ""},
		{exUntagged("BYE", "", "", "a NOOP", exSelected), exStateLogout, false, "connect again"},
		{exUntagged("EXISTS", "", "2", "a SELECT x", exLoggedIn), exStateAuth, false, ""},
	}
	for _, tt := range tests {
		r := tt.r
		e := &imapExplainer{t: &english, x: &english.imap, r: &r, asked: askedOf(r.Command)}
		e.code, e.args = exRespCode(r.RespCode)
		p := e.after()
		if p.name != tt.state || p.readOnly != tt.readOnly {
			t.Errorf("%s %s to %q: %+v, want %s (read-only %v)", r.Tag, r.Status, r.Command, p, tt.state, tt.readOnly)
		}
		ex := explainedIMAP(t, r, English)
		if tt.next == "" && r.Tag != "*" && r.Status == "OK" && ex.Next != "" {
			t.Errorf("%s to %q: Next = %q, want none", r.Status, r.Command, ex.Next)
		}
		if tt.next != "" && !strings.Contains(ex.Next, tt.next) {
			t.Errorf("%s to %q: Next = %q, want it to hold %q", r.Status, r.Command, ex.Next, tt.next)
		}
	}
}
