// Command mailtutor is a telnet-style tutor and session recorder for SMTP
// and POP3: type raw commands at a real server and read every reply
// explained. With no arguments it starts the built-in practice lab and opens
// a prompt on it.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"unicode"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/prompt"
	"github.com/mailtutor/mailtutor/lab"
	"github.com/mailtutor/mailtutor/lessons"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// usage is the text of "mailtutor help" in lang, naming the protocols,
// services and schemes that are registered.
func usage(lang i18n.Lang) string {
	var names []string
	for _, d := range protocol.Dialects() {
		names = append(names, strings.ToUpper(string(d.Protocol())))
	}
	protocols := strings.Join(names, listSep(lang))
	if n := len(names); n > 1 {
		protocols = strings.Join(names[:n-1], listSep(lang)) + i18n.Text(lang, i18n.UsageAnd) + names[n-1]
	}
	return i18n.Textf(lang, i18n.UsageMain, protocols, strings.Join(lab.ServiceNames(), listSep(lang)), schemeList(lang), "transcript")
}

// listSep separates the items of a list in lang: ", " or "、".
func listSep(lang i18n.Lang) string {
	if lang == i18n.Chinese {
		return "、"
	}
	return ", "
}

// schemeList is the URL schemes with their ports, laid out after the
// "URL schemes: " of lang in lines of 78 columns.
func schemeList(lang i18n.Lang) string {
	if lang != i18n.Chinese {
		return wrap(session.Schemes(), len("URL schemes: "), 78)
	}
	items := strings.Split(session.SchemesIn(lang), "、")
	return wrapSep(items, "、", width(i18n.Text(lang, i18n.UsageSchemes)), 78)
}

// wrap lays out the comma-separated items of list in lines of at most
// width columns: the first line starts at column indent, the others are
// indented to it.
func wrap(list string, indent, width int) string {
	return wrapSep(strings.Split(list, ", "), ", ", indent, width)
}

// wrapSep is wrap for items joined by sep (", ", "、"); a line broken
// after an item keeps sep at its end.
func wrapSep(items []string, sep string, indent, cols int) string {
	var b strings.Builder
	col := indent
	for i, item := range items {
		switch {
		case i == 0:
		case col+width(sep)+width(item) > cols:
			b.WriteString(strings.TrimRight(sep, " ") + "\n" + strings.Repeat(" ", indent))
			col = indent
		default:
			b.WriteString(sep)
			col += width(sep)
		}
		b.WriteString(item)
		col += width(item)
	}
	return b.String()
}

func main() {
	os.Exit(run(os.Args[1:]))
}

// run dispatches a subcommand and returns the exit status.
func run(args []string) int {
	screenLang = argsLang(args)
	if len(args) == 0 {
		return runConnect([]string{"--lab"})
	}
	var err error
	switch args[0] {
	case "connect":
		return runConnect(args[1:])
	case "lab":
		err = runLab(args[1:])
	case "replay":
		return exitCode(runReplay(args[1:]))
	case "proxy":
		err = runProxy(args[1:])
	case "transcript":
		err = runTranscript(args[1:])
	case "lesson", "lessons":
		err = runLesson(args[1:])
	case "explain":
		err = runExplain(args[1:])
	case "version", "--version", "-version":
		fmt.Printf("mailtutor %s\n", version)
		return 0
	case "help", "-h", "--help":
		fmt.Print(usage(screenLang))
		return 0
	default:
		if strings.HasPrefix(args[0], "-") {
			// flags of the default job: "mailtutor --lang zh", "mailtutor --no-color"
			return runConnect(append([]string{"--lab"}, args...))
		}
		fmt.Fprintf(os.Stderr, "%s\n\n%s", i18n.Textf(screenLang, i18n.UsageUnknownCommand, args[0]), usage(screenLang))
		return 2
	}
	return exitCode(err)
}

func exitCode(err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, prompt.ErrScript), errors.Is(err, prompt.ErrConnectionLost), errors.Is(err, errUnknownTopic):
		return 1 // already shown
	}
	fmt.Fprintf(os.Stderr, "mailtutor%s%v\n", i18n.Text(screenLang, i18n.ErrorPrefix), localizeError(err, screenLang))
	return 1
}

// localizeError is err in lang where the packages under the command
// have typed errors with words for it (a lesson's, a session's).
// An error no package has words for gets, in Chinese, a sentence on its
// kind with Go's own text kept as the detail after "原文：".
func localizeError(err error, lang i18n.Lang) error {
	l := lessons.Localize(err, lang)
	if lang == i18n.English || l != err || strings.ContainsFunc(err.Error(), isHan) {
		return l // English, localized, or made in lang already (a TLS error)
	}
	kind := i18n.ErrOther
	switch {
	case errors.Is(err, fs.ErrNotExist):
		kind = i18n.ErrNotExist
	case errors.Is(err, fs.ErrPermission):
		kind = i18n.ErrPermission
	case errors.Is(err, syscall.EADDRINUSE):
		kind = i18n.ErrAddrInUse
	}
	return fmt.Errorf("%s%w", i18n.Text(lang, kind)+i18n.Text(lang, i18n.ErrDetail), err)
}

// errUsage marks a command-line mistake (already reported).
var errUsage = errors.New("usage")

// errUnknownTopic: mailtutor explain knew nothing of its topic (already said).
var errUnknownTopic = errors.New("unknown topic")

// isHan reports a Chinese character.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }
