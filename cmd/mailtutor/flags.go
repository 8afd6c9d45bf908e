package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/term"
)

// screenLang is the language of the usage pages and of the flag errors:
// --lang among the arguments, else the locale (run sets it before any
// flag is parsed, since a usage page may be printed during parsing).
var screenLang = i18n.English

// argsLang finds the language a command line asks for: the value of its
// --lang (-lang, --lang=zh), else LC_ALL / LC_MESSAGES / LANG.
func argsLang(args []string) i18n.Lang {
	for i, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			value = args[i+1]
		}
		if lang, err := i18n.Parse(value); err == nil {
			return lang
		}
	}
	return i18n.Detect(os.Getenv)
}

// parseInterleaved parses flags that may come before or after the
// positional arguments ("connect URL --insecure" works too). A bad flag
// is reported in screenLang after the usage page.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := parseFlags(fs, args); err != nil {
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

// parseFlags is fs.Parse with the flag package's own English error kept
// off the screen: the usage page, then the error in screenLang.
func parseFlags(fs *flag.FlagSet, args []string) error {
	out := fs.Output()
	fs.SetOutput(io.Discard) // the flag package's "flag provided but not defined: ..."
	usage := fs.Usage
	fs.Usage = func() { fs.SetOutput(out); usage(); fs.SetOutput(io.Discard) }
	err := fs.Parse(args)
	fs.SetOutput(out)
	fs.Usage = usage
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(out, "\n"+flagError(err, screenLang))
	}
	return err
}

// flagError is an error of the flag package in lang. The flag package
// has no typed errors: its messages are matched by their fixed start.
func flagError(err error, lang i18n.Lang) string {
	msg := err.Error()
	forms := []struct {
		prefix string
		key    i18n.Key
	}{
		{"flag provided but not defined: ", i18n.FlagUndefined},
		{"flag needs an argument: ", i18n.FlagNeedsValue},
		{"bad flag syntax: ", i18n.FlagBadSyntax},
	}
	for _, f := range forms {
		if rest, ok := strings.CutPrefix(msg, f.prefix); ok {
			return i18n.Textf(lang, f.key, rest)
		}
	}
	// invalid value "x" for flag -timeout: parse error
	if rest, ok := strings.CutPrefix(msg, "invalid "); ok {
		if _, after, ok := strings.Cut(rest, "value "); ok {
			value, flagName, _ := strings.Cut(after, " for ")
			flagName, _, _ = strings.Cut(strings.TrimPrefix(flagName, "flag "), ":")
			return i18n.Textf(lang, i18n.FlagBadValue, strings.Trim(value, `"`), flagName)
		}
	}
	return msg
}

// useColor decides on colour for standard output, given --no-color
// (see term.UseColor: a terminal, no NO_COLOR, no TERM=dumb).
func useColor(noColor bool) bool { return term.UseColor(noColor) }

// interactive reports whether a person is at the keyboard and the screen.
func interactive() bool { return term.Interactive() }

// newFlagSet is a flag set for "mailtutor NAME" whose usage is the page
// of key (formatted with args) then its flags, in screenLang: -h, --help
// and a bad flag print that (never Go's "Usage of NAME:"), to standard
// error.
func newFlagSet(name string, key i18n.Key, args ...any) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	setUsage(fs, key, args...)
	return fs
}

// setUsage gives fs the usage of newFlagSet.
func setUsage(fs *flag.FlagSet, key i18n.Key, args ...any) {
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprint(out, strings.TrimRight(i18n.Textf(screenLang, key, args...), "\n")+"\n")
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(out, "\n"+i18n.Text(screenLang, i18n.UsageFlags))
			printFlags(out, fs, screenLang)
		}
	}
}

// printFlags lists the flags of fs as flag.PrintDefaults does, with each
// help text in lang (i18n.FlagUsage) and the default in lang's words.
func printFlags(out io.Writer, fs *flag.FlagSet, lang i18n.Lang) {
	fs.VisitAll(func(fl *flag.Flag) {
		name, english := flag.UnquoteUsage(fl)
		help, ok := i18n.FlagUsage(lang, fl.Usage)
		if !ok && strings.HasSuffix(fl.Name, "-port") { // the lab's ports: one per service
			help = i18n.Textf(lang, i18n.UsageLabPort, strings.TrimSuffix(fl.Name, "-port"))
		} else if lang == i18n.English || !ok {
			help = english
		}
		line := "  -" + fl.Name
		if name != "" {
			line += " " + name
		}
		fmt.Fprintln(out, line)
		if shownDefault(fl) {
			help = withDefault(help, fl, lang)
		}
		fmt.Fprintln(out, "    \t"+strings.ReplaceAll(help, "\n", "\n    \t"))
	})
}

// withDefault is help followed by the flag's default in lang; in
// Chinese a help that ends in parentheses takes the default inside them
// (one pair: "（PEM；默认：x）").
func withDefault(help string, fl *flag.Flag, lang i18n.Lang) string {
	def := fl.DefValue
	if lang == i18n.English {
		if fmt.Sprintf("%T", fl.Value) == "*flag.stringValue" {
			def = fmt.Sprintf("%q", def)
		}
		return help + i18n.Textf(lang, i18n.UsageDefault, def)
	}
	extra := i18n.Textf(lang, i18n.UsageDefault, def)
	if inner, ok := strings.CutSuffix(help, "）"); ok {
		return inner + "；" + strings.TrimPrefix(extra, "（")
	}
	return help + extra
}

// shownDefault reports whether a flag's default is worth printing: not
// the zero value of its kind.
func shownDefault(fl *flag.Flag) bool {
	switch fl.DefValue {
	case "", "false", "0", "0s":
		return false
	}
	return true
}

// width is the number of terminal columns s takes: a CJK character two.
func width(s string) int {
	w := 0
	for _, r := range s {
		if r >= 0x1100 && utf8.RuneLen(r) > 1 {
			w += 2
		} else {
			w++
		}
	}
	return w
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
