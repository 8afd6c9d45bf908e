package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/mailtutor/mailtutor/internal/prompt"
	"github.com/mailtutor/mailtutor/protocol"
)

// explainUsage is the help of "mailtutor explain".
const explainUsage = `Usage: mailtutor explain [--lang en|zh] [--protocol smtp|pop3|imap] TOPIC

Explains, without a server, what :help TOPIC explains at the prompt:
  a reply code            mailtutor explain 550 5.7.1
  an enhanced status code mailtutor explain 5.7.1
  a POP3 or IMAP code     mailtutor explain -ERR [IN-USE]    mailtutor explain NO [TRYCREATE]
  an extension keyword    mailtutor explain CHUNKING         mailtutor explain AUTH=PLAIN
  a command               mailtutor explain --protocol pop3 RETR
The words of TOPIC are one topic; the exit status is 1 when it is unknown.
`

// runExplain is "mailtutor explain": :help without a server. Its own
// words start with "-" (-ERR), so only the flags it knows are flags.
func runExplain(args []string) error {
	var words []string
	langFlag, proto := "", protocol.SMTP
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		isFlag := strings.HasPrefix(a, "-") && (name == "lang" || name == "protocol" || name == "no-color" || name == "h" || name == "help")
		switch {
		case !isFlag:
			words = append(words, a)
		case name == "h" || name == "help":
			fmt.Print(explainUsage)
			return nil
		case name == "no-color": // the page has no colour
		case !hasValue && i+1 >= len(args):
			fmt.Fprintf(os.Stderr, "mailtutor explain: %s needs a value\n\n%s", a, explainUsage)
			return errUsage
		default:
			if !hasValue {
				i++
				value = args[i]
			}
			if name == "lang" {
				langFlag = value
				continue
			}
			if _, ok := protocol.Lookup(protocol.Protocol(strings.ToLower(value))); !ok {
				fmt.Fprintf(os.Stderr, "mailtutor explain: unknown protocol %q\n", value)
				return errUsage
			}
			proto = protocol.Protocol(strings.ToLower(value))
		}
	}
	lang, err := pickUILang(langFlag)
	if err != nil {
		return err
	}
	if len(words) == 0 {
		fmt.Print(explainUsage)
		return errUsage
	}
	page, known := prompt.HelpPage(proto, strings.Join(words, " "), lang)
	fmt.Print(page)
	if !known {
		return errUnknownTopic
	}
	return nil
}
