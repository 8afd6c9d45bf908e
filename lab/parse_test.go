package lab

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"maps"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mailtutor/mailtutor/protocol"
)

func TestParsePath(t *testing.T) {
	tests := []struct {
		arg, keyword string
		want         smtpPath
		wantErr      bool
	}{
		{"FROM:<a@b.test>", "FROM:", smtpPath{Address: "a@b.test"}, false},
		{"from: <a@b.test> SIZE=10 BODY=8BITMIME", "FROM:", smtpPath{"a@b.test", []string{"SIZE=10", "BODY=8BITMIME"}}, false},
		{"FROM:<>", "FROM:", smtpPath{Address: ""}, false},
		{"FROM:a@b.test", "FROM:", smtpPath{Address: "a@b.test"}, false},
		{"TO:<@relay.test,@r2.test:user@example.test>", "TO:", smtpPath{Address: "user@example.test"}, false},
		{"TO:<postmaster>", "TO:", smtpPath{Address: "postmaster"}, false},
		{"TO:<学生@example.test>", "TO:", smtpPath{Address: "学生@example.test"}, false},
		{"TO:<a@b.test>x", "TO:", smtpPath{}, true},
		{"TO:<a@b.test", "TO:", smtpPath{}, true},
		{"TO:", "TO:", smtpPath{}, true},
		{"TO<a@b.test>", "TO:", smtpPath{}, true},
		{"FROM:<a@b.test>", "TO:", smtpPath{}, true},
		{"TO:<a b@c.test>", "TO:", smtpPath{}, true},
		{"TO:<a@>", "TO:", smtpPath{}, true},
		{"TO:<@b.test>", "TO:", smtpPath{}, true},
		{"TO:<a\x01@b.test>", "TO:", smtpPath{}, true},
		{"TO:<\xff@b.test>", "TO:", smtpPath{}, true},
	}
	for _, tt := range tests {
		got, err := parsePath(tt.arg, tt.keyword)
		if (err != nil) != tt.wantErr {
			t.Errorf("%q: err %v", tt.arg, err)
			continue
		}
		if got.Address != tt.want.Address || !slices.Equal(got.Params, tt.want.Params) {
			t.Errorf("%q: got %+v, want %+v", tt.arg, got, tt.want)
		}
	}
}

