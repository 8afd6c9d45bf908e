package main

import (
	"flag"

	"github.com/mailtutor/mailtutor/internal/term"
)

// parseInterleaved parses flags that may come before or after the
// positional arguments ("connect URL --insecure" works too).
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// useColor decides on colour for standard output, given --no-color
// (see term.UseColor: a terminal, no NO_COLOR, no TERM=dumb).
func useColor(noColor bool) bool { return term.UseColor(noColor) }

// interactive reports whether a person is at the keyboard and the screen.
func interactive() bool { return term.Interactive() }
