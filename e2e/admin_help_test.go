package e2e

import (
	"strings"
	"testing"
)

// advertised runs a script on a server and returns the keywords its
// EHLO, CAPA or CAPABILITY replies listed, as the output shows them.
func advertised(t *testing.T, proto, url string, script []string, args ...string) []string {
	t.Helper()
	all := append([]string{"connect", "--no-color", "--timeout", "10s"}, args...)
	res := runMailtutor(t, scriptOf(script...), append(all, url)...)
	if res.code != 0 {
		t.Fatalf("%s: exit status %d", url, res.code)
	}
	seen := map[string]bool{}
	var words []string
	add := func(w string) {
		if w != "" && !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	capa := false // inside a CAPA reply's body
	for _, l := range serverLines(res.stdout) {
		switch proto {
		case "smtp":
			if (strings.HasPrefix(l, "250-") || strings.HasPrefix(l, "250 ")) && !strings.Contains(l, ".") {
				add(strings.Fields(l[4:])[0])
			}
		case "pop3":
			switch {
			case l == "+OK" || strings.HasPrefix(l, "+OK Capability"):
				capa = true
			case l == ".":
				capa = false
			case capa && !strings.HasPrefix(l, "+OK"):
				add(strings.Fields(l)[0])
			}
		case "imap":
			if rest, ok := strings.CutPrefix(l, "* CAPABILITY "); ok {
				for _, w := range strings.Fields(rest) {
					add(w)
				}
			}
		}
	}
	if len(words) < 5 {
		t.Fatalf("%s advertised only %q", url, words)
	}
	return words
}

// TestExplainEveryAdvertisedKeyword: every keyword the real Postfix and
// Dovecot advertise, before and after TLS and login, is explained by
// `mailtutor explain` (as by :help) in English and in Chinese.
func TestExplainEveryAdvertisedKeyword(t *testing.T) {
	s := needServers(t)
	sets := map[string][]string{
		"smtp": append(advertised(t, "smtp", s.smtp, []string{"EHLO e2e.example.test", "QUIT"}),
			advertised(t, "smtp", s.submission, []string{"EHLO e2e.example.test", "STARTTLS", "EHLO e2e.example.test", "QUIT"}, "--ca", s.ca)...),
		"pop3": append(advertised(t, "pop3", s.pop3, []string{"CAPA", "QUIT"}),
			advertised(t, "pop3", s.pop3s, []string{"USER " + s.user, "PASS " + s.pass, "CAPA", "QUIT"}, "--ca", s.ca)...),
		"imap": append(advertised(t, "imap", s.imap, []string{"CAPABILITY", "LOGOUT"}),
			advertised(t, "imap", s.imaps, []string{":login " + s.user + " " + s.pass, "CAPABILITY", "LOGOUT"}, "--ca", s.ca)...),
	}
	for _, want := range []string{"ETRN", "VRFY", "DSN", "SMTPUTF8", "CHUNKING", "PIPELINING", "SIZE", "8BITMIME", "ENHANCEDSTATUSCODES"} {
		if !strings.Contains(strings.Join(sets["smtp"], " "), want) {
			t.Errorf("Postfix did not advertise %s: %q", want, sets["smtp"])
		}
	}
	for proto, words := range sets {
		t.Logf("%s: %d keywords advertised: %s", proto, len(words), strings.Join(words, " "))
		for _, w := range words {
			for _, lang := range []string{"en", "zh"} {
				res := runMailtutor(t, "", "explain", "--lang", lang, "--protocol", proto, w)
				if res.code != 0 || !strings.Contains(res.stdout, strings.ToUpper(w)) {
					t.Errorf("explain --lang %s --protocol %s %s: exit %d\n%s", lang, proto, w, res.code, res.stdout)
				}
			}
		}
	}
}

// TestExplainCodes: the codes an administrator meets, without a server.
func TestExplainCodes(t *testing.T) {
	needServers(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"550"}, "550  (SMTP, RFC 5321 4.2.3)"},
		{[]string{"5.7.1"}, "5.7.1 delivery not authorized"},
		{[]string{"-ERR", "[IN-USE]"}, "[IN-USE]: the mailbox is locked"},
		{[]string{"NO", "[TRYCREATE]"}, "[TRYCREATE] the target mailbox does not exist"},
		{[]string{"--lang", "zh", "550"}, "550（SMTP，RFC 5321 第 4.2.3 节）"},
	}
	for _, tt := range tests {
		res := runMailtutor(t, "", append([]string{"explain"}, tt.args...)...)
		if res.code != 0 || !strings.Contains(res.stdout, tt.want) {
			t.Errorf("explain %q: exit %d, output lacks %q:\n%s", tt.args, res.code, tt.want, res.stdout)
		}
	}
	if res := runMailtutor(t, "", "explain", "NOTHING-KNOWN"); res.code != 1 {
		t.Errorf("explain of an unknown topic: exit %d, want 1", res.code)
	}
}
