package prompt

import (
	"fmt"
	"strings"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/protocol"
)

// helpText is the :help page for a command, or the list of all of them,
// in lang (English for a language the tool does not speak).
func helpText(p protocol.Protocol, arg string, lang i18n.Lang) string {
	lang = i18n.Resolve(lang)
	arg = strings.TrimSpace(arg)
	if arg != "" {
		return topicHelp(p, arg, lang)
	}
	var b strings.Builder
	b.WriteString(i18n.Textf(lang, i18n.HelpCommandList, strings.ToUpper(string(p))) + "\n")
	commands, _ := protocol.CommandsIn(p, lang) // Resolve leaves only supported languages
	for _, c := range commands {
		old := ""
		if c.Obsolete {
			old = i18n.Text(lang, i18n.HelpObsolete)
		}
		fmt.Fprintf(&b, "  %-9s %s%s\n", c.Name, firstSentence(c.Meaning), old)
	}
	b.WriteString("\n" + i18n.Text(lang, i18n.MetaHelp) + "\n")
	return b.String()
}

// commandHelpFound is the :help page of the command called name, looked
// up in p first and then in the other protocols, and whether there is
// one (else the page says there is none).
func commandHelpFound(p protocol.Protocol, name string, lang i18n.Lang) (string, bool) {
	if c, ok, _ := protocol.LookupCommandIn(p, name, lang); ok {
		return commandPage(c, lang), true
	}
	for _, d := range protocol.Dialects() {
		other := d.Protocol()
		if other == p {
			continue
		}
		if c, ok, _ := protocol.LookupCommandIn(other, name, lang); ok {
			note := i18n.Textf(lang, i18n.HelpOtherProtocol, c.Name, strings.ToUpper(string(other)), strings.ToUpper(string(p)))
			return note + "\n" + commandPage(c, lang), true
		}
	}
	return i18n.Textf(lang, i18n.HelpNoCommand, strings.ToUpper(string(p)), name) + "\n", false
}

// commandPage explains one command: syntax, meaning, when to use it.
func commandPage(c protocol.CommandInfo, lang i18n.Lang) string {
	lines := []string{
		i18n.Textf(lang, i18n.HelpTitle, c.Name, strings.ToUpper(string(c.Protocol)), c.RFC),
		i18n.Textf(lang, i18n.HelpSyntax, c.Syntax),
		i18n.Textf(lang, i18n.HelpMeaning, c.Meaning),
		i18n.Textf(lang, i18n.HelpWhen, c.State),
	}
	if c.Obsolete {
		lines = append(lines, i18n.Text(lang, i18n.HelpObsoleteNote))
	}
	return strings.Join(lines, "\n") + "\n"
}

// firstSentence cuts s after its first sentence, English or Chinese.
func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	if i := strings.Index(s, "。"); i > 0 {
		return s[:i+len("。")]
	}
	return s
}
