package lessons

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/mailtutor/mailtutor/codec"
	"github.com/mailtutor/mailtutor/protocol"
)

// LineReader is where a student's lines come from. The runner reads
// standard input line by line unless it is given another LineReader, such
// as the terminal line editor of package lessons/lineedit.
type LineReader interface {
	// ReadLine shows prompt and reads one line, without its line ending.
	// secret says the runner expects a credential (a password, a SASL
	// answer): a terminal masks it as it is typed. It returns io.EOF at
	// the end of the input and ErrLineCancelled when the student threw the
	// line away (Ctrl-C).
	ReadLine(prompt string, secret bool) (string, error)
	// Keep adds a line to the reader's history. The runner keeps only
	// lines that hold no credential, so none ever reaches a history.
	Keep(line string)
	// Conceal hides the line just read, which turned out to hold a
	// credential although it was not read as a secret.
	Conceal()
}

// ErrLineCancelled is what a LineReader returns for a line the student
// threw away; the runner asks again.
var ErrLineCancelled = errors.New("line cancelled")

// plainReader reads lines from a pipe or a file: nothing is echoed, since
// the input is not a terminal; the prompt is written, then a line break.
type plainReader struct {
	in   *bufio.Scanner
	out  Output
	echo bool
}

func newPlainReader(in io.Reader, out Output, echo bool) *plainReader {
	if in == nil {
		in = strings.NewReader("")
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	return &plainReader{in: sc, out: out, echo: echo}
}

func (p *plainReader) ReadLine(prompt string, _ bool) (string, error) {
	if prompt != "" {
		p.out.Prompt(prompt)
	}
	if !p.in.Scan() {
		if err := p.in.Err(); err != nil {
			return "", err
		}
		return "", io.EOF
	}
	if p.echo && prompt != "" {
		p.out.Text("")
	}
	return strings.TrimRight(p.in.Text(), "\r"), nil
}

func (p *plainReader) Keep(string) {}
func (p *plainReader) Conceal()    {}

// readLine asks for one line. In auto mode the model answer is typed.
// Typed lines are never echoed here: they may hold a password. What is
// sent is shown, masked, by the renderer.
func (r *runner) readLine(prompt, auto string, secret bool) (string, error) {
	if r.auto {
		return auto, nil
	}
	for {
		line, err := r.lines.ReadLine(prompt, secret)
		switch {
		case errors.Is(err, ErrLineCancelled):
			continue
		case errors.Is(err, io.EOF):
			return "", ErrInputEnded
		case err != nil:
			return "", fmt.Errorf("read the student's line: %w", err)
		}
		return line, nil
	}
}

// expectsSecret reports whether the line a step asks for is a credential:
// the answer to a SASL challenge, or a model answer that carries one.
func (r *runner) expectsSecret(answer string) bool {
	if r.c.inAuth() {
		return true
	}
	exp, err := codec.Expand(answer, r.c.context())
	return err == nil && r.holdsSecret(answer, exp)
}

// holdsSecret reports whether a typed line carries a credential: a helper
// that makes one, PASS, APOP, AUTH with an initial response, or any line
// typed as the answer to a SASL challenge.
func (r *runner) holdsSecret(typed string, exp codec.Expansion) bool {
	if exp.Secret || r.c.inAuth() || isHelper(typed) && !strings.HasPrefix(strings.ToLower(typed), ":unb64") {
		return true
	}
	proto, st := protocol.Protocol(r.c.context().Protocol), r.c.state()
	_, _, secret := protocol.RedactIn(proto, exp.Send, st)
	if !secret {
		_, _, secret = protocol.RedactIn(proto, typed, st)
	}
	return secret
}

// remember keeps a typed line in the reader's history, or hides it when
// it held a credential that was not typed masked.
func (r *runner) remember(typed string, exp codec.Expansion, masked bool) {
	switch {
	case !r.holdsSecret(typed, exp):
		r.lines.Keep(typed)
	case !masked:
		r.lines.Conceal()
	}
}
