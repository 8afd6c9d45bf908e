// Command mailtutor is a telnet-style tutor and session recorder for SMTP
// and POP3: type raw commands at a real server and read every reply
// explained. With no arguments it starts the built-in practice lab and opens
// a prompt on it.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/mailtutor/mailtutor/internal/prompt"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

const usage = `mailtutor - type SMTP and POP3 by hand, with every reply explained

Usage:
  mailtutor                      start the practice lab and open a prompt on it
  mailtutor connect [flags] URL  open a prompt on a live server
  mailtutor connect --lab [SERVICE]  the same on a lab service (smtp, submission, smtps, pop3, pop3s)
  mailtutor lab [flags]          run the practice lab until Ctrl-C
  mailtutor replay [flags] FILE  play a transcript back, or --against URL to check a server
  mailtutor transcript export FILE --format md|html   a handout of a recorded session
  mailtutor transcript check FILE    load a transcript strictly, report line-numbered errors
  mailtutor lesson list          the built-in course; mailtutor lesson 1 starts the first lesson
  mailtutor version              print the version

URL schemes: smtp:// (25), submission:// (587), smtps:// (465, TLS),
             pop3:// (110), pop3s:// (995, TLS)
Run "mailtutor connect -h" or "mailtutor lab -h" for their flags.
When standard input is not a terminal, lines are read from it as a script.
`

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
	case "transcript":
		err = runTranscript(args[1:])
	case "lesson", "lessons":
		err = runLesson(args[1:])
	case "version", "--version", "-version":
		fmt.Printf("mailtutor %s\n", version)
		return 0
	case "help", "-h", "--help":
		fmt.Print(usage)
		return 0
	default:
		fmt.Fprintf(os.Stderr, "mailtutor: unknown command %q\n\n%s", args[0], usage)
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
	case errors.Is(err, prompt.ErrScript):
		return 1
	}
	fmt.Fprintf(os.Stderr, "mailtutor: %v\n", err)
	return 1
}

// errUsage marks a command-line mistake (already reported).
var errUsage = errors.New("usage")
