package protocol

import (
	"strings"
	"testing"
)

// The IMAP explanation tests build replies by hand, as the IMAP framer
// hands them out (see the IMAP brief): Tag, Status, RespCode, Text,
// Pending, Command, Before, and the tone the framer sets.

// exTransientCodes are the codes that make a NO transient (RFC 5530).
var exTransientCodes = map[string]bool{"UNAVAILABLE": true, "INUSE": true, "LIMIT": true,
	"OVERQUOTA": true, "EXPUNGEISSUED": true, "SERVERBUG": true}

// exTone is the tone the framer gives a status.
func exTone(status, code string) Tone {
	switch status {
	case "NO":
		if c, _, _ := strings.Cut(code, " "); exTransientCodes[c] {
			return ToneTransient
		}
		return TonePermanent
	case "BAD", "BYE":
		return TonePermanent
	case "+":
		return ToneIntermediate
	}
	return TonePositive
}

// exTagged is the completion of command (its first word is the tag).
func exTagged(status, code, text, command string, before State) Reply {
	tag, _, _ := strings.Cut(command, " ")
	return Reply{Protocol: IMAP, Tag: tag, Status: status, RespCode: code, Text: text, Command: command,
		Before: before, Tone: exTone(status, code)}
}

// exUntagged is untagged data or status while command is pending ("" for
// none: unsolicited).
func exUntagged(status, code, text, command string, before State) Reply {
	r := Reply{Protocol: IMAP, Tag: "*", Status: status, RespCode: code, Text: text, Command: command,
		Pending: true, Before: before, Tone: exTone(status, code)}
	if status == "BYE" && strings.Contains(strings.ToUpper(command), "LOGOUT") {
		r.Tone = TonePositive
	}
	return r
}

// exGreeting is the first response of a connection.
func exGreeting(status, code, text string) Reply {
	return Reply{Protocol: IMAP, Tag: "*", Status: status, RespCode: code, Text: text, Tone: exTone(status, code)}
}

// exContinuation is a "+" continuation request to command.
func exContinuation(text, command string, before State) Reply {
	return Reply{Protocol: IMAP, Tag: "+", Status: "+", Text: text, Command: command, Pending: true,
		Before: before, Tone: ToneIntermediate}
}

// The states replies arrive in.
var (
	exDovecotCaps = []string{"IMAP4rev1", "SASL-IR", "LOGIN-REFERRALS", "ID", "ENABLE", "IDLE", "LITERAL+", "STARTTLS", "AUTH=PLAIN", "AUTH=LOGIN", "AUTH=CRAM-MD5"}
	exNotAuth     = State{Extensions: exDovecotCaps, Advertised: true}
	exLoggedIn    = State{LoggedIn: true, Extensions: exDovecotCaps, Advertised: true}
	exSelected    = State{LoggedIn: true, Mailbox: "INBOX", Extensions: exDovecotCaps, Advertised: true}
	exExamined    = State{LoggedIn: true, Mailbox: "INBOX", ReadOnly: true, Extensions: exDovecotCaps, Advertised: true}
	exSelectedTLS = State{LoggedIn: true, Mailbox: "INBOX", TLS: true}
)

// explainedIMAP explains r in lang and fails the test on an error.
func explainedIMAP(t *testing.T, r Reply, lang Lang) Explanation {
	t.Helper()
	ex, err := explainIMAP(&r, lang)
	if err != nil {
		t.Fatalf("explainIMAP(%+v, %s): %v", r, lang, err)
	}
	if ex.Lang != lang {
		t.Errorf("Lang = %q, want %q", ex.Lang, lang)
	}
	return ex
}

// wantFragments checks that got holds every fragment; no fragment at all
// means got must be empty.
func wantFragments(t *testing.T, field, got string, fragments []string) {
	t.Helper()
	if len(fragments) == 0 {
		if got != "" {
			t.Errorf("%s = %q, want it empty", field, got)
		}
		return
	}
	for _, f := range fragments {
		if !strings.Contains(got, f) {
			t.Errorf("%s = %q, want it to hold %q", field, got, f)
		}
	}
}
