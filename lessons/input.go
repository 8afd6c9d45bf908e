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
	// mask says, for the line typed so far, how many bytes at its start
	// a terminal shows in clear: the rest, a credential (the argument of
	// PASS, a password's answer to a SASL challenge), is drawn masked as
	// it is typed. A nil mask shows the whole line. It returns io.EOF at
	// the end of the input and ErrLineCancelled when the student threw
	// the line away (Ctrl-C).
	ReadLine(prompt string, mask Mask) (string, error)
	// Keep adds a line to the reader's history. The runner keeps only
	// lines that hold no credential, so none ever reaches a history.
	Keep(line string)
}

// Mask says how many bytes at the start of a line being typed are shown
// in clear (see LineReader).
type Mask func(line string) (shown int)

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

func (p *plainReader) ReadLine(prompt string, _ Mask) (string, error) {
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

// readLine asks for one line. In auto mode the model answer is typed.
// Typed lines are never echoed here: they may hold a password. What is
// sent is shown, masked, by the renderer.
func (r *runner) readLine(prompt, auto string, mask Mask) (string, error) {
	if r.auto {
		return auto, nil
	}
	for {
		line, err := r.lines.ReadLine(prompt, mask)
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

// remember keeps a typed line in the reader's history unless it holds a
// credential (then it was drawn masked as it was typed, see shownInClear).
func (r *runner) remember(typed string, exp codec.Expansion) {
	if !r.holdsSecret(typed, exp) {
		r.lines.Keep(typed)
	}
}
