package lab

import (
	"strings"
	"testing"
)

func FuzzPOP3Command(f *testing.F) {
	for _, seed := range []string{"STAT", "list 1", "TOP 1 10", "PASS a b c", "AUTH PLAIN =", "APOP u d", "", " ", "RETR\t1", "uidl  3 "} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		cmd, err := parsePOP3Command(line)
		if err != nil {
			return
		}
		syntax, known := pop3Commands[cmd.Verb]
		if !known || cmd.Verb != strings.ToUpper(cmd.Verb) {
			t.Fatalf("%q: accepted unknown verb %q", line, cmd.Verb)
		}
		if len(cmd.Args) < syntax.min || len(cmd.Args) > syntax.max {
			t.Fatalf("%q: %d arguments accepted for %s", line, len(cmd.Args), cmd.Verb)
		}
		for _, arg := range cmd.Args {
			if arg == "" || !syntax.rest && strings.ContainsAny(arg, " \t") {
				t.Fatalf("%q: bad argument %q", line, arg)
			}
		}
	})
}

func FuzzCRAMMD5Response(f *testing.F) {
	f.Add("tim b913a602c7eda7a495b4e6e7334d3890")
	f.Add("a b c 00000000000000000000000000000000")
	f.Add(" 00000000000000000000000000000000")
	f.Add("x zz")
	f.Fuzz(func(t *testing.T, response string) {
		login, digest, err := parseCRAMResponse(response)
		if err != nil {
			return
		}
		if login == "" || len(digest) != 32 || digest != strings.ToLower(digest) {
			t.Fatalf("%q: login %q digest %q", response, login, digest)
		}
		if !strings.EqualFold(login+" "+digest, response) {
			t.Fatalf("%q does not split into %q and %q", response, login, digest)
		}
	})
}

func FuzzSMTPPath(f *testing.F) {
	for _, seed := range []string{"FROM:<a@b.test>", "FROM:<> SIZE=1", "TO:<@r:u@d>", "TO:x", "TO:<", "FROM: <学生@b> SMTPUTF8"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, arg string) {
		for _, keyword := range []string{"FROM:", "TO:"} {
			path, err := parsePath(arg, keyword)
			if err != nil {
				continue
			}
			if !validAddress(path.Address) || strings.ContainsAny(path.Address, "<> \r\n") {
				t.Fatalf("%q: accepted address %q", arg, path.Address)
			}
			for _, p := range path.Params {
				if p == "" || strings.ContainsAny(p, " \t\r\n") {
					t.Fatalf("%q: bad parameter %q", arg, p)
				}
			}
		}
	})
}

func FuzzSASLLogin(f *testing.F) {
	f.Add([]byte("student"), []byte("secret123"), true)
	f.Add([]byte{}, []byte{0}, false)
	f.Fuzz(func(t *testing.T, user, password []byte, initial bool) {
		acc := &accounts{domain: "example.test", passwords: map[string]string{"student": "secret123"}}
		var name string
		srv, _ := newSASLServer("LOGIN", acc, "h", &name)
		var first []byte
		answers := [][]byte{user, password}
		if initial {
			first, answers = append([]byte{}, user...), answers[1:] // never nil: nil means "no initial response"
		}
		err := runSASL(srv, first, func([]byte) ([]byte, error) {
			if len(answers) == 0 {
				t.Fatal("LOGIN asked more than user and password")
			}
			next := answers[0]
			answers = answers[1:]
			return next, nil
		})
		_, shouldPass := acc.check(string(user), string(password))
		if (err == nil) != shouldPass || shouldPass && name != "student" {
			t.Fatalf("user %q password %q: err %v name %q", user, password, err, name)
		}
	})
}
