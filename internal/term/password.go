package term

import (
	"errors"
	"os"
	"strings"

	"github.com/chzyer/readline"
)

// ReadPassword asks for a secret at the terminal, without echo, and
// returns it without its line ending. It needs standard input to be a
// terminal.
func ReadPassword(prompt string) (string, error) {
	if !IsTerminal(os.Stdin) {
		return "", errors.New("cannot ask for a password: standard input is not a terminal")
	}
	b, err := readline.Password(prompt)
	return strings.TrimRight(string(b), "\r\n"), mapErr(err)
}