func TestParsePOP3Command(t *testing.T) {
	tests := []struct {
		line    string
		want    pop3Command
		wantErr error
	}{
		{"stat", pop3Command{Verb: "STAT"}, nil},
		{"LIST 2", pop3Command{"LIST", []string{"2"}}, nil},
		{"TOP 1 10", pop3Command{"TOP", []string{"1", "10"}}, nil},
		{"PASS my secret  pass", pop3Command{"PASS", []string{"my secret  pass"}}, nil},
		{"AUTH PLAIN AHN0dWRlbnQAc2VjcmV0MTIz", pop3Command{"AUTH", []string{"PLAIN", "AHN0dWRlbnQAc2VjcmV0MTIz"}}, nil},
		{"XTND XMIT", pop3Command{Verb: "XTND"}, errPOP3Unknown},
		{"", pop3Command{}, errPOP3Unknown},
		{"TOP 1", pop3Command{"TOP", []string{"1"}}, pop3SyntaxError{"TOP <msg> <n>"}},
		{"STAT now", pop3Command{"STAT", []string{"now"}}, pop3SyntaxError{"STAT"}},
		{"PASS", pop3Command{Verb: "PASS"}, pop3SyntaxError{"PASS <string>"}},
	}
	for _, tt := range tests {
		got, err := parsePOP3Command(tt.line)
		if !errors.Is(err, tt.wantErr) || got.Verb != tt.want.Verb || !slices.Equal(got.Args, tt.want.Args) {
			t.Errorf("%q: %+v %v, want %+v %v", tt.line, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestTopOf(t *testing.T) {
	msg := []byte("A: 1\r\nB: 2\r\n\r\none\r\ntwo\r\nthree\r\n")
	tests := []struct {
		lines int
		want  string
	}{
		{0, "A: 1\r\nB: 2\r\n\r\n"},
		{1, "A: 1\r\nB: 2\r\n\r\none\r\n"},
		{3, string(msg)},
		{100, string(msg)},
	}
	for _, tt := range tests {
		if got := topOf(msg, tt.lines); got != tt.want {
			t.Errorf("TOP %d: %q, want %q", tt.lines, got, tt.want)
		}
	}
	if got := topOf([]byte("A: header only\r\n"), 5); got != "A: header only\r\n" {
		t.Errorf("header-only message: %q", got)
	}
	if got := topOf([]byte(".A: 1\r\n\r\n.x\r\n.y\r\n"), 1); got != "..A: 1\r\n\r\n..x\r\n" {
		t.Errorf("stuffed TOP: %q", got)
	}
}

// topOf is what writeDotStuffedFrom sends for TOP, without the final ".".
func topOf(msg []byte, lines int) string {
	var out bytes.Buffer
	w := &wire{w: bufio.NewWriter(&out)}
	if err := w.writeDotStuffedFrom(bytes.NewReader(msg), lines); err != nil {
		return err.Error()
	}
	_ = w.w.Flush()
	return strings.TrimSuffix(out.String(), ".\r\n")
}

// pipeWire returns a wire whose client end the test writes to.
func pipeWire(t *testing.T) (*wire, net.Conn) {
	t.Helper()
	server, client := net.Pipe()
	t.Cleanup(func() { server.Close(); client.Close() })
	return newWire(server, server, false, 5*time.Second), client
}

func TestReadData(t *testing.T) {
	tests := []struct {
		name    string
		wire    string
		max     int64
		want    string
		tooBig  bool
		wantErr bool
	}{
		{"plain", "a\r\nb\r\n.\r\n", 100, "a\r\nb\r\n", false, false},
		{"dot-stuffed", "..x\r\n..\r\n...\r\n.\r\n", 100, ".x\r\n.\r\n..\r\n", false, false},
		{"bare LF stored as CRLF", "a\nb\r\n.\r\n", 100, "a\r\nb\r\n", false, false},
		{"lone dot with bare LF is data", ".\nz\r\n.\r\n", 100, ".\r\nz\r\n", false, false},
		{"empty body", ".\r\n", 100, "", false, false},
		{"exactly the limit", "12345678\r\n.\r\n", 10, "12345678\r\n", false, false},
		{"over the limit", "123456789\r\n.\r\n", 10, "", true, false},
		{"one long line over the limit", strings.Repeat("x", 50) + "\r\nok\r\n.\r\n", 10, "", true, false},
		{"connection lost", "a\r\nb", 100, "", false, true},
		{"long lines across chunks", ".." + strings.Repeat("y", 5000) + "\r\n" + strings.Repeat("z", 4095) + "\r\r\n.\r\n", 1 << 20,
			"." + strings.Repeat("y", 5000) + "\r\n" + strings.Repeat("z", 4095) + "\r\r\n", false, false},
		{"CR at a chunk edge", strings.Repeat("w", 4095) + "\r\n.\r\n", 1 << 20, strings.Repeat("w", 4095) + "\r\n", false, false},
		// SMTP smuggling: only CRLF "." CRLF ends the body.
		{"dot after a bare LF is data", "a\n.\r\nMAIL FROM:<x@y>\r\n.\r\n", 100, "a\r\n.\r\nMAIL FROM:<x@y>\r\n", false, false},
		{"dot after a bare CR is data", "a\r.\r\nb\r\n.\r\n", 100, "a\r.\r\nb\r\n", false, false},
		{"dot ended by a bare LF is data", "a\r\n.\nb\r\n.\r\n", 100, "a\r\n.\r\nb\r\n", false, false},
		{"dot then CR CR LF is a stuffed line", "a\r\n.\r\r\n.\r\n", 100, "a\r\n\r\r\n", false, false},
		{"CRLF split across chunks then dot ends", strings.Repeat("v", 4095) + "\r\n.\r\n", 1 << 20, strings.Repeat("v", 4095) + "\r\n", false, false},
		{"bare LF split across chunks then dot is data", strings.Repeat("u", 4096) + "\n.\r\n.\r\n", 1 << 20, strings.Repeat("u", 4096) + "\r\n.\r\n", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, client := pipeWire(t)
			go func() {
				_, _ = client.Write([]byte(tt.wire))
				if tt.wantErr {
					_ = client.Close() // the client goes away mid-message
				}
			}()
			var out bytes.Buffer
			size, tooBig, err := readData(w, tt.max, &out, false)
			got := out.String()
			if !tooBig && !tt.wantErr && size != int64(len(got)) {
				t.Errorf("size %d, wrote %d", size, len(got))
			}
			if (err != nil) != tt.wantErr || tooBig != tt.tooBig || !tt.wantErr && !tooBig && got != tt.want {
				t.Errorf("got %q tooBig=%v err=%v, want %q tooBig=%v", got, tooBig, err, tt.want, tt.tooBig)
			}
		})
	}
}

func TestReadDataRejectsBareLF(t *testing.T) {
	tests := []struct {
		name, wire string
		wantErr    error
	}{
		{"CRLF only", "a\r\nb\r\n.\r\n", nil},
		{"a bare LF line", "a\nb\r\n.\r\n", errBareLF},
		{"the smuggling sequence", "a\r\nx\n.\r\nMAIL FROM:<x@y>\r\n.\r\n", errBareLF},
		{"CRLF split across chunks", strings.Repeat("v", 4095) + "\r\n.\r\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, client := pipeWire(t)
			go func() { _, _ = client.Write([]byte(tt.wire)) }()
			_, _, err := readData(w, 1<<20, io.Discard, true)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("err %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestWriteDotStuffed(t *testing.T) {
	tests := []struct{ data, want string }{
		{"a\r\n.b\r\n.\r\n", "a\r\n..b\r\n..\r\n.\r\n"},
		{"", ".\r\n"},
		{"no final newline", "no final newline\r\n.\r\n"},
		{"bare\nLF\n", "bare\r\nLF\r\n.\r\n"},
		{"cr at end\r", "cr at end\r\n.\r\n"},
		{strings.Repeat("v", dataChunk-1) + "\r\n." + strings.Repeat("u", 2*dataChunk), strings.Repeat("v", dataChunk-1) + "\r\n.." + strings.Repeat("u", 2*dataChunk) + "\r\n.\r\n"},
		{strings.Repeat("t", dataChunk-1) + "\rx\n", strings.Repeat("t", dataChunk-1) + "\rx\r\n.\r\n"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		w := &wire{w: bufio.NewWriter(&out)}
		w.writeDotStuffed([]byte(tt.data))
		_ = w.w.Flush()
		if out.String() != tt.want {
			t.Errorf("%q: wrote %q, want %q", tt.data, out.String(), tt.want)
		}
	}
}

func TestAccounts(t *testing.T) {
	acc := &accounts{domain: "example.test", passwords: map[string]string{"student": "pw"}}
	tests := []struct {
		login    string
		password string
		ok       bool
	}{
		{"student", "pw", true}, {"STUDENT@EXAMPLE.TEST", "pw", true}, {"student@other.test", "pw", false},
		{"student", "PW", false}, {"student", "", false}, {"nobody", "pw", false}, {"@example.test", "pw", false},
		{"student@example.test@x", "pw", false},
	}
	for _, tt := range tests {
		if user, ok := acc.check(tt.login, tt.password); ok != tt.ok || ok && user != "student" {
			t.Errorf("check(%q, %q) = %q, %v", tt.login, tt.password, user, ok)
		}
	}
	for address, local := range map[string]bool{"a@example.test": true, "a@EXAMPLE.test": true, "postmaster": true, "a@other.test": false, "a@sub.example.test": false} {
		if acc.isLocalDomain(address) != local {
			t.Errorf("isLocalDomain(%q) != %v", address, local)
		}
	}
}

// TestPOP3SyntaxFromCatalog pins the argument counts the lab reads from
// protocol's POP3 catalog, so that an edit of a syntax line there that
// would change what the lab accepts fails here, and checks that the lab
// handles exactly the catalog's commands.
func TestPOP3SyntaxFromCatalog(t *testing.T) {
	want := map[string]pop3Syntax{
		"CAPA": {0, 0, "CAPA", false}, "STLS": {0, 0, "STLS", false},
		"USER": {1, 1, "USER <name>", false}, "PASS": {1, 1, "PASS <string>", true},
		"APOP": {2, 2, "APOP <name> <digest>", false},
		"AUTH": {0, 2, "AUTH [<mechanism> [SP <initial-response>]]", false},
		"STAT": {0, 0, "STAT", false}, "LIST": {0, 1, "LIST [<msg>]", false}, "UIDL": {0, 1, "UIDL [<msg>]", false},
		"RETR": {1, 1, "RETR <msg>", false}, "TOP": {2, 2, "TOP <msg> <n>", false}, "DELE": {1, 1, "DELE <msg>", false},
		"RSET": {0, 0, "RSET", false}, "NOOP": {0, 0, "NOOP", false}, "QUIT": {0, 0, "QUIT", false},
	}
	if !maps.Equal(pop3Commands, want) {
		t.Errorf("POP3 syntax read from the catalog:\n got %+v\nwant %+v", pop3Commands, want)
	}
	var catalog []string
	for _, c := range protocol.Commands(protocol.POP3) {
		catalog = append(catalog, c.Name)
	}
	handled := slices.Sorted(maps.Keys(pop3Verbs()))
	if slices.Sort(catalog); !slices.Equal(catalog, handled) {
		t.Errorf("the catalog lists %q, the lab handles %q", catalog, handled)
	}
}

func TestArity(t *testing.T) {
	tests := []struct {
		syntax string
		lo, hi int
	}{
		{"QUIT", 0, 0},
		{"RETR <msg>", 1, 1},
		{"TOP <msg> <n>", 2, 2},
		{"LIST [<msg>]", 0, 1},
		{"AUTH [<mechanism> [SP <initial-response>]]", 0, 2},
		{"AUTH <mechanism> [SP <initial-response>]", 1, 2},
	}
	for _, tt := range tests {
		if lo, hi := arity(tt.syntax); lo != tt.lo || hi != tt.hi {
			t.Errorf("arity(%q) = %d, %d, want %d, %d", tt.syntax, lo, hi, tt.lo, tt.hi)
		}
	}
}
