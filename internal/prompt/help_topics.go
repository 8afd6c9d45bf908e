package prompt

import (
	"strings"

	"github.com/mailtutor/mailtutor/internal/i18n"
	"github.com/mailtutor/mailtutor/protocol"
)

// topicHelp is the :help page of arg: a reply code (550, 5.7.1, -ERR
// [IN-USE], NO [TRYCREATE]), a command, an extension keyword (PIPELINING,
// ETRN), or what it is not. A command that is also a keyword (VRFY,
// STARTTLS) shows both.
func topicHelp(p protocol.Protocol, arg string, lang i18n.Lang) string {
	if codes, _ := protocol.LookupCode(arg, lang); len(codes) > 0 {
		var b strings.Builder
		for _, c := range codes {
			b.WriteString(codePage(c, lang))
		}
		return b.String()
	}
	word := strings.TrimPrefix(strings.Fields(arg)[0], ":")
	page, isCommand := commandHelpFound(p, word, lang)
	keywords := keywordPages(p, word, lang)
	switch {
	case isCommand:
		return page + keywords
	case keywords != "":
		return keywords
	}
	return page + i18n.Textf(lang, i18n.HelpNothing, word) + "\n"
}

// codePage explains one code looked up without a server.
func codePage(c protocol.CodeInfo, lang i18n.Lang) string {
	ex := c.Explanation
	lines := []string{i18n.Textf(lang, i18n.HelpTitle, c.Code, strings.ToUpper(string(c.Protocol)), ex.RFC)}
	for _, s := range []string{ex.Class, ex.Meaning, ex.Enhanced} {
		if s != "" {
			lines = append(lines, "  "+s)
		}
	}
	if ex.Next != "" {
		lines = append(lines, "  "+i18n.Text(lang, i18n.NextLabel)+ex.Next)
	}
	return strings.Join(lines, "\n") + "\n"
}

// keywordPages explains word as an extension keyword of p, then of the
// other protocols; "" when none advertises it.
func keywordPages(p protocol.Protocol, word string, lang i18n.Lang) string {
	order := []protocol.Protocol{p}
	for _, d := range protocol.Dialects() {
		if d.Protocol() != p {
			order = append(order, d.Protocol())
		}
	}
	var b strings.Builder
	for _, proto := range order {
		k, ok, _ := protocol.LookupKeyword(proto, word, lang)
		if !ok {
			continue
		}
		b.WriteString(i18n.Textf(lang, i18n.HelpKeywordHead, k.Name, strings.ToUpper(string(proto)), k.Command, k.RFC) + "\n")
		b.WriteString(i18n.Textf(lang, i18n.HelpMeaning, k.Meaning) + "\n")
	}
	return b.String()
}

// HelpPage is the :help page of topic as the prompt of a protocol p
// session shows it, for `mailtutor explain`: a reply code, a command or an
// extension keyword. known is false when topic is none of them.
func HelpPage(p protocol.Protocol, topic string, lang i18n.Lang) (page string, known bool) {
	lang = i18n.Resolve(lang)
	if strings.TrimSpace(topic) == "" {
		return helpText(p, "", lang), true
	}
	if codes, _ := protocol.LookupCode(topic, lang); len(codes) > 0 {
		return topicHelp(p, topic, lang), true
	}
	word := strings.TrimPrefix(strings.Fields(topic)[0], ":")
	_, isCommand := commandHelpFound(p, word, lang)
	known = isCommand || keywordPages(p, word, lang) != ""
	return topicHelp(p, topic, lang), known
}
