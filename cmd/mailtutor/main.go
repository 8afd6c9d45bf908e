// Command mailtutor is a telnet-style tutor and session recorder for SMTP
// and POP3: type raw commands at a real server and read every reply
// explained. With no arguments it starts the built-in practice lab and opens
// a prompt on it.
package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/mailtutor/mailtutor/internal/prompt"
	"github.com/mailtutor/mailtutor/lab"
	"github.com/mailtutor/mailtutor/protocol"
	"github.com/mailtutor/mailtutor/session"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// usageText is the text of "mailtutor help": %[1]s is the protocols, %[2]s
// the lab's services, %[3]s the URL schemes.
const usageText = `mailtutor - type %[1]s by hand, with every reply explained

Usage:
  mailtutor                      start the practice lab and open a prompt on it
  mailtutor connect [flags] URL  open a prompt on a live server
  mailtutor connect --lab [SERVICE]  the same on a lab service (%[2]s)
  mailtutor lab [flags]          run the practice lab until Ctrl-C
  mailtutor lab report DIR [--csv]  what each student did, from lab --record-dir DIR
  mailtutor replay [flags] FILE  play a transcript back, or --against URL to check a server
  mailtutor proxy --to URL       relay a real mail client to a server, explained and recorded
  mailtutor transcript export FILE --format md|html   a handout of a recorded session
  mailtutor transcript check FILE    load a transcript strictly, report line-numbered errors
  mailtutor lesson list          the built-in course; mailtutor lesson 1 starts the first lesson
  mailtutor explain TOPIC        a reply code, status code or extension keyword, without a server
  mailtutor version              print the version

URL schemes: %[3]s
Run "mailtutor connect -h" or "mailtutor lab -h" for their flags.
When standard input is not a terminal, lines are read from it as a script.
`

// usage is the text of "mailtutor help", naming the protocols, services and
// schemes that are registered.
func usage() string {
	var names []string
	for _, d := range protocol.Dialects() {
		names = append(names, strings.ToUpper(string(d.Protocol())))
	}
	protocols := strings.Join(names, ", ")
	if n := len(names); n > 1 {
		protocols = strings.Join(names[:n-1], ", ") + " and " + names[n-1]
	}
	schemes := wrap(session.Schemes(), len("URL schemes: "), 78)
	return fmt.Sprintf(usageText, protocols, strings.Join(lab.ServiceNames(), ", "), schemes)
}

// wrap lays out the comma-separated items of list in lines of at most
// width columns: the first line starts at column indent, the others are
// indented to it.
func wrap(list string, indent, width int) string {
	var b strings.Builder
	col := indent
	for i, item := range strings.Split(list, ", ") {
		switch {
		case i == 0:
		case col+len(", ")+len(item) > width:
			b.WriteString(",\n" + strings.Repeat(" ", indent))
			col = indent
		default:
			b.WriteString(", ")
			col += len(", ")
		}
		b.WriteString(item)
		col += len(item)
	}
	return b.String()
}

func main() {
	os.Exit(run(os.Args[1:]))
}

// run dispatches a subcommand and returns the exit status.
func run(args []string) int {
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
		fmt.Print(usage())
		return 0
	default:
		fmt.Fprintf(os.Stderr, "mailtutor: unknown command %q\n\n%s", args[0], usage())
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
	fmt.Fprintf(os.Stderr, "mailtutor: %v\n", err)
	return 1
}

// errUsage marks a command-line mistake (already reported).
var errUsage = errors.New("usage")

// errUnknownTopic: mailtutor explain knew nothing of its topic (already said).
var errUnknownTopic = errors.New("unknown topic")
