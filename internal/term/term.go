// Package term is mailtutor's terminal, in one place: whether a stream is
// a terminal, whether to paint in colour, how many columns text takes, and
// the line editor (github.com/chzyer/readline) with its masked input.
//
// Nothing else in mailtutor imports readline, go-isatty or fatih/color:
// the prompt, the lessons' line editor, the renderer and the command ask
// this package.
package term

import (
	"os"
	"strings"

	"github.com/fatih/color"
	"github.com/mattn/go-isatty"
)

// IsTerminal reports whether f is a terminal.
func IsTerminal(f *os.File) bool { return f != nil && isatty.IsTerminal(f.Fd()) }

// Interactive reports whether a person is at the keyboard and the screen:
// standard input and standard output are both terminals.
func Interactive() bool { return IsTerminal(os.Stdin) && IsTerminal(os.Stdout) }

// UseColor decides on colour for standard output: none with --no-color
// (noColor), with NO_COLOR set to anything, with TERM=dumb, or when the
// output is not a terminal.
func UseColor(noColor bool) bool {
	return colorAllowed(noColor, os.Getenv) && IsTerminal(os.Stdout) && !color.NoColor
}

// colorAllowed is the part of the decision the user makes.
func colorAllowed(noColor bool, getenv func(string) string) bool {
	return !noColor && getenv("NO_COLOR") == "" && !strings.EqualFold(getenv("TERM"), "dumb")
}
