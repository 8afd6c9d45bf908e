package lab

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

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

// writeDotStuffed queues a multi-line body held in memory (a CAPA list);
// see writeDotStuffedFrom.
func (w *wire) writeDotStuffed(data []byte) {
	_ = w.writeDotStuffedFrom(bytes.NewReader(data), -1)
}

// writeDotStuffedFrom queues a multi-line body streamed from r: every line
// ends in CRLF (a bare LF becomes CRLF, a missing last one is added), a
// line starting with "." gets one more (RFC 1939 byte-stuffing), and a line
// holding "." ends the response. With top >= 0 only the header, the blank
// line and the first top lines of the body are sent (RFC 1939 TOP). It
// reads in chunks, so neither the message nor a long line is ever whole in
// memory; writes fail later, at flush.
func (w *wire) writeDotStuffedFrom(r io.Reader, top int) error {
	if w.conn != nil {
		if err := w.conn.SetWriteDeadline(time.Now().Add(w.idle)); err != nil {
			return fmt.Errorf("set write deadline: %w", err)
		}
	}
	in := bufio.NewReaderSize(r, dataChunk)
	atStart, pendingCR, inHeader := true, false, true
	for !(top == 0 && !inHeader) { // top < 0 never reaches 0
		chunk, err := in.ReadSlice('\n')
		full, eof := errors.Is(err, bufio.ErrBufferFull), errors.Is(err, io.EOF)
		if err != nil && !full && !eof {
			return err
		}
		if eof && len(chunk) == 0 {
			if pendingCR {
				w.w.WriteString("\r\n") // a last line ending in CR without LF
			}
			break
		}
		if atStart && chunk[0] == '.' {
			w.w.WriteByte('.')
		}
		if pendingCR && !(len(chunk) == 1 && chunk[0] == '\n') {
			w.w.WriteByte('\r') // the CR held back was data, not half of a CRLF
		}
		pendingCR = false
		if full {
			chunk, pendingCR = bytes.CutSuffix(chunk, []byte{'\r'})
			w.w.Write(chunk)
			atStart = false
			continue
		}
		line := bytes.TrimSuffix(bytes.TrimSuffix(chunk, []byte{'\n'}), []byte{'\r'})
		w.w.Write(line)
		w.w.WriteString("\r\n")
		switch {
		case inHeader && atStart && len(line) == 0:
			inHeader = false
		case !inHeader && top > 0:
			top--
		}
		atStart = true
		if eof {
			break
		}
	}
	w.w.WriteString(".\r\n")
	return nil
}
