package main

import (
	"flag"
	"fmt"
	"strings"

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

// newFlagSet is a flag set for "mailtutor NAME" whose usage is the lines
// of use given, then its flags: -h, --help and a bad flag print that
// (never Go's "Usage of NAME:"), to standard error.
func newFlagSet(name, use string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	setUsage(fs, use)
	return fs
}

// setUsage gives fs the usage of newFlagSet.
func setUsage(fs *flag.FlagSet, use string) {
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprint(out, strings.TrimRight(use, "\n")+"\n")
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(out, "\nFlags:")
			fs.PrintDefaults()
		}
	}
}

// commonFlags registers on fs the flags every subcommand takes alike,
// --no-color and --lang, unless fs has them already; it returns where
// their values go.
func commonFlags(fs *flag.FlagSet) (noColor *bool, lang *string) {
	noColor, lang = new(bool), new(string)
	if fs.Lookup("no-color") == nil {
		fs.BoolVar(noColor, "no-color", false, "plain text, no colour (NO_COLOR in the environment does the same)")
	}
	if fs.Lookup("lang") == nil {
		fs.StringVar(lang, "lang", "", "language: en or zh (default from LC_ALL / LANG)")
	}
	return noColor, lang
}
