package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/internal/prompt"
	"github.com/mailtutor/mailtutor/protocol"
)

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
			fmt.Print(i18n.Text(screenLang, i18n.UsageExplain))
			return nil
		case name == "no-color": // the page has no colour
		case !hasValue && i+1 >= len(args):
			fmt.Fprintf(os.Stderr, "mailtutor explain: %s\n\n%s", i18n.Textf(screenLang, i18n.FlagNeedsValue, a), i18n.Text(screenLang, i18n.UsageExplain))
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
				fmt.Fprintln(os.Stderr, i18n.Textf(screenLang, i18n.ExplainNoProtocol, value))
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
		fmt.Print(i18n.Text(screenLang, i18n.UsageExplain))
		return errUsage
	}
	page, known := prompt.HelpPage(proto, strings.Join(words, " "), lang)
	fmt.Print(page)
	if !known {
		return errUnknownTopic
	}
	return nil
}
