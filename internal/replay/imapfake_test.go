package replay_test

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// fakeIMAP is a small IMAP server on 127.0.0.1:0 for the replay tests
// (the practice lab serves no IMAP yet): enough of RFC 9051 for a login
// (atom, quoted or literal password, AUTHENTICATE PLAIN), SELECT, a FETCH
// of one message whose literal holds bare CR and LF, NOOP and LOGOUT. It
// answers each command with the tag it came with, and keeps the tags.
type fakeIMAP struct {
	fakeConfig
	mu   sync.Mutex
	tags []string
}

// fakeConfig is what a fakeIMAP answers.
type fakeConfig struct {
	Password    string
	UIDValidity int
	Exists      int
	Body        string // message 1
	FetchNO     bool   // FETCH fails
}

// Tricky is a message whose literal has a bare LF, a bare CR, a CR at the
// end of a line and no line end at its end.
const tricky = "Subject: tricky\r\n\r\nbare\nLF, bare\rCR, CR at the end\r\r\nno end"

func (f *fakeIMAP) start(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go f.serve(c)
		}
	}()
	return "imap://" + ln.Addr().String()
}

// Tags are the tags of the commands received, in order.
func (f *fakeIMAP) Tags() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.tags...)
}

type fakeConn struct {
	r *bufio.Reader
	w *bufio.Writer
}

func (c *fakeConn) send(format string, args ...any) {
	fmt.Fprintf(c.w, format+"\r\n", args...)
	c.w.Flush()
}

// command reads one command line, literals included (a synchronizing one
// is asked for with "+"), and returns its words: an atom, a quoted string
// unquoted, or a literal's bytes.
func (c *fakeConn) command() ([]string, error) {
	var words []string
	for {
		line, err := c.r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		n, sync, rest := literalAtEnd(line)
		words = append(words, splitWords(rest)...)
		if n < 0 {
			return words, nil
		}
		if sync {
			c.send("+ go ahead")
		}
		lit := make([]byte, n)
		if _, err := io.ReadFull(c.r, lit); err != nil {
			return nil, err
		}
		words = append(words, string(lit))
	}
}

// literalAtEnd finds "{n}" or "{n+}" at the end of a line.
func literalAtEnd(line string) (n int, sync bool, rest string) {
	i := strings.LastIndexByte(line, '{')
	if i < 0 || !strings.HasSuffix(line, "}") {
		return -1, false, line
	}
	num := strings.TrimSuffix(line[i+1:len(line)-1], "+")
	v, err := strconv.Atoi(num)
	if err != nil {
		return -1, false, line
	}
	return v, !strings.HasSuffix(line, "+}"), line[:i]
}

func splitWords(s string) []string {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return append(out, s[1:])
			}
			out, s = append(out, s[1:end+1]), s[end+2:]
			continue
		}
		w, rest, _ := strings.Cut(s, " ")
		out, s = append(out, w), rest
	}
	return out
}

func (f *fakeIMAP) serve(nc net.Conn) {
	defer nc.Close()
	c := &fakeConn{r: bufio.NewReader(nc), w: bufio.NewWriter(nc)}
	c.send("* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR AUTH=PLAIN] fake ready")
	for {
		words, err := c.command()
		if err != nil || len(words) == 0 {
			return
		}
		tag := words[0]
		f.mu.Lock()
		f.tags = append(f.tags, tag)
		f.mu.Unlock()
		if len(words) < 2 {
			c.send("* BAD no command")
			continue
		}
		if !f.answer(c, tag, strings.ToUpper(words[1]), words[2:]) {
			return
		}
	}
}

// answer answers one command; false ends the connection.
func (f *fakeIMAP) answer(c *fakeConn, tag, verb string, args []string) bool {
	switch verb {
	case "CAPABILITY":
		c.send("* CAPABILITY IMAP4rev1 LITERAL+ SASL-IR AUTH=PLAIN")
		c.send("%s OK done", tag)
	case "LOGIN":
		f.login(c, tag, len(args) == 2 && args[1] == f.Password)
	case "AUTHENTICATE":
		resp := ""
		if len(args) > 1 {
			resp = args[1]
		} else {
			c.send("+ ")
			line, _ := c.r.ReadString('\n')
			resp = strings.TrimSpace(line)
		}
		raw, _ := base64.StdEncoding.DecodeString(resp)
		f.login(c, tag, strings.HasSuffix(string(raw), "\x00"+f.Password))
	case "SELECT":
		c.send(`* FLAGS (\Seen \Flagged)`)
		c.send("* %d EXISTS", f.Exists)
		c.send("* OK [UIDVALIDITY %d] UIDs valid", f.UIDValidity)
		c.send("%s OK [READ-WRITE] Select completed", tag)
	case "FETCH":
		if f.FetchNO {
			c.send("%s NO no such message", tag)
			break
		}
		c.send("* 1 FETCH (BODY[] {%d}\r\n%s)", len(f.Body), f.Body)
		c.send("%s OK Fetch completed", tag)
	case "NOOP":
		c.send("%s OK NOOP completed", tag)
	case "LOGOUT":
		c.send("* BYE Logging out")
		c.send("%s OK Logout completed", tag)
		return false
	default:
		c.send("%s BAD unknown command", tag)
	}
	return true
}

func (f *fakeIMAP) login(c *fakeConn, tag string, ok bool) {
	if ok {
		c.send("%s OK Logged in", tag)
		return
	}
	c.send("%s NO [AUTHENTICATIONFAILED] Authentication failed", tag)
}
