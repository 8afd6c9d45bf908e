package lab

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"github.com/mailtutor/mailtutor/protocol"
)

// pop3Command is one parsed POP3 command line.
type pop3Command struct {
	Verb string   // upper case keyword
	Args []string // arguments, their number checked against the syntax table
}

// pop3Syntax describes the arguments of one POP3 command.
type pop3Syntax struct {
	min, max int
	usage    string // the catalog's syntax, shown in "-ERR Syntax: ..."
	rest     bool   // the single argument is the rest of the line, spaces included
}

// pop3RestOfLine lists the commands whose one argument is the rest of the
// line: RFC 1939 section 7 lets a password hold spaces, and real servers
// read it so.
var pop3RestOfLine = map[string]bool{"PASS": true}

// pop3Commands is every command the lab knows: the POP3 command catalog of
// the protocol package (the one :help shows), each with a handler here.
var pop3Commands = catalogSyntax(protocol.POP3, pop3Verbs())

// pop3Verbs lists the verbs that have a handler in some state.
func pop3Verbs() map[string]bool {
	verbs := map[string]bool{}
	for _, handlers := range pop3Handlers {
		for verb := range handlers {
			verbs[verb] = true
		}
	}
	return verbs
}

// catalogSyntax reads the argument syntax of the commands of p that the
// lab handles from the protocol package's catalog.
func catalogSyntax(p protocol.Protocol, handled map[string]bool) map[string]pop3Syntax {
	out := map[string]pop3Syntax{}
	for _, c := range protocol.Commands(p) {
		if !handled[c.Name] {
			continue
		}
		lo, hi := arity(c.Syntax)
		out[c.Name] = pop3Syntax{min: lo, max: hi, usage: c.Syntax, rest: pop3RestOfLine[c.Name]}
	}
	return out
}

// arity counts the <arguments> of a catalog syntax line such as
// "AUTH [<mechanism> [SP <initial-response>]]": each one counts towards
// the most, and those outside [ ] towards the least.
func arity(syntax string) (lo, hi int) {
	depth := 0
	for _, r := range syntax {
		switch r {
		case '[':
			depth++
		case ']':
			depth--
		case '<':
			hi++
			if depth == 0 {
				lo++
			}
		}
	}
	return lo, hi
}

// errPOP3Unknown is returned for a keyword the lab does not know.
var errPOP3Unknown = errors.New("unknown command")

// pop3SyntaxError is a known command with the wrong number of arguments.
type pop3SyntaxError struct{ usage string }

func (e pop3SyntaxError) Error() string { return "Syntax: " + e.usage }

// parsePOP3Command parses a command line (without CRLF): a case-insensitive
// keyword, then arguments separated by spaces.
func parsePOP3Command(line string) (pop3Command, error) {
	verb, rest, _ := strings.Cut(line, " ")
	cmd := pop3Command{Verb: strings.ToUpper(verb)}
	syntax, ok := pop3Commands[cmd.Verb]
	if !ok {
		return cmd, errPOP3Unknown
	}
	if syntax.rest {
		if rest != "" {
			cmd.Args = []string{rest}
		}
	} else {
		cmd.Args = strings.Fields(rest)
	}
	if len(cmd.Args) < syntax.min || len(cmd.Args) > syntax.max {
		return cmd, pop3SyntaxError{syntax.usage}
	}
	return cmd, nil
}

// parseNumber reads a message number or a line count: decimal digits only.
func parseNumber(arg string) (int, bool) {
	if arg == "" || len(arg) > 9 || strings.TrimLeft(arg, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(arg)
	return n, err == nil
}

// topOf returns the header, the blank line and the first lines lines of the
// body of a CRLF message (RFC 1939 TOP).
func topOf(data []byte, lines int) []byte {
	end := bytes.Index(data, []byte("\r\n\r\n"))
	if end < 0 {
		return data // all header, no body
	}
	end += len("\r\n\r\n")
	for body := data[end:]; lines > 0 && len(body) > 0; lines-- {
		next := bytes.Index(body, []byte("\r\n"))
		if next < 0 {
			return data
		}
		end += next + 2
		body = body[next+2:]
	}
	return data[:end]
}

// writeDotStuffed queues a multi-line body: every line ends in CRLF, a line
// starting with "." gets one more (protocol.DotStuff), and a line holding
// "." ends the response.
func (w *wire) writeDotStuffed(data []byte) {
	text := string(data) // one copy; the lines below are slices of it
	for text != "" {
		line, rest, _ := strings.Cut(text, "\n")
		w.w.WriteString(protocol.DotStuff(strings.TrimSuffix(line, "\r")))
		w.w.WriteString("\r\n")
		text = rest
	}
	w.w.WriteString(".\r\n")
}
