// Package glossary reads the machine-read tables of the project's Chinese
// glossary (docs/glossary-zh.md) - the ruled-out words and the typography
// rules - and checks a Chinese text against them. Tests use it: the
// walk over every Chinese string of the module (internal/i18n) and the
// checks of composed sentences (protocol).
package glossary

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"unicode"
)

// Rule is one row of a machine-read table: a regular expression that
// must not match Chinese text, and what to write instead.
type Rule struct {
	Table  string // "ruled out" or "typography"
	Re     *regexp.Regexp
	Advice string
}

// Finding is one rule matched in one text, at a byte offset of the text.
type Finding struct {
	Rule  Rule
	Match string
	At    int
}

// Advice is what to write instead of the match: the rule's advice, or,
// for a %q, the quotes to use.
func (f Finding) Advice() string {
	if strings.HasPrefix(f.Match, "%") {
		return "%q prints ASCII quotes: write “%s”"
	}
	return f.Rule.Advice
}

// File is the glossary's path in the module.
const File = "docs/glossary-zh.md"

// Load reads the rules of the glossary in the source tree this package
// was built from (tests run there).
func Load() ([]Rule, error) {
	_, here, _, ok := runtime.Caller(0)
	if !ok {
		return nil, errors.New("glossary: cannot find the source tree")
	}
	path := filepath.Join(filepath.Dir(here), "..", "..", File)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	rules, err := Parse(string(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rules, nil
}

// Parse reads the rows of the tables whose heading says "(machine-read)":
// in "Ruled out", the first cell is the pattern, then what to use instead
// and why; in "Typography", the rule, the pattern, the advice. Patterns
// are Go regular expressions in a code span; "\|" is a bar in a cell.
func Parse(glossary string) ([]Rule, error) {
	var rules []Rule
	section := ""
	for i, line := range strings.Split(glossary, "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			section = ""
			if strings.Contains(line, "(machine-read)") {
				section = strings.ToLower(strings.TrimSpace(strings.TrimSuffix(line[3:], "(machine-read)")))
			}
			continue
		case section == "" || !strings.HasPrefix(line, "|"):
			continue
		}
		cells := tableCells(line)
		if len(cells) != 3 || !strings.HasPrefix(cells[0], "`") && !strings.HasPrefix(cells[1], "`") {
			continue // header or separator
		}
		pattern, advice := cells[0], cells[1]+" ("+cells[2]+")"
		if section == "typography" {
			pattern, advice = cells[1], cells[0]+": "+cells[2]
		}
		re, err := regexp.Compile(unBacktick(pattern))
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		rules = append(rules, Rule{section, re, advice})
	}
	if len(rules) == 0 {
		return nil, errors.New("no machine-read rules")
	}
	return rules, nil
}

// tableCells splits a Markdown table row at the bars that are not
// escaped ("\|" is a bar inside a cell).
func tableCells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|")
	var cells []string
	var cell strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			cell.WriteByte('|')
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(cell.String()))
			cell.Reset()
		default:
			cell.WriteByte(line[i])
		}
	}
	return append(cells, strings.TrimSpace(cell.String()))
}

// unBacktick returns the code of a Markdown code span (`x` or “ x “).
func unBacktick(s string) string {
	n := len(s) - len(strings.TrimLeft(s, "`"))
	s = strings.TrimSuffix(strings.TrimPrefix(s, strings.Repeat("`", n)), strings.Repeat("`", n))
	if n > 1 {
		s = strings.TrimSpace(s)
	}
	return s
}

// Parts of a string that are not Chinese prose: a fmt verb, an inline
// helper as typed ({mutf7:已发送}), and a command in ASCII (an upper-case
// word, possibly after a tag, or a prompt command such as :append, with
// its ASCII arguments, as in `a1 LIST "" *`), and a header field with an
// ASCII value (`Content-Type: multipart/mixed; boundary="b1"`).
var (
	formatVerb   = regexp.MustCompile(`%[-+# 0]*(\[\d+\])?[0-9*]*(\.[0-9*]+)?[a-zA-Z%]`)
	inlineHelper = regexp.MustCompile(`\{[a-z0-9]+:[^}]*\}`)
	headerField  = regexp.MustCompile(`\b[A-Z][A-Za-z0-9-]*[A-Za-z0-9]:( +[!-~]*[!-~])+`)
	asciiCommand = regexp.MustCompile(`(\b[a-z]\d+ )?(\b[A-Z][A-Z0-9-]+|:[a-z][a-z0-9]*)( +[!-~]*["*\\][!-~]*| +[(A-Z0-9"*\\%<{][!-~]*)*`)
)

// Check returns what of rules text breaks. A text that holds no CJK
// ideograph is not Chinese and passes. Verbs, inline helpers and ASCII
// commands are masked first (by characters of the same byte length, so
// offsets stay true); %q becomes an ASCII quote, since it prints one.
func Check(rules []Rule, text string) []Finding {
	if !IsChinese(text) {
		return nil
	}
	masked := mask(text)
	var out []Finding
	for _, r := range rules {
		for _, loc := range r.Re.FindAllStringIndex(masked, -1) {
			out = append(out, Finding{r, text[loc[0]:loc[1]], loc[0]})
		}
	}
	return out
}

// mask replaces what is not prose by "□"-neutral bytes of the same length.
func mask(text string) string {
	blank := func(s string) string { return strings.Repeat("\x00", len(s)) }
	s := formatVerb.ReplaceAllStringFunc(text, func(v string) string {
		if strings.HasSuffix(v, "q") {
			return `"` + strings.Repeat("\x00", len(v)-1)
		}
		return blank(v)
	})
	s = inlineHelper.ReplaceAllStringFunc(s, blank)
	s = headerField.ReplaceAllStringFunc(s, func(h string) string {
		if !strings.Contains(h, `"`) {
			return h
		}
		return blank(h)
	})
	return asciiCommand.ReplaceAllStringFunc(s, func(c string) string {
		if !strings.ContainsAny(c, `"*\`) {
			return c // a keyword alone keeps its spacing rules
		}
		return blank(c)
	})
}

// englishWord matches the small words of an English sentence.
var englishWord = regexp.MustCompile(`\b(the|an?|is|are|as|of|to|in|on|and|or|be|may|it|its|for|with|by|not|this|that|you|your)\b`)

// option matches a command-line option (--to), not an English word.
var option = regexp.MustCompile(`--[a-z][a-z-]*`)

// IsChinese reports whether text is Chinese: it holds a CJK ideograph and
// is not an English sentence quoting a Chinese example ("Subject
// "第一封中文邮件" as an encoded word").
func IsChinese(text string) bool {
	words := englishWord.FindAllString(option.ReplaceAllString(mask(text), ""), 3)
	return HasIdeograph(text) && len(words) < 2
}

// HasIdeograph reports whether s holds a CJK ideograph.
func HasIdeograph(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}
